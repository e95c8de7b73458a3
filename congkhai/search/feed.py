"""What Pagefind reads: for each indexed page, only the parts it indexes.

Pagefind parses every HTML file under the folder it is given and holds them
while it works, although it indexes only what the templates mark with
``data-pagefind-body``. Most of a large site is pages it never indexes (each
agency's and field's monthly results, lists, desk sheets), and an indexed page
is mostly tables it ignores. So before indexing, the built site is copied into
a small "feed" tree: the same paths (Pagefind makes its URLs from them), and
in each file only the ``<html>`` tag (the language) and the marked elements
(the indexed text, filters, metadata). The index built from the feed is the
same, byte for byte, as the one built from the whole site.

Which files can carry indexed text follows from where they are written: the
page kinds below (``congkhai.urls``) and Pelican's articles and pages (their
``*_SAVE_AS`` settings). Among those files, a page goes into the feed when it
carries ``data-pagefind-body``, the rule Pagefind applies itself.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from ..urls import save_as, url_for

# The plugin's page kinds whose templates mark indexed text (procedure.html, event.html).
INDEXED_KINDS = ("procedure", "event")
# Pelican's own content written with article.html and page.html, which mark it too.
PELICAN_SAVE_AS = ("ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS", "PAGE_SAVE_AS", "PAGE_LANG_SAVE_AS")

BODY = "data-pagefind-body"
_ATTRIBUTE = "data-pagefind-"
_ATTRIBUTE_KIND = re.compile(r"data-pagefind-([a-z-]*)")
# The attributes Pagefind reads outside an indexed element too: it takes them from anywhere in the page.
_KEPT = ("body", "filter", "meta", "sort")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# The root element carries the language Pagefind files the page under.
_ROOT = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def candidate_patterns(settings: dict) -> list[str]:
    """Glob patterns, relative to the site, of the files that may carry indexed text.

    ``thu-tuc/{key}/`` becomes ``thu-tuc/*/index.html``; Pelican's
    ``thong-bao/{slug}/index.html`` becomes ``thong-bao/*/index.html``.
    """
    patterns = plugin_patterns()
    patterns += [_PLACEHOLDER.sub("*", settings[name]) for name in PELICAN_SAVE_AS if settings.get(name)]
    return sorted(set(patterns))


def plugin_patterns() -> list[str]:
    """The files of the plugin's pages with indexed text (``INDEXED_KINDS``), as glob patterns."""
    return [save_as(url_for(kind, "*")) for kind in INDEXED_KINDS]


@lru_cache(maxsize=None)
def _tags_named(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){re.escape(name)}[\s/>]", re.IGNORECASE)


def _element_end(html: str, name: str, start_tag_end: int) -> int:
    """Where the element whose start tag ends at ``start_tag_end`` ends (the templates write well-formed HTML)."""
    if name.lower() in _VOID or html[start_tag_end - 2] == "/":
        return start_tag_end
    depth = 1
    for tag in _tags_named(name).finditer(html, start_tag_end):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html.index(">", tag.start()) + 1
    raise ValueError(f"thẻ <{name}> mở mà không đóng")


def indexed_parts(html: str) -> str | None:
    """The page as Pagefind needs it, or None when the page has nothing to index.

    Keeps, in page order, every element marked as indexed text, filter,
    metadata or sort key (an element inside an indexed one comes with it).
    """
    if BODY not in html:
        return None
    parts = []
    position = 0
    while (found := html.find(_ATTRIBUTE, position)) != -1:
        start = html.rfind("<", 0, found)
        if ">" in html[start:found] or _ATTRIBUTE_KIND.match(html, found).group(1) not in _KEPT:
            # Words in text, or an attribute Pagefind reads only inside indexed elements.
            position = found + len(_ATTRIBUTE)
            continue
        name = _TAG_NAME.match(html, start).group(1)
        end = _element_end(html, name, html.index(">", found) + 1)
        parts.append(html[start:end])
        position = end
    root = _ROOT.search(html)
    return "\n".join(["<!DOCTYPE html>", root.group(0) if root else "<html>", '<head><meta charset="utf-8"></head>', "<body>", *parts,
                      "</body>", "</html>", ""])


def write_feed(site: Path, feed: Path, patterns: list[str], changed: set[str] | None = None,
               digests: dict[str, str | None] | None = None) -> int:
    """Write into ``feed`` the indexed parts of each page of ``site`` matching ``patterns``; return how many.

    With ``changed`` (files of the site, relative), the feed already holds the
    other pages from the last build: only those files are read again, and the
    feed pages of those gone from the site are deleted. ``digests`` receives
    a hash of each feed page written, by name (None for a page left out).
    Raises ValueError naming the page when a marked element is not closed.
    """
    if changed is None:
        names = sorted({p.relative_to(site).as_posix() for pattern in patterns for p in site.glob(pattern)
                        if p.is_file()})
    else:
        matching = matcher(patterns)
        names = sorted(name for name in changed if matching.fullmatch(name))
    written = 0
    for name in names:
        target = feed / name
        path = site / name
        try:
            page = indexed_parts(path.read_text(encoding="utf-8")) if path.is_file() else None
        except ValueError as error:
            raise ValueError(f"{name}: {error}") from None
        if digests is not None:
            digests[name] = None if page is None else hashlib.blake2b(page.encode(), digest_size=16).hexdigest()
        if page is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        written += 1
    return written


def matcher(patterns: list[str]) -> re.Pattern:
    """The files (relative to the site) that ``patterns`` match, as one expression to ``fullmatch``."""
    return re.compile("|".join(_as_regex(pattern) for pattern in patterns))


def _as_regex(pattern: str) -> str:
    """A glob pattern of ``candidate_patterns`` as a regular expression: ``*`` stays within one folder."""
    return "".join("[^/]*" if char == "*" else re.escape(char) for char in pattern)
