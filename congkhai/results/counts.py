"""The nine dossier counts of a results row, defined once.

Each count has its key in the data (a row of ``ho_so``, and the open data's
column), its name in the code (an attribute of ``results.Figures``), the
label messages to editors use, and its group. Every dossier of a month is
counted once on each side: it came in (carried over from last month, or
received this month) and it went out (resolved, or still pending at the end of
the month). What is pending at the end of one month is carried into the next.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

CARRIED, RECEIVED, RESOLVED, PENDING = GROUPS = ("carried", "received", "resolved", "pending")


@dataclass(frozen=True)
class DossierCount:
    key: str    # in the data contract, e.g. "truc_tuyen"
    name: str   # in the code, e.g. "online"
    label: str  # in messages, e.g. "trực tuyến"
    group: str  # CARRIED, RECEIVED, RESOLVED or PENDING

    @property
    def incoming(self) -> bool:
        """Carried over or received: the left side of a row's sum."""
        return self.group in (CARRIED, RECEIVED)


# In the data contract's order.
DOSSIER_COUNTS = (
    DossierCount("tu_ky_truoc", "carried", "tồn kỳ trước", CARRIED),
    DossierCount("truc_tuyen", "online", "trực tuyến", RECEIVED),
    DossierCount("truc_tiep", "in_person", "trực tiếp", RECEIVED),
    DossierCount("buu_chinh", "post", "bưu chính", RECEIVED),
    DossierCount("truoc_han", "early", "trước hạn", RESOLVED),
    DossierCount("dung_han", "on_time", "đúng hạn", RESOLVED),
    DossierCount("qua_han", "late", "quá hạn", RESOLVED),
    DossierCount("dang_trong_han", "pending_within", "đang trong hạn", PENDING),
    DossierCount("dang_qua_han", "pending_overdue", "đang quá hạn", PENDING),
)
INCOMING = tuple(c for c in DOSSIER_COUNTS if c.incoming)
OUTGOING = tuple(c for c in DOSSIER_COUNTS if not c.incoming)


def in_group(group: str) -> tuple[DossierCount, ...]:
    """The counts of one of the GROUPS, in the data's order."""
    return tuple(c for c in DOSSIER_COUNTS if c.group == group)


def reader(counts: tuple[DossierCount, ...], attribute: str = "key") -> Callable[[object], tuple[int, ...]]:
    """A function that gives the values of ``counts`` in an object, as a tuple in the order of ``counts``:
    from a row of the data by their keys, or from ``results.Figures`` by their names (``attribute="name"``)."""
    get = operator.attrgetter(*(getattr(c, attribute) for c in counts))
    return get if len(counts) > 1 else lambda item: (get(item),)
