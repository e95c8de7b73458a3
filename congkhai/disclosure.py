"""The Pelican generator for disclosure beyond the page: open data, desk sheets, redirects, sitemap.

It runs after the catalog generator (it reads the catalog from the shared
context) and is the last of the plugin's generators, so the sitemap it writes
at the end lists every page the other generators wrote.
"""

from __future__ import annotations

from pathlib import Path

from .codelinks import name_links
from .pages.disclosure import open_data_page, redirect_pages
from .printed.pages import desk_sheets, posters
from .build.reuse import files_under
from .generator import BuildGenerator
from .opendata import downloads
from .pages.sitemap import html_pages, robots, sitemap
from .urls import url_for


class DisclosureGenerator(BuildGenerator):
    def generate_context(self) -> None:
        self.catalog = self.context["catalog"]
        name_links(self.context, self.catalog, self.catalog.config)

    def generate_output(self, writer) -> None:
        with self.build.failing():
            self._generate_output(writer)

    def _generate_output(self, writer) -> None:
        # Planned here, not with the context: nothing else reads them, and the pages of the
        # catalog generator (an edited procedure's own page first) are written before these.
        self.downloads = downloads(self.catalog, self.build.records["procedures"], self.build.records["reports"])
        self.redirects = redirect_pages(self.catalog)
        self.pages = [open_data_page(self.catalog, self.downloads), *desk_sheets(self.catalog),
                      *posters(self.catalog, self.context.get("pages", [])), *self.redirects]
        for download in self.downloads:
            # Made only when the part of the data a file holds changed; the open data page
            # gives each file's size and record count, which the build that made it noted.
            if self.build.keep(download.url, download.url, download.deps):
                download.known = self.build.facts(download.url)
            else:
                self.build.note(download.url, **self._write_download(download))
        # Kept for the next build and let go: at national size they are hundreds of megabytes.
        self.build.keep_records()
        self.build.write_pages(self, writer, self.pages)
        base = self.catalog.config.public_url
        self._write(url_for("sitemap"), sitemap(base, self._indexed(), self._lastmod()))
        self._write(url_for("robots"), robots(base))

    def _write_download(self, download) -> dict:
        """Write a download piece by piece (congkhai.opendata.Download.write); its record count and size."""
        path = Path(self.output_path) / download.url
        path.parent.mkdir(parents=True, exist_ok=True)
        return download.write(path)

    def _write(self, url: str, data: bytes) -> None:
        """Write a file that is not a page: its URL is its path."""
        path = Path(self.output_path) / url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def _indexed(self) -> list[str]:
        """Every HTML page written or kept from the last build, less the 404 page and the old addresses."""
        skip = {url_for("not_found")} | {p.url for p in self.redirects}
        files = files_under(Path(self.output_path)) | self.build.kept
        return [url for url in html_pages(files) if url not in skip]

    def _lastmod(self) -> dict:
        dates = {p.url: p.lastmod for p in self.build.pages if p.lastmod}
        for article in self.context.get("articles", []):
            changed = getattr(article, "modified", None) or article.date
            dates[article.url] = changed.date()
        return dates
