"""Texts as published in a real Chromium: steps that carry "Bước N" show no other number; real pages pass the gates."""

from __future__ import annotations

import pytest

from devtools.qa.browser import serving
from devtools.qa.pagechecks import axe_problems, phone_problems, print_problems

pytestmark = pytest.mark.browser

# 2.002764: one step holding "Bước 1: … Bước 2: … Bước 3: …"; 1.013514: conditions "- … + …".
PAGES = ["thu-tuc/2.002764/", "thu-tuc/1.013514/"]


@pytest.fixture(scope="module")
def real_url(real_text_site):
    with serving(real_text_site) as url:
        yield url


def test_labelled_steps_are_not_numbered_again(phone, real_url):
    phone.goto(real_url + "thu-tuc/2.002764/")
    items = phone.locator("#trinh-tu li")
    assert items.count() == 3
    # What a reader sees of each step begins with its own label, and the browser draws no number before it.
    assert [text.split(":")[0] for text in items.all_inner_texts()] == ["Bước 1", "Bước 2", "Bước 3"]
    assert items.evaluate_all("items => items.map(li => getComputedStyle(li).listStyleType)") == ["none"] * 3


def test_plus_lines_are_a_list_inside_their_dash_line(phone, real_url):
    phone.goto(real_url + "thu-tuc/1.013514/")
    assert phone.locator("#dieu-kien ul > li > ul > li").count() == 3


@pytest.mark.parametrize("path", PAGES)
def test_real_pages_on_a_phone_in_print_and_with_axe(checker, phone, real_url, path):
    phone.goto(real_url + path)
    assert [str(p) for p in phone_problems(phone, "/" + path)] == []
    checker.goto(real_url + path, wait_until="networkidle")
    assert [str(p) for p in axe_problems(checker, path)] == []
    assert [str(p) for p in print_problems(checker, path, "/" + path)] == []
