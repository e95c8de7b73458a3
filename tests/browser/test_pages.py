"""The sample site as citizens meet it, in a real Chromium: every page kind with axe-core, the keyboard,
a 360 px phone without JavaScript, print, and no request to another host."""

from __future__ import annotations

import pytest

from devtools.qa.browser import SAMPLE_PAGES
from devtools.qa.pagechecks import (axe_problems, keyboard_problems, outside_requests, phone_problems,
                                    print_problems, search_problems, small_text_problems, third_party_problems)

pytestmark = pytest.mark.browser

KINDS = pytest.mark.parametrize("path", SAMPLE_PAGES.values(), ids=list(SAMPLE_PAGES))


@KINDS
def test_phone_width_without_javascript(phone, base_url, path):
    response = phone.goto(base_url + path)
    assert response.ok
    assert phone.locator("h1").count() == 1
    assert phone.locator("h1").is_visible()
    assert phone.locator("main").count() == 1
    assert [str(p) for p in phone_problems(phone, "/" + path) + small_text_problems(phone, "/" + path)] == []


@KINDS
def test_axe_keyboard_and_no_third_party(checker, base_url, path):
    with outside_requests(checker, base_url) as outside:
        response = checker.goto(base_url + path, wait_until="networkidle")
    assert response.ok
    name = "/" + path
    found = third_party_problems(name, outside) + axe_problems(checker, name) + keyboard_problems(checker, name)
    assert [str(p) for p in found] == []


def test_searching_sends_nothing_outside(checker, base_url):
    checker.goto(base_url)
    assert search_problems(checker, "index.html", base_url) == []
    assert checker.url == base_url + "tim-kiem/?q=khai+sinh"


# A page with cases prints the case chosen on screen: at first the normal one.
@pytest.mark.parametrize("kind,content", [("procedure", "#ho-so table"),
                                          ("procedure-cases", '[data-case-general="ho-so"] table'),
                                          ("a-z", ".az-list"), ("results-month", "table.compare"),
                                          ("results-city-trend", "table.city-trend")])
def test_print_keeps_content_drops_navigation_and_shows_the_address(checker, base_url, kind, content):
    path = SAMPLE_PAGES[kind]
    checker.goto(base_url + path)
    assert [str(p) for p in print_problems(checker, path, "/" + path)] == []
    checker.emulate_media(media="print")
    assert checker.locator(content).first.is_visible()
    assert not checker.locator(".print-link").is_visible()
    assert checker.locator(".print-address").is_visible()
    checker.emulate_media(media="screen")
    assert not checker.locator(".print-address").is_visible()


def test_cases_without_javascript_are_all_shown(phone, base_url):
    phone.goto(base_url + "thu-tuc/1.013601/")
    assert phone.locator("section.case").count() == 2
    assert phone.locator("section.case").nth(0).is_visible()
    assert phone.locator("section.case").nth(1).is_visible()
    assert phone.locator(".case-links a").count() == 2


def test_case_picker_starts_with_the_normal_case_and_shows_a_chosen_case_in_place(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "thu-tuc/1.013601/")
    radios = page.get_by_role("radio")
    assert radios.count() == 3
    assert page.get_by_role("radio", name="Trường hợp thông thường").is_checked()
    general = page.locator('#ho-so [data-case-general="ho-so"] table')
    assert general.is_visible()
    assert not page.locator("section.case").first.is_visible()
    # The normal case's documents come right after the choice, not after the other cases'.
    assert general.bounding_box()["y"] < page.locator("#cach-thuc").bounding_box()["y"]
    page.get_by_role("radio", name="Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp").check()
    chosen = page.locator("#ho-so table", has_text="Giấy phép lái xe quân sự")
    assert chosen.is_visible()
    assert not general.is_visible()
    assert not page.locator("#ho-so table", has_text="Bản dịch giấy phép lái xe nước ngoài").is_visible()
    assert page.url.endswith("#truong-hop-1")
    page.get_by_role("radio", name="Trường hợp thông thường").check()
    assert general.is_visible() and not chosen.is_visible()
    assert errors == []
    context.close()


def test_an_address_of_a_case_opens_with_that_case_chosen(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(base_url + "thu-tuc/1.013601/#truong-hop-2")
    assert page.get_by_role("radio", name="Đổi giấy phép lái xe do nước ngoài cấp").is_checked()
    assert page.locator("#ho-so table", has_text="Bản dịch giấy phép lái xe nước ngoài").is_visible()
    context.close()
