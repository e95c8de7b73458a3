"""The search index: Pagefind run over the built site before it is published.

Pagefind comes from its Python package (``pagefind[bin]``), which ships the
binary, so a build downloads nothing.  It indexes only what the templates mark
with ``data-pagefind-body`` and is given only that (``congkhai.search.feed``),
then writes a static index into ``pagefind/``; the browser searches that index
without any server.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .feed import write_feed
from .stable import stabilise

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
# Pagefind groups words into index files of about this many postings (its
# default is 20,000). A first search loads the files holding its words, so
# smaller files mean fewer bytes for words it does not need: at 20,000
# procedures "đăng ký khai sinh" loads 107 KB of index instead of 520 KB.
# Pagefind marks the setting unstable; the version is pinned, and
# scripts/bench_search.py measures it.
INDEX_CHUNK_SIZE = "1000"
_KEEP_OLD = "Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên."
# Pagefind writes thousands of small files (one per page, and the index) from many threads at once: on some
# disks that costs seconds of the kernel's time, in memory a fraction. A bundle is built in a folder in
# memory (tmpfs) when the machine has one with room for it (bytes per indexed page, a wide margin over
# the about 4 KB a bundle takes, plus a floor); the build then copies into the site what changed.
MEMORY_FOLDERS = ("/dev/shm",)
ROOM_PER_PAGE = 32 * 1024
ROOM_FLOOR = 256 * 1024 * 1024


class SearchIndexError(SystemExit):
    """Raised when the index cannot be built; the build then publishes nothing.

    Like ``DataErrors`` it derives from SystemExit, so the command line shows
    the Vietnamese message and a non-zero exit code, not a traceback.
    """

    def __init__(self, message: str):
        super().__init__(1)
        self.message = f"{message} {_KEEP_OLD}"

    def __str__(self) -> str:
        return self.message

    def say(self) -> None:
        """Print the message to standard error at once, before the build cleans up and exits."""
        sys.stderr.write(f"{self}\n")
        sys.stderr.flush()


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind-bin`` package."""
    try:
        import pagefind_bin
        return pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as missing:
        raise SearchIndexError(
            f"Chưa cài Pagefind ({missing}); chạy ./dev để cài các gói Python, "
            "hoặc tắt tìm kiếm bằng CONGKHAI = {'search': False} trong pelicanconf.py."
        ) from None


def pagefind_command(site: Path, bundle: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """The command and environment that index the HTML files under ``site``.

    The bundle goes into ``bundle``, by default ``pagefind/`` inside ``site``;
    scripts/benchmark.py runs the same over whole sites built by other tools.
    """
    output = ["--output-path", str(bundle)] if bundle else ["--output-subdir", BUNDLE_DIR]
    command = [str(pagefind_executable()), "--site", str(site), *output, "--quiet"]
    return command, {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": INDEX_CHUNK_SIZE}


def bundle_folder(beside: Path, pages: int) -> Path:
    """An empty folder for a bundle of about ``pages`` pages: a new private one in memory when there is room
    (``MEMORY_FOLDERS``), else ``beside`` (a folder next to the site, emptied).

    What a build of the same site left in memory (a build killed outright) is deleted first."""
    prefix = f"congkhai-pagefind-{hashlib.blake2b(str(beside).encode(), digest_size=6).hexdigest()}-"
    for memory in MEMORY_FOLDERS:
        try:
            _clear_left(Path(memory), prefix)
            room = os.statvfs(memory)
            if room.f_bavail * room.f_frsize >= ROOM_FLOOR + pages * ROOM_PER_PAGE and os.access(memory, os.W_OK):
                folder = Path(tempfile.mkdtemp(prefix=prefix, dir=memory))
                folder.chmod(_default_mode())  # it becomes the site's pagefind/, readable as any folder of it
                return folder
        except OSError:
            continue
    shutil.rmtree(beside, ignore_errors=True)
    return beside


def _clear_left(memory: Path, prefix: str) -> None:
    """Delete this user's folders named ``prefix…`` in ``memory``."""
    with os.scandir(memory) as entries:
        for entry in entries:
            if (entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_uid == os.getuid()):
                shutil.rmtree(entry.path, ignore_errors=True)


def _default_mode() -> int:
    """The mode a new folder gets from this process's umask (mkdtemp's is private)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def feed_path(site: Path) -> Path:
    """The folder, next to ``site``, that holds what Pagefind reads while the index is built."""
    return site.parent / f"{site.name}.search-feed"


def build_index(site: Path, patterns: list[str], bundle: str = BUNDLE_DIR, kept_feed: Path | None = None,
                changed: set[str] | None = None) -> float:
    """Index the built site in ``site`` into its folder ``bundle``; return the seconds it took.

    ``patterns`` are the files that may carry indexed text
    (``feed.candidate_patterns``); only their indexed parts are given to
    Pagefind. The feed is kept in ``kept_feed`` for the next build, which then
    reads again only the ``changed`` files (relative to ``site``); without
    ``changed`` it is written whole. Raises SearchIndexError (after printing
    it) when Pagefind is missing or fails.
    """
    return start_index(site, patterns, site / bundle, kept_feed, changed, scratch=False).wait()


def start_index(site: Path, patterns: list[str], bundle: Path, kept_feed: Path | None = None,
                changed: set[str] | None = None, scratch: bool = True,
                needed: Callable[[dict[str, str | None]], bool] | None = None,
                published: Path | None = None) -> "Indexing":
    """``build_index``, with the bundle going to the folder ``bundle``, in two halves: the feed is written
    now and Pagefind started in its own process; ``Indexing.wait`` waits for it. A build goes on
    meanwhile with the files that carry no indexed text (downloads, desk sheets). A ``scratch`` bundle
    (the caller moves it into the site) is deleted when indexing fails or stops. ``needed`` is given the
    hash of each feed page written (``write_feed``); when it says no, Pagefind is not started (``skipped``).
    ``published``: the site that ``site`` (the pages made again, ``changed``) updates, whose other pages
    are read when the feed must be written whole."""
    return Indexing(site, patterns, bundle, kept_feed, changed, scratch, needed, published)


class Indexing:
    """Pagefind at work on the feed of one site (``start_index``)."""

    def __init__(self, site: Path, patterns: list[str], bundle: Path, kept_feed: Path | None,
                 changed: set[str] | None, scratch: bool,
                 needed: Callable[[dict[str, str | None]], bool] | None = None, published: Path | None = None):
        self.started = time.perf_counter()
        self.bundle, self.kept_feed, self.scratch = bundle, kept_feed, scratch
        self.feed = kept_feed or feed_path(site)
        self.process: subprocess.Popen | None = None
        # The hash of each feed page written, by its file (congkhai.search.feed.write_feed).
        self.digests: dict[str, str | None] = {}
        self.whole = changed is None or not self.feed.is_dir()  # the feed written whole, every page read
        self.skipped = False
        with self._cleaning():
            try:
                self.pages = 0  # feed pages read
                if self.whole:
                    shutil.rmtree(self.feed, ignore_errors=True)
                    self.feed.mkdir(parents=True)
                    if changed is not None and published is not None:
                        # No feed kept (a build that failed dropped it): the pages not made again are the
                        # published ones; then those made again, or gone, as below.
                        self.pages = write_feed(published, self.feed, patterns, None, self.digests)
                    else:
                        changed = None
                self.pages += write_feed(site, self.feed, patterns, changed, self.digests)
            except ValueError as error:
                raise SearchIndexError(f"Không tách được phần tìm kiếm của trang {error}.") from None
            if needed is not None and not self.whole and not needed(self.digests):
                self.skipped = True
                return
            command, env = pagefind_command(self.feed, bundle)
            # What it says goes to a file: a pipe nobody reads before it ends could fill and stop it.
            self.said = tempfile.TemporaryFile()
            self.process = subprocess.Popen(command, stdout=self.said, stderr=subprocess.STDOUT, env=env)

    def wait(self) -> float:
        """Wait for Pagefind; return the seconds since the start. Raises SearchIndexError when it failed."""
        with self._cleaning():
            try:
                code = self.process.wait()
                self.said.seek(0)
                said = self.said.read().decode("utf-8", errors="replace")
            finally:
                self.said.close()
            if code != 0:
                raise SearchIndexError(f"Pagefind không tạo được chỉ mục tìm kiếm: {' '.join(said.split())[-400:]}")
            stabilise(self.bundle)
        if self.kept_feed is None:
            shutil.rmtree(self.feed, ignore_errors=True)
        took = time.perf_counter() - self.started
        logger.info("congkhai: đã tạo chỉ mục tìm kiếm (%d trang đọc lại) trong %.1f giây", self.pages, took)
        return took

    def stop(self) -> None:
        """The build stopped: end Pagefind, drop its feed (half updated, it must not serve the next build)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.said.close()
        shutil.rmtree(self.feed, ignore_errors=True)
        if self.scratch:
            shutil.rmtree(self.bundle, ignore_errors=True)

    @contextlib.contextmanager
    def _cleaning(self):
        """On any failure: say it (a SearchIndexError), stop Pagefind, drop the feed, and raise."""
        try:
            yield
        except BaseException as error:
            if isinstance(error, SearchIndexError):
                error.say()
            self.stop()
            raise
