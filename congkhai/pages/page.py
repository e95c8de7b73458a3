"""A page the plugin writes: its URL, template, title, breadcrumbs, the data its template shows, and
the parts of the data it depends on (``deps``, congkhai.build.keys)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..urls import url_for

HOME = ("Trang chủ", url_for("home"))
# What a page shows unless it says otherwise: any procedure's listed facts. The pages that show results name
# the reports they show (congkhai.results.pages, the agency pages); which months and agencies have reports is in
# every key.
DEFAULT_DEPS = ("procedures",)

@dataclass
class Page:
    url: str
    template: str
    title: str
    breadcrumbs: list[tuple[str, str | None]]
    data: dict = field(default_factory=dict)
    # When the page's content last changed, from the data (for the sitemap); None when unknown.
    lastmod: dt.date | None = None
    # The parts of the data the page shows (congkhai.build.keys): when none of
    # them changed, the last build's file is reused.
    deps: tuple[str, ...] = DEFAULT_DEPS

    def values(self) -> dict:
        """The page's data for its template, values made ``Later`` made now."""
        return {name: value() if isinstance(value, Later) else value for name, value in self.data.items()}


class Later:
    """A value of a page's data made only when the page is rendered: a page
    whose last build's file is kept (congkhai.build.reuse) never needs it."""

    def __init__(self, make, *args):
        self.make, self.args = make, args

    def __call__(self):
        return self.make(*self.args)


def own_pages(proc, *others) -> tuple[str, ...]:
    """What a procedure's own pages (the page, its desk sheet) depend on: its file, and what they show of ``others``."""
    return (f"procedure:{proc.ma}", *listing(others))


def listing(procs) -> tuple[str, ...]:
    """What a page that lists ``procs`` shows of them: what lists show of each (congkhai.build.keys)."""
    return tuple(f"listed:{p.ma}" for p in procs)


def desk_sheet_url(proc) -> str | None:
    """The printable desk sheet of a procedure: every procedure in force has one (congkhai.printed.pages)."""
    return url_for("desk_sheet", proc.ma) if proc.in_force else None


def crumbs(*trail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [HOME, *trail]
