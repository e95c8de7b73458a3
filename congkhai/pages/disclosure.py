"""Pages beyond the procedure pages: open data and old-code redirects (the printed sheets: congkhai.printed)."""

from __future__ import annotations

from ..redirects import moved_codes
from ..urls import url_for
from .page import Page, crumbs

OPEN_DATA = "Dữ liệu mở"


def open_data_page(cat, files) -> Page:
    return Page(url_for("open_data"), "open_data.html", "Dữ liệu mở: tải về thủ tục và kết quả giải quyết",
                crumbs((OPEN_DATA, None)), {"downloads": files}, lastmod=cat.config.build_date,
                # It shows the size of each download, which any change of the data changes.
                deps=("all",))


def redirect_pages(cat) -> list[Page]:
    """A page at each old procedure address that leads to the procedure's page now."""
    return [
        Page(url_for("procedure", old), "redirect.html", f"Thủ tục mã {old} nay có mã {proc.ma}", [],
             {"old": old, "target": proc, "target_url": url_for("procedure", proc.ma)})
        for old, proc in moved_codes(cat.procedures).items()
    ]
