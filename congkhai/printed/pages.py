"""The printed sheets as pages: a desk sheet for each procedure in force, a poster for each page the
``posters`` setting names; each with a QR code that opens the page on a phone."""

from __future__ import annotations

import re

from markupsafe import Markup

from ..pages.page import Later, Page, crumbs, desk_sheet_url, own_pages
from ..urls import absolute, url_for
from .desk_sheet import desk_sheet
from .qr import LazyQr, qr_svg

DESK_SHEET = "Tờ niêm yết"
_ANCHOR = re.compile(r"</?a\b[^>]*>")


def desk_sheets(cat) -> list[Page]:
    """One or two A4 pages for each procedure in force, to post at the one-stop desk (congkhai.printed.desk_sheet)."""
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


def poster_url(config, page) -> str:
    """Where the poster of one of Pelican's pages is: the published pages the ``posters`` setting names have
    one; "" for any other. Pelican's page template links to it (a template global, congkhai.plugin)."""
    return url_for("poster", page.slug) if page.slug in config.posters and page.status == "published" else ""


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
            url=poster_url(cat.config, source),
            template="poster.html",
            title=f"{DESK_SHEET}: {source.title}",
            breadcrumbs=crumbs((source.title, source.url), (DESK_SHEET, None)),
            # Links mean nothing on paper, and the page's relative links would not hold here.
            data={"source": source, "address": address, "body": Markup(_ANCHOR.sub("", source.get_content(""))),
                  "qr": qr_svg(address, f"Mã QR mở trang {source.title}"),
                  "local_preview": cat.config.local_preview},
        ))
    return pages
