"""Links to procedures by code in Markdown: ``[[1.001193]]`` becomes a link named after the procedure.

Pelican reads announcements before the catalog is loaded, so a link is made in
two steps: while reading, the Markdown extension turns ``[[code]]`` into a link
to the procedure's source file (Pelican's ``{filename}`` syntax, which Pelican
later makes relative or absolute like any link between contents); once the
catalog is there, ``name_links`` puts the procedure's name in the link text.
The codes themselves are checked with the rest of the data (congkhai.pages_check
calls ``check_codes``), read by the same Markdown parser as the build, so that
``./dev check`` reports a wrong code with its line and finds exactly the links
the build makes.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString
from markupsafe import escape

from .config import Config
from .loader import RawData
from .problems import Problems
from .redirects import moved_codes
from .schema import CODE_PATTERN
from .urls import url_for

LINK = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_CODE = re.compile(CODE_PATTERN)


def source_link(config: Config) -> str:
    """The ``{filename}`` prefix that names a procedure file from the content folder."""
    folder = os.path.relpath(config.procedures, config.content).replace(os.sep, "/")
    return f"{{filename}}/{folder}/"


class _ProcedureLink(InlineProcessor):
    def __init__(self, prefix: str, seen: list | None):
        super().__init__(LINK.pattern)
        self.prefix, self.seen = prefix, seen

    def handleMatch(self, m, data):
        if self.seen is not None:
            self.seen.append(m.group(1))
        link = etree.Element("a", {"href": f"{self.prefix}{m.group(1)}.yaml"})
        link.text = AtomicString(m.group(0))
        return link, m.start(0), m.end(0)


class ProcedureLinks(Extension):
    """Python-Markdown extension for ``[[code]]`` (not inside code spans or blocks).

    ``seen``, when given, collects what each link names, for checking.
    """

    def __init__(self, prefix: str, seen: list | None = None):
        super().__init__()
        self.prefix, self.seen = prefix, seen

    def extendMarkdown(self, md) -> None:
        # Before reference links (170), which would read "[1.001193]" as a reference.
        md.inlinePatterns.register(_ProcedureLink(self.prefix, self.seen), "congkhai_procedure_link", 175)


# Marks each [[...]] of a source with its place; private-use characters mean nothing to Markdown.
_PLACE = re.compile("(.*)\ue000([0-9]+)\ue001")


def linked_codes(text: str, markdown: dict) -> list[tuple[int, str]]:
    """Each ``[[code]]`` the build makes a link, with its line: the body's, then the summary's.

    The text is read by the same Markdown as the build (``markdown``: Pelican's
    MARKDOWN setting), so what counts as code, escapes and fences are its own;
    each ``[[...]]`` is marked with its line beforehand.
    """
    places: list[int] = []

    def mark(number: int, match: re.Match) -> str:
        places.append(number)
        return f"[[{match.group(1)}\ue000{len(places) - 1}\ue001]]"

    marked = "\n".join(LINK.sub(lambda m, n=number: mark(n, m), line)
                       for number, line in enumerate(text.split("\n"), start=1))
    seen: list[str] = []
    names = [e for e in markdown.get("extensions", []) if not isinstance(e, ProcedureLinks)]
    configs = markdown.get("extension_configs", {})
    parser = Markdown(extensions=[*dict.fromkeys([*names, *configs, "markdown.extensions.meta"]),
                                  ProcedureLinks("", seen)],
                      extension_configs=configs, output_format=markdown.get("output_format", "html5"))
    parser.convert(marked)
    summary = getattr(parser, "Meta", {}).get("summary")
    if summary:
        # Pelican reads the summary alone, with the same parser.
        parser.preprocessors.deregister("meta")
        parser.reset()
        parser.convert("\n".join(summary))
    found = []
    for value in seen:
        place = _PLACE.fullmatch(value)
        if place:
            found.append((places[int(place.group(2))], place.group(1)))
    return found


def check_codes(display: str, text: str, markdown: dict, raw: RawData, problems: Problems) -> None:
    """Every ``[[code]]`` the build would link in one Markdown file must name a procedure."""
    moved = moved_codes(p for p, _ in raw.procedures)
    for number, code in linked_codes(text, markdown):
        message = _problem(code, raw.known["procedure"], moved)
        if message:
            problems.add(display, number, f"[[{code}]]", message)


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
