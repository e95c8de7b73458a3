"""A procedure at a glance: where to go, what to bring, how long, how much, and whether online.

What the top of a procedure's page says in a few words; the page's sections
below give the full published text. Each value is the published one, never
reworded; a long one is cut, at the end of a clause where it can be, and the
cut is marked with "…" and a link to the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import Procedure, Way
from .text import hours
from .where import WhereToGo

# A value longer than this is cut at the end of its first clause (see ``brief``).
BRIEF = 90


@dataclass(frozen=True)
class Brief:
    """A published text in a few words; ``whole`` is False when part of it was left out."""

    text: str
    whole: bool = True


def brief(text: str, limit: int = BRIEF) -> Brief:
    """The text, or when it is longer than ``limit`` its first clause (up to ';' or '. '), or failing
    a clause that short, its first words up to ``limit``; what is left out is marked with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return Brief(text)
    cuts = [i for i in (text.find(";"), text.find(". ")) if 0 < i <= limit]
    end = min(cuts) if cuts else text[:limit].rfind(" ")
    if end <= 0:
        return Brief(text)
    return Brief(text[:end].rstrip(" ,.:;(") + " …", whole=False)


def shared(values: list) -> object | None:
    """The value when every item has the same one, else None."""
    return values[0] if values and all(v == values[0] for v in values) else None


@dataclass(frozen=True)
class ChannelFacts:
    """A procedure's channels with what all of them share said once."""

    ways: list[Way]
    limit: str | None       # thoi_han when every channel has the same
    limit_days: float | None  # thoi_han_ngay when every channel has the same
    fee: str | None         # phi_le_phi when every channel has the same


def channel_facts(ways: list[Way]) -> ChannelFacts:
    """What the channels share, so a page says it once, not once per channel."""
    return ChannelFacts(
        ways=ways,
        limit=shared([w.thoi_han for w in ways]),
        limit_days=shared([w.thoi_han_ngay for w in ways]),
        fee=shared([w.phi_le_phi for w in ways]),
    )


def limit_brief(facts: ChannelFacts) -> Brief:
    """The time limit in a few words: the shared text, the shared number of days, or the range."""
    if facts.limit is not None:
        return brief(facts.limit)
    if facts.limit_days is not None:
        return Brief(f"Tối đa {hours(facts.limit_days)} ngày làm việc", whole=False)
    days = [w.thoi_han_ngay for w in facts.ways]
    if all(d is not None for d in days):
        return Brief(f"Từ {hours(min(days))} đến {hours(max(days))} ngày làm việc, tùy cách nộp", whole=False)
    return Brief("Tùy cách nộp hồ sơ", whole=False)


def fee_brief(facts: ChannelFacts) -> Brief:
    """The fee in a few words: the shared text, else the first clause every channel's text begins with."""
    if facts.fee is not None:
        return brief(facts.fee)
    first = shared([" ".join(w.phi_le_phi.split(";")[0].split()) for w in facts.ways])
    if first:
        return Brief(first.rstrip(" ,.") + " …", whole=False)
    return Brief("Tùy cách nộp hồ sơ", whole=False)


@dataclass(frozen=True)
class Online:
    """Whether the dossier can be filed online, said the same way everywhere on the page."""

    possible: bool
    text: str
    url: str | None = None


def online(proc: Procedure, online_levels: dict[str, str]) -> Online:
    """From ``dich_vu_cong`` and the channels together, so the two never contradict each other."""
    if proc.dich_vu_cong:
        return Online(True, online_levels[proc.dich_vu_cong.muc_do], proc.dich_vu_cong.url)
    if any(w.hinh_thuc == "truc_tuyen" for w in proc.cach_thuc):
        return Online(True, "Nộp được trực tuyến; xem cách nộp bên dưới")
    return Online(False, "Chưa nộp trực tuyến được")


@dataclass(frozen=True)
class Glance:
    """The top of a procedure's page."""

    where: WhereToGo
    documents: int
    channels: ChannelFacts
    limit: Brief
    fee: Brief
    online: Online
    # Some case (truong_hop) has documents, or channels with limits and fees, of its own:
    # the values above are the general case's, and the page says so.
    documents_vary: bool
    channels_vary: bool


def glance(proc: Procedure, where: WhereToGo, online_levels: dict[str, str]) -> Glance:
    """The procedure's general case at a glance (its cases, if any, are chosen further down)."""
    facts = channel_facts(proc.cach_thuc)
    cases = proc.truong_hop or []
    return Glance(
        where=where,
        documents=len(proc.thanh_phan_ho_so),
        channels=facts,
        limit=limit_brief(facts),
        fee=fee_brief(facts),
        online=online(proc, online_levels),
        documents_vary=any(c.thanh_phan_ho_so for c in cases),
        channels_vary=any(c.cach_thuc for c in cases),
    )
