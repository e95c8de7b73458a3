"""Quality gates for a built site, run by the test suite and ``invoke qa``.

Each checker reads the site in ``output/`` (or any folder of pages) and returns
``congkhai.problems.Problem`` values: the page file, the line when known, the
check's name and what is wrong. Nothing here fetches an address outside the site.

    links      every internal link, form template and #fragment resolves
    markup     Content-Security-Policy, no inline code, headings, tables, images
    vnu        the Nu HTML Checker over every page and stylesheet in one run
    browser    the site served on loopback, Debian's Chromium through Playwright
    pagechecks axe-core, keyboard, phone width, tap targets, print, third parties
    run        all of the above, as ``invoke qa`` runs them
"""

from __future__ import annotations

from pathlib import Path


class ToolError(RuntimeError):
    """A checker's program is missing or failed; ``./dev test`` and ``./dev qa`` install what is needed."""


# npm installs the checkers' files here (package.json at the repository root).
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"


def npm_file(relative: str) -> Path:
    """A file of an npm package the checkers use, or ToolError when it is not installed."""
    path = NODE_MODULES / relative
    if not path.is_file():
        raise ToolError(f"không có node_modules/{relative} (./dev test và ./dev qa chạy npm ci)")
    return path
