"""Rules every page's markup keeps, read from the HTML itself (no browser needed).

- safe by default: a Content-Security-Policy meta tag that allows only the site
  itself, and no inline scripts, styles or event handlers (the policy would block
  them, so a page that has them is broken for its readers);
- structure for screen readers: one h1, headings that go down one level at a time,
  tables with a caption and a scope on every header cell, a text alternative on
  every image.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from congkhai.problems import Problem

# Sources a policy may name: the site itself, or nothing. 'wasm-unsafe-eval'
# names no source; it lets the site's own WebAssembly (a search index reader) run.
_ALLOWED_SOURCES = {"'self'", "'none'"}
_ALLOWED_IN = {"script-src": {"'wasm-unsafe-eval'"}}
# Scripts of these types are data for other programs; browsers never run them.
_DATA_SCRIPTS = {"application/json", "application/ld+json"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SCOPES = {"row", "col", "rowgroup", "colgroup"}


@dataclass
class _Table:
    line: int
    has_caption: bool = False


@dataclass
class _Facts:
    """What the rules need from one page, each with its line."""

    policies: list[tuple[int, str]] = field(default_factory=list)
    inline_code: list[tuple[int, str]] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    header_cells_without_scope: list[int] = field(default_factory=list)
    images_without_text: list[tuple[int, str]] = field(default_factory=list)


class _MarkupParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = _Facts()
        self._open_tables: list[_Table] = []
        self._script_line = 0

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        a = dict(attrs)
        f = self.facts
        for name, value in attrs:
            if name.startswith("on"):
                f.inline_code.append((line, f"thuộc tính sự kiện {name} trong thẻ <{tag}>"))
            elif name == "style":
                f.inline_code.append((line, f"thuộc tính style trong thẻ <{tag}>"))
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                f.inline_code.append((line, f"địa chỉ javascript: trong thẻ <{tag}>"))
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            f.policies.append((line, a.get("content") or ""))
        elif tag == "script" and "src" not in a and (a.get("type") or "").lower() not in _DATA_SCRIPTS:
            self._script_line = line
        elif tag == "style":
            f.inline_code.append((line, "thẻ <style> trong trang"))
        elif tag in _HEADINGS:
            f.headings.append((line, _HEADINGS[tag]))
        elif tag == "table":
            self._open_tables.append(_Table(line))
            f.tables.append(self._open_tables[-1])
        elif tag == "caption" and self._open_tables:
            self._open_tables[-1].has_caption = True
        elif tag == "th" and a.get("scope") not in _SCOPES:
            f.header_cells_without_scope.append(line)
        elif tag == "img" and a.get("alt") is None:
            f.images_without_text.append((line, "<img> thiếu thuộc tính alt"))
        elif tag == "svg" and a.get("role") == "img" and not (a.get("aria-label") or a.get("aria-labelledby")):
            f.images_without_text.append((line, "<svg role=\"img\"> thiếu aria-label"))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "table" and self._open_tables:
            self._open_tables.pop()
        elif tag == "script" and self._script_line:
            self.facts.inline_code.append((self._script_line, "thẻ <script> nội tuyến"))
            self._script_line = 0


def policy_problems(policy: str) -> list[str]:
    """What in a Content-Security-Policy lets a page use anything but the site itself."""
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    problems = [] if "default-src" in directives else ["thiếu default-src"]
    for name, sources in directives.items():
        allowed = _ALLOWED_SOURCES | _ALLOWED_IN.get(name, set())
        problems += [f"{name} cho phép {s}" for s in sources if s.lower() not in allowed]
    return problems


def page_problems(name: str, html: str) -> list[Problem]:
    """Every rule this module keeps, for one page; ``name`` is how problems refer to it."""
    parser = _MarkupParser()
    parser.feed(html)
    parser.close()
    f = parser.facts
    found = [Problem(name, line, "inline", what) for line, what in f.inline_code]
    if len(f.policies) != 1:
        found.append(Problem(name, 0, "csp", f"cần đúng một thẻ meta Content-Security-Policy, có {len(f.policies)}"))
    for line, policy in f.policies:
        found += [Problem(name, line, "csp", what) for what in policy_problems(policy)]
    found += _heading_problems(name, f.headings)
    found += [Problem(name, t.line, "tables", "bảng không có <caption>") for t in f.tables if not t.has_caption]
    found += [Problem(name, line, "tables", "ô tiêu đề <th> thiếu scope") for line in f.header_cells_without_scope]
    found += [Problem(name, line, "images", what) for line, what in f.images_without_text]
    return found


def _heading_problems(name: str, headings: list[tuple[int, int]]) -> list[Problem]:
    found = []
    h1s = [line for line, level in headings if level == 1]
    if len(h1s) != 1:
        found.append(Problem(name, h1s[1] if h1s else 0, "headings", f"cần đúng một <h1>, có {len(h1s)}"))
    previous = 0
    for line, level in headings:
        if level > previous + 1:
            found.append(Problem(name, line, "headings", f"tiêu đề nhảy từ h{previous} xuống h{level}"
                                 if previous else f"tiêu đề đầu tiên là h{level}, không phải h1"))
        previous = level
    return found


def check_markup(site: Path) -> list[Problem]:
    """Every rule for every page under ``site``."""
    found = []
    for path in sorted(site.rglob("*.html")):
        found += page_problems(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"))
    return found
