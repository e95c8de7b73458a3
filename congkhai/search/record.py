"""What the search index is fed besides the visible text: filters, result data, weights and twins.

Pagefind indexes what the templates mark with ``data-pagefind-body``. This
module gives the templates the rest: the filters (facets) of a procedure, the
metadata a search result shows, the weights that rank common procedures and
the names citizens use first and abolished ones last, and the hidden twins of
words (``congkhai.search.words``) that Pagefind cannot match on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ..catalog import Catalog
from ..names import index_key, index_name
from ..schema import Procedure
from .words import twins
from ..text import date, sort_key
from ..where import COMMUNE

# Facets in the order the search page shows them: filter name -> heading.
# Filter values are slugs, so a search can be shared as ?linh_vuc=ho-tich.
FACETS = {
    "linh_vuc": "Lĩnh vực",
    "cap": "Cấp thực hiện",
    "co_quan": "Cơ quan đầu mối",
    "doi_tuong": "Đối tượng",
    "dich_vu_cong": "Nộp trực tuyến",
}
NO_ONLINE_SERVICE = "khong"
# A filter only abolished procedures carry: the search page lists them after those in force.
STATUS_FILTER = ("trang_thai", "bai-bo")

# Pagefind weights (its default is 1; a page's first heading gets 7). The
# names citizens use rank just below the official name, a common
# procedure's above those of others (its name counts more through its
# result data, see procedure_record); other page kinds and abolished
# procedures rank below every procedure in force.
WEIGHTS = {
    "common_plain_name": "7",
    "common_alias": "6",
    "plain_name": "5",
    "alias": "4",
    "other_title": "3",
    "abolished": "0.5",
}
# Where a commune-level procedure is filed (the contract's rule 2), in a result's few words.
COMMUNE_DESK = "Bộ phận Một cửa của xã, phường nơi bạn cư trú"


def searchable(value) -> Markup:
    """Text (or markup) followed by its twins (``words.twins``), hidden from readers.

    The twins sit inside the same element as the original, so Pagefind gives
    them the same weight; ``hidden`` keeps them from the screen and from
    screen readers.
    """
    if isinstance(value, Markup):
        html, plain = value, value.striptags()
    else:
        html, plain = escape(value or ""), str(value or "")
    words = twins(plain)
    if not words:
        return html
    return html + Markup("<span hidden> {}</span>").format(" ".join(words))


@dataclass(frozen=True)
class SearchRecord:
    """One procedure as the index sees it besides its text."""

    filters: list[tuple[str, str]]
    meta: list[tuple[str, str]]
    in_force: bool
    common: bool = False

    @property
    def weights(self) -> dict[str, str | None]:
        """Pagefind weights of the indexed parts; ``body`` None keeps Pagefind's heading weights.

        An abolished procedure's whole text gets one low weight, so its
        replacement ranks above it for the same words.
        """
        if not self.in_force:
            low = WEIGHTS["abolished"]
            return {"body": low, "plain_name": low, "alias": low}
        if self.common:
            return {"body": None, "plain_name": WEIGHTS["common_plain_name"], "alias": WEIGHTS["common_alias"]}
        return {"body": None, "plain_name": WEIGHTS["plain_name"], "alias": WEIGHTS["alias"]}


def where_to_go_text(cat: Catalog, proc: Procedure) -> str:
    """Where the dossier is handed in, in a few words for a search result (``Catalog.where_to_go``)."""
    where = cat.where_to_go(proc)
    if where.source == COMMUNE:
        return COMMUNE_DESK
    return "; ".join(place.text for place in where.places)


def procedure_record(cat: Catalog, proc: Procedure) -> SearchRecord:
    """Filters (slugs) and result data (text) for a procedure page."""
    focal = cat.focal(proc)
    filters = [("linh_vuc", proc.linh_vuc)]
    filters += [("cap", level) for level in proc.cap_thuc_hien]
    if focal:
        filters.append(("co_quan", focal.slug))
    filters += [("doi_tuong", audience) for audience in proc.doi_tuong]
    filters.append(("dich_vu_cong", proc.dich_vu_cong.muc_do if proc.dich_vu_cong else NO_ONLINE_SERVICE))

    # Every metadata word is searchable too, so only what a result shows goes in.
    meta = [("title", proc.ten), ("ma", proc.ma)]
    if proc.ma_dia_phuong:
        meta.append(("ma_dia_phuong", proc.ma_dia_phuong))
    if proc.thuong_gap:
        # The name again, under a key the search page weighs: a common procedure ranks above
        # others that match as well (search.js, metaWeights).
        meta.append(("thuong_gap", proc.ten))
    if proc.ten_thuong_goi:
        meta.append(("ten_thuong_goi", proc.ten_thuong_goi))
    if proc.tu_khoa:
        meta.append(("tu_khoa", "; ".join(proc.tu_khoa)))
    if proc.in_force:
        # A filter, not metadata: a result shows it, but its words must not make the page match.
        filters.append(("noi_nop", where_to_go_text(cat, proc)))
    else:
        filters.append(STATUS_FILTER)
        meta += [("trang_thai", "Đã bãi bỏ"), ("ngay_bai_bo", date(proc.ngay_bai_bo))]
        replacement = cat.replacement(proc)
        # Only its code: the replacement's name must not make this page match its words.
        if replacement:
            meta.append(("thay_the", replacement.ma))
    return SearchRecord(filters, meta, proc.in_force, bool(proc.thuong_gap))


def facets(cat: Catalog) -> list[dict]:
    """Each facet: filter name, heading and (value, label) options, for the search page."""
    focal = {a.slug: a.ten for p in cat.in_force if (a := cat.focal(p))}
    values = {
        "linh_vuc": {d.slug: d.ten for d in cat.domains.values()},
        "cap": cat.levels_in_use,
        "co_quan": {slug: focal[slug] for slug in sorted(focal)},
        "doi_tuong": cat.audiences_in_use,
        "dich_vu_cong": {**cat.online_levels, NO_ONLINE_SERVICE: "Chưa có dịch vụ công trực tuyến"},
    }
    return [{"name": name, "label": label, "options": list(values[name].items())} for name, label in FACETS.items()]


def other_names(cat: Catalog) -> list[tuple[str, list[Procedure]]]:
    """Each plain name and alias of the procedures in force that the A–Z index does not show, in Vietnamese
    A–Z order, with the procedures it names.

    The A–Z page lists them: a reader without JavaScript, whom the header
    search leads there, finds a procedure by the words they searched for.
    """
    # Names the A–Z index already shows, as a procedure's own entry or a cross-reference, are not repeated.
    indexed = {index_key(entry.label) for _, entries in cat.a_to_z() for entry in entries}
    # One entry for a name however it is capitalised, written as it first comes.
    names: dict[str, tuple[str, list[Procedure]]] = {}
    for proc in cat.in_force:
        for name in [proc.ten_thuong_goi, *proc.tu_khoa]:
            if name and index_key(name) not in indexed and index_key(index_name(name)) not in indexed:
                _, procs = names.setdefault(name.casefold(), (name, []))
                if proc not in procs:
                    procs.append(proc)
    return sorted(names.values(), key=lambda item: sort_key(item[0].lower()))
