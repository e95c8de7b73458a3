"""The Pelican generator that turns the validated catalog into pages."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from . import feed
from .build.session import Build
from .catalog import build_catalog
from .history import read_history
from .pages.site import all_pages
from .problems import DataErrors, print_report
from .results.pages import results_pages

logger = logging.getLogger(__name__)


class BuildGenerator(Generator):
    """A generator driven by the plugin's build (congkhai.build.session): ``bound`` gives one to Pelican."""

    build: Build

    @classmethod
    def bound(cls, build: Build) -> type:
        """This generator class, for ``build``: Pelican makes the generator from the class it is given."""
        return type(cls.__name__, (cls,), {"build": build, "__module__": cls.__module__})


class CatalogGenerator(BuildGenerator):
    """Reads and validates all data in ``generate_context``; writes pages in ``generate_output``.

    The catalog is put into the shared context so Pelican's own templates
    (home page, articles) can show procedures too.
    """

    def generate_context(self) -> None:
        self.build.prepare()
        try:
            # The build saves the validated data once its pages are published (Build.finish).
            self.catalog = build_catalog(self.build.config, save_cache=False)
        except DataErrors as errors:
            print_report(errors.problems)
            self.build.abandon()
            raise
        self.catalog.history = read_history(self.catalog.config.procedures)
        self.context["catalog"] = self.catalog
        self.build.begin(self.catalog)
        if self.catalog.config.feed_atom:
            self.context["updates_feed"] = {"path": self.catalog.config.feed_atom, "title": feed.TITLE}
        # Printed, not logged: a review reminder must not fail a build run with --fatal warnings.
        for line in self.catalog.warnings():
            print(line)
        self.pages = all_pages(self.catalog) + results_pages(self.catalog)
        logger.info("congkhai: %d thủ tục, %d cơ quan, %d lĩnh vực",
                    len(self.catalog.procedures), len(self.catalog.agencies), len(self.catalog.domains))

    def generate_output(self, writer) -> None:
        with self.build.failing():
            # With Pelican's, written before, these are every page with indexed text: the search index
            # starts on them while the build renders the rest.
            self.build.write_pages(self, writer, self.pages, then_index=True)
            if self.catalog.config.feed_atom:
                feed.write_atom(self.catalog, self.settings, Path(self.output_path))
