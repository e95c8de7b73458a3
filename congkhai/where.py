"""Where a citizen goes to hand in a dossier: the contract's rule, never a guess.

The rule (../shared/domain.md, "Where a citizen goes is never guessed"):

1. ``noi_tiep_nhan`` when the procedure gives it: each place an agency of
   ``co-quan.yaml`` (its desk, address, phone) or the place as published;
2. otherwise, for a commune-level procedure whose ``tham_quyen`` is the
   commune People's Committee, the one-stop desk of the commune or ward;
3. otherwise ``co_quan_thuc_hien.thuc_hien``, then ``tham_quyen``, as published.

A place published as text that is exactly the name of an agency of ``co-quan.yaml``
(letter case, diacritics and spacing aside) is that agency: its page gives the
desk's address and phone. Nothing else is matched: a text naming a kind of body
("Công an cấp xã") or several bodies stays text.

``dau_moi`` is the focal point for questions and complaints, never a place to file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .schema import Agency, Procedure
from .text import fold

# "Ủy ban nhân dân cấp xã", "UBND xã, phường", "Uỷ ban Nhân dân cấp xã, phường, thị trấn", and its
# chairman, who decides for it: "Chủ tịch Ủy ban nhân dân cấp xã".
_COMMUNE_COMMITTEE = re.compile(r"^(chu tich\s+)?(uy ban nhan dan|ubnd)\s+(cap\s+)?(xa|phuong)\b")

# Where each answer comes from (WhereToGo.source).
RECEPTION, COMMUNE, HANDLING_BODY, AUTHORITY = "noi_tiep_nhan", "commune", "thuc_hien", "tham_quyen"


# Both are asked of the same few names for every procedure and every build of the live preview.
@functools.lru_cache(maxsize=1 << 14)
def name_key(text: str) -> str:
    """The form in which two spellings of one agency's name are equal."""
    return " ".join(fold(text).split())


def agencies_by_name(agencies: dict[str, Agency]) -> dict[str, Agency]:
    """The site's agencies by ``name_key`` of their names, for ``where_to_go``."""
    return {name_key(agency.ten): agency for agency in agencies.values()}


@functools.lru_cache(maxsize=1 << 14)
def is_commune_committee(text: str) -> bool:
    """True when ``text`` names the People's Committee of a commune or ward."""
    return bool(_COMMUNE_COMMITTEE.match(fold(text).strip()))


@dataclass(frozen=True)
class Place:
    """One place to hand in the dossier: an agency of the site, or a place as published."""

    text: str
    agency: Agency | None = None


@dataclass(frozen=True)
class WhereToGo:
    """The answer to "where do I go?" for one procedure, and which part of the record gave it."""

    source: str
    places: tuple[Place, ...]

    @property
    def commune(self) -> bool:
        """True when the citizen goes to the one-stop desk of a commune or ward (rule 2)."""
        return self.source == COMMUNE

    @property
    def commune_note(self) -> str | None:
        """For the commune desk, the published authority when it says which commune ("nơi cư trú của
        cha hoặc mẹ", "bất kỳ xã, phường nào"); None when it only names the committee."""
        if not self.commune:
            return None
        text = self.places[0].text
        folded = fold(text).strip()
        return text if _COMMUNE_COMMITTEE.match(folded).end() < len(folded) else None

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """The site's agencies named as places."""
        return tuple(place.agency for place in self.places if place.agency is not None)


def where_to_go(proc: Procedure, agencies: dict[str, Agency],
                named: dict[str, Agency] | None = None) -> WhereToGo:
    """Apply the rule to one procedure.

    ``agencies`` are the site's agencies by slug; ``named`` the same by name
    (``agencies_by_name``), made once by a caller that asks for many procedures.
    """
    if named is None:
        named = agencies_by_name(agencies)

    def published(text: str) -> Place:
        return Place(text, named.get(name_key(text)))

    if proc.noi_tiep_nhan:
        places = []
        for reception in proc.noi_tiep_nhan:
            agency = agencies.get(reception.co_quan) if reception.co_quan else None
            places.append(Place(agency.ten, agency) if agency else published(reception.mo_ta or ""))
        return WhereToGo(RECEPTION, tuple(places))
    authorities = proc.co_quan_thuc_hien
    if "xa" in proc.cap_thuc_hien and is_commune_committee(authorities.tham_quyen):
        return WhereToGo(COMMUNE, (Place(authorities.tham_quyen),))
    if authorities.thuc_hien:
        return WhereToGo(HANDLING_BODY, (published(authorities.thuc_hien),))
    return WhereToGo(AUTHORITY, (published(authorities.tham_quyen),))
