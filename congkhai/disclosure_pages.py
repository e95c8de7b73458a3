"""Pages beyond the procedure pages: open data, printable desk sheets and posters, old-code redirects."""

from __future__ import annotations

import re

from markupsafe import Markup

from .desk_sheet import desk_sheet
from .pages import Later, Page, crumbs, desk_sheet_url, own_pages
from .qr import LazyQr, qr_svg
from .redirects import moved_codes
from .urls import absolute, url_for

OPEN_DATA = "Dữ liệu mở"
DESK_SHEET = "Tờ niêm yết"
_ANCHOR = re.compile(r"</?a\b[^>]*>")


def open_data_page(cat, files) -> Page:
    return Page(url_for("open_data"), "open_data.html", "Dữ liệu mở: tải về thủ tục và kết quả giải quyết",
                crumbs((OPEN_DATA, None)), {"downloads": files}, lastmod=cat.config.build_date,
                # It shows the size of each download, which any change of the data changes.
                deps=("all",))


def desk_sheets(cat) -> list[Page]:
    """One or two A4 pages for each procedure in force, to post at the one-stop desk (congkhai.desk_sheet)."""
    pages = []
    for proc in cat.in_force:
        domain = cat.domain(proc)
        page_url = url_for("procedure", proc.ma)
        address = absolute(cat.config.public_url, page_url)
        pages.append(Page(
            url=desk_sheet_url(proc),
            template="desk_sheet.html",
            title=f"{DESK_SHEET}: {proc.ten}",
            breadcrumbs=crumbs(("Lĩnh vực", url_for("domains")), (domain.ten, url_for("domain", domain.slug)),
                               (proc.ten, page_url), (DESK_SHEET, None)),
            data={"proc": proc, "address": address, "procedure_url": page_url, "sheet": Later(desk_sheet, cat, proc),
                  "qr": LazyQr(address, f"Mã QR mở trang thủ tục {proc.ten}"),
                  "local_preview": cat.config.local_preview},
            lastmod=proc.cap_nhat,
            deps=own_pages(proc),
        ))
    return pages


def posters(cat, pelican_pages) -> list[Page]:
    """An A4 poster of each page named in the ``posters`` setting (e.g. the ten commitments)."""
    by_slug = {p.slug: p for p in pelican_pages}
    pages = []
    for slug in cat.config.posters:
        source = by_slug.get(slug)
        if source is None:
            continue
        address = absolute(cat.config.public_url, source.url)
        pages.append(Page(
            url=url_for("poster", slug),
            template="poster.html",
            title=f"{DESK_SHEET}: {source.title}",
            breadcrumbs=crumbs((source.title, source.url), (DESK_SHEET, None)),
            # Links mean nothing on paper, and the page's relative links would not hold here.
            data={"source": source, "address": address, "body": Markup(_ANCHOR.sub("", source.get_content(""))),
                  "qr": qr_svg(address, f"Mã QR mở trang {source.title}"),
                  "local_preview": cat.config.local_preview},
        ))
    return pages


def redirect_pages(cat) -> list[Page]:
    """A page at each old procedure address that leads to the procedure's page now."""
    return [
        Page(url_for("procedure", old), "redirect.html", f"Thủ tục mã {old} nay có mã {proc.ma}", [],
             {"old": old, "target": proc, "target_url": url_for("procedure", proc.ma)})
        for old, proc in moved_codes(cat.procedures).items()
    ]
