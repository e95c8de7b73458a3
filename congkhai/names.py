"""Procedures' names where people browse: the A–Z index, short names in breadcrumbs.

Every name in the national database starts with "Thủ tục", so an index by the
first letter would put them all under T: the index files each name without it.
People look for a procedure under the name they use, so the index also lists
each plain name (``ten_thuong_goi``) and the aliases (``tu_khoa``) that are names
rather than phrases, pointing to the procedures' own entries: an alias of one or
two words ("sổ đỏ", "khai tử") that the procedure's own names do not start with,
and an alias several procedures share. Longer aliases ("làm lại giấy khai sinh")
stay search words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .schema import Procedure
from .text import fold, initial, sort_key

# Above this many characters a procedure's h1 is set smaller, so it does not fill a phone's first screen.
LONG_NAME = 100
# A breadcrumb names the page in at most this many characters; the h1 under it has the whole name.
CRUMB = 48

# An alias of at most this many words is a name people file a procedure under ("sổ đỏ").
MAX_ALIAS_WORDS = 2

_LEADING = re.compile(r"^thủ\s+tục\s+", re.IGNORECASE)


def long_name(name: str) -> bool:
    return len(name) > LONG_NAME


def shorten(name: str, limit: int = CRUMB) -> str:
    """The name, or its first words up to ``limit`` characters and "…"."""
    name = " ".join(name.split())
    if len(name) <= limit:
        return name
    cut = name[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + "…"


def index_name(name: str) -> str:
    """The name as the A–Z index files it: without a leading "Thủ tục", starting with a capital."""
    name = _LEADING.sub("", unicodedata.normalize("NFC", " ".join(name.split())))
    return name[:1].upper() + name[1:]


def list_name(proc: Procedure) -> str:
    """The name a list shows first and sorts by: the plain name, else the official one as indexed."""
    return proc.ten_thuong_goi or index_name(proc.ten)


@dataclass(frozen=True)
class IndexEntry:
    """One line of the A–Z index: a procedure's own entry, or a name that points to entries."""

    label: str
    procedures: tuple[Procedure, ...]
    # True for a cross-reference ("Sổ đỏ: xem …"), False for the procedure's own entry.
    see: bool = False


def index_key(label: str) -> str:
    """What makes two labels of the index the same entry: letters without marks, case or extra spaces."""
    return " ".join(fold(label).split())


def index_entries(procedures: list[Procedure]) -> list[IndexEntry]:
    """Own entries and cross-references, unsorted; a name that is some procedure's own is not repeated."""
    own = [IndexEntry(index_name(p.ten), (p,)) for p in procedures]
    taken = {index_key(e.label) for e in own}
    names: dict[str, tuple[str, list[Procedure]]] = {}

    def refer(label: str, proc: Procedure) -> None:
        key = index_key(label)
        if key not in taken:
            entry = names.setdefault(key, (label[:1].upper() + label[1:], []))
            if all(p.ma != proc.ma for p in entry[1]):
                entry[1].append(proc)

    for proc in procedures:
        if proc.ten_thuong_goi:
            refer(index_name(proc.ten_thuong_goi), proc)
    aliases: dict[str, list[tuple[str, Procedure]]] = {}
    for proc in procedures:
        for alias in proc.tu_khoa:
            aliases.setdefault(index_key(alias), []).append((" ".join(alias.split()), proc))
    for key, uses in aliases.items():
        shared = len({proc.ma for _, proc in uses}) > 1
        for label, proc in uses:
            names_of = [index_key(index_name(proc.ten)), index_key(proc.ten_thuong_goi or "")]
            if shared or (len(key.split()) <= MAX_ALIAS_WORDS and not any(n.startswith(key) for n in names_of)):
                refer(label, proc)
    see = [IndexEntry(label, tuple(procs), see=True) for label, procs in names.values()]
    return own + see


def a_to_z(procedures: list[Procedure]) -> list[tuple[str, list[IndexEntry]]]:
    """The index grouped by first letter, in Vietnamese dictionary order."""
    entries = sorted(index_entries(procedures),
                     key=lambda e: (sort_key(e.label), e.see, tuple(p.ma for p in e.procedures)))
    groups: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        groups.setdefault(initial(entry.label), []).append(entry)
    return list(groups.items())
