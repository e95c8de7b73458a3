"""Each in-browser gate fails on a real regression: known-bad pages in tests/data/bad-pages/.

good.html breaks no rule, so every gate must pass it; each other page breaks one.
"""

from __future__ import annotations

import re
import shutil

import pytest

from congkhai.problems import Problem
from devtools.qa.pagechecks import (axe_problems, keyboard_problems, outside_requests, phone_problems,
                                    print_problems, search_problems, small_text_problems, third_party_problems)
from devtools.qa.run import EXTERNAL_REPORT, run_qa
from helpers import BAD_PAGES, edit

pytestmark = pytest.mark.browser


def checks(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in problems]


@pytest.mark.parametrize("name,expected", [
    ("good.html", set()),
    ("missing-alt.html", {"axe:image-alt"}),
    ("low-contrast.html", {"axe:color-contrast"}),
])
def test_axe(checker, bad_url, name, expected):
    checker.goto(bad_url + name)
    assert {p.path for p in axe_problems(checker, name)} == expected


@pytest.mark.parametrize("name,expected", [
    ("good.html", []),
    ("keyboard.html", [
        ("focus", "không thấy rõ chỗ đang chọn (focus): <a.no-focus> \"Không thấy khi được chọn\""),
        ("keyboard", "không tới được bằng phím Tab: <a> \"Không tới được bằng phím Tab\""),
        ("skip-link", "phím Tab đầu tiên phải tới liên kết bỏ qua, đến nội dung chính"),
    ]),
])
def test_keyboard(checker, bad_url, name, expected):
    checker.goto(bad_url + name)
    assert checks(keyboard_problems(checker, name)) == expected


@pytest.mark.parametrize("name,expected", [
    ("good.html", []),
    ("too-wide.html", [("phone", "trang cuộn ngang 296px; phần tử quá rộng: "
                                 "<div.wide> \"Khối rộng cố định làm trang cuộn ngang trên điện t\"")]),
])
def test_phone(phone, bad_url, name, expected):
    phone.goto(bad_url + name)
    assert checks(phone_problems(phone, name)) == expected


def test_small_tap_target(phone, bad_url):
    """A link standing alone smaller than 24×24 px is reported with its size; the link inside
    a sentence may be as small as its text (WCAG 2.5.8, inline exception). The size itself
    depends on the fonts of the machine, so only its bounds are asserted."""
    phone.goto(bad_url + "small-target.html")
    found = checks(phone_problems(phone, "small-target.html"))
    assert len(found) == 1, found
    check, message = found[0]
    assert check == "tap-target"
    size = re.fullmatch(r'vùng chạm nhỏ hơn 24×24px: <a> "Liên kết đứng riêng" (\d+)×(\d+)px', message)
    assert size, message
    assert min(int(size.group(1)), int(size.group(2))) < 24


@pytest.mark.parametrize("name", ["good.html", "small-target.html", "too-wide.html"])
def test_text_size_of_pages_that_keep_it(phone, bad_url, name):
    phone.goto(bad_url + name)
    assert checks(small_text_problems(phone, name)) == ([] if name != "small-target.html" else [
        ("text-size", 'chữ nhỏ hơn 12px: <a> "Liên kết đứng riêng" 10,0px'),
        ("text-size", 'chữ nhỏ hơn 12px: <p.tiny> "Một câu có liên kết trong câu thì được nhỏ theo dò" 10,0px'),
        ("text-size", 'chữ nhỏ hơn 12px: <a> "liên kết trong câu" 10,0px'),
    ])


def test_svg_text_is_measured_as_drawn(phone, bad_url):
    """A 13 px label in a 640-unit drawing shown 328 px wide is drawn at about half its size.
    The page's width decides the scale, so only its bounds are asserted."""
    phone.goto(bad_url + "small-text.html")
    found = checks(small_text_problems(phone, "small-text.html"))
    assert len(found) == 1, found
    check, message = found[0]
    size = re.fullmatch(r'chữ nhỏ hơn 12px: <text> "90%" (\d+),(\d)px', message)
    assert check == "text-size" and size, message
    assert 4 <= int(size.group(1)) < 12


@pytest.mark.parametrize("name,expected", [
    ("good.html", []),
    ("print.html", [
        ("print", "bản in còn phần điều hướng: <nav> \"Điều hướng chính\""),
        ("print", "bản in không có địa chỉ trang /print.html"),
    ]),
])
def test_print(checker, bad_url, name, expected):
    checker.goto(bad_url + name)
    assert checks(print_problems(checker, name, "/" + name)) == expected


def test_requests_to_another_host_are_caught_and_stopped(checker, bad_url):
    with outside_requests(checker, bad_url) as outside:
        checker.goto(bad_url + "external-request.html", wait_until="networkidle")
    assert sorted(checks(third_party_problems("external-request.html", outside))) == [
        ("third-party", "trình duyệt gửi yêu cầu ra ngoài trang: http://127.0.0.2:9/dem-luot-xem.png"),
        ("third-party", "trình duyệt gửi yêu cầu ra ngoài trang: http://127.0.0.2:9/theo-doi.js"),
    ]


def test_a_search_that_leaves_the_site_is_caught(checker, bad_url):
    checker.goto(bad_url + "external-search.html")
    assert checks(search_problems(checker, "external-search.html", bad_url)) == [
        ("third-party", "trình duyệt gửi yêu cầu ra ngoài trang: http://127.0.0.2:9/tim?q=khai+sinh")]


def test_qa_run_reports_a_regression_and_lists_outside_links(browser, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("good.html", "page.css", "thu-muc"):
        copy = shutil.copytree if (BAD_PAGES / name).is_dir() else shutil.copy
        copy(BAD_PAGES / name, site / name)
    edit(site, "good.html", '<a href="thu-muc/">', '<a href="thu-muc/khong-co.html">')
    edit(site, "good.html", '<a href="#noi-dung">', '<a href="https://example.org/">')
    found = run_qa(site, tmp_path / "report", browser)
    assert [str(p) for p in found] == ["good.html:14: links: 'thu-muc/khong-co.html': không có tệp thu-muc/khong-co.html"]
    report = (tmp_path / "report" / EXTERNAL_REPORT).read_text(encoding="utf-8")
    assert "https://example.org/\tgood.html\n" in report
