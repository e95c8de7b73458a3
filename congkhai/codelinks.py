"""Links to procedures by code in Markdown: ``[[1.001193]]`` becomes a link named after the procedure.

Pelican reads announcements before the catalog is loaded, so a link is made in
two steps: while reading, the Markdown extension turns ``[[code]]`` into a link
to the procedure's source file (Pelican's ``{filename}`` syntax, which Pelican
later makes relative or absolute like any link between contents); once the
catalog is there, ``name_links`` puts the procedure's name in the link text.
The codes themselves are checked with the rest of the data, from the Markdown
files as written, so ``./dev check`` reports a wrong code with its line.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString
from markupsafe import escape

from .config import Config
from .confine import MARKDOWN_SUFFIXES, regular_files
from .loader import RawData
from .problems import Problems
from .redirects import moved_codes
from .schema import CODE_PATTERN
from .urls import url_for

LINK = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_CODE = re.compile(CODE_PATTERN)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).+?\1")


def source_link(config: Config) -> str:
    """The ``{filename}`` prefix that names a procedure file from the content folder."""
    folder = os.path.relpath(config.procedures, config.content).replace(os.sep, "/")
    return f"{{filename}}/{folder}/"


class _ProcedureLink(InlineProcessor):
    def __init__(self, prefix: str):
        super().__init__(LINK.pattern)
        self.prefix = prefix

    def handleMatch(self, m, data):
        link = etree.Element("a", {"href": f"{self.prefix}{m.group(1)}.yaml"})
        link.text = AtomicString(m.group(0))
        return link, m.start(0), m.end(0)


class ProcedureLinks(Extension):
    """Python-Markdown extension for ``[[code]]`` (not inside code spans or blocks)."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def extendMarkdown(self, md) -> None:
        # Before reference links (170), which would read "[1.001193]" as a reference.
        md.inlinePatterns.register(_ProcedureLink(self.prefix), "congkhai_procedure_link", 175)


def check_markdown_links(config: Config, raw: RawData, problems: Problems) -> None:
    """Every ``[[code]]`` in the Markdown under content/ must name a procedure."""
    moved = moved_codes(p for p, _ in raw.procedures)
    for path in regular_files(config.content):
        if path.suffix not in MARKDOWN_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in _prose_lines(text):
            for match in LINK.finditer(line):
                message = _problem(match.group(1), raw.known["procedure"], moved)
                if message:
                    problems.add(config.display(path), number, match.group(0), message)


def _prose_lines(text: str):
    """Numbered lines outside fenced code, with code spans blanked: code shows [[...]] as written."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield number, _CODE_SPAN.sub("", line)


def _problem(code: str, known: set, moved: dict) -> str | None:
    if not _CODE.match(code):
        return f"giá trị '{code}' không đúng dạng; cần mã thủ tục dạng 1.001193"
    if code in moved:
        new = moved[code].ma
        return f"thủ tục mã '{code}' đã đổi sang mã '{new}'; hãy viết [[{new}]]"
    if code not in known:
        return f"không có thủ tục mã '{code}' trong thư mục procedures/"
    return None


@dataclass(frozen=True)
class ProcedurePage:
    """What Pelican needs to resolve a ``{filename}`` link to a procedure file: its page URL."""

    url: str


def name_links(context: dict, catalog, config: Config) -> None:
    """Register procedure files as linkable sources and name every ``[[code]]`` link.

    Runs after every generator has read its sources and before anything is written.
    """
    prefix = source_link(config)
    key = prefix[len("{filename}/"):]
    contents = [c for c in context["generated_content"].values() if c is not None]
    for proc in catalog.procedures:
        context["generated_content"][f"{key}{proc.ma}.yaml"] = ProcedurePage(url_for("procedure", proc.ma))
    placeholder = re.compile(r'(<a href="' + re.escape(prefix) + r'([^"/]+)\.yaml">)\[\[\2\]\](</a>)')

    def named(match: re.Match) -> str:
        return f"{match.group(1)}{escape(catalog.by_code[match.group(2)].ten)}{match.group(3)}"

    for content in contents:
        if getattr(content, "_content", None):
            content._content = placeholder.sub(named, content._content)
        summary = content.metadata.get("summary")
        if summary:
            content.metadata["summary"] = placeholder.sub(named, summary)
            if hasattr(content, "_summary"):
                content._summary = content.metadata["summary"]
