"""Every quality gate over every page of a built site: what ``invoke qa`` runs."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import Browser

from congkhai.problems import Problem
from congkhai.urls import save_as, url_for, url_of
from . import ToolError
from .browser import checking_context, chromium, phone_context, serving
from .links import check_links
from .markup import check_markup
from .pagechecks import (SEARCH_BOX, axe_problems, keyboard_problems, outside_requests, phone_problems,
                         print_problems, search_problems, small_text_problems, third_party_problems)
from .sample import VISITED, Sample, choose
from .vnu import check_html

EXTERNAL_REPORT = "external-links.tsv"
# The not-found page is shown at whatever address was asked for: it has none of its own to print.
NOT_FOUND = save_as(url_for("not_found"))


def browser_problems(site: Path, names: list[str], browser: Browser, site_url: str = "") -> list[Problem]:
    """The in-browser checks of the pages ``names``, at desktop and phone width, and one search."""
    found: list[Problem] = []
    searched = False
    with serving(site) as base:
        desktop = checking_context(browser)
        phone = phone_context(browser)
        page, small = desktop.new_page(), phone.new_page()
        for name in names:
            with outside_requests(page, base) as outside:
                page.goto(base + url_of(name), wait_until="networkidle")
            found += third_party_problems(name, outside)
            found += axe_problems(page, name)
            found += keyboard_problems(page, name)
            if name != NOT_FOUND:
                found += print_problems(page, name, f"{site_url}/{url_of(name)}")
            small.goto(base + url_of(name))
            found += phone_problems(small, name) + small_text_problems(small, name)
            if not searched and page.locator(SEARCH_BOX).count():
                found += search_problems(page, name, base)
                searched = True
        desktop.close()
        phone.close()
    return found


def run_qa(site: Path, report: Path, browser: Browser, site_url: str = "", sample: Sample | None = None) -> list[Problem]:
    """All problems of the site, sorted; outside addresses are written to ``report``.

    The static gates read every page; the browser visits the pages of ``sample``
    (devtools.qa.sample; by default chosen here). A run that passes records the
    sample's pages as checked, so the next run visits those that change.
    """
    links = check_links(site, site_url)
    links.write_external(report / EXTERNAL_REPORT)
    found = links.problems + check_markup(site) + check_html([site])[site.resolve()]
    sample = sample or choose(site, report)
    found += browser_problems(site, sample.pages, browser, site_url)
    if not found:
        sample.record(report)
    return sorted(set(found))


def main(site: Path, report: Path, site_url: str = "", everything: bool = False) -> int:
    """Print one line per problem and a summary; 0 when the site passes every gate."""
    started = time.perf_counter()
    if not site.is_dir():
        print(f"Chưa có trang web trong {site}; hãy chạy ./dev build trước.", file=sys.stderr)
        return 1
    visited = choose(site, report, everything)
    try:
        with chromium() as browser:
            found = run_qa(site, report, browser, site_url, visited)
    except ToolError as error:
        print(f"Thiếu công cụ kiểm tra: {error}", file=sys.stderr)
        return 1
    for problem in found:
        print(problem)
    why = ("mọi trang" if everything else
           f"mẫu của {visited.kinds} loại trang, {visited.changed} trang thay đổi từ lần kiểm tra trước")
    print(f"Kiểm tra chất lượng: {visited.total} trang, {len(found)} lỗi ({time.perf_counter() - started:.0f} giây). "
          f"Liên kết, mã HTML: mọi trang; trong trình duyệt: {len(visited.pages)} trang ({why}), "
          f"danh sách ở {report / VISITED}. "
          f"Liên kết ra ngoài trang (không kiểm tra tự động): {report / EXTERNAL_REPORT}")
    return 1 if found else 0
