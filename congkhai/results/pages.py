"""The pages of monthly results: city overview, each agency's month, each field's month, trends."""

from __future__ import annotations

import datetime as dt

from ..catalog import Catalog
from ..month import Month
from ..pages.page import Later, Page, crumbs
from .ranking import COLUMNS, DEFAULT_ORDER, NAME, ORDERS, league, ordered
from ..text import month as month_label
from ..urls import url_for

RESULTS = "Kết quả giải quyết"
ALL_MONTHS = ("months",)


def report_date(cat: Catalog, ky: str) -> dt.date:
    """When a month's figures are taken as final: the month's last day, or the build date if sooner."""
    return min(Month.parse(ky).last_day, cat.config.build_date)


def _city_order_url(ky: str, order: str) -> str:
    """The city page of a month in one order; the default order is the month's own address."""
    return url_for("city_month", ky) if order == DEFAULT_ORDER else url_for("city_month_sorted", ky, order)


# Made only when the page is rendered (congkhai.pages.page.Later).
def _field_rows(ky: str, report) -> list:
    """An agency's month: each field's name, the link to the field's month, its figures."""
    return [(d.ten, url_for("field_month", ky, d.slug), f) for d, f in report.rows]


def _agency_rows(res, ky: str, slug: str) -> list:
    """A field's month: each agency's name, the link to the agency's month, its figures."""
    return [(agency.ten, url_for("agency_month", ky, agency.slug), f) for agency, f in res.by_field(ky, slug)]


def _newest_first(res, slug: str) -> list:
    """An agency's months, newest first."""
    return list(reversed(res.timeline(slug)))


def results_pages(cat: Catalog) -> list[Page]:
    res = cat.results
    index = Page(url_for("results"), "results_index.html", "Kết quả giải quyết thủ tục hành chính",
                 crumbs((RESULTS, None)), {"latest": None}, deps=ALL_MONTHS)
    if not res.months:
        # Every page links to the index (the navigation): before anything is published, it says so.
        return [index]
    trends = Later(res.city_trends)
    index.data = {"months": list(reversed(res.months)), "latest": res.city(res.latest), "league": Later(league, res),
                  "trends": trends, "agencies": [a for a in cat.agencies.values() if res.history(a.slug)]}
    index.lastmod = report_date(cat, res.latest)
    pages = [
        index,
        Page(url_for("city_results"), "results_city_trend.html", "Toàn thành phố: kết quả qua các tháng",
             crumbs((RESULTS, url_for("results")), ("Toàn thành phố qua các tháng", None)),
             {"trends": trends, "columns": COLUMNS, "cities": [res.city(ky) for ky in reversed(res.city_months())],
              # A month no agency published spans the count of agencies and every column.
              "gap_span": len(COLUMNS) + 1},
             lastmod=report_date(cat, res.latest), deps=ALL_MONTHS),
    ]
    for ky in res.months:
        # A month's pages show that month's reports; links to other months follow
        # which months exist, which every key holds (congkhai.build.keys).
        month = (f"month:{ky}",)
        city = res.city(ky)
        final = report_date(cat, ky)
        fields = res.fields_in(ky)
        title = f"Kết quả giải quyết {month_label(ky)}"
        trail = ((RESULTS, url_for("results")), (month_label(ky).capitalize(), url_for("city_month", ky)))
        order_urls = {order: _city_order_url(ky, order) for order in ORDERS}
        for order, url in order_urls.items():
            pages.append(Page(url, "results_city.html", title,
                              crumbs(*trail[:1], (month_label(ky).capitalize(), None)),
                              {"city": city, "order": ORDERS[order], "rows": Later(ordered, city.reports, order),
                               "order_urls": order_urls, "by_name": NAME, "columns": COLUMNS,
                               "headers": [NAME, *COLUMNS],
                               "fields": [cat.domains[f] for f in fields]},
                              lastmod=final, deps=month))
        for report in city.reports:
            pages.append(Page(url_for("agency_month", ky, report.agency.slug), "results_agency_month.html",
                              f"{report.agency.ten}: kết quả {month_label(ky)}",
                              crumbs(*trail, (report.agency.ten, None)),
                              {"r": report, "rows": Later(_field_rows, ky, report)},
                              lastmod=final, deps=(f"report:{ky}/{report.agency.slug}",)))
        for slug in fields:
            domain = cat.domains[slug]
            pages.append(Page(url_for("field_month", ky, slug), "results_field_month.html",
                              f"{domain.ten}: kết quả {month_label(ky)}",
                              crumbs(*trail, (domain.ten, None)),
                              {"domain": domain, "ky": ky, "months": res.months_of_field(slug),
                               "rows": Later(_agency_rows, res, ky, slug), "total": Later(res.field_total, ky, slug)},
                              lastmod=final, deps=(f"field_month:{ky}/{slug}",)))
    for agency in cat.agencies.values():
        history = res.history(agency.slug)
        if history:
            pages.append(Page(url_for("agency_results", agency.slug), "results_agency.html",
                              f"{agency.ten}: kết quả qua các tháng",
                              crumbs(("Cơ quan", url_for("agencies")), (agency.ten, url_for("agency", agency.slug)),
                                     ("Kết quả qua các tháng", None)),
                              {"agency": agency, "timeline": Later(_newest_first, res, agency.slug),
                               "unpublished": Later(res.unpublished, agency.slug),
                               "trends": Later(res.trends, agency.slug)},
                              lastmod=report_date(cat, history[-1].ky), deps=(f"agency_reports:{agency.slug}",)))
    return pages
