"""Pelican hooks: template filters, the catalog generator and an all-or-nothing output."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import signals

from . import charts, contact, glance, names, published_text, search, structured_data, text, unchanged, urls
from .announcements import check_contents, drop_drafts, sanitize
from .codelinks import ProcedureLinks, source_link
from .config import from_settings
from .confine import check_tree, guard_static
from .disclosure import DisclosureGenerator
from .fragments import Fragments
from .generator import CatalogGenerator
from .incremental import FINAL_OUTPUT, Reuse
from .search_feed import candidate_patterns
from .problems import DataErrors, Problems, print_report
from .search_index import BUNDLE_DIR, SearchIndexError, build_index

logger = logging.getLogger(__name__)

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
    "searchable": search.searchable,
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


def staging_path(output: Path) -> Path:
    """The folder a build writes into before it replaces ``output``."""
    return output.parent / f".{output.name}.building"


def recover(output: Path) -> None:
    """Clear what a build that failed or was stopped left beside ``output``; the last good site stays.

    A build stopped while it swapped the folders has moved the published site
    aside (see ``_replace``): it is put back.
    """
    old = output.parent / f".{output.name}.old"
    if old.exists() and not output.exists():
        old.rename(output)
    for leftover in (staging_path(output), old):
        if leftover.exists():
            shutil.rmtree(leftover)


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
    # Templates take every address from congkhai/urls.py.
    pelican.settings["JINJA_GLOBALS"] = {"SEARCH_WEIGHTS": search.WEIGHTS, "once": Fragments(),
                                         "url_for": urls.url_for, "content_page_url": urls.content_page_url,
                                         **pelican.settings.get("JINJA_GLOBALS", {})}
    # Editors' text must never become markup: escape everything by default.
    pelican.settings["JINJA_ENVIRONMENT"] = {**pelican.settings["JINJA_ENVIRONMENT"], "autoescape": True}
    # [[1.001193]] in Markdown links to a procedure (a new dict: Pelican's default is shared).
    markdown = dict(pelican.settings["MARKDOWN"])
    markdown["extensions"] = [*markdown.get("extensions", []), ProcedureLinks(source_link(from_settings(pelican.settings)))]
    pelican.settings["MARKDOWN"] = markdown
    # Build into a staging folder; the real output is replaced only when the
    # whole build succeeded, so a failed build leaves the last good site alone.
    final = Path(pelican.output_path).resolve()
    staging = staging_path(final)
    recover(final)
    pelican.congkhai_final_output = final
    pelican.settings[FINAL_OUTPUT] = str(final)
    unchanged.forget(from_settings(pelican.settings), final)
    pelican.output_path = str(staging)


def _finalized(pelican) -> None:
    final: Path = pelican.congkhai_final_output
    staging = Path(pelican.output_path)
    reuse = Reuse.of(staging)
    search = from_settings(pelican.settings).search
    patterns = candidate_patterns(pelican.settings)
    # When no page changed, the last build's index is kept.
    index_again = search and not (reuse and reuse.carry_over_folder(f"{BUNDLE_DIR}/", reuse.index_key()))
    if reuse and reuse.in_place:
        # Pages are published first, then the index is built again over the
        # updated site beside the old one, which it replaces when done.
        changed = reuse.apply()
        if index_again:
            fresh = final / f".{BUNDLE_DIR}.new"
            shutil.rmtree(fresh, ignore_errors=True)
            build_index(final, patterns, fresh.name, reuse.feed, changed)
            reuse.replace_folder(f"{BUNDLE_DIR}/", fresh)
    else:
        # The index is part of the site: it is built in the staging folder, and
        # a failure publishes nothing, like a data error.
        if index_again:
            try:
                build_index(staging, patterns, kept_feed=reuse.feed if reuse else None)
            except SearchIndexError:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        _replace(final, staging)
    if reuse:
        reuse.save()
    logger.info("congkhai: đã xuất bản vào %s", final)


def _replace(final: Path, staging: Path) -> None:
    """Put the staging folder in place of the output folder."""
    old = final.parent / f".{final.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    if old.exists():
        shutil.rmtree(old)


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
    return CatalogGenerator, DisclosureGenerator


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_get_generators)
    signals.static_generator_finalized.connect(_static_chosen)
    signals.content_object_init.connect(sanitize)
    signals.article_generator_finalized.connect(drop_drafts)
    signals.finalized.connect(_finalized)
