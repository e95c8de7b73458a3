"""The whole data set as the site shows it: validated objects, lookups and lists.

Templates read figures and lists from here; they never compute them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from . import glance as at_a_glance
from .announcements import check_contents
from .config import Config, check_settings
from .confine import check_files
from .crossref import check_references
from .glance import Glance, Online
from .history import REVIEWED, Change, fallback
from .redirects import check_redirects
from .results.rules import check_reports
from .results.model import build_results
from .loader import RawData, Sources, read_all
from .problems import GROUPED_FROM, PLACES_NAMED, DataErrors, Problems
from .names import IndexEntry, a_to_z, list_name
from .schema import Agency, Case, Domain, LifeEvent, MonthlyReport, Procedure
from .text import number, sort_key
from .urls import url_for
from .where import WhereToGo, agencies_by_name, where_to_go

# In the national database's order: ministry, province, commune, another body.
LEVELS = {"bo": "Cấp bộ", "tinh": "Cấp tỉnh", "xa": "Cấp xã", "khac": "Cơ quan khác"}
LEVEL_DESCRIPTIONS = {
    "bo": "Thủ tục do các bộ, cơ quan ngang bộ và cơ quan trung ương giải quyết.",
    "tinh": "Thủ tục do các sở, ngành và cơ quan cấp thành phố giải quyết.",
    "xa": "Thủ tục do Ủy ban nhân dân xã, phường giải quyết, thường tại nơi bạn cư trú.",
    "khac": "Thủ tục do cơ quan khác giải quyết, ví dụ đồn biên phòng cửa khẩu, tòa án.",
}
AUDIENCES = {
    "cong-dan": "Công dân",
    "to-chuc": "Tổ chức",
    "doanh-nghiep": "Doanh nghiệp",
    "nguoi-nuoc-ngoai": "Người nước ngoài",
    "nguoi-viet-nam-o-nuoc-ngoai": "Người Việt Nam định cư ở nước ngoài",
    "can-bo-cong-chuc": "Cán bộ, công chức, viên chức",
    "doanh-nghiep-fdi": "Doanh nghiệp có vốn đầu tư nước ngoài",
    "to-chuc-nuoc-ngoai": "Tổ chức nước ngoài",
    "hop-tac-xa": "Hợp tác xã",
}
CHANNELS = {"truc_tiep": "Nộp trực tiếp", "truc_tuyen": "Nộp trực tuyến", "buu_chinh": "Nộp qua bưu chính"}
ONLINE_LEVELS = {"toan-trinh": "Dịch vụ công trực tuyến toàn trình", "mot-phan": "Dịch vụ công trực tuyến một phần"}
# The key of ``Catalog._filed_at`` for the commune desk: no agency slug has a star.
COMMUNE_DESK = "*xa"


@dataclass(frozen=True)
class CaseView:
    """One case of a procedure with inherited values filled in."""

    index: int
    anchor: str
    case: Case
    cach_thuc: list
    thanh_phan_ho_so: list
    yeu_cau_dieu_kien: str

    @property
    def same_as_usual(self) -> str:
        """What the case leaves as in the usual case, as the page says it ("hồ sơ, điều kiện"); "" for nothing."""
        parts = (("hồ sơ", self.case.thanh_phan_ho_so), ("cách nộp, thời hạn, phí", self.case.cach_thuc),
                 ("điều kiện", self.case.yeu_cau_dieu_kien))
        return ", ".join(name for name, own in parts if not own)


@dataclass(frozen=True)
class AgencyProcedures:
    """What an agency's page lists: where it receives dossiers, and where it is the focal point."""

    # Procedures whose place to file names this agency (congkhai.where).
    named: list[Procedure]
    # A commune or ward: how many procedures go to the desk of every commune (rule 2 of
    # congkhai.where), and the common ones of them, which its page lists; the rest are
    # listed once for the site (url 'commune_desk'), not once per commune.
    commune_desk: int
    commune_common: list[Procedure]
    # Procedures it is the focal point for ("đầu mối": questions and complaints, not a place to file).
    focal: list[Procedure]

    @property
    def total(self) -> int:
        """How many procedures it receives dossiers for."""
        return len(self.named) + self.commune_desk


@dataclass
class Catalog:
    config: Config
    procedures: list[Procedure]
    agencies: dict[str, Agency]
    domains: dict[str, Domain]
    events: list[LifeEvent]
    reports: list[MonthlyReport]
    # Changes of each procedure file from git (congkhai.history), by code.
    history: dict[str, list[Change]] = field(default_factory=dict)
    # The hash of each data file, and which file each procedure and report came from.
    sources: Sources = field(default_factory=Sources, repr=False)
    # What editors should fix though the site can be built (congkhai.notices).
    notices: Problems = field(default_factory=Problems)
    by_code: dict[str, Procedure] = field(init=False)

    levels = LEVELS
    level_descriptions = LEVEL_DESCRIPTIONS
    audiences = AUDIENCES
    channels = CHANNELS
    online_levels = ONLINE_LEVELS

    def __post_init__(self) -> None:
        self.procedures = sorted(self.procedures, key=lambda p: (sort_key(list_name(p)), p.ma))
        self.by_code = {p.ma: p for p in self.procedures}
        self.in_force = [p for p in self.procedures if p.in_force]
        self.abolished = [p for p in self.procedures if not p.in_force]
        self.results = build_results(self.reports, self.agencies, self.domains)
        self._groups: dict[str, dict[str, list[Procedure]]] = {}
        self._events_of: dict[str, list[LifeEvent]] = {}
        self._where: dict[str, WhereToGo] = {}
        self._agency_names = agencies_by_name(self.agencies)
        for event in self.events:
            for step in event.buoc:
                self._events_of.setdefault(step.ma, []).append(event)

    # --- lists --------------------------------------------------------

    @staticmethod
    def featured_first(procs: list[Procedure]) -> list[Procedure]:
        """Common procedures first, then the rest, each part in A–Z order."""
        return [p for p in procs if p.thuong_gap] + [p for p in procs if not p.thuong_gap]

    @property
    def common(self) -> list[Procedure]:
        return [p for p in self.in_force if p.thuong_gap]

    def _grouped(self, name: str, keys_of) -> dict[str, list[Procedure]]:
        """In-force procedures grouped by ``keys_of(procedure)``, common first; made once per catalog.

        Lists are asked for again and again (every commune's page, the counts
        on browse pages, the downloads); one pass over the procedures serves them all.
        """
        if name not in self._groups:
            groups: dict[str, list[Procedure]] = {}
            for proc in self.in_force:
                for key in keys_of(proc):
                    groups.setdefault(key, []).append(proc)
            self._groups[name] = {key: self.featured_first(procs) for key, procs in groups.items()}
        return self._groups[name]

    def in_domain(self, slug: str) -> list[Procedure]:
        return self._grouped("domain", lambda p: [p.linh_vuc]).get(slug, [])

    def at_level(self, level: str) -> list[Procedure]:
        return self._grouped("level", lambda p: p.cap_thuc_hien).get(level, [])

    def for_audience(self, audience: str) -> list[Procedure]:
        return self._grouped("audience", lambda p: p.doi_tuong).get(audience, [])

    @cached_property
    def levels_in_use(self) -> dict[str, str]:
        """The levels some procedure in force has, with their labels: the ones that get a page.

        A city's site has no ministry-level procedure and shows no empty "Cấp bộ" page;
        a site of national records does.
        """
        return {key: label for key, label in self.levels.items() if self.at_level(key)}

    @cached_property
    def audiences_in_use(self) -> dict[str, str]:
        """The audiences some procedure in force names, with their labels: the ones that get a page."""
        return {key: label for key, label in self.audiences.items() if self.for_audience(key)}

    def where_to_go(self, proc: Procedure) -> WhereToGo:
        """Where the citizen hands in the dossier (congkhai.where: the contract's rule); made once per procedure."""
        if proc.ma not in self._where:
            self._where[proc.ma] = where_to_go(proc, self.agencies, self._agency_names)
        return self._where[proc.ma]

    def _filed_at(self) -> dict[str, list[Procedure]]:
        """In-force procedures by where their dossiers go: an agency's slug, or COMMUNE_DESK."""
        def places(proc: Procedure) -> list[str]:
            where = self.where_to_go(proc)
            return [COMMUNE_DESK] if where.commune else list(dict.fromkeys(a.slug for a in where.agencies))
        return self._grouped("filed_at", places)

    def commune_desk(self) -> list[Procedure]:
        """In-force procedures filed at the one-stop desk of the commune or ward, common first."""
        return self._filed_at().get(COMMUNE_DESK, [])

    @cached_property
    def _commune_common(self) -> list[Procedure]:
        """The common procedures of ``commune_desk``: every commune's page lists them."""
        return [p for p in self.commune_desk() if p.thuong_gap]

    def of_agency(self, slug: str) -> list[Procedure]:
        """Procedures whose dossiers an agency's desk receives.

        Those whose place to file names it, and, for a commune or ward, every
        procedure that goes to the commune desk.
        """
        named = self._filed_at().get(slug, [])
        return named + self.commune_desk() if self.agencies[slug].cap == "xa" else named

    def focal_of(self, slug: str) -> list[Procedure]:
        """Procedures an agency is the focal point for (``focal``)."""
        focal = self._grouped("focal", lambda p: [a.slug] if (a := self.focal(p)) else [])
        return focal.get(slug, [])

    def agency_procedures(self, slug: str) -> AgencyProcedures:
        """The procedures an agency's page lists (AgencyProcedures)."""
        commune = self.agencies[slug].cap == "xa"
        return AgencyProcedures(
            named=self._filed_at().get(slug, []),
            commune_desk=len(self.commune_desk()) if commune else 0,
            commune_common=self._commune_common if commune else [],
            focal=self.focal_of(slug),
        )

    def a_to_z(self) -> list[tuple[str, list[IndexEntry]]]:
        """The A–Z index of in-force procedures, with cross-references from the names people use (congkhai.names)."""
        return self._a_to_z

    @cached_property
    def _a_to_z(self) -> list[tuple[str, list[IndexEntry]]]:
        # Made once: the A–Z page shows it and the search records leave out the names it already shows.
        return a_to_z(self.in_force)

    @property
    def home_desk(self) -> Agency | None:
        """The agency whose one-stop desk the home page shows (setting ``home_desk``), if the data has it."""
        return self.agencies.get(self.config.home_desk) if self.config.home_desk else None

    def agencies_at(self, level: str) -> list[Agency]:
        return [a for a in self.agencies.values() if a.cap == level]

    def agencies_by_level(self) -> list[tuple[str, str, list[Agency]]]:
        """(level, label, agencies) for each level that has agencies, in the order of the levels."""
        return [(level, label, agencies) for level, label in self.levels.items() if (agencies := self.agencies_at(level))]

    # --- one procedure ------------------------------------------------

    def domain(self, proc: Procedure) -> Domain:
        return self.domains[proc.linh_vuc]

    def focal(self, proc: Procedure) -> Agency | None:
        """The single focal agency ("một đầu mối"): dau_moi, else the field's manager."""
        slug = proc.dau_moi or self.domains[proc.linh_vuc].co_quan
        return self.agencies.get(slug) if slug else None

    def glance(self, proc: Procedure) -> Glance:
        """The top of the procedure's page: where, what, how long, how much, online (congkhai.glance)."""
        return at_a_glance.glance(proc, self.where_to_go(proc), self.online_levels)

    channel_facts = staticmethod(at_a_glance.channel_facts)

    def online(self, proc: Procedure) -> Online:
        """Whether the dossier can be filed online (congkhai.glance.online)."""
        return at_a_glance.online(proc, self.online_levels)

    def desks(self, proc: Procedure) -> list[Agency]:
        """The communes' desks, for a procedure filed at the commune desk (congkhai.where, rule 2)."""
        return self.agencies_at("xa") if self.where_to_go(proc).commune else []

    # A procedure's page lists the communes' desks up to this many; a province
    # has hundreds of communes, and every commune-level page would repeat them
    # all, so beyond it the page links to the list of agencies instead.
    DESKS_LISTED = 30

    def lists_desks(self, desks: list[Agency]) -> bool:
        return len(desks) <= self.DESKS_LISTED

    def audience_text(self, proc: Procedure) -> str:
        return ", ".join(self.audiences[a] for a in proc.doi_tuong)

    def level_text(self, proc: Procedure) -> str:
        return ", ".join(self.levels[lv] for lv in proc.cap_thuc_hien)

    def events_of(self, proc: Procedure) -> list[LifeEvent]:
        return self._events_of.get(proc.ma, [])

    def replacement(self, proc: Procedure) -> Procedure | None:
        return self.by_code.get(proc.ma_thay_the) if proc.ma_thay_the else None

    def replaces(self, proc: Procedure) -> list[Procedure]:
        return [p for p in self.abolished if p.ma_thay_the == proc.ma]

    def cases(self, proc: Procedure) -> list[CaseView]:
        """Each case with what it does not override inherited from the procedure."""
        return [
            CaseView(
                index=i,
                anchor=f"truong-hop-{i + 1}",
                case=case,
                cach_thuc=case.cach_thuc or proc.cach_thuc,
                thanh_phan_ho_so=case.thanh_phan_ho_so or proc.thanh_phan_ho_so,
                yeu_cau_dieu_kien=case.yeu_cau_dieu_kien or proc.yeu_cau_dieu_kien,
            )
            for i, case in enumerate(proc.truong_hop or [])
        ]

    def changes(self, proc: Procedure) -> list[Change]:
        """When the procedure's page changed and what changed, newest first."""
        return self.history.get(proc.ma) or fallback(proc.cap_nhat)

    def is_stale(self, proc: Procedure) -> bool:
        """True when the page has not been reviewed within the configured age."""
        age = self.config.build_date - proc.cap_nhat
        return age > dt.timedelta(days=self.config.stale_after_days)

    def stale(self) -> list[Procedure]:
        return [p for p in self.in_force if self.is_stale(p)]

    def stale_warnings(self) -> list[str]:
        """The procedures editors should review (a warning, not an error): one line each, or one
        line for all naming the oldest when there are many (as congkhai.problems groups mistakes)."""
        days = self.config.stale_after_days
        stale = sorted(self.stale(), key=lambda p: p.ma)
        if len(stale) < GROUPED_FROM:
            return [f"Cảnh báo: thủ tục {p.ma} ({p.ten}) cập nhật lần cuối ngày {p.cap_nhat:%d/%m/%Y}, "
                    f"đã quá {days} ngày; hãy rà soát." for p in stale]
        oldest = sorted(stale, key=lambda p: (p.cap_nhat, p.ma))[:PLACES_NAMED]
        named = ", ".join(f"{p.ma} ({p.cap_nhat:%d/%m/%Y})" for p in oldest)
        return [f"Cảnh báo: {number(len(stale))} thủ tục cập nhật lần cuối đã quá {days} ngày; hãy rà soát. "
                f"Cũ nhất: {named} và {number(len(stale) - len(oldest))} thủ tục khác; danh sách đầy đủ ở trang "
                f"“Thủ tục mới cập nhật” ({url_for('updates')})."]

    def warnings(self) -> list[str]:
        """Every warning for editors, printed by check and build: none stops the build."""
        return [f"Cảnh báo: {line}" for line in self.notices.lines()] + self.stale_warnings()

    def last_change(self, proc: Procedure) -> Change:
        """The newest change: from git history where there is one, else the ``cap_nhat`` date."""
        newest = self.changes(proc)[0]
        return newest if newest.date >= proc.cap_nhat else Change(proc.cap_nhat, REVIEWED)

    def recently_updated(self, count: int = 10) -> list[Procedure]:
        """In-force procedures, the most recently changed first."""
        return sorted(self.in_force, key=lambda p: (self.last_change(p).date, p.ma), reverse=True)[:count]


def build_catalog(config: Config, save_cache: bool = True) -> Catalog:
    """Load, validate and cross-check all data; raise DataErrors listing every problem.

    ``save_cache``: as in congkhai.loader.read_all."""
    problems = Problems()
    check_files(config, problems)
    raw: RawData = read_all(config, problems, save_cache)
    check_references(config, raw, problems)
    check_reports(config, raw, problems)
    check_redirects(raw, problems)
    check_contents(config, problems, raw)
    check_settings(config, problems)
    if problems:
        raise DataErrors(problems)
    procedures = [p for p, _ in raw.procedures]
    reports = [r for r, _ in raw.reports]
    return Catalog(
        config=config,
        procedures=procedures,
        agencies={a.slug: a for a, _ in raw.agencies},
        domains={d.slug: d for d, _ in raw.domains},
        events=[e for e, _ in raw.events],
        reports=reports,
        sources=raw.sources(),
        notices=raw.notices,
    )
