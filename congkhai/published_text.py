"""Texts as published: each line keeps its own line, its number or letter, and steps their "Bước N".

Texts copied from the national procedure database carry their structure in line
breaks and in markers at the start of a line ("1.", "a)", "(1)", "-", "+",
"Bước 1:"), not in Markdown, which would join the lines into one paragraph and
number the lists again. This module reads that structure into blocks; it makes no
HTML (``text.markdown`` renders the blocks, and each line's words through Markdown).

Lists nest by the kind of their markers, as legal texts do: a kind first seen
below an item opens a list inside it ("+" lines under a "-" line, "a)" under
"1."), and a kind seen before closes the lists opened since. A line without a
marker after an item continues that item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

_MARKER = re.compile(
    r"(?:(?P<bullet>[-+*•–])"
    r"|(?P<step>Bước\s*(?P<step_no>\d{1,2})\s*[:.)]?)"
    r"|(?P<number>(?P<number_no>\d{1,2})(?P<sub>(?:\.\d{1,2})*)(?P<end>[.)]))"
    r"|(?P<letter>[a-zđ](?P<letter_end>[.)]))"
    r"|\((?P<paren>\d{1,2}|[a-zđ])\)"
    r")(?:[ \t]+|$)"
)
# Where the national text lost a line break: before "Bước N:" inside a line, and
# before "N. " after the end of a sentence, then a word.
_RUN_IN = re.compile(
    r"\s+(?=Bước\s*(?P<step>\d{1,2})\s*[:.](?:\s|$))"
    r"|(?<=[.;:])\s+(?=(?P<number>\d{1,2})\.\s+(?P<initial>[^\W\d_]))"
)

# The kind of a "Bước N" marker.
STEP = ("step",)


@dataclass(frozen=True)
class Marker:
    """The marker a line starts with: as written, and the kind its list is made of."""

    text: str
    kind: tuple
    ordered: bool  # it carries a number or a letter
    number: int | None = None  # of "Bước N" and of "N."


@dataclass
class Item:
    """A line with a marker, the lines that continue it, and the list of the next kind below it."""

    marker: Marker
    lines: list[str]
    sublist: ListBlock | None = None


@dataclass
class ListBlock:
    """Items whose markers are of one kind; ``ordered`` when they carry numbers or letters."""

    ordered: bool
    kind: tuple
    items: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Paragraph:
    """A line outside any list."""

    text: str


def marker(line: str) -> tuple[Marker | None, str]:
    """The marker ``line`` starts with (None when it has none) and the words after it."""
    m = _MARKER.match(line)
    if not m:
        return None, line
    written = m.group(0).strip()
    rest = line[m.end():]
    if m.group("bullet"):
        return Marker(written, ("bullet", written), False), rest
    if m.group("step"):
        return Marker(written, STEP, True, int(m.group("step_no"))), rest
    if m.group("number"):
        depth = m.group("sub").count(".")
        number = int(m.group("number_no")) if depth == 0 else None
        return Marker(written, ("number", depth, m.group("end")), True, number), rest
    if m.group("letter"):
        return Marker(written, ("letter", m.group("letter_end")), True), rest
    paren = m.group("paren")
    return Marker(written, ("paren", paren.isdigit()), True), rest


def lines(text: str) -> list[str]:
    """The lines of ``text`` as a reader sees them: tabs as spaces, no spaces at either end."""
    return [line.replace("\t", " ").strip() for line in text.split("\n")]


def blocks(text: str) -> list[Paragraph | ListBlock]:
    """Paragraphs (one per line) and lists (nested by marker kind) of ``text``; a blank line closes lists."""
    out: list[Paragraph | ListBlock] = []
    open_lists: list[ListBlock] = []  # outermost first
    for line in lines(text):
        if not line:
            open_lists.clear()
            continue
        mark, rest = marker(line)
        if mark is None:
            if open_lists:
                open_lists[-1].items[-1].lines.append(line)
            else:
                out.append(Paragraph(line))
            continue
        depth = next((i for i, lst in enumerate(open_lists) if lst.kind == mark.kind), None)
        if depth is None:
            lst = ListBlock(mark.ordered, mark.kind)
            if open_lists:
                open_lists[-1].items[-1].sublist = lst
            else:
                out.append(lst)
            open_lists.append(lst)
        else:
            del open_lists[depth + 1:]
        open_lists[-1].items.append(Item(mark, [rest]))
    return out


@dataclass(frozen=True)
class Steps:
    """The steps of a procedure, ready for a page.

    ``labelled``: the text numbers its own steps ("Bước 1:", or a first line
    "1."); ``text`` is then the whole of it, one line per step or sub-line, to be
    shown as published and not numbered again. Otherwise ``items`` are the steps
    to number, each with the marked lines ("-", "a)") that follow it.
    """

    labelled: bool
    text: str = ""
    items: tuple[str, ...] = ()


def steps(items: Sequence[str]) -> Steps:
    """Read the steps of a procedure; several "Bước N" in one step become steps of their own."""
    split = _split_run_in(items)
    first = marker(split[0][0])[0] if split and split[0] else None
    labelled = (first is not None and first.ordered) or any(
        (m := marker(line)[0]) is not None and m.kind == STEP for item in split for line in item
    )
    if labelled:
        return Steps(True, text="\n".join(line for item in split for line in item))
    grouped: list[str] = []
    for item in split:
        if grouped and item and marker(item[0])[0] is not None:
            grouped[-1] += "\n" + "\n".join(item)
        elif item:
            grouped.append("\n".join(item))
    return Steps(False, items=tuple(grouped))


def _split_run_in(items: Sequence[str]) -> list[list[str]]:
    """The lines of each step, with a line break before each run-in "Bước N" and "N." of a sequence.

    A run-in "Bước N:" starts a line when N is 1 or follows the last step
    number; a run-in "N. " only when N follows the number that last started a
    line and a sentence ends before it, so that "khoản 2. Điều" stays as it is.
    """
    last = {"step": 0, "number": None}
    out = []
    for item in items:
        item_lines = []
        for line in lines(unicodedata.normalize("NFC", item)):
            if not line:
                continue
            mark, _ = marker(line)
            if mark and mark.kind == STEP:
                last["step"] = mark.number
            elif mark and mark.kind == ("number", 0, "."):
                last["number"] = mark.number
            start = 0
            for cut in _RUN_IN.finditer(line):
                kind = "step" if cut.group("step") else "number"
                number = int(cut.group(kind))
                if kind == "step" and number not in (1, last["step"] + 1):
                    continue
                if kind == "number" and (last["number"] is None or number != last["number"] + 1
                                         or not cut.group("initial").isupper()):
                    continue
                last[kind] = number
                item_lines.append(line[start:cut.start()])
                start = cut.end()
            item_lines.append(line[start:])
        out.append([line for line in item_lines if line])
    return out

