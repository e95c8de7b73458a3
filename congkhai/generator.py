"""The Pelican generator that turns the validated catalog into pages."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican.generators import Generator

from . import feed
from .catalog import build_catalog
from .config import from_settings
from .history import read_history
from .incremental import FINAL_OUTPUT, Reuse, site_base
from .pages import Later, all_pages
from .parallel import run_split
from .results_pages import results_pages
from .problems import DataErrors, print_report
from .urls import save_as, url_for

logger = logging.getLogger(__name__)


class CatalogGenerator(Generator):
    """Reads and validates all data in ``generate_context``; writes pages in ``generate_output``.

    The catalog is put into the shared context so Pelican's own templates
    (home page, articles) can show procedures too.
    """

    def generate_context(self) -> None:
        try:
            self.catalog = build_catalog(from_settings(self.settings))
        except DataErrors as errors:
            print_report(errors.problems)
            # Nothing of this build may reach the site; drop the staging folder.
            shutil.rmtree(self.output_path, ignore_errors=True)
            raise
        self.catalog.history = read_history(self.catalog.config.procedures)
        self.context["catalog"] = self.catalog
        config = self.catalog.config
        self.context["congkhai_reuse"] = Reuse.open(
            Path(self.settings[FINAL_OUTPUT]), Path(self.output_path), config.cache,
            site_base(self.settings, config, self.catalog.history, self.catalog.parts), self.catalog.parts)
        # Fragments rendered for an earlier build's data must not be reused.
        self.settings["JINJA_GLOBALS"]["once"].clear()
        if self.catalog.config.feed_atom:
            self.context["updates_feed"] = {"path": self.catalog.config.feed_atom, "title": feed.TITLE}
        # Printed, not logged: a review reminder must not fail a build run with --fatal warnings.
        for line in self.catalog.warnings():
            print(line)
        self.pages = all_pages(self.catalog) + results_pages(self.catalog)
        # Other generators (the sitemap) read what the pages are and when they changed.
        self.context["congkhai_pages"] = self.pages
        logger.info("congkhai: %d thủ tục, %d cơ quan, %d lĩnh vực",
                    len(self.catalog.procedures), len(self.catalog.agencies), len(self.catalog.domains))

    def generate_output(self, writer) -> None:
        write_pages(self, writer, self.pages)
        if self.catalog.config.feed_atom:
            feed.write_atom(self.catalog, self.settings, Path(self.output_path))


def write_pages(generator: Generator, writer, pages) -> None:
    """Render each page with its template into the file of its URL, unless the last build's file still holds."""
    relative = generator.settings["RELATIVE_URLS"]
    reuse: Reuse = generator.context["congkhai_reuse"]
    todo = [page for page in pages if not reuse.carry_over(
        page.url, save_as(page.url),
        reuse.key(page.url, page.template, page.title, repr(page.breadcrumbs), str(page.lastmod), deps=page.deps))]

    def render(page) -> None:
        writer.write_file(
            save_as(page.url),
            generator.get_template(page.template[: -len(".html")]),
            generator.context,
            # The 404 page is served at any depth: its links start from the site root.
            relative_urls=relative and page.url != url_for("not_found"),
            page_url=page.url,
            page_title=page.title,
            breadcrumbs=page.breadcrumbs,
            **{name: value() if isinstance(value, Later) else value for name, value in page.data.items()},
        )

    run_split(todo, render)
