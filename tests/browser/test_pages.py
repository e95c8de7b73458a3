"""The sample site as citizens meet it, in a real Chromium: phone width, no JavaScript, keyboard, print."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "",
    "procedure": "thu-tuc/1.001193/",
    "procedure with cases": "thu-tuc/1.013601/",
    "abolished procedure": "thu-tuc/1.002804/",
    "a-z": "thu-tuc/",
    "field": "linh-vuc/ho-tich/",
    "agency": "co-quan/so-tu-phap/",
    "level": "cap/xa/",
    "audience": "doi-tuong/doanh-nghiep/",
    "search": "tim-kiem/",
    "announcements": "thong-bao/",
    "ten commitments": "10-noi-dung-yeu-cau/",
    "404": "404.html",
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGE_KINDS.values(), ids=list(PAGE_KINDS))
def test_phone_width_without_javascript(phone, base_url, path):
    response = phone.goto(base_url + path)
    assert response.ok
    assert phone.locator("h1").count() == 1
    assert phone.locator("h1").is_visible()
    assert phone.locator("main").count() == 1
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 360px"


@pytest.mark.parametrize("path", PAGE_KINDS.values(), ids=list(PAGE_KINDS))
def test_no_request_leaves_the_site(browser, base_url, path):
    context = browser.new_context()
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto(base_url + path, wait_until="networkidle")
    context.close()
    assert hosts == {urlparse(base_url).netloc}


def test_skip_link_is_the_first_tab_stop(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "thu-tuc/1.001193/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Bỏ qua, đến nội dung chính"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.url.endswith("#noi-dung")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.close()


def test_visible_focus(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "thu-tuc/")
    link = page.locator(".az-list a").first
    before = link.evaluate("e => getComputedStyle(e).backgroundColor")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    after = link.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before != after
    page.close()


def test_print_keeps_content_and_drops_navigation(browser, base_url, tmp_path):
    page = browser.new_page()
    page.goto(base_url + "thu-tuc/1.001193/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".search-form").first.is_visible()
    assert page.locator("#ho-so table").is_visible()
    pdf = page.pdf(format="A4")
    page.close()
    assert pdf.startswith(b"%PDF")
    assert b"/Type /Page" in pdf
