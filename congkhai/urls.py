"""Where each kind of page lives. One place, so links and files always agree."""

from __future__ import annotations

PATTERNS = {
    "home": "",
    "procedures": "thu-tuc/",
    "procedure": "thu-tuc/{key}/",
    "domains": "linh-vuc/",
    "domain": "linh-vuc/{key}/",
    "agencies": "co-quan/",
    "agency": "co-quan/{key}/",
    "levels": "cap/",
    "level": "cap/{key}/",
    "commune_desk": "cap/xa/mot-cua/",
    "audiences": "doi-tuong/",
    "audience": "doi-tuong/{key}/",
    "events": "su-kien/",
    "event": "su-kien/{key}/",
    "search": "tim-kiem/",
    "updates": "cap-nhat/",
    "announcements": "thong-bao/",
    "not_found": "404.html",
    "results": "ket-qua/",
    "city_results": "ket-qua/qua-cac-thang/",
    "city_month": "ket-qua/{key}/",
    "city_month_sorted": "ket-qua/{key}/sap-xep/{sub}/",
    "agency_month": "ket-qua/{key}/co-quan/{sub}/",
    "field_month": "ket-qua/{key}/linh-vuc/{sub}/",
    "agency_results": "co-quan/{key}/ket-qua/",
    "desk_sheet": "thu-tuc/{key}/to-niem-yet/",
    "poster": "{key}/to-niem-yet/",
    "open_data": "du-lieu/",
    "download": "du-lieu/{key}",
    "sitemap": "sitemap.xml",
    "robots": "robots.txt",
}


def url_for(kind: str, key: str = "", sub: str = "") -> str:
    """The site-relative URL of a page, e.g. ``url_for('procedure', '1.001193')``
    or ``url_for('agency_month', '2026-10', 'so-tu-phap')``."""
    return PATTERNS[kind].format(key=key, sub=sub)


def content_page_url(pages, slug: str) -> str:
    """The URL of the editors' page (content/trang) with this slug, "" when the site has none.
    ``pages`` are Pelican's pages, whose addresses Pelican's ``PAGE_URL`` setting makes."""
    return next((page.url for page in pages if page.slug == slug), "") if slug else ""


def save_as(url: str) -> str:
    """The output file for a URL: pretty URLs are folders with an index.html."""
    return url if url.endswith(".html") else url + "index.html"


def top_names() -> set[str]:
    """The first part of every address the plugin writes (``thu-tuc``, ``sitemap.xml``...)."""
    return {pattern.split("/")[0] for pattern in PATTERNS.values() if pattern and not pattern.startswith("{")}


def absolute(base: str, url: str) -> str:
    """The full address of a site-relative URL, ``base`` having no trailing slash."""
    return f"{base}/{url}"


def url_of(output_file: str) -> str:
    """The URL of an output file, the inverse of ``save_as``: ``thu-tuc/1.001193/``."""
    if output_file == "index.html" or output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file
