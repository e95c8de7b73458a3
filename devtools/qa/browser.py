"""A built site served on loopback, and Debian's Chromium driven by Playwright.

Playwright drives /usr/bin/chromium; it downloads no browser of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, sync_playwright

from . import ToolError, npm_file

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: no background traffic to outside hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}

# One page of each kind on the sample site: what tests, screenshots and benchmarks visit.
SAMPLE_PAGES = {
    "home": "",
    "procedure": "thu-tuc/1.001193/",
    "procedure-cases": "thu-tuc/1.013601/",
    "procedure-abolished": "thu-tuc/1.002804/",
    "a-z": "thu-tuc/",
    "fields": "linh-vuc/",
    "field": "linh-vuc/ho-tich/",
    "agencies": "co-quan/",
    "agency": "co-quan/so-tu-phap/",
    "agency-commune": "co-quan/phuong-hoan-kiem/",
    "levels": "cap/",
    "level": "cap/xa/",
    "audiences": "doi-tuong/",
    "audience": "doi-tuong/doanh-nghiep/",
    "events": "su-kien/",
    "event": "su-kien/co-con/",
    "search": "tim-kiem/",
    "announcements": "thong-bao/",
    "announcement": "thong-bao/nop-ho-so-truc-tuyen/",
    "ten-commitments": "10-noi-dung-yeu-cau/",
    "updates": "cap-nhat/",
    "results": "ket-qua/",
    "results-month": "ket-qua/2026-10/",
    "results-month-sorted": "ket-qua/2026-10/sap-xep/dung-han/",
    "results-agency-month": "ket-qua/2026-10/co-quan/so-tu-phap/",
    "results-field-month": "ket-qua/2026-10/linh-vuc/ho-tich/",
    "results-trend": "co-quan/so-tu-phap/ket-qua/",
    "results-city-trend": "ket-qua/qua-cac-thang/",
    "404": "404.html",
    "open-data": "du-lieu/",
    "desk-sheet": "thu-tuc/1.013601/to-niem-yet/",
    "poster": "10-noi-dung-yeu-cau/to-niem-yet/",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a built site as a static host does, with the site's 404.html for a missing page."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yield its base URL (ending in '/')."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not CHROMIUM.exists():
        raise ToolError(f"cần Chromium của Debian tại {CHROMIUM} (./dev cài gói chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def checking_context(browser: Browser) -> BrowserContext:
    """A desktop-size context with axe-core in every page.

    The page's Content-Security-Policy is bypassed so the injected script runs;
    this also lets a request the policy would block show up, and be reported.
    """
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    # An init script is parsed from memory on each load; add_script_tag sends it over the wire every time.
    context.add_init_script(path=str(npm_file("axe-core/axe.min.js")))
    return context


def phone_context(browser: Browser) -> BrowserContext:
    """A 360×640 phone without JavaScript: the page as the least capable reader gets it."""
    return browser.new_context(viewport=PHONE, java_script_enabled=False)
