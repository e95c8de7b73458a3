"""Screenshots of each page kind at phone and desktop width, for people to look at.

    .venv/bin/python scripts/screenshots.py [--output output] [--to screenshots] [--no-js]

Serves the built site on loopback and writes PNGs with Debian's Chromium.
"""

from __future__ import annotations

import argparse
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "procedure": "thu-tuc/1.001193/",
    "procedure-cases": "thu-tuc/1.013601/",
    "procedure-abolished": "thu-tuc/1.002804/",
    "a-z": "thu-tuc/",
    "field": "linh-vuc/ho-tich/",
    "agency": "co-quan/so-tu-phap/",
    "agencies": "co-quan/",
    "event": "su-kien/co-con/",
    "search": "tim-kiem/",
    "announcement": "thong-bao/nop-ho-so-truc-tuyen/",
    "404": "404.html",
}
WIDTHS = {"phone": (360, 640), "desktop": (1280, 800)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", default="output")
    parser.add_argument("--to", default="screenshots")
    parser.add_argument("--no-js", action="store_true")
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    args = parser.parse_args()
    target = Path(args.to)
    target.mkdir(exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=args.output))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for width_name, (w, h) in WIDTHS.items():
            context = browser.new_context(viewport={"width": w, "height": h}, java_script_enabled=not args.no_js)
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(target / f"{name}-{width_name}.png"), full_page=args.full)
            context.close()
        browser.close()
    server.shutdown()
    print(f"Ảnh chụp đã lưu vào {target}/")


if __name__ == "__main__":
    main()
