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
from .pages import all_pages
from .results_pages import results_pages
from .problems import DataErrors, print_report
from .urls import save_as

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
        # Fragments rendered for an earlier build's data must not be reused.
        self.settings["JINJA_GLOBALS"]["once"].clear()
        if self.catalog.config.feed_atom:
            self.context["updates_feed"] = {"path": self.catalog.config.feed_atom, "title": feed.TITLE}
        # Printed, not logged: a review reminder must not fail a build run with --fatal warnings.
        for line in self.catalog.stale_warnings():
            print(line)
        self.pages = all_pages(self.catalog) + results_pages(self.catalog)
        logger.info("congkhai: %d thủ tục, %d cơ quan, %d lĩnh vực",
                    len(self.catalog.procedures), len(self.catalog.agencies), len(self.catalog.domains))

    def generate_output(self, writer) -> None:
        relative = self.settings["RELATIVE_URLS"]
        for page in self.pages:
            writer.write_file(
                save_as(page.url),
                self.get_template(page.template[: -len(".html")]),
                self.context,
                relative_urls=relative,
                page_url=page.url,
                page_title=page.title,
                breadcrumbs=page.breadcrumbs,
                **page.data,
            )
        if self.catalog.config.feed_atom:
            feed.write_atom(self.catalog, self.settings, Path(self.output_path))
