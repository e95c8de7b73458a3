"""sitemap.xml and robots.txt: every page of the built site for search engines, with dates from the data."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from ..urls import absolute, url_for, url_of


def html_pages(files) -> list[str]:
    """The URL of every HTML file among ``files`` (paths relative to the output), in a fixed order."""
    return sorted(url_of(name) for name in files if name.endswith(".html"))


def sitemap(base: str, urls: list[str], lastmod: dict[str, dt.date]) -> bytes:
    """The sitemap of ``urls``; a page without a date from the data has no lastmod."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in urls:
        date = lastmod.get(url)
        when = f"<lastmod>{date.isoformat()}</lastmod>" if date else ""
        lines.append(f"<url><loc>{escape(absolute(base, url))}</loc>{when}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(base: str) -> bytes:
    """Every page may be indexed; the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(base, url_for('sitemap'))}\n".encode("utf-8")
