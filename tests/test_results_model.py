"""Derived figures, trend summaries and charts of the results model."""

import xml.etree.ElementTree as ET

from congkhai.charts import chart
from congkhai.results import Figures, Point, Series
from congkhai.synthetic_results import months_between


def test_figures_of_the_contract():
    f = Figures(carried=12, online=120, in_person=30, post=2, early=100, on_time=40, late=2,
                pending_within=20, pending_overdue=2)
    assert (f.received_in_month, f.received, f.resolved, f.pending) == (152, 164, 142, 22)
    assert f.on_time_rate == 140 / 142
    assert f.online_share == 120 / 152
    assert (f + f).received == 328


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


def test_chart_is_valid_svg_with_a_text_alternative():
    series = Series("dung-han", "Tỷ lệ đúng hạn", "%",
                    [Point("2026-08", 0.95), Point("2026-09", None), Point("2026-10", 0.99)])
    svg = ET.fromstring(str(chart(series, "c1")))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find("title").text == "Tỷ lệ đúng hạn"
    assert svg.find("desc").text == series.summary
    assert len(svg.findall("circle")) == 2 and svg.findall("polyline") == []  # a gap breaks the line


def test_months_between_crosses_the_year():
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
