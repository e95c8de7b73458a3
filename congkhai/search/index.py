"""The search index: Pagefind run over the built site before it is published.

Pagefind comes from its Python package (``pagefind[bin]``), which ships the
binary, so a build downloads nothing.  It indexes only what the templates mark
with ``data-pagefind-body`` and is given only that (``congkhai.search.feed``),
then writes a static index into ``pagefind/``; the browser searches that index
without any server.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
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
    started = time.perf_counter()
    feed = kept_feed or feed_path(site)
    try:
        if changed is None or not feed.is_dir():
            changed = None
            shutil.rmtree(feed, ignore_errors=True)
            feed.mkdir(parents=True)
        try:
            pages = write_feed(site, feed, patterns, changed)
        except ValueError as error:
            raise SearchIndexError(f"Không tách được phần tìm kiếm của trang {error}.") from None
        command, env = pagefind_command(feed, site / bundle)
        run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env)
        if run.returncode != 0:
            detail = " ".join((run.stderr or run.stdout).split())[-400:]
            raise SearchIndexError(f"Pagefind không tạo được chỉ mục tìm kiếm: {detail}")
        stabilise(site / bundle)
    except BaseException as error:
        if isinstance(error, SearchIndexError):
            sys.stderr.write(f"{error}\n")
            sys.stderr.flush()
        # A feed half updated must not serve the next build.
        shutil.rmtree(feed, ignore_errors=True)
        raise
    finally:
        if kept_feed is None:
            shutil.rmtree(feed, ignore_errors=True)
    took = time.perf_counter() - started
    logger.info("congkhai: đã tạo chỉ mục tìm kiếm (%d trang đọc lại) trong %.1f giây", pages, took)
    return took
