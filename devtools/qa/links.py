"""Links: every internal address and #fragment of a built site resolves to a file and an id.

Addresses outside the site are collected for a report and never fetched: a test
must not depend on, or send traffic to, another host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from congkhai.problems import Problem
from congkhai.urls import url_of

CHECK = "links"
# Sites built with relative URLs have no origin; links are resolved against this stand-in.
_NO_ORIGIN = "http://site.invalid/"
_URL_ATTRIBUTES = {"href", "src", "action", "poster"}
# Schemes a browser hands to another program; there is nothing to resolve.
_HANDED_OFF = {"mailto", "tel"}


@dataclass
class PageLinks:
    """What one page points at, (line, address), and the fragment names it offers."""

    links: list[tuple[int, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRIBUTES:
                self.page.links.append((line, value.strip()))
            elif name == "srcset":
                self.page.links.extend((line, c.split()[0]) for c in value.split(",") if c.strip())
            elif name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)

    handle_startendtag = handle_starttag


def read_links(path: Path) -> PageLinks:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


@dataclass
class LinkReport:
    problems: list[Problem]
    # Each outside address with the pages that link to it, both sorted.
    external: dict[str, list[str]]

    def write_external(self, path: Path) -> None:
        """The outside addresses as a tab-separated list for people to check by hand."""
        lines = [f"# {len(self.external)} địa chỉ ngoài trang; không được kiểm tra tự động.",
                 "# địa chỉ\ttrang có liên kết"]
        lines += [f"{url}\t{' '.join(pages)}" for url, pages in self.external.items()]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_links(site: Path, site_url: str = "") -> LinkReport:
    """Resolve every link of every page under ``site``.

    ``site_url`` is the public address when the site was built with absolute
    URLs; links that start with it are internal.
    """
    base = site_url.rstrip("/") + "/" if site_url else _NO_ORIGIN
    pages = {f.relative_to(site).as_posix(): read_links(f) for f in sorted(site.rglob("*.html"))}
    problems: list[Problem] = []
    external: dict[str, set[str]] = {}
    for name, page in pages.items():
        for line, link in page.links:
            address = urljoin(base + url_of(name), link)
            if not address.startswith(base):
                scheme = urlsplit(address).scheme
                if scheme in ("http", "https"):
                    external.setdefault(address, set()).add(name)
                elif scheme not in _HANDED_OFF:
                    problems.append(Problem(name, line, CHECK, f"'{link}': địa chỉ không mở được trong trình duyệt"))
                continue
            message = _unresolved(site, pages, address[len(base):])
            if message:
                problems.append(Problem(name, line, CHECK, f"'{link}': {message}"))
    return LinkReport(problems, {url: sorted(external[url]) for url in sorted(external)})


def _unresolved(site: Path, pages: dict[str, PageLinks], relative: str) -> str:
    """Why a site-relative address does not resolve, or '' when it does."""
    parts = urlsplit(relative)
    path = unquote(parts.path)
    target = path + "index.html" if path == "" or path.endswith("/") else path
    if (site / target).is_dir():
        return f"thiếu dấu '/' ở cuối địa chỉ thư mục {path}"
    if not (site / target).is_file():
        return f"không có tệp {target}"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html"):
        if fragment not in pages[target].ids:
            return f"trang {target} không có phần tử id=\"{fragment}\""
    return ""
