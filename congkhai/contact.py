"""How to reach an agency's desk from a phone: a number to call, an address to find on a map."""

from __future__ import annotations

import re
from urllib.parse import quote

from .text import fold

# What may separate the digits of one phone number as people write it: "024 3825.3536", "(024) 3825-3536".
_SEPARATORS = re.compile(r"[\s.()\-]")
_DIALLABLE = re.compile(r"\+?[0-9]{3,15}")
# A plain link to a map search; no map is embedded, so the page loads nothing from another host.
MAP_SEARCH = "https://www.openstreetmap.org/search?query={}"
# The national records leave many fields empty; the real sample writes this in their place.
_NO_INFORMATION = "khong co thong tin"


def tel_href(value: str | None) -> str | None:
    """The ``tel:`` address of a phone number; None when ``value`` is none ("Không có thông tin", two numbers)."""
    if not value:
        return None
    digits = _SEPARATORS.sub("", value)
    return f"tel:{digits}" if _DIALLABLE.fullmatch(digits) else None


def informative(value: str | None) -> bool:
    """False for an empty value and for the national records' "Không có thông tin" placeholder."""
    return bool(value) and not fold(value).strip().startswith(_NO_INFORMATION)


def map_href(address: str | None) -> str | None:
    """A map search for an address; None when there is no address to search for."""
    if not informative(address):
        return None
    return MAP_SEARCH.format(quote(" ".join(address.split())))
