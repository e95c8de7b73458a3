"""Pelican hooks: template filters, the build (congkhai.build.session) and the generators it drives."""

from __future__ import annotations

import shutil
from functools import partial

from pelican import signals

from . import charts, contact, glance, names, published_text, structured_data, text, urls
from .announcements import check_contents, drop_drafts, sanitize
from .build.session import Build
from .build.templates import TemplateCache
from .codelinks import ProcedureLinks, source_link
from .config import from_settings
from .confine import check_tree, guard_static
from .disclosure import DisclosureGenerator
from .generator import CatalogGenerator
from .printed.pages import poster_url
from .problems import DataErrors, Problems, print_report
from .search.record import WEIGHTS, searchable

FILTERS = {
    "md": text.markdown,
    "md_inline": lambda value: text.markdown(value, inline=True),
    "as_steps": published_text.steps,
    "vn_number": text.number,
    "vn_date": text.date,
    "vn_hours": text.hours,
    "vn_percent": text.percent,
    "vn_month": text.month,
    "svg_chart": charts.chart,
    "searchable": searchable,
    "vn_size": text.file_size,
    "json_ld": structured_data.json_ld,
    "url_of": urls.url_of,
    "tel_href": contact.tel_href,
    "map_href": contact.map_href,
    "brief": lambda value: glance.brief(value).text,
    "long_name": names.long_name,
    "shorten": names.shorten,
    "index_name": names.index_name,
    "list_name": names.list_name,
}


def _initialized(pelican) -> None:
    # Before Pelican walks the content folder (it follows folder links, and a
    # loop of them would hang it): no link or special file in editors' folders.
    # Before it reads the announcements and pages: metadata and text that
    # would forge a page, crash or hang the build.
    problems = Problems()
    config = from_settings(pelican.settings)
    check_tree(config, problems)
    if not problems:
        check_contents(config, problems)
    if problems:
        print_report(problems)
        raise DataErrors(problems)
    pelican.settings["JINJA_FILTERS"] = {**FILTERS, **pelican.settings.get("JINJA_FILTERS", {})}
    # Editors' text must never become markup: escape everything by default.
    environment = {**pelican.settings["JINJA_ENVIRONMENT"], "autoescape": True}
    # The theme's templates are compiled once, not at every build (congkhai.build.templates).
    environment["bytecode_cache"] = TemplateCache(config.cache, environment)
    pelican.settings["JINJA_ENVIRONMENT"] = environment
    # [[1.001193]] in Markdown links to a procedure (a new dict: Pelican's default is shared).
    markdown = dict(pelican.settings["MARKDOWN"])
    markdown["extensions"] = [*markdown.get("extensions", []), ProcedureLinks(source_link(from_settings(pelican.settings)))]
    pelican.settings["MARKDOWN"] = markdown
    # Build into a staging folder; the real output is replaced only when the
    # whole build succeeded, so a failed build leaves the last good site alone.
    build = pelican.congkhai_build = Build.start(pelican)
    # Templates take every address from congkhai/urls.py.
    pelican.settings["JINJA_GLOBALS"] = {"SEARCH_WEIGHTS": WEIGHTS, "once": build.fragments,
                                         "url_for": urls.url_for, "content_page_url": urls.content_page_url,
                                         "poster_url": partial(poster_url, build.config),
                                         **pelican.settings.get("JINJA_GLOBALS", {})}


def _finalized(pelican) -> None:
    pelican.congkhai_build.finish()


def _static_chosen(generator) -> None:
    try:
        guard_static(generator)
    except DataErrors as errors:
        print_report(errors.problems)
        # Nothing of this build may reach the site; drop the staging folder.
        shutil.rmtree(generator.output_path, ignore_errors=True)
        raise


def _get_generators(pelican):
    # The disclosure generator reads the catalog and writes the sitemap: it comes last.
    build = pelican.congkhai_build
    return CatalogGenerator.bound(build), DisclosureGenerator.bound(build)


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_get_generators)
    signals.static_generator_finalized.connect(_static_chosen)
    signals.content_object_init.connect(sanitize)
    signals.article_generator_finalized.connect(drop_drafts)
    signals.finalized.connect(_finalized)
