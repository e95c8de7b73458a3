"""Desk sheets and posters printed to PDF in Chromium, QR codes read back, 404 and old addresses."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata

import pytest
import yaml
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from congkhai.catalog import build_catalog
from congkhai.config import DEFAULTS, from_settings
from congkhai.printed.desk_sheet import desk_sheet
from devtools.qa.browser import serving
from helpers import ROOT, build, project_settings

pytestmark = pytest.mark.browser

IN_FORCE = sorted(
    path.stem for path in (ROOT / "procedures").glob("*.yaml")
    if yaml.safe_load(path.read_text(encoding="utf-8")).get("trang_thai", "hieu-luc") == "hieu-luc"
)
# Six of the longest real records (see its README).
REAL_SHEETS = ROOT / "tests" / "data" / "real-sheets"
REAL_CODES = sorted(path.stem for path in (REAL_SHEETS / "procedures").glob("*.yaml"))
# Every element of a sheet that holds text, as printed: its name and computed font size in CSS px.
TEXT_SIZES = """() => [...document.querySelectorAll('.sheet *')]
  .filter(el => el.getClientRects().length
    && [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
  .map(el => [`<${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 40)}`,
              parseFloat(getComputedStyle(el).fontSize)])"""
TWELVE_PT = 16  # CSS px: 12 pt at 96 px per inch, 72 pt per inch


def printed(page, url: str) -> list[str]:
    """The text of each A4 page of ``url`` printed by Chromium: NFC, white space as single spaces."""
    page.goto(url)
    pdf = page.pdf(prefer_css_page_size=True)
    return [nfc(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def small_print(page, url: str) -> tuple[int, list]:
    """How many elements of the printed sheet hold text, and those set smaller than 12 pt."""
    page.goto(url)
    page.emulate_media(media="print")
    try:
        sizes = page.evaluate(TEXT_SIZES)
    finally:
        # Back to no emulation: page.pdf() prints with the print style.
        page.emulate_media(media="null")
    return len(sizes), [(what, size) for what, size in sizes if size < TWELVE_PT]


def read_qr(page, selector: str) -> str:
    """Decode the QR code a page shows, from a screenshot of it as Chromium draws it."""
    png = page.locator(selector).screenshot()
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert code.format == zxingcpp.BarcodeFormat.QRCode
    return code.text


@pytest.fixture(scope="module")
def printer(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def real_sheets(tmp_path_factory):
    """The real records built for real with the development settings, served; and their catalog."""
    project = tmp_path_factory.mktemp("real-sheets") / "site"
    shutil.copytree(REAL_SHEETS, project)
    out = build(project)
    with serving(out) as url:
        yield url, build_catalog(from_settings(project_settings(project)))


@pytest.fixture(scope="module")
def sample_catalog():
    return build_catalog(from_settings(project_settings(ROOT, CONGKHAI={"sample_data": True})))


def page_1_facts(catalog, code: str) -> list[str]:
    """What page 1 of a desk sheet must say: where to go (the contract's rule), how long, how much, what to bring."""
    proc = catalog.by_code[code]
    where = catalog.where_to_go(proc)
    places = (["Bộ phận Một cửa của Ủy ban nhân dân xã, phường nơi bạn cư trú"] if where.commune
              else [nfc(place.text) for place in where.places])
    first_document = nfc(proc.thanh_phan_ho_so[0].ten)[:30]
    return ["Nơi nộp hồ sơ", *places, "Thời hạn:", "Phí, lệ phí:", "Hồ sơ cần nộp", first_document]


def test_every_desk_sheet_prints_on_one_or_two_a4_pages(printer, base_url):
    counts = {code: len(printed(printer, f"{base_url}thu-tuc/{code}/to-niem-yet/")) for code in IN_FORCE}
    assert {code: n for code, n in counts.items() if n not in (1, 2)} == {}


@pytest.mark.parametrize("code", REAL_CODES)
def test_a_long_real_procedure_prints_on_two_a4_pages_and_says_where_the_rest_is(printer, real_sheets, code):
    url, catalog = real_sheets
    sheet = desk_sheet(catalog, catalog.by_code[code])
    assert sheet.cut, "the record is long: its sheet is shortened"
    pages = printed(printer, f"{url}thu-tuc/{code}/to-niem-yet/")
    assert len(pages) in (1, 2)
    assert "đầy đủ tại trang web (quét mã QR ở đầu tờ)" in " ".join(pages)


@pytest.mark.parametrize("code", REAL_CODES)
def test_page_1_of_a_real_sheet_says_where_to_go_how_long_how_much_and_what_to_bring(printer, real_sheets, code):
    url, catalog = real_sheets
    first = printed(printer, f"{url}thu-tuc/{code}/to-niem-yet/")[0]
    assert [fact for fact in page_1_facts(catalog, code) if fact not in first] == []


def test_page_1_of_a_sample_sheet_names_the_commune_desk(printer, base_url, sample_catalog):
    assert sample_catalog.where_to_go(sample_catalog.by_code["1.001193"]).commune
    first = printed(printer, f"{base_url}thu-tuc/1.001193/to-niem-yet/")[0]
    assert [fact for fact in page_1_facts(sample_catalog, "1.001193") if fact not in first] == []


@pytest.mark.parametrize("path", ["thu-tuc/1.001193/to-niem-yet/", "thu-tuc/1.013601/to-niem-yet/",
                                  "10-noi-dung-yeu-cau/to-niem-yet/"])
def test_printed_text_of_a_sample_sheet_is_at_least_12_pt(printer, base_url, path):
    count, small = small_print(printer, f"{base_url}{path}")
    assert count > 10 and small == []


def test_printed_text_of_a_real_sheet_is_at_least_12_pt(printer, real_sheets):
    url, _ = real_sheets
    count, small = small_print(printer, f"{url}thu-tuc/1.013542/to-niem-yet/")
    assert count > 30 and small == []


def test_a_development_build_marks_its_printed_sheets_as_a_preview(printer, base_url):
    for path in ("thu-tuc/1.001193/to-niem-yet/", "10-noi-dung-yeu-cau/to-niem-yet/"):
        assert "Bản xem thử: mã QR trỏ tới máy cục bộ." in printed(printer, f"{base_url}{path}")[0]


def test_desk_sheet_pdf_is_a4(printer, base_url):
    printer.goto(f"{base_url}thu-tuc/1.001193/to-niem-yet/")
    reader = PdfReader(io.BytesIO(printer.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    # A4 is 210 × 297 mm: 595 × 842 points.
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "1.001193" in text and "Hồ sơ cần nộp" in text


def test_the_ten_commitments_poster_prints_on_one_page(printer, base_url):
    assert len(printed(printer, f"{base_url}10-noi-dung-yeu-cau/to-niem-yet/")) == 1
    assert printer.locator(".poster-body li").count() == 10


def test_desk_sheet_qr_code_opens_the_procedure_page(printer, base_url):
    printer.goto(f"{base_url}thu-tuc/1.001193/to-niem-yet/")
    address = f"{DEFAULTS['public_url']}/thu-tuc/1.001193/"
    assert read_qr(printer, ".sheet-qr svg") == address
    assert printer.locator(".sheet-address .url-text").text_content() == address
    printer.goto(f"{base_url}10-noi-dung-yeu-cau/to-niem-yet/")
    assert read_qr(printer, ".sheet-qr svg") == f"{DEFAULTS['public_url']}/10-noi-dung-yeu-cau/"


def test_published_qr_code_holds_the_public_address(browser, tiny):
    from test_discovery import PUBLIC, publish_build

    sheet = (publish_build(tiny) / "thu-tuc/1.001193/to-niem-yet/index.html").read_text(encoding="utf-8")
    (svg,) = re.findall(r"<svg role=\"img\".*?</svg>", sheet, re.S)
    page = browser.new_page()
    # Only the drawing: the published page's stylesheets live on the public host.
    page.set_content(f"<!DOCTYPE html><body style='margin:0;background:#fff'><div style='width:300px'>{svg}</div>")
    assert read_qr(page, "svg") == f"{PUBLIC}/thu-tuc/1.001193/"
    page.close()


def test_procedure_page_links_its_desk_sheet(printer, base_url):
    printer.goto(f"{base_url}thu-tuc/1.001193/")
    printer.get_by_role("link", name="In tờ niêm yết thủ tục Đăng ký khai sinh").click()
    assert printer.url == f"{base_url}thu-tuc/1.001193/to-niem-yet/"
    assert printer.locator("h1").text_content() == "Đăng ký khai sinh"


def test_404_names_the_code_of_an_unknown_procedure_address(browser, base_url):
    page = browser.new_page()
    response = page.goto(f"{base_url}thu-tuc/1.999999/")
    assert response.status == 404
    note = page.locator("#ma-cu")
    assert note.is_visible()
    assert "thủ tục mã 1.999999" in note.text_content()
    assert page.locator("#tim-nhanh").input_value() == "1.999999"
    assert page.locator("link[rel=stylesheet]").evaluate("l => l.sheet !== null")
    page.goto(f"{base_url}khong-co-trang-nay/")
    assert not page.locator("#ma-cu").is_visible()
    page.close()


def test_404_without_javascript_still_offers_search_and_links(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}thu-tuc/1.999999/")
    assert not page.locator("#ma-cu").is_visible()
    assert page.get_by_role("search").is_visible()
    page.get_by_role("link", name="Danh sách tất cả thủ tục từ A đến Z").click()
    assert page.url == f"{base_url}thu-tuc/"
    context.close()


def test_old_address_leads_to_the_new_page_without_javascript(browser, tmp_path):
    project = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "data" / "tiny", project)
    path = project / "procedures/2.000815.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'ma_cu: ["1.000123"]\n', encoding="utf-8")
    with serving(build(project)) as url:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{url}thu-tuc/1.000123/")
        page.wait_for_url(f"{url}thu-tuc/2.000815/")
        assert page.locator("h1").inner_text() == "Chứng thực bản sao từ bản chính"
        context.close()
