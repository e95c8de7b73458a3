"""Templates lay out what Python gives them: they write no site address and compute nothing.

Addresses come from congkhai/urls.py (the ``url_for`` global of the templates, or a URL in the page's data);
figures, lists and their order from the model objects and the pages' data (congkhai/pages/,
congkhai/results/pages.py...). These checks read the templates' source (Jinja's parser and the HTML
attributes that hold addresses), so they fail the same way on every machine.
"""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment, nodes

from congkhai import urls
from helpers import ROOT, build

TEMPLATES = ROOT / "theme" / "templates"
FILES = sorted(TEMPLATES.rglob("*.html"))

# Operators and filters that compute: arithmetic, sorting, filtering, grouping, sums.
ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow)
COMPUTING_FILTERS = {"sum", "sort", "dictsort", "groupby", "unique", "min", "max", "selectattr", "rejectattr",
                     "select", "reject", "batch", "slice", "list", "reverse", "round", "abs", "int", "float"}
# Methods that build or change a list or dict in place.
BUILDING_METHODS = {"append", "extend", "insert", "pop", "remove", "update", "setdefault", "sort", "reverse"}

# HTML attributes whose value is an address; the Jinja tags in them are left out, the text between is checked.
_URL_ATTRIBUTE = re.compile(r"""\s(?:href|src|action|formaction|data-[\w-]*url)\s*=\s*(["'])(.*?)\1""", re.S)
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _pattern_regexes() -> list[re.Pattern]:
    out = []
    for pattern in urls.PATTERNS.values():
        if not pattern:
            # The home page's "" cannot be told from an empty text: it is not checked.
            continue
        parts = re.split(r"(\{key\}|\{sub\})", pattern)
        out.append(re.compile("".join("[^/]+" if part in ("{key}", "{sub}") else re.escape(part) for part in parts)))
    return out


PATTERNS = _pattern_regexes()
TOP = urls.top_names()


def is_address(text: str) -> bool:
    """A site address: it matches a pattern of congkhai.urls, or is a path under a name the site writes at its
    top (``thu-tuc/…``, ``sitemap.xml``). A fragment or query after the path does not hide it."""
    path = re.split(r"[#?]", text.strip(), maxsplit=1)[0].lstrip("/")
    if not path:
        return False
    if any(regex.fullmatch(path) for regex in PATTERNS):
        return True
    first = path.split("/")[0]
    return first in TOP and ("/" in path or "." in path)


def _name(path) -> str:
    return path.relative_to(TEMPLATES).as_posix()


def _parse(path):
    return Environment().parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", ["thu-tuc/", "/thu-tuc/", "thu-tuc/#tim-trong-danh-sach", "co-quan/so-tu-phap/",
                                  "co-quan//", "ket-qua/2026-10/co-quan/so-tu-phap/", "sitemap.xml",
                                  "10-noi-dung-yeu-cau/to-niem-yet/", "du-lieu/thu-tuc.csv"])
def test_an_address_is_recognised(text):
    assert is_address(text)


@pytest.mark.parametrize("text", ["", "/", "#noi-dung", "https://", "/site.css", " (trường hợp chung)", "ket-qua",
                                  "ket_qua", "Thông báo", "xu-huong-", ", "])
def test_other_text_is_not_an_address(text):
    assert not is_address(text)


def test_the_templates_are_found():
    names = {_name(path) for path in FILES}
    assert {"base.html", "procedure.html", "components/breadcrumbs.html"} <= names


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_no_site_address_is_written_in_a_template(path):
    """Every address comes from congkhai/urls.py: none is a string in an expression or text in an attribute."""
    found = [node.value for node in _parse(path).find_all(nodes.Const)
             if isinstance(node.value, str) and is_address(node.value)]
    masked = _JINJA_TAG.sub("", path.read_text(encoding="utf-8"))
    found += [value for _, value in _URL_ATTRIBUTE.findall(masked) if is_address(value)]
    assert not found, f"{_name(path)} writes site addresses; take them from congkhai/urls.py: {found}"


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_a_template_computes_nothing(path):
    """No arithmetic, no sorting, filtering or summing filters, no list built item by item."""
    tree = _parse(path)
    found = [f"{type(node).__name__} at line {node.lineno}" for node in tree.find_all(ARITHMETIC)]
    found += [f"|{node.name} at line {node.lineno}" for node in tree.find_all(nodes.Filter)
              if node.name in COMPUTING_FILTERS]
    found += [f".{node.node.attr}() at line {node.lineno}" for node in tree.find_all(nodes.Call)
              if isinstance(node.node, nodes.Getattr) and node.node.attr in BUILDING_METHODS]
    # A minus only to take the last items ([-1]): any other is arithmetic.
    found += [f"Neg at line {node.lineno}" for node in tree.find_all(nodes.Neg) if not isinstance(node.node, nodes.Const)]
    assert not found, f"{_name(path)} computes; move it into Python (the model or the page's data): {found}"


# --- what the templates are given instead -------------------------------------------------------------------


def test_the_home_page_names_the_area_and_desk_of_the_settings(tiny):
    output = build(tiny, CONGKHAI={"area": "Tỉnh Lâm Đồng", "home_desk": "so-tu-phap", "commitments": ""})
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "<h1>Thủ tục hành chính tỉnh Lâm Đồng</h1>" in home
    desk = home.split('<section aria-labelledby="lien-he">')[1].split("</section>\n</section>")[0]
    assert 'class="contact-card"' in desk and 'href="./co-quan/so-tu-phap/"' in desk
    # The page of the commitments is still published; the footer no longer links to it.
    assert (output / "10-noi-dung-yeu-cau/index.html").exists()
    assert "10-noi-dung-yeu-cau/" not in home.split('<footer class="site-footer">')[1]


def test_without_an_area_or_a_desk_the_home_page_says_neither(tiny):
    home = (build(tiny, CONGKHAI={"area": "", "home_desk": ""}) / "index.html").read_text(encoding="utf-8")
    assert "<h1>Thủ tục hành chính</h1>" in home
    assert 'class="contact-card"' not in home.split('<section aria-labelledby="lien-he">')[1]


def test_a_page_of_the_editors_is_found_by_its_slug():
    class Page:
        def __init__(self, slug):
            self.slug, self.url = slug, f"{slug}/"

    pages = [Page("gioi-thieu"), Page("10-noi-dung-yeu-cau")]
    assert urls.content_page_url(pages, "10-noi-dung-yeu-cau") == "10-noi-dung-yeu-cau/"
    assert urls.content_page_url(pages, "khong-co") == ""
    assert urls.content_page_url(pages, "") == ""
