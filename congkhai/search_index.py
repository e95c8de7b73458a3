"""The search index: Pagefind run over the built site before it is published.

Pagefind comes from its Python package (``pagefind[bin]``), which ships the
binary, so a build downloads nothing.  It reads only what the templates mark
with ``data-pagefind-body`` and writes a static index into ``pagefind/``; the
browser searches that index without any server.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

from .search_stable import stabilise

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


def pagefind_command(site: Path, bundle: str = BUNDLE_DIR) -> tuple[list[str], dict[str, str]]:
    """The command and environment that index ``site`` into its folder ``bundle``; scripts/benchmark.py
    runs the same over other sites."""
    command = [str(pagefind_executable()), "--site", str(site), "--output-subdir", bundle, "--quiet"]
    return command, {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": INDEX_CHUNK_SIZE}


def build_index(site: Path, bundle: str = BUNDLE_DIR) -> float:
    """Index the built site in ``site`` into its folder ``bundle``; return the seconds it took.

    Raises SearchIndexError (after printing it) when Pagefind is missing or fails.
    """
    started = time.perf_counter()
    try:
        command, env = pagefind_command(site, bundle)
        run = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", env=env)
        if run.returncode != 0:
            detail = " ".join((run.stderr or run.stdout).split())[-400:]
            raise SearchIndexError(f"Pagefind không tạo được chỉ mục tìm kiếm: {detail}")
        stabilise(site / bundle)
    except SearchIndexError as error:
        sys.stderr.write(f"{error}\n")
        sys.stderr.flush()
        raise
    took = time.perf_counter() - started
    logger.info("congkhai: đã tạo chỉ mục tìm kiếm trong %.1f giây", took)
    return took
