"""The sample site as citizens meet it, in a real Chromium: every page kind with axe-core, the keyboard,
a 360 px phone without JavaScript, print, and no request to another host."""

from __future__ import annotations

import pytest

from congkhai.qa.browser import SAMPLE_PAGES
from congkhai.qa.pagechecks import (axe_problems, keyboard_problems, outside_requests, phone_problems,
                                    print_problems, search_problems, third_party_problems)

pytestmark = pytest.mark.browser

KINDS = pytest.mark.parametrize("path", SAMPLE_PAGES.values(), ids=list(SAMPLE_PAGES))


@KINDS
def test_phone_width_without_javascript(phone, base_url, path):
    response = phone.goto(base_url + path)
    assert response.ok
    assert phone.locator("h1").count() == 1
    assert phone.locator("h1").is_visible()
    assert phone.locator("main").count() == 1
    assert [str(p) for p in phone_problems(phone, "/" + path)] == []


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


@pytest.mark.parametrize("kind,content", [("procedure", "#ho-so table"), ("procedure-cases", ".case table"),
                                          ("a-z", ".az-list")])
def test_print_keeps_content_drops_navigation_and_shows_the_address(checker, base_url, kind, content):
    path = SAMPLE_PAGES[kind]
    checker.goto(base_url + path)
    assert [str(p) for p in print_problems(checker, path, "/" + path)] == []
    checker.emulate_media(media="print")
    assert checker.locator(content).first.is_visible()
    assert checker.locator(".print-address").is_visible()
    checker.emulate_media(media="screen")
    assert not checker.locator(".print-address").is_visible()
