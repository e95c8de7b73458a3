"""Every figure on the results pages equals what this test computes on its own from the YAML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

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


def parse(text: str):
    """Back from the Vietnamese format: '1.234' -> 1234, '97,2%' -> 97.2, '–' -> None."""
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


@pytest.mark.parametrize("ky", _months())
def test_city_month(sample_site, ky):
    files = {p.stem: load(p) for p in sorted((RESULTS / ky).glob("*.yaml"))}
    page = sample_site / "ket-qua" / ky / "index.html"
    compare = next(t for t in tables(page) if t["class"] == "compare")
    expected = {}
    for slug, data in files.items():
        total = summed(data["ho_so"])
        resolved = total["truoc_han"] + total["dung_han"] + total["qua_han"]
        survey = data.get("hai_long")
        expected[AGENCIES[slug]] = [
            rate(total["truoc_han"] + total["dung_han"], resolved),
            total["dang_qua_han"],
            max(0, total["qua_han"] - data["xin_loi"]),
            rate(survey["rat_hai_long"] + survey["hai_long"], survey["so_phieu"]) if survey else None,
        ]
    shown = {row[0]: [parse(c) for c in row[1:]] for row in compare["tbody"]}
    assert shown == expected
    text = page.read_text(encoding="utf-8")
    for slug, name in AGENCIES.items():
        assert (slug not in files) == (f"{name}</a>: <strong>chưa công khai</strong>" in text)


def test_sample_has_missing_reports_and_missing_letters():
    assert not (RESULTS / "2026-10" / "phuong-ha-dong.yaml").exists()
    assert not (RESULTS / "2026-03" / "xa-bat-trang.yaml").exists()
    short = [p for p in REPORTS if load(p)["xin_loi"] < sum(r["qua_han"] for r in load(p)["ho_so"])]
    assert len(short) >= 3
    assert len(_months()) >= 12


@pytest.mark.parametrize("order,column,highest_first", [("dung-han", 0, True), ("qua-han", 1, True),
                                                        ("xin-loi", 2, True), ("hai-long", 3, True)])
def test_sorted_variants(sample_site, order, column, highest_first):
    ky = _months()[-1]
    page = sample_site / "ket-qua" / ky / "sap-xep" / order / "index.html"
    compare = next(t for t in tables(page) if t["class"] == "compare")
    values = [parse(row[1:][column]) for row in compare["tbody"]]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=highest_first)
    assert values[len(known):] == [None] * (len(values) - len(known))


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


@pytest.mark.parametrize("agency", sorted(AGENCIES))
def test_agency_trend_tables(sample_site, agency):
    history = [load(p) for p in REPORTS if p.stem == agency]
    page = sample_site / "co-quan" / agency / "ket-qua" / "index.html"
    trend_tables = [t for t in tables(page) if t["class"] == ""]
    on_time, online, volume, satisfied = trend_tables[:4]
    expect_on_time, expect_online, expect_volume, expect_satisfied = [], [], [], []
    for data in history[-24:]:
        total = summed(data["ho_so"])
        resolved = total["truoc_han"] + total["dung_han"] + total["qua_han"]
        in_month = total["truc_tuyen"] + total["truc_tiep"] + total["buu_chinh"]
        expect_on_time.append(rate(total["truoc_han"] + total["dung_han"], resolved))
        expect_online.append(rate(total["truc_tuyen"], in_month))
        expect_volume.append(in_month)
        survey = data.get("hai_long")
        expect_satisfied.append(rate(survey["rat_hai_long"] + survey["hai_long"], survey["so_phieu"]) if survey else None)
    assert [parse(r[1]) for r in on_time["tbody"]] == expect_on_time
    assert [parse(r[1]) for r in online["tbody"]] == expect_online
    assert [parse(r[1]) for r in volume["tbody"]] == expect_volume
    assert [parse(r[1]) for r in satisfied["tbody"]] == expect_satisfied
    svg = page.read_text(encoding="utf-8")
    assert svg.count('<svg class="chart"') == 4
    assert svg.count("<title id=\"bieu-do-") == 4
