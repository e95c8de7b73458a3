"""Quality gates that read the built files: links, markup rules, the Nu HTML Checker.

Each runs over the whole sample site (no problem allowed) and over known-bad
pages (the regression must be found); the browser gates are in tests/browser/.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from devtools.qa.links import check_links
from devtools.qa.markup import check_markup, page_problems, policy_problems
from devtools.qa.vnu import check_html
from helpers import BAD_PAGES, ROOT, build, edit

SAMPLE_PROCEDURES = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "procedures").glob("*.yaml"))]


def of(problems, name: str) -> list[tuple[int, str, str]]:
    """(line, check, message) of the problems of one file."""
    return [(p.line, p.path, p.message) for p in problems if p.file == name]


# Links.

def test_every_internal_link_of_the_sample_site_resolves(sample_site):
    assert check_links(sample_site).problems == []


def test_outside_links_are_listed_not_fetched(sample_site, tmp_path):
    report = check_links(sample_site)
    online = {p["dich_vu_cong"]["url"]: p["ma"] for p in SAMPLE_PROCEDURES if p.get("dich_vu_cong")}
    assert online
    for url, code in online.items():
        assert f"thu-tuc/{code}/index.html" in report.external[url]
    assert not [url for url in report.external if not url.startswith(("http://", "https://"))]
    report.write_external(tmp_path / "external-links.tsv")
    lines = (tmp_path / "external-links.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines if not line.startswith("#")] == list(report.external)


def test_a_missing_form_template_is_found_on_every_page_that_offers_it(sample_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    form = "mau/to-khai-dang-ky-khai-sinh.docx"
    (site / form).unlink()
    with_form = [p for p in SAMPLE_PROCEDURES if form in yaml.safe_dump(p)]
    # A procedure in force offers its forms on its desk sheet too.
    offering = sorted([f"thu-tuc/{p['ma']}/index.html" for p in with_form]
                      + [f"thu-tuc/{p['ma']}/to-niem-yet/index.html" for p in with_form
                         if p.get("trang_thai", "hieu-luc") == "hieu-luc"])
    assert offering
    problems = check_links(site).problems
    assert sorted({p.file for p in problems}) == offering
    assert {p.message.split(": ", 1)[1] for p in problems} == {f"không có tệp {form}"}


def test_links_of_a_site_with_absolute_addresses(tiny, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://thutuc.example.gov.vn")
    site = build(tiny, "publishconf.py")
    assert check_links(site, "https://thutuc.example.gov.vn").problems == []
    edit(tiny / "output", "thu-tuc/1.001193/index.html", "/mau/to-khai-khai-sinh.docx", "/mau/khong-co.docx")
    assert [p.message for p in check_links(site, "https://thutuc.example.gov.vn").problems] == [
        "'https://thutuc.example.gov.vn/mau/khong-co.docx': không có tệp mau/khong-co.docx"]


def test_link_checker_finds_each_kind_of_broken_link():
    report = check_links(BAD_PAGES)
    assert of(report.problems, "broken-link.html") == [
        (15, "links", "'khong-co/': không có tệp khong-co/index.html"),
        (16, "links", "'good.html#khong-co': trang good.html không có phần tử id=\"khong-co\""),
        (17, "links", "'mau/khong-co.docx': không có tệp mau/khong-co.docx"),
        (18, "links", "'thu-muc': thiếu dấu '/' ở cuối địa chỉ thư mục thu-muc"),
    ]
    assert report.external["https://example.org/tai-lieu"] == ["broken-link.html"]
    assert of(report.problems, "inline-code.html") == [
        (17, "links", "'javascript:history.back()': địa chỉ không mở được trong trình duyệt")]
    assert of(report.problems, "good.html") == []


# Markup rules.

def test_sample_site_keeps_every_markup_rule(sample_site):
    assert check_markup(sample_site) == []


def test_pages_of_real_national_records_keep_every_markup_rule(real_text_site):
    assert check_markup(real_text_site) == []


def test_markup_rules_find_known_regressions():
    problems = check_markup(BAD_PAGES)
    assert of(problems, "inline-code.html") == [
        (9, "inline", "thẻ <style> trong trang"),
        (15, "inline", "thuộc tính style trong thẻ <p>"),
        (16, "inline", "thuộc tính sự kiện onclick trong thẻ <button>"),
        (17, "inline", "địa chỉ javascript: trong thẻ <a>"),
        (18, "inline", "thẻ <script> nội tuyến"),
    ]
    assert of(problems, "loose-csp.html") == [
        (6, "csp", "default-src cho phép https://cdn.example"),
        (6, "csp", "script-src cho phép 'unsafe-inline'"),
        (6, "csp", "img-src cho phép data:"),
    ]
    assert of(problems, "structure.html") == [
        (15, "headings", "cần đúng một <h1>, có 2"),
        (14, "headings", "tiêu đề nhảy từ h1 xuống h3"),
        (16, "tables", "bảng không có <caption>"),
        (17, "tables", "ô tiêu đề <th> thiếu scope"),
    ]
    assert of(problems, "missing-alt.html") == [(14, "images", "<img> thiếu thuộc tính alt")]
    assert of(problems, "good.html") == []


def test_a_page_needs_exactly_one_policy_that_names_no_other_source():
    assert [p.message for p in page_problems("x.html", "<h1>x</h1>")] == [
        "cần đúng một thẻ meta Content-Security-Policy, có 0"]
    assert policy_problems("script-src 'self'") == ["thiếu default-src"]
    assert policy_problems("default-src 'self'; style-src *") == ["style-src cho phép *"]
    assert policy_problems("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; form-action 'self'") == []


# The Nu HTML Checker: one Java run for the sample site, real national records and the known-bad pages.

@pytest.fixture(scope="module")
def vnu(sample_site, real_text_site):
    found = check_html([sample_site, real_text_site, BAD_PAGES])
    return found[sample_site.resolve()], found[real_text_site.resolve()], found[BAD_PAGES.resolve()]


def test_every_page_and_stylesheet_of_the_sample_site_is_valid(vnu):
    sample, _, _ = vnu
    assert sample == []


def test_pages_of_real_national_records_are_valid(vnu):
    _, real, _ = vnu
    assert real == []


def test_the_checker_finds_invalid_html_and_css(vnu):
    _, _, bad = vnu
    assert [m for _, _, m in of(bad, "invalid.html")] == [
        "Duplicate ID “trung”.", "No “p” element in scope but a “p” end tag seen."]
    assert [m for _, _, m in of(bad, "invalid.css")] == ["CSS: “colr”: Property “colr” doesn't exist."]
    assert of(bad, "good.html") == []
    assert of(bad, "page.css") == []
