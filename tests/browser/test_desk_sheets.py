"""Desk sheets and posters printed to PDF in Chromium, QR codes read back, 404 and old addresses."""

from __future__ import annotations

import io
import re
import shutil

import pytest
import yaml
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from congkhai.config import DEFAULTS
from congkhai.qa.browser import serving
from helpers import ROOT, build

pytestmark = pytest.mark.browser

IN_FORCE = sorted(
    path.stem for path in (ROOT / "procedures").glob("*.yaml")
    if yaml.safe_load(path.read_text(encoding="utf-8")).get("trang_thai", "hieu-luc") == "hieu-luc"
)


def pdf_pages(page, url: str) -> int:
    page.goto(url)
    pdf = page.pdf(prefer_css_page_size=True)
    return len(PdfReader(io.BytesIO(pdf)).pages)


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


def test_every_desk_sheet_prints_on_one_or_two_a4_pages(printer, base_url):
    counts = {code: pdf_pages(printer, f"{base_url}thu-tuc/{code}/to-niem-yet/") for code in IN_FORCE}
    assert {code: n for code, n in counts.items() if n not in (1, 2)} == {}


def test_desk_sheet_pdf_is_a4(printer, base_url):
    printer.goto(f"{base_url}thu-tuc/1.001193/to-niem-yet/")
    reader = PdfReader(io.BytesIO(printer.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    # A4 is 210 × 297 mm: 595 × 842 points.
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "1.001193" in text and "Hồ sơ cần nộp" in text


def test_the_ten_commitments_poster_prints_on_one_page(printer, base_url):
    assert pdf_pages(printer, f"{base_url}10-noi-dung-yeu-cau/to-niem-yet/") == 1
    assert printer.locator(".poster-body li").count() == 10


def test_desk_sheet_qr_code_opens_the_procedure_page(printer, base_url):
    printer.goto(f"{base_url}thu-tuc/1.001193/to-niem-yet/")
    address = f"{DEFAULTS['public_url']}/thu-tuc/1.001193/"
    assert read_qr(printer, ".sheet-qr svg") == address
    assert printer.locator(".sheet-qr figcaption .url-text").text_content() == address
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
