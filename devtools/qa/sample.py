"""Which pages the browser gates visit: every kind of page, and the pages that changed since the last run.

The static gates (links, markup, the HTML checker) read every page. The
browser gates cost about a second a page, too much for a province's thousands
of pages, and most pages of one kind are the same template with other data.
So the browser visits, for each kind of page (its address pattern in
``congkhai.urls``), the largest and the smallest page and the one with the
longest address — long names, texts and addresses break layouts, empty lists
break others — and every page whose bytes changed
since the last run, up to a limit, the largest first. A run that passes
records the pages' digests in the report folder; every run lists there the
pages it visited.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from congkhai.urls import PATTERNS, url_of

DIGESTS = "page-digests.json"
VISITED = "browser-pages.txt"
# Changed pages visited at most, beyond the sample of each kind.
CHANGED_LIMIT = 40


def _kind_patterns() -> list[tuple[str, re.Pattern]]:
    """Each address pattern as a regular expression, the most specific (longest) first."""
    out = []
    for kind, pattern in PATTERNS.items():
        parts = re.split(r"(\{key\}|\{sub\})", pattern)
        regex = "".join("[^/]+" if part in ("{key}", "{sub}") else re.escape(part) for part in parts)
        out.append((kind, re.compile(f"^{regex}$")))
    return sorted(out, key=lambda item: -len(item[1].pattern))


_KINDS = _kind_patterns()


def kind_of(name: str) -> str:
    """The kind of an output page (``thu-tuc/1.001193/index.html`` → ``procedure``).

    Pages of Pelican's own (announcements, pages) are named by their first folder.
    """
    url = url_of(name)
    for kind, regex in _KINDS:
        if regex.match(url):
            return kind
    return "other:" + url.split("/", 1)[0]


@dataclass(frozen=True)
class Sample:
    """The pages the browser visits and why."""

    pages: list[str]
    kinds: int
    changed: int
    total: int
    digests: dict[str, str]

    def record(self, report: Path) -> None:
        """Remember the pages as checked: the next run visits those that change."""
        (report / DIGESTS).write_text(json.dumps(self.digests, sort_keys=True, indent=0), encoding="utf-8")


def choose(site: Path, report: Path, everything: bool = False) -> Sample:
    """The pages of ``site`` to visit in the browser (all of them with ``everything``), listed in ``report``."""
    names = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]
    sizes = {name: (site / name).stat().st_size for name in names}
    digests = {name: hashlib.blake2b((site / name).read_bytes(), digest_size=16).hexdigest() for name in names}
    try:
        before = json.loads((report / DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = None
    if everything:
        chosen, kinds, changed = list(names), len({kind_of(n) for n in names}), 0
    else:
        by_kind: dict[str, list[str]] = {}
        for name in names:
            by_kind.setdefault(kind_of(name), []).append(name)
        picked = set()
        for pages in by_kind.values():
            ordered = sorted(pages, key=lambda n: (sizes[n], n))
            picked.update((ordered[0], ordered[-1], max(pages, key=lambda n: (len(n), n))))
        fresh = [] if before is None else sorted(
            (n for n in names if before.get(n) != digests[n] and n not in picked),
            key=lambda n: (-sizes[n], n))[:CHANGED_LIMIT]
        chosen = sorted(picked | set(fresh))
        kinds, changed = len(by_kind), len(fresh)
    report.mkdir(parents=True, exist_ok=True)
    (report / VISITED).write_text("".join(f"{name}\n" for name in chosen), encoding="utf-8")
    return Sample(chosen, kinds, changed, len(names), digests)
