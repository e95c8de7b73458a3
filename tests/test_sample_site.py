"""The sample site: every contract field of every procedure is on its page; lists are complete."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from congkhai import text
from congkhai.catalog import AUDIENCES, CHANNELS, LEVELS, ONLINE_LEVELS
from congkhai.where import is_commune_committee
from helpers import ROOT

SAMPLE_PROCEDURES = sorted((ROOT / "procedures").glob("*.yaml"))


class _Text(HTMLParser):
    """Visible text of <main>, and every href on the page."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag == "a":
            self.hrefs.update(v for k, v in attrs if k == "href")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def page_text(path: Path) -> tuple[str, set[str]]:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(parser.parts)), parser.hrefs


def _plain(markdown_text: str) -> str:
    rendered = re.sub(r"<[^>]+>", "", str(text.markdown(markdown_text)))
    return re.sub(r"\s+", " ", html.unescape(rendered)).strip()


def expected_values(data, domains, agencies, path=()):
    """(field path, text that must be visible) for every leaf value of a procedure."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from expected_values(value, domains, agencies, path + (key,))
        return
    if isinstance(data, list):
        for i, value in enumerate(data):
            yield from expected_values(value, domains, agencies, path + (i,))
        return
    key = next(p for p in reversed(path) if isinstance(p, str))
    if key == "linh_vuc":
        yield path, domains[data]
    elif key == "dau_moi":
        yield path, agencies[data]
    elif key == "cap_thuc_hien":
        yield path, LEVELS[data]
    elif key == "doi_tuong":
        yield path, AUDIENCES[data]
    elif key == "hinh_thuc":
        yield path, CHANNELS[data]
    elif key == "muc_do":
        yield path, ONLINE_LEVELS[data]
    elif key == "trang_thai":
        yield path, "Còn hiệu lực" if data == "hieu-luc" else "Đã bãi bỏ"
    elif key == "thuong_gap":
        if data:
            yield path, "Thủ tục thường gặp"
    elif key in ("mau", "url"):
        yield path, ("href", data)
    elif isinstance(data, dt.date):
        yield path, data.strftime("%d/%m/%Y")
    elif isinstance(data, float) or key in ("thoi_gian_gio", "thoi_han_ngay"):
        yield path, text.hours(data)
    elif isinstance(data, int):
        yield path, str(data)
    else:
        yield path, _plain(str(data))


def test_sample_data_is_big_enough():
    data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in SAMPLE_PROCEDURES]
    assert len(data) >= 40
    assert len({d["linh_vuc"] for d in data}) >= 8
    assert {lv for d in data for lv in d["cap_thuc_hien"]} == {"tinh", "xa"}
    with_process = [d for d in data if d.get("quy_trinh_noi_bo")]
    assert len(with_process) > len(data) / 2
    agencies = yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text(encoding="utf-8"))
    assert len(agencies) >= 12
    assert {a["cap"] for a in agencies} == {"tinh", "xa"}


@pytest.mark.parametrize("source", SAMPLE_PROCEDURES, ids=lambda p: p.stem)
def test_every_field_is_on_the_page(sample_site, source):
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    domains = {d["slug"]: d["ten"] for d in yaml.safe_load((ROOT / "content/data/linh-vuc.yaml").read_text(encoding="utf-8"))}
    agencies = {a["slug"]: a["ten"] for a in yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text(encoding="utf-8"))}
    visible, hrefs = page_text(sample_site / "thu-tuc" / data["ma"] / "index.html")
    missing = []
    for path, wanted in expected_values(data, domains, agencies):
        if isinstance(wanted, tuple):
            if not any(h == wanted[1] or h.endswith("/" + wanted[1]) for h in hrefs):
                missing.append((path, wanted))
        elif wanted not in visible:
            missing.append((path, wanted))
    assert missing == []


def procedure_links(site: Path, page: str) -> set[str]:
    """Codes of the procedures a page links to."""
    _, hrefs = page_text(site / page)
    return {m.group(1) for h in hrefs if (m := re.search(r"thu-tuc/([0-9.]+)/$", h))}


def sample_in_force() -> list[dict]:
    data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in SAMPLE_PROCEDURES]
    return [d for d in data if d.get("trang_thai", "hieu-luc") == "hieu-luc"]


def test_lists_are_complete(sample_site):
    data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in SAMPLE_PROCEDURES]
    in_force = sample_in_force()
    abolished = [d for d in data if d.get("trang_thai") == "bai-bo"]

    def links(page: str) -> set[str]:
        return procedure_links(sample_site, page)

    assert links("thu-tuc/index.html") == {d["ma"] for d in data}
    for d in in_force:
        assert d["ma"] in links(f"linh-vuc/{d['linh_vuc']}/index.html")
        for level in d["cap_thuc_hien"]:
            assert d["ma"] in links(f"cap/{level}/index.html")
        for who in d["doi_tuong"]:
            assert d["ma"] in links(f"doi-tuong/{who}/index.html")
    for d in abolished:
        assert (sample_site / "thu-tuc" / d["ma"] / "index.html").is_file()
        assert d["ma"] not in links(f"linh-vuc/{d['linh_vuc']}/index.html")
        assert d["ma"] not in links(f"cap/{d['cap_thuc_hien'][0]}/index.html")
    for level in ("tinh", "xa"):
        assert links(f"cap/{level}/index.html") == {d["ma"] for d in in_force if level in d["cap_thuc_hien"]}


def _agencies(level: str) -> list[dict]:
    entries = yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text(encoding="utf-8"))
    return [a for a in entries if a["cap"] == level]


def _commune_desk(data: dict) -> bool:
    """Filed at the commune desk: the contract's rule 2 (``noi_tiep_nhan`` would come first)."""
    return ("xa" in data["cap_thuc_hien"] and not data.get("noi_tiep_nhan")
            and is_commune_committee(data["co_quan_thuc_hien"]["tham_quyen"]))


def section_links(site: Path, page: str, section: str) -> set[str]:
    """Codes of the procedures one <section aria-labelledby=...> of a page links to."""
    html_text = (site / page).read_text(encoding="utf-8")
    found = re.search(rf'<section aria-labelledby="{section}">(.*?)</section>', html_text, re.S)
    return set(re.findall(r'href="[^"]*thu-tuc/([0-9.]+)/"', found.group(1))) if found else set()


def test_commune_pages_list_the_common_commune_desk_procedures_and_lead_to_all(sample_site):
    in_force = sample_in_force()
    desk = [d for d in in_force if _commune_desk(d)]
    common = {d["ma"] for d in desk if d.get("thuong_gap")}
    assert common and len(common) < len(desk), "the sample needs common and other commune-desk procedures"
    elsewhere = {d["ma"] for d in in_force if "xa" in d["cap_thuc_hien"] and not _commune_desk(d)}
    assert elsewhere, "the sample needs a commune-level procedure another body handles"
    everything = f"Xem tất cả {text.number(len(desk))} thủ tục nộp tại xã, phường"
    communes = _agencies("xa")
    assert len(communes) >= 2
    for agency in communes:
        page = f"co-quan/{agency['slug']}/index.html"
        assert section_links(sample_site, page, "nhan-ho-so") == common, page
        assert not procedure_links(sample_site, page) & elsewhere, page
        html_text = (sample_site / page).read_text(encoding="utf-8")
        # One link says how many there are and where; its text makes sense out of context.
        targets = re.findall(rf'<a href="([^"]+)">{everything}</a>', html_text)
        assert targets == ["../../cap/xa/mot-cua/"], page
        assert f"nhận hồ sơ của {text.number(len(desk))} thủ tục nộp tại xã, phường" in page_text(sample_site / page)[0]
    # The page it leads to lists every one of them and states the same number.
    assert procedure_links(sample_site, "cap/xa/mot-cua/index.html") == {d["ma"] for d in desk}
    desk_page = page_text(sample_site / "cap/xa/mot-cua/index.html")[0]
    assert re.search(rf"(?<![0-9])(?<![0-9]\.){re.escape(text.number(len(desk)))} thủ tục;", desk_page)


def test_provincial_pages_list_where_they_receive_dossiers_and_where_they_are_the_focal_point(sample_site):
    domains = {d["slug"]: d for d in yaml.safe_load((ROOT / "content/data/linh-vuc.yaml").read_text(encoding="utf-8"))}
    named_somewhere = False
    for agency in _agencies("tinh"):
        authorities = [d for d in sample_in_force() if not _commune_desk(d)]
        named = {d["ma"] for d in authorities
                 if (d["co_quan_thuc_hien"].get("thuc_hien") or d["co_quan_thuc_hien"]["tham_quyen"]) == agency["ten"]}
        focal = {d["ma"] for d in sample_in_force()
                 if (d.get("dau_moi") or domains[d["linh_vuc"]].get("co_quan")) == agency["slug"]}
        page = f"co-quan/{agency['slug']}/index.html"
        named_somewhere = named_somewhere or bool(named)
        assert section_links(sample_site, page, "nhan-ho-so") == named, page
        assert section_links(sample_site, page, "dau-moi") == focal, page
        visible = page_text(sample_site / page)[0]
        assert f"{len(named)} thủ tục" in visible
        assert "Xem tất cả" not in visible
    assert named_somewhere, "the sample needs a procedure filed at a provincial agency"
