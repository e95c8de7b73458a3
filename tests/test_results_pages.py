"""Every figure on the results pages equals what this test computes on its own from the YAML."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from devtools.qa.links import check_links
from congkhai.text import sort_key
from helpers import ROOT, build

RESULTS = ROOT / "content" / "ket-qua"
REPORTS = sorted(RESULTS.glob("*/*.yaml"))
AGENCIES = {a["slug"]: a["ten"] for a in yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text(encoding="utf-8"))}
FIELDS = {d["slug"]: d["ten"] for d in yaml.safe_load((ROOT / "content/data/linh-vuc.yaml").read_text(encoding="utf-8"))}


class Tables(HTMLParser):
    """Every table of a page: its class and rows of cell texts, by section."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.section = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"class": dict(attrs).get("class", ""), "thead": [], "tbody": [], "tfoot": []})
        elif tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1][self.section].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(path: Path) -> list[dict]:
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


GAP = "chưa công khai"


def parse(text: str):
    """Back from the Vietnamese format: '1.234' -> 1234, '97,2%' -> 97.2, '–' -> None; a gap stays GAP."""
    if text == GAP:
        return GAP
    text = text.split(" ")[0]
    if text == "–":
        return None
    if text.endswith("%"):
        return float(text[:-1].replace(",", "."))
    return int(text.replace(".", ""))


def rate(numerator: int, denominator: int):
    return None if denominator == 0 else float(f"{100 * numerator / denominator:.1f}")


def expected_row(row: dict) -> list:
    in_month = row["truc_tuyen"] + row["truc_tiep"] + row["buu_chinh"]
    resolved = row["truoc_han"] + row["dung_han"] + row["qua_han"]
    return [
        row["tu_ky_truoc"], row["truc_tuyen"], row["truc_tiep"], row["buu_chinh"], row["tu_ky_truoc"] + in_month,
        row["truoc_han"], row["dung_han"], row["qua_han"], resolved,
        row["dang_trong_han"], row["dang_qua_han"], row["dang_trong_han"] + row["dang_qua_han"],
        rate(row["truoc_han"] + row["dung_han"], resolved), rate(row["truc_tuyen"], in_month),
    ]


def summed(rows: list[dict]) -> dict:
    keys = [k for k in rows[0] if k != "linh_vuc"]
    return {k: sum(r[k] for r in rows) for k in keys}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_agency_month_table(sample_site, source):
    data = load(source)
    page = sample_site / "ket-qua" / data["ky"] / "co-quan" / data["co_quan"] / "index.html"
    report = next(t for t in tables(page) if t["class"] == "report")
    body = [[row[0]] + [parse(c) for c in row[1:]] for row in report["tbody"]]
    assert body == [[FIELDS[r["linh_vuc"]]] + expected_row(r) for r in data["ho_so"]]
    assert [parse(c) for c in report["tfoot"][0][1:]] == expected_row(summed(data["ho_so"]))
    text = page.read_text(encoding="utf-8")
    late = sum(r["qua_han"] for r in data["ho_so"])
    if data["xin_loi"] < late:
        assert f"Còn thiếu {late - data['xin_loi']} thư xin lỗi." in text
    survey = data.get("hai_long")
    if survey:
        share = rate(survey["rat_hai_long"] + survey["hai_long"], survey["so_phieu"])
        assert f"{share:.1f}%".replace(".", ",") in text


def _months():
    return sorted({p.parent.name for p in REPORTS})


def late_figures(reports: list[dict]) -> dict:
    """Received, resolved, late, on-time rate, pending overdue, letters sent and missing, of some reports."""
    rows = [row for data in reports for row in data["ho_so"]]
    total = summed(rows) if rows else {}
    resolved = sum(total.get(k, 0) for k in ("truoc_han", "dung_han", "qua_han"))
    return {
        "late": total.get("qua_han", 0),
        "sent": sum(d["xin_loi"] for d in reports),
        "missing": sum(max(0, sum(r["qua_han"] for r in d["ho_so"]) - d["xin_loi"]) for d in reports),
        "rate": rate(total.get("truoc_han", 0) + total.get("dung_han", 0), resolved),
        "overdue": total.get("dang_qua_han", 0),
        "received": sum(total.get(k, 0) for k in ("tu_ky_truoc", "truc_tuyen", "truc_tiep", "buu_chinh")),
        "resolved": resolved,
    }


def satisfaction(reports: list[dict]):
    surveys = [d["hai_long"] for d in reports if d.get("hai_long")]
    return rate(sum(s["rat_hai_long"] + s["hai_long"] for s in surveys), sum(s["so_phieu"] for s in surveys))


def compare_row(reports: list[dict]) -> list:
    """The city table's columns: late, letters missing, letters sent, on-time rate, pending overdue,
    received, resolved, satisfaction."""
    f = late_figures(reports)
    return [f["late"], f["missing"], f["sent"], f["rate"], f["overdue"], f["received"], f["resolved"],
            satisfaction(reports)]


@pytest.mark.parametrize("ky", _months())
def test_city_month(sample_site, ky):
    files = {p.stem: load(p) for p in sorted((RESULTS / ky).glob("*.yaml"))}
    page = sample_site / "ket-qua" / ky / "index.html"
    compare = next(t for t in tables(page) if t["class"] == "compare")
    shown = {row[0]: [parse(c) for c in row[1:]] for row in compare["tbody"]}
    expected = {AGENCIES[slug]: compare_row([data]) for slug, data in files.items()}
    # An agency that did not publish has its row, saying so, never zeros.
    expected.update({name: [GAP] for slug, name in AGENCIES.items() if slug not in files})
    assert shown == expected
    assert [parse(c) for c in compare["tfoot"][0][1:]] == compare_row(list(files.values()))
    # Each agency's late dossiers are in the table: the default order is the most late first.
    late = [row[0] for row in shown.values() if row != [GAP]]
    assert late == sorted(late, reverse=True) and late[0] == max(d[0] for d in expected.values() if d != [GAP])


def test_agency_that_did_not_publish_is_in_the_table_and_its_page_says_so(sample_site):
    page = sample_site / "ket-qua" / "2026-10" / "index.html"
    rows = next(t for t in tables(page) if t["class"] == "compare")["tbody"]
    assert rows[-1] == [AGENCIES["phuong-ha-dong"], GAP]
    agency = (sample_site / "co-quan" / "phuong-ha-dong" / "index.html").read_text(encoding="utf-8")
    assert "Kết quả tháng 10/2026: chưa công khai." in agency
    trend = (sample_site / "co-quan" / "phuong-ha-dong" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Cơ quan chưa công khai kết quả tháng 10/2026." in trend
    assert "<li>Tháng 10/2026: <strong>chưa công khai</strong></li>" in trend
    skipped = (sample_site / "co-quan" / "xa-bat-trang" / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Cơ quan chưa công khai kết quả tháng 3/2026." in skipped
    after = sample_site / "ket-qua" / "2026-04" / "co-quan" / "xa-bat-trang" / "index.html"
    assert "Cơ quan chưa công khai kết quả tháng 3/2026." in after.read_text(encoding="utf-8")
    published = (sample_site / "co-quan" / "so-tu-phap" / "index.html").read_text(encoding="utf-8")
    assert "chưa công khai" not in published


def test_sample_has_missing_reports_and_missing_letters():
    assert not (RESULTS / "2026-10" / "phuong-ha-dong.yaml").exists()
    assert not (RESULTS / "2026-03" / "xa-bat-trang.yaml").exists()
    short = [p for p in REPORTS if load(p)["xin_loi"] < sum(r["qua_han"] for r in load(p)["ho_so"])]
    assert len(short) >= 3
    assert len(_months()) >= 12


# The city table's orders: (key, column after the name, the most first?); every one the worst first.
ORDERS = [("qua-han", 0, True), ("xin-loi", 1, True), ("dung-han", 3, False), ("dang-qua-han", 4, True),
          ("tiep-nhan", 5, True), ("da-giai-quyet", 6, True), ("hai-long", 7, False)]


@pytest.mark.parametrize("order,column,most_first", ORDERS)
def test_sorted_variants(sample_site, order, column, most_first):
    ky = _months()[-1]
    folder = sample_site / "ket-qua" / ky
    page = folder / "index.html" if order == "qua-han" else folder / "sap-xep" / order / "index.html"
    compare = next(t for t in tables(page) if t["class"] == "compare")
    values = [parse(row[1:][column]) for row in compare["tbody"] if row[1] != GAP]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=most_first)
    assert values[len(known):] == [None] * (len(values) - len(known))
    text = page.read_text(encoding="utf-8")
    direction = "nhiều nhất trước" if most_first else "thấp nhất trước"
    assert f"{direction}</strong>." in text
    assert f'aria-sort="{"descending" if most_first else "ascending"}"' in text
    assert text.count("aria-sort=") == 1
    assert f"đang xếp: {direction}" in text


def test_every_order_states_its_direction_and_links_the_others(sample_site):
    ky = _months()[-1]
    page = sample_site / "ket-qua" / ky / "sap-xep" / "ten" / "index.html"
    head = next(t for t in tables(page) if t["class"] == "compare")["thead"][0]
    assert head[0] == "Cơ quan đang xếp: theo thứ tự chữ cái"
    assert head[1] == "Giải quyết quá hạn nhiều nhất trước"
    assert head[2] == "Thư xin lỗi còn thiếu nhiều nhất trước"
    assert head[3] == "Thư xin lỗi đã gửi"  # not an order
    assert head[4] == "Tỷ lệ đúng hạn thấp nhất trước"
    rows = next(t for t in tables(page) if t["class"] == "compare")["tbody"]
    names = [row[0] for row in rows if row[1] != GAP]
    assert names == sorted(names, key=sort_key)
    text = page.read_text(encoding="utf-8")
    assert f'ket-qua/{ky}/">Giải quyết quá hạn</a>' in text
    for order, _, _ in ORDERS[1:]:
        assert f'ket-qua/{ky}/sap-xep/{order}/"' in text


def test_field_month_page(sample_site):
    ky = _months()[-1]
    rows = []
    for path in sorted((RESULTS / ky).glob("*.yaml")):
        for row in load(path)["ho_so"]:
            if row["linh_vuc"] == "ho-tich":
                rows.append((AGENCIES[path.stem], row))
    page = sample_site / "ket-qua" / ky / "linh-vuc" / "ho-tich" / "index.html"
    report = next(t for t in tables(page) if t["class"] == "report")
    shown = {row[0]: [parse(c) for c in row[1:]] for row in report["tbody"]}
    assert shown == {name: expected_row(row) for name, row in rows}
    assert [parse(c) for c in report["tfoot"][0][1:]] == expected_row(summed([r for _, r in rows]))


def calendar() -> list[str]:
    """Every month from the first report to the latest, as this test counts them."""
    first, last = _months()[0], _months()[-1]
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def trend_values(reports: list[dict]) -> list:
    """On-time rate, late dossiers, online share, received in month, satisfaction."""
    total = summed([row for data in reports for row in data["ho_so"]])
    resolved = total["truoc_han"] + total["dung_han"] + total["qua_han"]
    in_month = total["truc_tuyen"] + total["truc_tiep"] + total["buu_chinh"]
    return [rate(total["truoc_han"] + total["dung_han"], resolved), total["qua_han"],
            rate(total["truc_tuyen"], in_month), in_month, satisfaction(reports)]


@pytest.mark.parametrize("agency", sorted(AGENCIES))
def test_agency_trend_tables(sample_site, agency):
    history = {p.parent.name: load(p) for p in REPORTS if p.stem == agency}
    months = [ky for ky in calendar() if ky >= min(history)][-24:]
    page = sample_site / "co-quan" / agency / "ket-qua" / "index.html"
    trend_tables = [t for t in tables(page) if t["class"] == ""]
    assert len(trend_tables) == 5
    expected = [[trend_values([history[ky]])[i] if ky in history else GAP for ky in months] for i in range(5)]
    assert [[parse(r[1]) for r in t["tbody"]] for t in trend_tables] == expected
    assert [r[0] for r in trend_tables[0]["tbody"]] == [f"Tháng {int(ky[5:])}/{ky[:4]}" for ky in months]
    text = page.read_text(encoding="utf-8")
    assert text.count('<svg viewBox=') == 5
    assert text.count('<title id="bieu-do-') == 5
    # In every chart, each month not published is a labelled gap.
    gaps = [ky for ky in months if ky not in history]
    assert text.count('<li class="gap"><span>chưa công khai</span></li>') == 5 * len(gaps)


def test_league_table_of_late_dossiers_and_missing_letters(sample_site):
    window = calendar()[-12:]
    page = sample_site / "ket-qua" / "index.html"
    league = next(t for t in tables(page) if "league" in t["class"])
    assert league["thead"][0] == ["Cơ quan", "Giải quyết quá hạn", "Thư xin lỗi còn thiếu", "Thư xin lỗi đã gửi",
                                  "Tỷ lệ đúng hạn", "Tháng chưa công khai"]
    expected = []
    for slug, name in AGENCIES.items():
        reports = [load(RESULTS / ky / f"{slug}.yaml") for ky in window if (RESULTS / ky / f"{slug}.yaml").exists()]
        f = late_figures(reports)
        expected.append((name, [f["late"], f["missing"], f["sent"], f["rate"], 12 - len(reports)]))
    expected.sort(key=lambda item: (-item[1][0], -item[1][1], sort_key(item[0])))
    shown = [(row[0], [parse(c) for c in row[1:]]) for row in league["tbody"]]
    assert shown == expected
    assert "Từ tháng 11/2025 đến tháng 10/2026." in page.read_text(encoding="utf-8")
    by_name = {row[0]: row[-1] for row in league["tbody"]}
    assert by_name[AGENCIES["xa-bat-trang"]] == "1 (tháng 3/2026)"


def test_city_trend(sample_site):
    months = calendar()[-24:]
    page = sample_site / "ket-qua" / "qua-cac-thang" / "index.html"
    found = tables(page)
    table = next(t for t in found if "city-trend" in t["class"])
    expected = []
    for ky in reversed(months):
        files = [load(p) for p in sorted((RESULTS / ky).glob("*.yaml"))]
        expected.append([f"Tháng {int(ky[5:])}/{ky[:4]}", f"{len(files)}/{len(AGENCIES)}", *compare_row(files)])
    assert [[row[0], row[1], *[parse(c) for c in row[2:]]] for row in table["tbody"]] == expected
    charts = [t for t in found if t["class"] == ""]
    by_month = {row[0]: row for row in expected}
    assert [[parse(r[1]) for r in t["tbody"]] for t in charts] == [
        [by_month[f"Tháng {int(ky[5:])}/{ky[:4]}"][i] for ky in months] for i in (5, 2, 3)]
    assert page.read_text(encoding="utf-8").count("<svg viewBox=") == 3


def test_a_site_without_results_links_nowhere_broken_and_says_so(tiny):
    shutil.rmtree(tiny / "content" / "ket-qua")
    site = build(tiny)
    assert [str(p) for p in check_links(site).problems] == []
    index = (site / "ket-qua" / "index.html").read_text(encoding="utf-8")
    assert "Chưa có kết quả nào được công khai." in index
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'ket-qua/">Kết quả giải quyết</a>' in home  # the navigation's link, which the gate resolved
    assert "Các cơ quan chưa công khai kết quả giải quyết thủ tục hành chính." in home
    for agency in ("so-tu-phap", "phuong-hoan-kiem"):
        page = (site / "co-quan" / agency / "index.html").read_text(encoding="utf-8")
        assert "Cơ quan chưa công khai kết quả giải quyết thủ tục hành chính." in page
        assert not (site / "co-quan" / agency / "ket-qua").exists()
    assert [p.relative_to(site).as_posix() for p in (site / "ket-qua").rglob("*")] == ["ket-qua/index.html"]


def test_a_month_nobody_published_is_a_gap_for_the_city(tiny):
    """The tiny project's agency reports September and October; add July, so August is missing."""
    july = tiny / "content" / "ket-qua" / "2026-07" / "so-tu-phap.yaml"
    july.parent.mkdir()
    july.write_text((tiny / "content" / "ket-qua" / "2026-09" / "so-tu-phap.yaml").read_text(encoding="utf-8")
                    .replace("ky: 2026-09", "ky: 2026-07"), encoding="utf-8")
    site = build(tiny)
    assert [str(p) for p in check_links(site).problems] == []
    city = site / "ket-qua" / "qua-cac-thang" / "index.html"
    table = next(t for t in tables(city) if "city-trend" in t["class"])
    assert [row[:2] for row in table["tbody"]] == [
        ["Tháng 10/2026", "1/2"], ["Tháng 9/2026", "1/2"], ["Tháng 8/2026", GAP], ["Tháng 7/2026", "1/2"]]
    text = city.read_text(encoding="utf-8")
    assert "Không cơ quan nào công khai kết quả tháng 8/2026." in text
    assert text.count('<li class="gap"><span>chưa công khai</span></li>') == 3
    assert not (site / "ket-qua" / "2026-08").exists()
    trend = site / "co-quan" / "so-tu-phap" / "ket-qua" / "index.html"
    assert [parse(row[1]) for row in tables(trend)[1]["tbody"]] == [2, GAP, 2, 3]
    september = site / "ket-qua" / "2026-09" / "co-quan" / "so-tu-phap" / "index.html"
    assert "Cơ quan chưa công khai kết quả tháng 8/2026." in september.read_text(encoding="utf-8")
