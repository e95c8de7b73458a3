"""Screenshots of each page kind at phone and desktop width, for people to look at.

    .venv/bin/python scripts/screenshots.py [--output output] [--to screenshots] [--no-js] [--full]

Serves the built site on loopback and writes PNGs with Debian's Chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # devtools/ is not installed

from devtools.qa.browser import DESKTOP, PHONE, SAMPLE_PAGES, chromium, serving  # noqa: E402

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", default="output")
    parser.add_argument("--to", default="screenshots")
    parser.add_argument("--no-js", action="store_true")
    parser.add_argument("--full", action="store_true", help="whole page, not just the first screen")
    args = parser.parse_args()
    target = Path(args.to)
    target.mkdir(exist_ok=True)
    with serving(Path(args.output)) as base, chromium() as browser:
        for width_name, viewport in WIDTHS.items():
            context = browser.new_context(viewport=viewport, java_script_enabled=not args.no_js)
            page = context.new_page()
            for name, path in SAMPLE_PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(target / f"{name}-{width_name}.png"), full_page=args.full)
            context.close()
    print(f"Ảnh chụp đã lưu vào {target}/")


if __name__ == "__main__":
    main()
