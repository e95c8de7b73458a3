"""The pages about the procedures, in a fixed order: each procedure, the A–Z list, the lists by field,
agency, level and audience, the commune desk, life events, latest updates, search and the 404 page."""

from __future__ import annotations

from ..catalog import Catalog
from ..names import shorten
from ..search.record import facets, other_names, procedure_record
from ..structured_data import government_service
from ..urls import url_for
from .page import Later, Page, crumbs, desk_sheet_url, listing, own_pages

COMMUNE_DESK_INTRO = ("Hồ sơ của các thủ tục này nộp tại Bộ phận Một cửa của Ủy ban nhân dân xã, phường. "
                      "Trang của từng thủ tục ghi xã, phường nào nhận hồ sơ theo quy định.")


def _listed(procs, intro="", **data) -> dict:
    """The data of a page that lists procedures (procedure_list.html), common ones first."""
    return {"procedures": procs, "intro": intro, "has_common": any(p.thuong_gap for p in procs), **data}


def _list_page(kind, key, title, parent, procs, intro="", **data) -> Page:
    parent_title, parent_kind = parent
    return Page(
        url=url_for(kind, key),
        template="procedure_list.html",
        title=title,
        breadcrumbs=crumbs((parent_title, url_for(parent_kind)), (title, None)),
        data=_listed(procs, intro, **data),
        deps=listing(procs),
    )


def all_pages(cat: Catalog) -> list[Page]:
    """The plugin's pages in a fixed order (output is deterministic)."""
    pages: list[Page] = []
    az = "Danh sách thủ tục A–Z"
    pages.append(Page(url_for("procedures"), "procedures_az.html", az, crumbs((az, None)),
                      {"groups": Later(cat.a_to_z), "abolished": cat.abolished,
                       "other_names": Later(other_names, cat)}))
    for proc in cat.procedures:
        domain = cat.domain(proc)
        replacement, replaced = cat.replacement(proc), cat.replaces(proc)
        pages.append(Page(
            url=url_for("procedure", proc.ma),
            template="procedure.html",
            title=proc.ten,
            breadcrumbs=crumbs(("Lĩnh vực", url_for("domains")),
                                (domain.ten, url_for("domain", domain.slug)), (shorten(proc.ten), None)),
            data={"proc": proc, "domain": domain, "desk_sheet_url": desk_sheet_url(proc),
                  "replacement": replacement, "replaced": replaced,
                  "search": Later(procedure_record, cat, proc),
                  "structured_data": Later(government_service, cat, proc)},
            lastmod=proc.cap_nhat,
            deps=own_pages(proc, *filter(None, [replacement]), *replaced),
        ))

    pages.append(_browse("domains", "Thủ tục theo lĩnh vực", [
        (d.ten, url_for("domain", d.slug), len(cat.in_domain(d.slug)), d.mo_ta) for d in cat.domains.values()
    ]))
    for d in cat.domains.values():
        manager = cat.agencies.get(d.co_quan) if d.co_quan else None
        pages.append(_list_page("domain", d.slug, d.ten, ("Lĩnh vực", "domains"), cat.in_domain(d.slug),
                                d.mo_ta or "", manager=manager))

    pages.append(Page(url_for("agencies"), "agencies.html", "Cơ quan giải quyết thủ tục",
                      crumbs(("Cơ quan", None)),
                      {"groups": cat.agencies_by_level()}))
    for a in cat.agencies.values():
        # Its newest results (its own report), which may be older than the site's newest month.
        last = (cat.results.history(a.slug) or [None])[-1]
        procs = cat.agency_procedures(a.slug)
        # The procedures it lists; a commune's page counts those of every commune's desk too.
        shown = (*listing({p.ma: p for p in [*procs.named, *procs.commune_common, *procs.focal]}.values()),
                 *(["commune_desk"] if procs.commune_desk else []), *([f"report:{last.ky}/{a.slug}"] if last else []))
        pages.append(Page(url_for("agency", a.slug), "agency.html", a.ten,
                          crumbs(("Cơ quan", url_for("agencies")), (a.ten, None)),
                          {"agency": a, "procedures": procs, "last": last}, deps=shown))

    pages.append(_browse("levels", "Thủ tục theo cấp thực hiện", [
        (label, url_for("level", key), len(cat.at_level(key)), cat.level_descriptions[key])
        for key, label in cat.levels_in_use.items()
    ]))
    for key, label in cat.levels_in_use.items():
        pages.append(_list_page("level", key, f"Thủ tục {label.lower()}", ("Cấp thực hiện", "levels"),
                                cat.at_level(key), cat.level_descriptions[key]))

    desk = cat.commune_desk()
    if desk:
        title = "Thủ tục nộp tại Bộ phận Một cửa xã, phường"
        pages.append(Page(url_for("commune_desk"), "procedure_list.html", title,
                          crumbs(("Cấp thực hiện", url_for("levels")), (cat.levels["xa"], url_for("level", "xa")),
                                 (title, None)),
                          _listed(desk, COMMUNE_DESK_INTRO), deps=listing(desk)))

    pages.append(_browse("audiences", "Thủ tục theo đối tượng thực hiện", [
        (label, url_for("audience", key), len(cat.for_audience(key)), None)
        for key, label in cat.audiences_in_use.items()
    ]))
    for key, label in cat.audiences_in_use.items():
        pages.append(_list_page("audience", key, f"Thủ tục dành cho {label.lower()}", ("Đối tượng", "audiences"),
                                cat.for_audience(key)))

    if cat.events:
        pages.append(_browse("events", "Thủ tục theo sự kiện trong đời", [
            (e.ten, url_for("event", e.slug), len(e.buoc), e.mo_ta) for e in cat.events
        ], unit="bước"))
        for e in cat.events:
            steps = [(s, cat.by_code[s.ma]) for s in e.buoc]
            pages.append(Page(url_for("event", e.slug), "event.html", e.ten,
                              crumbs(("Sự kiện", url_for("events")), (e.ten, None)),
                              {"event": e, "steps": steps}, deps=listing(proc for _, proc in steps)))

    pages.append(Page(url_for("updates"), "updates.html", "Thủ tục mới cập nhật", crumbs(("Mới cập nhật", None)),
                      {"updated": cat.recently_updated(50), "stale": cat.stale()}))
    pages.append(Page(url_for("search"), "search.html", "Tìm thủ tục", crumbs(("Tìm kiếm", None)),
                      {"facets": facets(cat)}))
    pages.append(Page(url_for("not_found"), "404.html", "Không tìm thấy trang", []))
    return pages


def _browse(kind: str, title: str, entries: list, unit: str = "thủ tục") -> Page:
    """A page of groups: each entry (label, url, count, description); ``unit`` is what the counts count."""
    return Page(url_for(kind), "browse.html", title, crumbs((title, None)), {"entries": entries, "unit": unit})
