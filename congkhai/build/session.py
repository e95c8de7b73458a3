"""One build of the site: the object that holds its machinery, from Pelican's start to the published output.

The plugin makes a ``Build`` when Pelican initialises and hands it to its
generators; nothing else keeps build state (no module globals, nothing in the
settings or the shared context). The generators plan their pages and ask the
build to write them: it keeps the files whose keys did not change
(congkhai.build.reuse), renders the others through Pelican's writer, on every
core (congkhai.build.parallel), and, at the end, publishes the staging folder
with its search index (congkhai.build.staging) and says what it rendered, kept
and removed, and why (congkhai.build.report). ``pelican --autoreload`` runs
several builds with one ``Build``: ``prepare`` and ``begin`` start each one afresh.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import pickle
import shutil
import threading
from pathlib import Path

from pelican.log import console

from ..config import Config, from_settings
from ..opendata import Records
from ..search.feed import candidate_patterns, matcher, plugin_patterns
from ..search.index import BUNDLE_DIR, Indexing, SearchIndexError, bundle_folder, start_index
from ..urls import save_as, url_for
from . import unchanged
from .cache import open_cache, output_file, read_private, write_private
from .fragments import Fragments
from .keys import base_parts, data_parts, inputs
from .parallel import run_split
from .report import Report
from .reuse import Reuse, files_under, move_folder
from .staging import recover, replace, staging_path

logger = logging.getLogger(__name__)

# A build keeps about a million objects alive (the validated data, the catalog,
# the pages): with Python's default thresholds the garbage collector walks them
# all again and again, a third of a rebuild at 5,000 procedures. During a build
# it runs after 100,000 new objects instead of 700; what it would free is small
# next to them. The thresholds are put back when the build ends.
BUILD_GC_THRESHOLDS = (100_000, 50, 100)
# Facts (congkhai.build.reuse) about each page of the search index's feed, by its file: the hash of its text.
FEED_FACT = "feed:"
# The records of the downloads (congkhai.opendata.Records) of procedures and of reports, kept for the next
# build of an output.
RECORDS = {"procedures": "records-{}.pickle", "reports": "records-reports-{}.pickle"}


@contextlib.contextmanager
def saved_meanwhile(cache):
    """Write the data cache in another thread while the body runs (Pagefind: it waits on another process).

    The build already holds the data in memory; the file is for the next process."""
    failed = []

    def save() -> None:
        try:
            cache.save()
        except BaseException as error:  # raised in the build's thread below
            failed.append(error)

    saving = threading.Thread(target=save, name="congkhai-cache", daemon=True)
    saving.start()
    try:
        yield
    finally:
        saving.join()
    if failed:
        raise failed[0]


class Build:
    def __init__(self, settings: dict, output: Path):
        self.settings = settings
        self.config: Config = from_settings(settings)
        self.output = output.resolve()  # the published site
        self.staging = staging_path(self.output)
        # Recurring fragments of HTML rendered once per build (congkhai.build.fragments).
        self.fragments = Fragments()
        self.reuse: Reuse | None = None
        # What the last finished build did and why (congkhai.build.report).
        self.report: Report | None = None
        # Every page the generators planned, for the sitemap's dates.
        self.pages: list = []
        # The parts of the data each file of this build depends on, by its path in the output.
        self.deps: dict[str, tuple[str, ...]] = {}
        # The digest of each part of the data (congkhai.build.keys.data_parts).
        self.parts: dict[str, str] = {}
        self._gc_thresholds = gc.get_threshold()  # put back when the build ends
        # Pagefind at work while the build makes its last files (``index_pages``), once it was decided.
        self.indexing: Indexing | None = None
        self._index_decided = False
        # The records of the downloads, by kind (``RECORDS``); the last build's are kept while its base holds.
        self.records = {kind: Records() for kind in RECORDS}
        self._records_files = {kind: output_file(self.config.cache, self.output, name)
                               for kind, name in RECORDS.items()}
        self._records_salt = ""

    @classmethod
    def start(cls, pelican) -> "Build":
        """Make the build of ``pelican``: it writes into a staging folder, which replaces the output on success."""
        build = cls(pelican.settings, Path(pelican.output_path))
        recover(build.output)
        unchanged.forget(build.config, build.output)
        pelican.output_path = str(build.staging)
        return build

    def prepare(self) -> None:
        """Each build starts here, before its data is read: the collector runs rarely until it ends."""
        self._gc_thresholds = gc.get_threshold()
        gc.set_threshold(*BUILD_GC_THRESHOLDS)
        gc.unfreeze()  # the last build's objects (``_collect_later``) can be collected again

    def begin(self, catalog) -> None:
        """A build starts with a valid catalog: decide from its data which files can be kept."""
        files = inputs(catalog)
        saved = Reuse.last(self.output, self.config.cache)
        parts = self.parts = data_parts(catalog, files, saved)
        self.reuse = Reuse.open(self.output, self.staging, self.config.cache, saved,
                                base_parts(self.settings, catalog, parts), parts, files)
        self.reuse.index = f"{BUNDLE_DIR}/"
        self._records_salt = self.reuse.base_key  # the code, settings, agencies and fields rows are made with
        self.records = {kind: Records(functools.partial(self._kept_records, kind)) for kind in RECORDS}
        # Fragments rendered for an earlier build's data must not be reused.
        self.fragments.clear()
        self.pages, self.deps = [], {}
        self.indexing, self._index_decided = None, False

    def _kept_records(self, kind: str) -> dict:
        path = self._records_files[kind]
        saved = read_private(path, self._records_salt, pickle.load) if path else None
        return saved if isinstance(saved, dict) else {}

    def keep_records(self) -> None:
        """Keep the records this build made (the downloads it made again), for the next one."""
        for kind, records in self.records.items():
            path = self._records_files[kind]
            if path and records.made:
                def write(out, records=records) -> None:
                    pickle.dump(self._records_salt, out, protocol=pickle.HIGHEST_PROTOCOL)
                    pickle.dump(records.saved(), out, protocol=pickle.HIGHEST_PROTOCOL)
                write_private(path, write)
        self.records = {kind: Records() for kind in RECORDS}

    def _refuse(self, error: SearchIndexError) -> None:
        error.say()
        self.abandon()
        raise error

    @contextlib.contextmanager
    def failing(self):
        """Whatever fails inside (a template's error, a stop) abandons the build, Pagefind included."""
        try:
            yield
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        """Nothing of this build may reach the site (a data error): drop the staging folder.

        The files that validated are still kept for the next build."""
        if self.indexing is not None:
            self.indexing.stop()
            self.indexing = None
        shutil.rmtree(self.staging, ignore_errors=True)
        open_cache(self.config.cache).save()
        self._collect_later()

    def keep(self, url: str, path: str, deps: tuple[str, ...], *identity: str) -> bool:
        """True when the last build's file ``path`` of ``url`` still holds; else the caller writes it."""
        self.deps[path] = deps
        return self.reuse.carry_over(url, path, self.reuse.key(url, *identity, deps=deps), deps)

    def facts(self, url: str) -> dict | None:
        """What this or the last build noted about the file of ``url`` (``note``), when the file is the same."""
        return self.reuse.facts.get(url)

    def note(self, url: str, **facts) -> None:
        """Keep facts about a file just made (a download's size) for the builds that keep the file."""
        self.reuse.facts[url] = facts

    @property
    def kept(self) -> set[str]:
        """The files of the last build that this one keeps."""
        return self.reuse.kept

    def write_pages(self, generator, writer, pages, then_index: bool = False) -> None:
        """Render each page with its template into the file of its URL, unless the last build's file still holds.

        Pages are written through Pelican's writer, so ``content_written`` and other plugins see every one.
        ``then_index``: these pages hold every page of the plugin with indexed text (the kinds of
        congkhai.search.feed.INDEXED_KINDS); the search index starts as soon as those are written
        (``index_pages``), before the others are rendered."""
        self.pages.extend(pages)
        relative = self.settings["RELATIVE_URLS"]

        def changed(some) -> list:
            return [page for page in some if not self.keep(
                page.url, save_as(page.url), page.deps,
                page.template, page.title, repr(page.breadcrumbs), str(page.lastmod))]

        def render(page, own: bool = False) -> None:
            writer.write_file(
                save_as(page.url),
                generator.get_template(page.template[: -len(".html")]),
                generator.context,
                # The 404 page is served at any depth: its links start from the site root.
                relative_urls=relative and page.url != url_for("not_found"),
                page_url=page.url,
                page_title=page.title,
                breadcrumbs=page.breadcrumbs,
                **page.values(),
            )
            # Readable at once in the live preview (in whichever process rendered it).
            self.reuse.publish_now(save_as(page.url), own)

        # The own pages of the procedure or report an editor changed first, before the others are even
        # looked at: published as soon as rendered, they are what the live preview's user is reading.
        own = [self.reuse.own_change(page.deps) for page in pages]
        for page in changed([page for page, first in zip(pages, own) if first]):
            render(page, own=True)
        others = [page for page, first in zip(pages, own) if not first]
        if then_index:
            marked = [self._indexed(page.url) for page in others]
            run_split(changed([page for page, indexed in zip(others, marked) if indexed]), render)
            self.index_pages()
            others = [page for page, indexed in zip(others, marked) if not indexed]
        run_split(changed(others), render)

    @functools.cached_property
    def _indexed_files(self):
        return matcher(plugin_patterns())

    def _indexed(self, url: str) -> bool:
        """True for a page of the plugin with indexed text (congkhai.search.feed.INDEXED_KINDS); Pelican's
        are written before the plugin's, and change with the base of every key."""
        return bool(self._indexed_files.fullmatch(save_as(url)))

    def index_pages(self) -> None:
        """Every page that carries indexed text is written (Pelican's and the catalog's): start the search
        index over them, in Pagefind's own process, while the build makes its other files; ``finish`` waits.

        When no such page changed, the last build's index is kept. The index is built beside the output
        (in memory, when there is room, for a site updated in place) and put in place when the build
        publishes: the site is never without one."""
        if not self.config.search or self._index_decided:
            return
        self._index_decided = True
        reuse, patterns = self.reuse, candidate_patterns(self.settings)
        if reuse and reuse.carry_over_folder(f"{BUNDLE_DIR}/", reuse.index_key(self._indexed)):
            self._note_feed({}, whole=False)  # the feed is the last build's
            return
        beside = self.output.parent / f".{self.output.name}.{BUNDLE_DIR}"
        if reuse and reuse.in_place:
            # Updated in place, the site takes only the files that differ: built in memory when there is room.
            bundle = bundle_folder(beside, sum(1 for page in self.pages if self._indexed(page.url)))
            # Only the pages rendered again (in staging) are read; those gone from the site leave the feed.
            produced = files_under(self.staging)
            changed = produced | (reuse.old_files - reuse.kept - produced)
        else:
            # A site built whole takes the whole folder: written once, where it is moved from.
            shutil.rmtree(beside, ignore_errors=True)
            bundle, changed = beside, None
        try:
            in_place = changed is not None  # the feed pages made again are compared, the others published
            self.indexing = start_index(self.staging, patterns, bundle, reuse.feed if reuse else None, changed,
                                        needed=self._feed_changed if in_place else None,
                                        published=self.output if in_place else None)
        except SearchIndexError:
            self.abandon()
            raise
        if reuse:
            self._note_feed(self.indexing.digests, whole=self.indexing.whole)
        if self.indexing.skipped:
            # The pages rendered again give Pagefind the same text: the last build's index holds.
            shutil.rmtree(bundle, ignore_errors=True)
            self.indexing = None
            reuse.keep_folder(f"{BUNDLE_DIR}/")

    def _feed_changed(self, digests: dict[str, str | None]) -> bool:
        """True when a page of the feed differs from the one the last build's index was made from (its hash
        as that build noted it, ``_note_feed``), or when what every file depends on changed."""
        reuse, folder = self.reuse, f"{BUNDLE_DIR}/"
        if reuse.old_base != reuse.base or not any(name.startswith(folder) for name in reuse.old_files):
            return True
        return any(reuse.old_facts.get(FEED_FACT + name, {}).get("hash") != digest for name, digest in digests.items())

    def _note_feed(self, digests: dict[str, str | None], whole: bool) -> None:
        """Keep the hash of each page of the feed with the build's facts: the pages not read again keep the last
        build's (unless the feed was written whole)."""
        reuse = self.reuse
        if not whole:
            reuse.facts.update((name, fact) for name, fact in reuse.old_facts.items() if name.startswith(FEED_FACT))
        for name, digest in digests.items():
            if digest is None:
                reuse.facts.pop(FEED_FACT + name, None)
            else:
                reuse.facts[FEED_FACT + name] = {"hash": digest}

    def finish(self) -> None:
        """Publish: wait for the search index and put this build's files in place of the last one's."""
        final, staging, reuse = self.output, self.staging, self.reuse
        self.reuse = None
        cache = open_cache(self.config.cache)
        self.index_pages()  # in case no generator said its pages were written
        if self.config.search and os.path.lexists(staging / BUNDLE_DIR):
            self._refuse(SearchIndexError(f"Không đặt được chỉ mục tìm kiếm vào thư mục {BUNDLE_DIR}/ của trang: "
                                          f"nội dung đã có tệp hoặc thư mục cùng tên ({BUNDLE_DIR}); hãy đổi tên nó."))
        indexing = self.indexing  # ``abandon`` stops it while it is still set
        self.keep_records()  # if no generator did
        if reuse and reuse.in_place:
            # Pages are published first; the new index replaces the old one when done.
            reuse.apply(replaced=(f"{BUNDLE_DIR}/",) if indexing else ())
            with saved_meanwhile(cache):
                if indexing:
                    indexing.wait()
                    reuse.replace_folder(f"{BUNDLE_DIR}/", indexing.bundle)
        else:
            # The index is part of the site: a failure publishes nothing, like a data error.
            if indexing:
                with saved_meanwhile(cache):
                    try:
                        indexing.wait()
                    except SearchIndexError:
                        self.abandon()
                        raise
                move_folder(indexing.bundle, staging / BUNDLE_DIR)
            else:
                cache.save()
            replace(final, staging)
        self.indexing = None
        if reuse:
            reuse.save()
            self.report = reuse.report
            # On Pelican's console, before its own summary: what was rendered again, and why.
            for line in self.report.lines():
                console.print(line, markup=False, highlight=False, soft_wrap=True)
        logger.info("congkhai: đã xuất bản vào %s", final)
        self._collect_later()

    def _collect_later(self) -> None:
        """Put the collector's thresholds back, without a walk over every object of the build when they
        take effect (a third of a second at 5,000 procedures, before the command can end): the build's
        objects are set aside (``gc.freeze``) until the next build of this process starts."""
        gc.freeze()
        gc.set_threshold(*self._gc_thresholds)
