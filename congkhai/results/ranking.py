"""Who is late, and did they apologise: the city table's columns and orders, and the 12-month league table.

Every order puts the worst first and says so; agencies that did not publish are
listed apart, never ranked as if their figures were zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import AgencyMonth, ReportSum, Results, formatted
from ..schema import Agency
from ..text import sort_key

# How a column orders the table: which rows come first, as the reader is told, and as aria-sort says it.
FIRST = {
    "most": ("nhiều nhất trước", "descending"),
    "lowest": ("thấp nhất trước", "ascending"),
    "a-z": ("theo thứ tự chữ cái", "ascending"),
}


@dataclass(frozen=True)
class Column:
    """A column of the city table: a measure of an AgencyMonth (or of the CityMonth, for the total row).

    ``first`` says which rows come first when the table is ordered by it; a column
    without one does not order the table.
    """

    key: str
    label: str
    unit: str
    value: Callable
    first: str = ""

    def shown(self, item) -> str:
        return formatted(self.value(item), self.unit)

    @property
    def direction(self) -> str:
        return FIRST[self.first][0]

    @property
    def aria_sort(self) -> str:
        return FIRST[self.first][1]

    def sort_key(self, report: AgencyMonth) -> tuple:
        name = sort_key(report.agency.ten)
        if self.first == "a-z":
            return (name,)
        value = self.value(report)
        if value is None:
            return (1, 0, name)
        return (0, -value if self.first == "most" else value, name)


NAME = Column("ten", "Cơ quan", "", lambda r: None, "a-z")
# Who is late and did they apologise first: on a phone these are the columns seen without scrolling.
COLUMNS = [
    Column("qua-han", "Giải quyết quá hạn", "", lambda r: r.total.late, "most"),
    Column("xin-loi", "Thư xin lỗi còn thiếu", "", lambda r: r.missing_apologies, "most"),
    Column("thu-da-gui", "Thư xin lỗi đã gửi", "", lambda r: r.apologies),
    Column("dung-han", "Tỷ lệ đúng hạn", "%", lambda r: r.total.on_time_rate, "lowest"),
    Column("dang-qua-han", "Chưa giải quyết, đã quá hạn", "", lambda r: r.total.pending_overdue, "most"),
    Column("tiep-nhan", "Hồ sơ tiếp nhận", "", lambda r: r.total.received, "most"),
    Column("da-giai-quyet", "Đã giải quyết", "", lambda r: r.total.resolved, "most"),
    Column("hai-long", "Tỷ lệ hài lòng", "%", lambda r: r.satisfaction_rate, "lowest"),
]
# The city page opens on who resolved the most dossiers late.
DEFAULT_ORDER = "qua-han"
ORDERS = {c.key: c for c in [NAME, *COLUMNS] if c.first}


def ordered(reports: list[AgencyMonth], key: str) -> list[AgencyMonth]:
    """The agencies of a month in one of the ORDERS, worst first."""
    return sorted(reports, key=ORDERS[key].sort_key)


@dataclass
class LeagueRow(ReportSum):
    """One agency over the league's months."""

    agency: Agency
    reports: list[AgencyMonth]
    unpublished: list[str]


@dataclass
class League:
    """Late dossiers and missing apology letters of every agency over the last months, the most late first."""

    months: list[str]
    rows: list[LeagueRow]

    @property
    def published(self) -> list[LeagueRow]:
        return [row for row in self.rows if row.reports]

    @property
    def silent(self) -> list[LeagueRow]:
        """Agencies that published nothing in these months."""
        return [row for row in self.rows if not row.reports]


def league(results: Results, months: int = 12) -> League:
    """The league of the last ``months`` months of the site (fewer when the site has fewer)."""
    window = results.calendar[-months:]
    rows = []
    for agency in results.agencies.values():
        reports = [r for ky in window if (r := results.of(agency.slug, ky))]
        published = {r.ky for r in reports}
        rows.append(LeagueRow(agency, reports, [ky for ky in window if ky not in published]))
    rows.sort(key=lambda row: (not row.reports, -row.total.late, -row.missing_apologies, sort_key(row.agency.ten)))
    return League(window, rows)
