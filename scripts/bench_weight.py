"""Page weight as a browser loads it the first time: bytes raw and gzip-compressed, against budgets.

    .venv/bin/python scripts/bench_weight.py [--output output]

Serves the built site on loopback, loads each page in Debian's Chromium with an
empty cache, and counts every response of the first load (gzip level 6, what web
servers commonly send). Prints a Markdown table for the README; exits 1 when a
budget is exceeded.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # devtools/ is not installed

from devtools.qa.browser import DESKTOP, SAMPLE_PAGES, chromium, serving  # noqa: E402

PAGES = ["home", "procedure", "procedure-cases", "a-z", "search"]
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}
COLUMNS = ["HTML", "CSS", "JS", "other", "total"]
# Gzip bytes a page may weigh. A procedure's text and style fit in the first round trip of a
# new connection (about 14 kB), so it reads at once on a slow phone line; script is only an
# enhancement, so it stays small; the home page stays light as a whole.
BUDGETS = {
    ("procedure", "HTML+CSS"): 14_000,
    ("home", "JS"): 20_000,
    ("procedure", "JS"): 20_000,
    ("home", "total"): 30_000,
}


def weigh(browser, url: str) -> dict[str, tuple[int, int]]:
    """(raw, gzip) bytes by kind of response for one first load of ``url``."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    sizes = {column: (0, 0) for column in COLUMNS}
    for response in responses:
        body = response.body()
        packed = len(gzip.compress(body, compresslevel=6, mtime=0))
        for column in (KINDS.get(response.request.resource_type, "other"), "total"):
            raw, gz = sizes[column]
            sizes[column] = (raw + len(body), gz + packed)
    context.close()
    raw, gz = (sizes["HTML"][i] + sizes["CSS"][i] for i in (0, 1))
    sizes["HTML+CSS"] = (raw, gz)
    return sizes


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", default="output")
    args = parser.parse_args()
    with serving(Path(args.output)) as base, chromium() as browser:
        weights = {name: weigh(browser, base + SAMPLE_PAGES[name]) for name in PAGES}
    print("| page | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for name, sizes in weights.items():
        cells = [f"{kb(sizes[c][0])} / {kb(sizes[c][1])}" for c in COLUMNS]
        print(f"| {name} (`/{SAMPLE_PAGES[name]}`) | " + " | ".join(cells) + " |")
    print("\nkB raw / kB gzip. Budgets (gzip):")
    over = False
    for (name, column), budget in BUDGETS.items():
        gz = weights[name][column][1]
        over |= gz > budget
        print(f"- {name} {column}: {kb(gz)} kB of {kb(budget)} kB{' — OVER BUDGET' if gz > budget else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
