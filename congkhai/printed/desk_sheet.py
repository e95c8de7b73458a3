"""What a desk sheet shows: a procedure cut to fit two A4 pages of 12 pt type.

A desk sheet is taped at the one-stop desk and read standing, at arm's length;
the full text is one scan of its QR code away. How much fits is estimated in
lines of body text from the text alone, never from the fonts of the machine
that builds, so the same data gives the same sheet everywhere.

When the procedure is longer than the sheet, what cannot be cut (the head,
where to go, the headings, the contact) keeps its room and the long parts
share the rest: each part gets room in proportion to its weight (documents
most) and never less than its floor, and a part shorter than its share stays
whole. Inside a part the items share its room the same way. A text is cut
after its last whole line that fits, else at the end of a sentence, else of
a word, and ends with "…"; a list that has no room for all its items keeps
the first ones and says how many are left.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..schema import Document, Procedure, Way
from ..where import WhereToGo

# Characters of 12 pt body text in a line across the sheet (186 mm), counted
# low so that a wide font (DejaVu Sans) holds them too; parts set narrower
# (indented lists, the value column of a summary list) hold fewer.
FULL = 74
LIST = 70
VALUE = 56
LABEL = 14
# Lines of 12 pt body text one A4 page holds (50 at line-height 1.3), less
# what is lost where the page breaks (a row or a card is never split).
PAGE = 49
# Lines taken by a heading of a part (h2), by the heading of a channel group
# (h3) and by the padding of a few rows, by the QR code beside the head, by the
# notices above the head (sample data, a local preview), by the contact card
# of the focal point (its label, name and padding; a line for each detail), by
# the foot with the page's address.
HEADING = 2
GROUP = 1
QR = 6
SAMPLE_NOTICE, PREVIEW_NOTICE = 3, 2
CONTACT = 3
FOOT = 4
# A title line of the head: about 40 characters of 18 pt type, 1.5 lines of body text.
TITLE_CHARS, TITLE_LINE = 40, 1.5
# The text beside the QR code is narrower than the sheet.
BESIDE_QR = 56
# The facts under the head besides the result (whether online), with the padding of the rows.
FACTS = 2
# How the sheet (desk_sheet.html) labels the time limit and the fee of a group of channels.
TIME, FEE = "Thời hạn: ", "Phí, lệ phí: "
# Lines of the documents that page 1 keeps room for, after where to go and the time limits and fees.
DOCUMENTS_ON_PAGE_1 = 4
# The shortest piece of a line worth keeping when a text is cut inside a line.
SHORTEST = 24
ELLIPSIS = " …"

_SENTENCE_END = re.compile(r"[.;:!?](?=\s)")
_TRAILING = " \t,;:.-–"


@dataclass(frozen=True)
class ChannelGroup:
    """Channels with the same time limit and fee: one row on the sheet."""

    label: str
    thoi_han: str
    mo_ta: str
    phi_le_phi: str


@dataclass(frozen=True)
class SheetDocument:
    """A document as the sheet lists it: its name and note perhaps cut, how many copies, its form."""

    ten: str
    copies: str
    ghi_chu: str
    mau: str | None


@dataclass(frozen=True)
class Shown:
    """The items of a list part that the sheet shows, and how many it leaves to the web page."""

    items: tuple
    left: int = 0


@dataclass(frozen=True)
class DeskSheet:
    """A procedure as its desk sheet shows it; ``cut`` names the parts shortened to fit."""

    kicker: str
    where: WhereToGo
    ket_qua: str
    channels: tuple[ChannelGroup, ...]
    documents: Shown
    steps: Shown
    conditions: str
    cases: Shown
    cut: frozenset[str]


def lines(text: str, width: int, reserve: int = 0) -> int:
    """Lines ``text`` takes when set ``width`` characters wide; each of its own lines starts a new one.

    ``reserve`` characters follow on its last line (e.g. the copies printed after a document's name).
    """
    rows = [len(line.strip()) for line in text.splitlines()] or [0]
    rows[-1] += reserve
    return sum(-(-n // width) for n in rows)


def clip(text: str, width: int, room: int, reserve: int = 0) -> str:
    """The start of ``text`` that fits in ``room`` lines, ending with "…" when anything is left out."""
    if lines(text, width, reserve) <= room:
        return text
    kept: list[str] = []
    left = room
    own = text.splitlines(keepends=True)
    for i, line in enumerate(own):
        need = lines(line, width, reserve if i == len(own) - 1 else 0)
        if need <= left:
            kept.append(line)
            left -= need
            continue
        piece = _cut(line.strip(), left * width - reserve - len(ELLIPSIS))
        if piece:
            kept.append(line[: len(line) - len(line.lstrip())] + piece)
        break
    start = "".join(kept).rstrip() or _cut(text.strip(), max(room * width - reserve, SHORTEST), hard=True)
    return start.rstrip(_TRAILING) + ELLIPSIS


def _cut(line: str, chars: int, hard: bool = False) -> str:
    """``line`` cut to at most ``chars`` characters at the end of a sentence, else of a word."""
    if chars < SHORTEST and not hard:
        return ""
    head = line[: chars + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= chars // 2:
        return head[: ends[-1]]
    space = head.rfind(" ")
    if space >= SHORTEST or (hard and space > 0):
        return head[:space]
    return head[:chars] if hard else ""


def share(costs: list[int], room: int, weights: list[float] | None = None,
          floors: list[int] | None = None) -> list[int]:
    """The lines each part may take so that together they fit ``room``.

    A part gets ``weight × L`` lines, at least its floor and at most what it
    needs, for the largest whole L that fits (or the floors when nothing does).
    """
    weights = weights or [1.0] * len(costs)
    floors = floors or [1] * len(costs)

    def caps(level: int) -> list[int]:
        return [min(cost, max(floor, int(weight * level))) for cost, weight, floor in zip(costs, weights, floors)]

    if sum(costs) <= room:
        return list(costs)
    low, high = 0, max(costs, default=0)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(caps(mid)) <= room:
            low = mid
        else:
            high = mid - 1
    return caps(low)


def _nfc(text: str | None) -> str:
    # Cutting and counting work on whole letters (the national records hold decomposed text).
    return unicodedata.normalize("NFC", (text or "").strip())


def channel_groups(ways: list[Way], names: dict[str, str]) -> list[ChannelGroup]:
    """The channels, those with the same time limit, note and fee in one group, in the order of the record.

    ``names`` are the channels' names ("Nộp trực tiếp"); a group is named
    "Nộp trực tiếp, nộp qua bưu chính".
    """
    groups: dict[tuple, list[str]] = {}
    for way in ways:
        # The same words with another number of days are another time limit.
        key = (_nfc(way.thoi_han), way.thoi_han_ngay, _nfc(way.mo_ta), _nfc(way.phi_le_phi))
        groups.setdefault(key, []).append(names[way.hinh_thuc])
    return [ChannelGroup(", ".join([first, *(n.lower() for n in rest)]), thoi_han, mo_ta, fee)
            for (thoi_han, _, mo_ta, fee), (first, *rest) in groups.items()]


def copies(doc: Document) -> str:
    """How many of a document to bring, as the sheet prints it after the name."""
    counts = [f"{doc.ban_chinh} bản chính" if doc.ban_chinh else "", f"{doc.ban_sao} bản sao" if doc.ban_sao else ""]
    return ", ".join(c for c in counts if c)


@dataclass(frozen=True)
class _Part:
    """A part that may be cut: what it needs, its weight in sharing the room, the lines it always keeps."""

    cost: int
    weight: float
    floor: int


def _caps(parts: dict[str, _Part], room: int) -> dict[str, int]:
    names = list(parts)
    caps = share([parts[n].cost for n in names], room, [parts[n].weight for n in names],
                 [parts[n].floor for n in names])
    return dict(zip(names, caps))


def desk_sheet(cat, proc: Procedure) -> DeskSheet:
    """The desk sheet of ``proc`` (``cat`` is the Catalog): its long parts cut so that all fits two pages.

    Page 1 holds where to go, how long and how much, and the start of what to
    bring: the time limits, fees and result are cut to leave room for it. The
    documents, steps, conditions and cases then share what the two pages have left.
    """
    kicker = f"Công khai thủ tục hành chính · {cat.domain(proc).ten} · {cat.level_text(proc)}"
    where = cat.where_to_go(proc)
    groups = channel_groups(proc.cach_thuc, cat.channels)
    docs = proc.thanh_phan_ho_so
    names = [_nfc(d.ten) for d in docs]
    counts = [f" ({copies(d)})" if copies(d) else "" for d in docs]
    notes = [_nfc(d.ghi_chu) for d in docs]
    steps = [_nfc(s) for s in proc.trinh_tu]
    conditions = _nfc(proc.yeu_cau_dieu_kien)
    ket_qua = _nfc(proc.ket_qua)
    cases = [_nfc(c.case.ten) for c in cat.cases(proc)]
    channel_texts = [t for g in groups for t in (g.mo_ta, f"{FEE}{g.phi_le_phi}")]
    doc_costs = [lines(name, LIST, len(count)) + lines(note, LIST) for name, count, note in zip(names, counts, notes)]

    notices = SAMPLE_NOTICE * cat.config.sample_data + PREVIEW_NOTICE * cat.config.local_preview
    before_documents = (notices + _head(proc, kicker) + _where(where) + 2 * HEADING + FACTS
                        + sum(GROUP + max(lines(f"{TIME}{g.thoi_han}", VALUE), lines(g.label, LABEL) - 2)
                              for g in groups))
    first = {
        "channels": _Part(sum(lines(t, VALUE) for t in channel_texts), 1.0, 2 * len(groups)),
        "ket_qua": _Part(lines(ket_qua, VALUE), 0.25, 2),
    }
    cap = _caps(first, PAGE - before_documents - DOCUMENTS_ON_PAGE_1)
    rest = {
        "documents": _Part(sum(doc_costs), 2.0, DOCUMENTS_ON_PAGE_1),
        "steps": _Part(sum(lines(s, LIST) for s in steps), 1.0, 6),
        "conditions": _Part(lines(conditions, FULL), 0.75, 4),
        # Two lines of the part say what the cases are.
        "cases": _Part(len(cases) + 2 if cases else 0, 0.5, 4),
    }
    # The conditions start with who may use the procedure.
    after_documents = ((3 + bool(cases)) * HEADING + _contact(cat.focal(proc)) + FOOT
                       + lines(cat.audience_text(proc), FULL))
    cap |= _caps(rest, 2 * PAGE - before_documents - sum(cap.values()) - after_documents)

    # A fee keeps twice the room of a note on the channel: "how much" is what page 1 is for.
    channel_caps = share([lines(t, VALUE) for t in channel_texts], cap["channels"], [1.0, 2.0] * len(groups))
    clipped = [clip(t, VALUE, c) for t, c in zip(channel_texts, channel_caps)]
    fees = [fee.removeprefix(FEE) for fee in clipped[1::2]]
    return DeskSheet(
        kicker=kicker,
        where=where,
        ket_qua=clip(ket_qua, VALUE, cap["ket_qua"]),
        channels=tuple(ChannelGroup(g.label, g.thoi_han, note, fee)
                       for g, note, fee in zip(groups, clipped[::2], fees)),
        documents=_fit_documents(docs, names, counts, notes, doc_costs, cap["documents"]),
        steps=_fit_list(steps, LIST, cap["steps"]),
        conditions=clip(conditions, FULL, cap["conditions"]),
        cases=_fit_list(cases, LIST, max(cap["cases"] - 2, 1)),
        cut=frozenset(name for name, part in (first | rest).items() if cap[name] < part.cost),
    )


def _fit_list(texts: list[str], width: int, room: int) -> Shown:
    """The items of a list that fit ``room`` lines, each cut to its share."""
    texts, left, room = _first(texts, room)
    caps = share([lines(t, width) for t in texts], room)
    return Shown(tuple(clip(t, width, c) for t, c in zip(texts, caps)), left)


def _fit_documents(docs, names, counts, notes, costs, room) -> Shown:
    """The documents in ``room`` lines: each name first, then as much of its note as fits."""
    docs, left, room = _first(docs, room)
    shown = []
    for doc, name, count, note, cap in zip(docs, names, counts, notes, share(costs[: len(docs)], room)):
        ten = clip(name, LIST, cap, len(count))
        rest = cap - lines(ten, LIST, len(count))
        shown.append(SheetDocument(ten, count.strip(" ()"), clip(note, LIST, rest) if note and rest > 0 else "",
                                   doc.mau))
    return Shown(tuple(shown), left)


def _first(items: list, room: int) -> tuple[list, int, int]:
    """The first items when there is not a line for each: one line then says how many are left."""
    if len(items) <= room:
        return items, 0, room
    keep = max(room - 1, 1)
    return items[:keep], len(items) - keep, keep


def _head(proc: Procedure, kicker: str) -> int:
    """The head: kicker, title, code and address beside the QR code."""
    title = -(-len(_nfc(proc.ten)) // TITLE_CHARS)
    code = lines(f"Mã thủ tục {proc.ma} · Tên thường gọi: {_nfc(proc.ten_thuong_goi)}", BESIDE_QR)
    text = lines(kicker, BESIDE_QR) + round(title * TITLE_LINE) + code + 2
    return max(QR, text) + 1


def _contact(agency) -> int:
    """The contact card of the focal point (components/contact_card.html), or the line that stands for it."""
    if agency is None:
        return 2
    rows = (agency.dia_chi, agency.dien_thoai, agency.email, agency.gio_lam_viec, agency.website)
    return CONTACT + sum(lines(_nfc(row), FULL) for row in rows if row)


def _where(where: WhereToGo) -> int:
    total = HEADING
    if where.commune:
        # The sheet names the desk of the commune or ward, in one line.
        return total + 1
    for place in where.places:
        total += lines(_nfc(place.text), FULL)
        if place.agency is not None:
            # Address, phone and hours, each on a line.
            total += 2 + lines(_nfc(place.agency.dia_chi), FULL)
    return total
