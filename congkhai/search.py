"""What the search index is fed besides the visible text: filters, result data and folded words.

Pagefind indexes what the templates mark with ``data-pagefind-body``. This
module gives the templates the rest: the filters (facets) of a procedure, the
metadata a search result shows, the weights that rank procedure names first,
and the folded forms of words with "đ" that Pagefind cannot match on its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

from .catalog import Catalog
from .schema import Procedure
from .text import date, fold

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

# Pagefind weights (its default is 1; a page's first heading gets 7). The
# names citizens use rank just below the official name; other page kinds
# and abolished procedures rank below every procedure in force.
WEIGHTS = {
    "plain_name": "5",
    "alias": "4",
    "other_title": "3",
    "abolished": "0.5",
}

_D_WORD = re.compile(r"\w*[đĐ]\w*")


def folded_d_words(text: str) -> str:
    """The words with "đ" in ``text``, folded: 'Đăng ký đất đai' -> 'dang dat dai'.

    Pagefind folds tone and vowel marks itself (NFD, marks removed), but "đ"
    is a letter of its own in Unicode, so "dang" never meets "Đăng". Only these
    words need a folded twin; adding others would count them twice.
    """
    return " ".join(fold(word) for word in _D_WORD.findall(unicodedata.normalize("NFC", text)))


def searchable(value) -> Markup:
    """Text (or markup) followed by its folded "đ" words, hidden from readers.

    The folded words sit inside the same element as the original, so Pagefind
    gives them the same weight; ``hidden`` keeps them from the screen and from
    screen readers.
    """
    if isinstance(value, Markup):
        html, plain = value, value.striptags()
    else:
        html, plain = escape(value or ""), str(value or "")
    words = folded_d_words(plain)
    if not words:
        return html
    return html + Markup("<span hidden> {}</span>").format(words)


@dataclass(frozen=True)
class SearchRecord:
    """One procedure as the index sees it besides its text."""

    filters: list[tuple[str, str]]
    meta: list[tuple[str, str]]
    in_force: bool

    @property
    def weights(self) -> dict[str, str | None]:
        """Pagefind weights of the indexed parts; ``body`` None keeps Pagefind's heading weights.

        An abolished procedure's whole text gets one low weight, so its
        replacement ranks above it for the same words.
        """
        if self.in_force:
            return {"body": None, "plain_name": WEIGHTS["plain_name"], "alias": WEIGHTS["alias"]}
        low = WEIGHTS["abolished"]
        return {"body": low, "plain_name": low, "alias": low}


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
    if proc.ten_thuong_goi:
        meta.append(("ten_thuong_goi", proc.ten_thuong_goi))
    if proc.tu_khoa:
        meta.append(("tu_khoa", "; ".join(proc.tu_khoa)))
    if not proc.in_force:
        meta += [("trang_thai", "Đã bãi bỏ"), ("ngay_bai_bo", date(proc.ngay_bai_bo))]
        replacement = cat.replacement(proc)
        # Only its code: the replacement's name must not make this page match its words.
        if replacement:
            meta.append(("thay_the", replacement.ma))
    return SearchRecord(filters, meta, proc.in_force)


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
