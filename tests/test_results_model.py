"""Derived figures, trend summaries, gaps, orders, the league table and charts of the results model."""

import xml.etree.ElementTree as ET
from dataclasses import fields

import pytest

from congkhai.charts import chart
from congkhai.results.counts import DOSSIER_COUNTS, INCOMING, OUTGOING
from congkhai.month import months_between
from congkhai.results.model import Figures, Point, Series, build_results
from congkhai.results.ranking import COLUMNS, DEFAULT_ORDER, ORDERS, league, ordered
from congkhai.schema import Agency, Domain, MonthlyReport, ResultRow

AGENCIES = {slug: Agency(slug=slug, ten=name, cap="xa", dia_chi="1 Phố Huế")
            for slug, name in [("a", "Ủy ban nhân dân xã An"), ("b", "Ủy ban nhân dân xã Bình"),
                               ("c", "Ủy ban nhân dân xã Cát")]}
DOMAINS = {"ho-tich": Domain(slug="ho-tich", ten="Hộ tịch")}


def report(agency: str, ky: str, *, resolved: int = 100, late: int = 0, letters: int = 0, overdue: int = 0,
           surveyed: int | None = None) -> MonthlyReport:
    """A report of one field: ``resolved`` dossiers received and resolved, ``late`` of them late."""
    row = {"linh_vuc": "ho-tich", "tu_ky_truoc": 0, "truc_tuyen": resolved + overdue, "truc_tiep": 0,
           "buu_chinh": 0, "truoc_han": resolved - late, "dung_han": 0, "qua_han": late,
           "dang_trong_han": 0, "dang_qua_han": overdue}
    survey = None if surveyed is None else {"so_phieu": 100, "rat_hai_long": surveyed, "hai_long": 0,
                                            "chua_hai_long": 100 - surveyed}
    return MonthlyReport(co_quan=agency, ky=ky, ho_so=[row], xin_loi=letters, hai_long=survey)


def results(*reports: MonthlyReport):
    return build_results(list(reports), AGENCIES, DOMAINS)


def test_figures_of_the_contract():
    f = Figures(carried=12, online=120, in_person=30, post=2, early=100, on_time=40, late=2,
                pending_within=20, pending_overdue=2)
    assert (f.received_in_month, f.received, f.resolved, f.pending) == (152, 164, 142, 22)
    assert f.on_time_rate == 140 / 142
    assert f.online_share == 120 / 152
    assert (f + f).received == 328


def test_the_nine_counts_are_the_rows_keys_and_the_figures_attributes():
    assert [c.key for c in DOSSIER_COUNTS] == [k for k in ResultRow.model_fields if k != "linh_vuc"]
    assert [c.name for c in DOSSIER_COUNTS] == [f.name for f in fields(Figures)]
    assert [c.key for c in INCOMING] == ["tu_ky_truoc", "truc_tuyen", "truc_tiep", "buu_chinh"]
    assert [c.key for c in OUTGOING] == ["truoc_han", "dung_han", "qua_han", "dang_trong_han", "dang_qua_han"]
    row = ResultRow(linh_vuc="ho-tich", **{c.key: i for i, c in enumerate(DOSSIER_COUNTS)})
    assert Figures.of_row(row).counts() == row.model_dump(exclude={"linh_vuc"})


def test_rates_of_nothing_are_unknown():
    assert Figures().on_time_rate is None
    assert Figures().online_share is None


def test_summary_says_the_change_in_points():
    series = Series("dung-han", "Tỷ lệ đúng hạn", "%", [Point("2026-09", 0.961), Point("2026-10", 0.972)])
    assert series.summary == "Tháng 10/2026: tỷ lệ đúng hạn 97,2%, tăng 1,1 điểm so với tháng trước."


def test_summary_of_counts_and_of_no_change():
    volume = Series("tiep-nhan", "Hồ sơ tiếp nhận trong tháng", "", [Point("2026-09", 1300), Point("2026-10", 1234)])
    assert volume.summary == "Tháng 10/2026: hồ sơ tiếp nhận trong tháng 1.234, giảm 66 so với tháng trước."
    flat = Series("hai-long", "Tỷ lệ hài lòng", "%", [Point("2026-09", 0.9), Point("2026-10", 0.9)])
    assert flat.summary == "Tháng 10/2026: tỷ lệ hài lòng 90,0%, không đổi so với tháng trước."
    first = Series("hai-long", "Tỷ lệ hài lòng", "%", [Point("2026-09", None), Point("2026-10", 0.9)])
    assert first.summary == "Tháng 10/2026: tỷ lệ hài lòng 90,0%."


def svg_of(html: str) -> ET.Element:
    return ET.fromstring(html).find("div[@class='chart-plot']/svg")


def test_chart_is_valid_svg_with_a_text_alternative():
    series = Series("dung-han", "Tỷ lệ đúng hạn", "%",
                    [Point("2026-08", 0.95), Point("2026-09", None), Point("2026-10", 0.99)])
    html = str(chart(series, "c1"))
    svg = svg_of(html)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find("title").text == "Tỷ lệ đúng hạn"
    assert svg.find("desc").text == series.summary
    assert len(svg.findall("path[@class='dot']")) == 2 and svg.findall("polyline") == []  # a gap breaks the line
    assert svg.findall("text") == []  # words are HTML, at the size of the page's text
    labels = ET.fromstring(html).findall("div[@class='chart-y']/span")
    assert [label.text for label in labels] == ["100%", "97,5%", "95%", "92,5%", "90%"]


def test_a_month_not_published_is_a_labelled_gap():
    series = Series("qua-han", "Hồ sơ giải quyết quá hạn", "",
                    [Point("2026-02", 3), Point("2026-03", None, published=False), Point("2026-04", 5)])
    root = ET.fromstring(str(chart(series, "c2")))
    slots = root.findall("div[@class='chart-plot']/ol[@class='chart-gaps']/li")
    assert [slot.findtext("span") for slot in slots] == [None, "chưa công khai", None]
    assert [li.text for li in root.findall("ol[@class='chart-x']/li")] == ["2/26", "3/26", "4/26"]
    svg = svg_of(str(chart(series, "c2")))
    assert len(svg.findall("rect[@class='bar']")) == 2
    assert svg.find("desc").text == series.summary + " Chưa công khai: tháng 3/2026."
    assert series.gaps == ["2026-03"]
    assert [series.shown(p) for p in series.points] == ["3", "chưa công khai", "5"]


def test_count_axis_has_whole_ticks_above_the_tallest_bar():
    series = Series("qua-han", "Hồ sơ giải quyết quá hạn", "", [Point("2026-09", 0), Point("2026-10", 70)])
    labels = [s.text for s in ET.fromstring(str(chart(series, "c3"))).findall("div[@class='chart-y']/span")]
    assert labels == ["80", "60", "40", "20", "0"]
    nothing = Series("qua-han", "Hồ sơ giải quyết quá hạn", "", [Point("2026-10", 0)])
    labels = [s.text for s in ET.fromstring(str(chart(nothing, "c4"))).findall("div[@class='chart-y']/span")]
    assert labels == ["4", "3", "2", "1", "0"]


def test_phones_get_fewer_month_labels_the_latest_always():
    points = [Point(ky, 0.9) for ky in months_between("2024-11", "2026-10")]
    items = ET.fromstring(str(chart(Series("dung-han", "Tỷ lệ đúng hạn", "%", points), "c5"))).findall(
        "ol[@class='chart-x']/li")
    assert len(items) == 24
    always = [li.text for li in items if li.text and not li.get("class")]
    assert 1 < len(always) <= 7 and always[-1] == "10/26"
    assert len([li for li in items if li.text]) <= 14


def test_summary_of_the_latest_month_published_and_the_gap_in_the_chart():
    series = Series("dung-han", "Tỷ lệ đúng hạn", "%",
                    [Point("2026-08", 0.9), Point("2026-09", 0.95), Point("2026-10", None, published=False)])
    assert series.summary == "Tháng 9/2026: tỷ lệ đúng hạn 95,0%, tăng 5,0 điểm so với tháng trước."
    desc = svg_of(str(chart(series, "c6"))).find("desc").text
    assert desc == series.summary + " Chưa công khai: tháng 10/2026."


def test_timeline_keeps_the_months_an_agency_skipped():
    res = results(report("a", "2026-01"), report("a", "2026-03"), report("b", "2026-01"), report("b", "2026-02"),
                  report("b", "2026-03"), report("b", "2026-04"))
    assert res.calendar == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert [(ky, r is not None) for ky, r in res.timeline("a")] == [
        ("2026-01", True), ("2026-02", False), ("2026-03", True), ("2026-04", False)]
    assert res.unpublished("a") == ["2026-02", "2026-04"]
    assert res.of("a", "2026-03").unpublished_before == ["2026-02"]
    assert res.of("b", "2026-03").unpublished_before == []
    on_time = res.trends("a")[0]
    assert [(p.value, p.published) for p in on_time.points] == [(1.0, True), (None, False), (1.0, True), (None, False)]
    assert res.timeline("c") == [] and res.unpublished("c") == []


def test_city_trend_has_a_gap_where_nobody_published():
    res = results(report("a", "2026-01", late=3, letters=1), report("b", "2026-01", late=2, letters=2),
                  report("a", "2026-03", late=1))
    on_time, late, missing = res.city_trends()
    assert [p.ky for p in late.points] == ["2026-01", "2026-02", "2026-03"]
    assert [(p.value, p.published) for p in late.points] == [(5, True), (None, False), (1, True)]
    assert [p.value for p in missing.points] == [2, None, 1]
    assert on_time.points[0].value == 195 / 200


def test_city_table_orders_worst_first_and_says_so():
    res = results(report("a", "2026-10", late=70, letters=70, resolved=7000, surveyed=90),
                  report("b", "2026-10", late=5, letters=1, resolved=50, overdue=3),
                  report("c", "2026-10", late=9, letters=9, resolved=3000, surveyed=60))
    reports = res.city("2026-10").reports
    names = {slug: AGENCIES[slug].ten for slug in AGENCIES}

    def order(key):
        return [r.agency.slug for r in ordered(reports, key)]

    assert DEFAULT_ORDER == "qua-han" and order("qua-han") == ["a", "c", "b"]
    assert ORDERS["qua-han"].direction == "nhiều nhất trước" and ORDERS["qua-han"].aria_sort == "descending"
    assert order("dung-han") == ["b", "a", "c"]  # 90% < 99% < 99.7%: the lowest rate first
    assert ORDERS["dung-han"].direction == "thấp nhất trước" and ORDERS["dung-han"].aria_sort == "ascending"
    assert order("xin-loi") == ["b", "a", "c"]
    assert order("hai-long") == ["c", "a", "b"]  # no survey: last
    assert order("ten") == sorted(names, key=lambda s: names[s])
    assert all(c.direction for c in ORDERS.values())
    shown = {c.key: c.shown(res.of("b", "2026-10")) for c in COLUMNS}
    assert shown == {"qua-han": "5", "thu-da-gui": "1", "xin-loi": "4", "dung-han": "90,0%",
                     "dang-qua-han": "3", "tiep-nhan": "53", "da-giai-quyet": "50", "hai-long": "–"}
    assert {c.key: c.shown(res.city("2026-10")) for c in COLUMNS}["qua-han"] == "84"


@pytest.mark.parametrize("months,window", [(12, 3), (2, 2)])
def test_league_of_late_dossiers_and_missing_letters(months, window):
    res = results(report("a", "2026-08", late=4, letters=4), report("a", "2026-09", late=1, letters=3),
                  report("a", "2026-10", late=2),
                  report("b", "2026-08", late=1), report("b", "2026-10", late=4, letters=4))
    table = league(res, months)
    assert table.months == res.calendar[-window:]
    rows = {row.agency.slug: row for row in table.rows}
    assert [row.agency.slug for row in table.rows] == (["a", "b", "c"] if months == 12 else ["b", "a", "c"])
    if months == 12:
        assert (rows["a"].total.late, rows["a"].apologies, rows["a"].missing_apologies) == (7, 7, 2)
        assert (rows["b"].total.late, rows["b"].missing_apologies, rows["b"].unpublished) == (5, 1, ["2026-09"])
    assert table.silent == [rows["c"]] and rows["c"].unpublished == table.months


def test_months_between_crosses_the_year():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
