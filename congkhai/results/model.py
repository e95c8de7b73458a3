"""Monthly results as citizens read them: derived figures per row, agency, field, month and over time.

All arithmetic of the report lives here, so every page shows the same numbers.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from functools import cached_property

from .counts import CARRIED, DOSSIER_COUNTS, GROUPS, PENDING, RECEIVED, RESOLVED, in_group, reader
from ..month import months_between
from ..remembered import Remembered
from ..schema import Agency, Domain, MonthlyReport, ResultRow
from ..text import month as month_label
from ..text import number, sort_key


@dataclass(frozen=True)
class Figures:
    """Dossier counts of one report row, or of a sum of rows: one attribute per count of ``DOSSIER_COUNTS``."""

    carried: int = 0
    online: int = 0
    in_person: int = 0
    post: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    pending_within: int = 0
    pending_overdue: int = 0

    # Each results page sums tens of thousands of rows: the counts are read and added as tuples, in the
    # order of DOSSIER_COUNTS, which is the order of these attributes (checked below the class).
    @classmethod
    def of_row(cls, row: ResultRow) -> "Figures":
        return cls(*_ROW(row))

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(*map(operator.add, _VALUES(self), _VALUES(other)))

    def counts(self) -> dict[str, int]:
        """The nine counts under their keys in the data, in the data's order (a row of ``ho_so``)."""
        return {c.key: getattr(self, c.name) for c in DOSSIER_COUNTS}

    def _sum(self, group: str) -> int:
        return sum(_GROUPS[group](self))

    @property
    def received_in_month(self) -> int:
        return self._sum(RECEIVED)

    @property
    def received(self) -> int:
        return self.received_in_month + self._sum(CARRIED)

    @property
    def resolved(self) -> int:
        return self._sum(RESOLVED)

    @property
    def in_time(self) -> int:
        """Resolved early or on time."""
        return self.early + self.on_time

    @property
    def pending(self) -> int:
        return self._sum(PENDING)

    @property
    def on_time_rate(self) -> float | None:
        """(early + on time) / resolved; None when nothing was resolved."""
        return (self.early + self.on_time) / self.resolved if self.resolved else None

    @property
    def online_share(self) -> float | None:
        """Online / received in the month; None when nothing was received."""
        return self.online / self.received_in_month if self.received_in_month else None


if tuple(f.name for f in fields(Figures)) != tuple(c.name for c in DOSSIER_COUNTS):
    raise TypeError("Figures must list the counts in the order of DOSSIER_COUNTS")
_ROW = reader(DOSSIER_COUNTS)
_VALUES = reader(DOSSIER_COUNTS, "name")
# The values of each group of counts, summed by Figures._sum.
_GROUPS = {group: reader(in_group(group), "name") for group in GROUPS}


def total(figures) -> Figures:
    return Figures(*map(sum, zip(*map(_VALUES, figures))))  # no figures: zip gives nothing, all 0


@dataclass
class AgencyMonth:
    """One agency's report for one month, with its derived figures."""

    agency: Agency
    report: MonthlyReport
    rows: list[tuple[Domain, Figures]]
    previous: str | None = None
    next: str | None = None
    # Months between the previous report and this one that the agency did not publish.
    unpublished_before: list[str] = field(default_factory=list)

    @property
    def ky(self) -> str:
        return self.report.ky

    @cached_property
    def total(self) -> Figures:
        return total(f for _, f in self.rows)

    @property
    def apologies(self) -> int:
        return self.report.xin_loi

    @property
    def missing_apologies(self) -> int:
        """Late dossiers without an apology letter (0 when letters cover them all)."""
        return max(0, self.total.late - self.report.xin_loi)

    @property
    def satisfaction_rate(self) -> float | None:
        survey = self.report.hai_long
        if not survey or not survey.so_phieu:
            return None
        return (survey.rat_hai_long + survey.hai_long) / survey.so_phieu


class ReportSum:
    """Figures summed over some agencies' monthly reports (``reports``)."""

    reports: list[AgencyMonth]

    @cached_property
    def total(self) -> Figures:
        return total(r.total for r in self.reports)

    @property
    def apologies(self) -> int:
        return sum(r.apologies for r in self.reports)

    @property
    def missing_apologies(self) -> int:
        """Letters missing month by month and agency by agency: extra letters elsewhere do not make up for them."""
        return sum(r.missing_apologies for r in self.reports)


@dataclass
class CityMonth(ReportSum):
    """All agencies in one month: totals, each agency, and who has not published."""

    ky: str
    reports: list[AgencyMonth]
    missing: list[Agency]

    @property
    def published(self) -> bool:
        """Whether any agency published this month."""
        return bool(self.reports)

    @property
    def agency_count(self) -> int:
        """The agencies that report: those that published this month and those that did not."""
        return len(self.reports) + len(self.missing)

    @property
    def feedback(self) -> tuple[int, int, int]:
        """(received incl. carried over, handled, still open) over all agencies."""
        items = [r.report.phan_anh_kien_nghi for r in self.reports if r.report.phan_anh_kien_nghi]
        return (sum(f.tu_ky_truoc + f.tiep_nhan for f in items), sum(f.da_xu_ly for f in items),
                sum(f.dang_xu_ly for f in items))

    @property
    def satisfaction_rate(self) -> float | None:
        surveys = [r.report.hai_long for r in self.reports if r.report.hai_long]
        forms = sum(s.so_phieu for s in surveys)
        return sum(s.rat_hai_long + s.hai_long for s in surveys) / forms if forms else None


NOT_PUBLISHED = "chưa công khai"


def formatted(value: float | None, unit: str) -> str:
    """A count as '1.234', a rate ("%") as '97,2%', unknown as '–'."""
    if value is None:
        return "–"
    return number(value * 100, 1) + "%" if unit == "%" else number(value)


@dataclass(frozen=True)
class Point:
    """One month of a series; a month not published has no value and says so."""

    ky: str
    value: float | None
    published: bool = True


@dataclass(frozen=True)
class Series:
    """One measure over the months, with a plain-language summary."""

    key: str
    label: str
    unit: str  # "%" for rates, "" for counts
    points: list[Point]

    def formatted(self, value: float | None) -> str:
        return formatted(value, self.unit)

    def shown(self, point: Point) -> str:
        """What a table cell shows for one month: the value, '–', or 'chưa công khai'."""
        return self.formatted(point.value) if point.published else NOT_PUBLISHED

    @property
    def gaps(self) -> list[str]:
        """The months not published."""
        return [p.ky for p in self.points if not p.published]

    @cached_property  # the page shows it in the list, above the chart and in the chart's description
    def summary(self) -> str:
        """'Tháng 10/2026: 97,2% đúng hạn, tăng 1,1 điểm so với tháng trước.', of the latest month with a value.
        Months not published (``gaps``) are left to the page, which says so once rather than in every summary."""
        known = [p for p in self.points if p.value is not None]
        if not known:
            return f"{self.label}: chưa có số liệu."
        last = known[-1]
        text = f"{month_label(last.ky).capitalize()}: {self.label.lower()} {self.formatted(last.value)}"
        index = self.points.index(last)
        before = self.points[index - 1] if index else None
        if before is None or before.value is None:
            return text + "."
        change = last.value - before.value
        if self.unit == "%":
            amount = number(abs(change) * 100, 1)
            unit = " điểm"
        else:
            amount = number(abs(change))
            unit = ""
        if round(abs(change) * (1000 if self.unit == "%" else 1)) == 0:
            return text + ", không đổi so với tháng trước."
        direction = "tăng" if change > 0 else "giảm"
        return text + f", {direction} {amount}{unit} so với tháng trước."


@dataclass
class Results:
    """Every monthly report, indexed for the pages."""

    reports: list[AgencyMonth]
    agencies: dict[str, Agency]
    months: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.months = sorted({r.ky for r in self.reports})
        self._by_agency: dict[str, list[AgencyMonth]] = {}
        for r in sorted(self.reports, key=lambda r: (r.agency.slug, r.ky)):
            self._by_agency.setdefault(r.agency.slug, []).append(r)
        for history in self._by_agency.values():
            for before, after in zip(history, history[1:]):
                before.next, after.previous = after.ky, before.ky
                after.unpublished_before = months_between(before.ky, after.ky)[1:-1]
        self._index = {(r.agency.slug, r.ky): r for r in self.reports}
        self._by_month: dict[str, list[AgencyMonth]] = {}
        for r in sorted(self.reports, key=lambda r: sort_key(r.agency.ten)):
            self._by_month.setdefault(r.ky, []).append(r)
        self._field_months: dict[str, set[str]] = {}
        for r in self.reports:
            for d, _ in r.rows:
                self._field_months.setdefault(d.slug, set()).add(r.ky)
        self._cities: dict[str, CityMonth] = {}

    @property
    def latest(self) -> str | None:
        return self.months[-1] if self.months else None

    @cached_property
    def calendar(self) -> list[str]:
        """Every month from the first report to the latest, whether anyone published it or not."""
        return months_between(self.months[0], self.months[-1]) if self.months else []

    def adjacent(self, ky: str, months: list[str] | None = None) -> tuple[str | None, str | None]:
        """The month before and after ``ky`` in ``months`` (default: every month with a report)."""
        months = self.months if months is None else months
        i = months.index(ky)
        return (months[i - 1] if i > 0 else None, months[i + 1] if i + 1 < len(months) else None)

    def of(self, agency: str, ky: str) -> AgencyMonth | None:
        return self._index.get((agency, ky))

    def history(self, agency: str) -> list[AgencyMonth]:
        return self._by_agency.get(agency, [])

    def city(self, ky: str) -> CityMonth:
        if ky not in self._cities:
            reports = self._by_month.get(ky, [])
            published = {r.agency.slug for r in reports}
            missing = [a for a in self.agencies.values() if a.slug not in published]
            self._cities[ky] = CityMonth(ky, reports, sorted(missing, key=lambda a: sort_key(a.ten)))
        return self._cities[ky]

    def by_field(self, ky: str, domain: str) -> list[tuple[Agency, Figures]]:
        """Each agency's figures for one field in one month, agencies in A–Z order."""
        return [(r.agency, figures) for r in self._by_month.get(ky, []) for d, figures in r.rows if d.slug == domain]

    def field_total(self, ky: str, domain: str) -> Figures:
        return total(f for _, f in self.by_field(ky, domain))

    def fields_in(self, ky: str) -> list[str]:
        return sorted({d.slug for r in self._by_month.get(ky, []) for d, _ in r.rows})

    def months_of_field(self, domain: str) -> list[str]:
        return sorted(self._field_months.get(domain, ()))

    def timeline(self, agency: str, months: int | None = None) -> list[tuple[str, AgencyMonth | None]]:
        """The agency's last ``months`` months up to the latest month of the site, from its first report on;
        a month it did not publish is None."""
        history = self.history(agency)
        if not history:
            return []
        span = self.calendar[self.calendar.index(history[0].ky):]
        if months is not None:
            span = span[-months:]
        return [(ky, self.of(agency, ky)) for ky in span]

    def unpublished(self, agency: str) -> list[str]:
        """The months since its first report that the agency has not published."""
        return [ky for ky, report in self.timeline(agency) if report is None]

    def trends(self, agency: str, months: int = 24) -> list[Series]:
        """On-time rate, late dossiers, online share, volume and satisfaction over the last months."""
        return _series(self.timeline(agency, months), AGENCY_TRENDS)

    def city_trends(self, months: int = 24) -> list[Series]:
        """The city's on-time rate, late dossiers and missing apology letters over the last months."""
        cities = [self.city(ky) for ky in self.city_months(months)]
        return _series([(c.ky, c if c.published else None) for c in cities], CITY_TRENDS)

    def city_months(self, months: int = 24) -> list[str]:
        """The last ``months`` months of the calendar, newest last."""
        return self.calendar[-months:]


# What a trend shows: (key, label, unit, value of an AgencyMonth or a CityMonth).
AGENCY_TRENDS = [
    ("dung-han", "Tỷ lệ đúng hạn", "%", lambda r: r.total.on_time_rate),
    ("qua-han", "Hồ sơ giải quyết quá hạn", "", lambda r: r.total.late),
    ("truc-tuyen", "Tỷ lệ nộp trực tuyến", "%", lambda r: r.total.online_share),
    ("tiep-nhan", "Hồ sơ tiếp nhận trong tháng", "", lambda r: r.total.received_in_month),
    ("hai-long", "Tỷ lệ hài lòng", "%", lambda r: r.satisfaction_rate),
]
CITY_TRENDS = [
    ("dung-han", "Tỷ lệ đúng hạn", "%", lambda c: c.total.on_time_rate),
    ("qua-han", "Hồ sơ giải quyết quá hạn", "", lambda c: c.total.late),
    ("thieu-thu", "Thư xin lỗi còn thiếu", "", lambda c: c.missing_apologies),
]


def _series(months: list[tuple[str, AgencyMonth | CityMonth | None]], measures) -> list[Series]:
    """One series per measure; a month not published (None) is a gap."""
    return [
        Series(key, label, unit, [Point(ky, None, published=False) if item is None else Point(ky, value(item))
                                  for ky, item in months])
        for key, label, unit, value in measures
    ]


# The live preview's last results: editing a procedure leaves them as they were (congkhai.remembered).
_LAST = Remembered()


def build_results(reports: list[MonthlyReport], agencies: dict[str, Agency], domains: dict[str, Domain]) -> Results:
    """Join validated reports with their agency and fields."""
    objects = (*reports, *agencies.values(), *domains.values())
    shape = (len(reports), tuple(agencies), tuple(domains))
    if not _LAST.holds(objects, shape):
        _LAST.remember(objects, shape, _joined(reports, agencies, domains))
    return _LAST.value


def _joined(reports: list[MonthlyReport], agencies: dict[str, Agency], domains: dict[str, Domain]) -> Results:
    """Each report with its agency, and each row with its field and figures."""
    return Results(
        reports=[
            AgencyMonth(agencies[r.co_quan], r, [(domains[row.linh_vuc], Figures.of_row(row)) for row in r.ho_so])
            for r in reports
        ],
        agencies=agencies,
    )
