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


def test_cases_without_javascript_are_all_shown(phone, base_url):
    phone.goto(base_url + "thu-tuc/1.013601/")
    assert phone.locator("section.case").count() == 2
    assert phone.locator("section.case").nth(0).is_visible()
    assert phone.locator("section.case").nth(1).is_visible()
    assert phone.locator(".case-links a").count() == 2


def test_case_picker_shows_only_the_chosen_case(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "thu-tuc/1.013601/")
    radios = page.get_by_role("radio")
    assert radios.count() == 3
    assert page.get_by_role("radio", name="Trường hợp chung (không thuộc các trường hợp dưới đây)").is_checked()
    assert not page.locator("#truong-hop-1").is_visible()
    assert page.locator("#ho-so table").is_visible()
    page.get_by_role("radio", name="Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp").check()
    assert page.locator("#truong-hop-1").is_visible()
    assert not page.locator("#truong-hop-2").is_visible()
    assert not page.locator("#ho-so table").is_visible()
    assert page.url.endswith("#truong-hop-1")
    assert "Đổi giấy phép lái xe quân sự" in page.locator(".case-status").text_content()
    # A shared link opens with that case chosen.
    page.goto(base_url + "thu-tuc/1.013601/#truong-hop-2")
    page.reload()
    assert page.locator("#truong-hop-2").is_visible() and not page.locator("#truong-hop-1").is_visible()
    context.close()
    assert errors == []
