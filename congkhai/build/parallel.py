"""Render pages on every core: the build forks, and each process writes its share of the files.

Rendering is pure Python and the pages are independent, so a build with many
pages to render splits them among processes forked after the catalog is
built: each process has the whole catalog and the template environment
without copying or pickling anything, and writes its pages' files itself.
The split is by position (every n-th page), which mixes the kinds of page so
the processes finish together. The output does not depend on the split.
The objects alive at the fork are frozen out of the garbage collector's
reach, as Python's documentation advises, so that no process's collection
writes to them and the processes keep sharing their memory pages.

A build with few pages, on one core, or in a process that runs other threads
(``invoke livereload`` serves the site while it rebuilds: forking then is
unsafe) renders in its own process. The one thread allowed is the one that
draws Pelican's progress display on a terminal: it only waits and redraws,
and a forked process never draws.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence

# Below this many pages, forking costs more than it saves.
MINIMUM = 300


def workers() -> int:
    """How many processes to render with: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _alone() -> bool:
    """True when no other thread runs but Pelican's progress display (rich's refresh thread)."""
    return all(thread is threading.current_thread() or type(thread).__name__ == "_RefreshThread"
               for thread in threading.enumerate())


def run_split(items: Sequence, work: Callable[[object], None], processes: int | None = None) -> None:
    """Call ``work`` on every item, in ``processes`` processes when it pays; raise if any of them failed."""
    count = processes or workers()
    if count < 2 or len(items) < MINIMUM or not hasattr(os, "fork") or not _alone():
        for item in items:
            work(item)
        return
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    try:
        _fork_and_render(items, work, count)
    finally:
        gc.unfreeze()


def _fork_and_render(items: Sequence, work: Callable[[object], None], count: int) -> None:
    children = []
    for share in range(1, count):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which leaves through os._exit
            status = 0
            try:
                for item in items[share::count]:
                    work(item)
            except BaseException:  # noqa: BLE001 - the parent reports the failure
                traceback.print_exc()
                status = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(status)
        children.append(pid)
    try:
        for item in items[0::count]:
            work(item)
        failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
    except BaseException:
        # A failure here, or a stop (Ctrl-C, SIGTERM: congkhai.cli): the other processes stop
        # too, and are gone before anything clears the folder they write into.
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        raise
    if failed:
        raise RuntimeError(f"{len(failed)} tiến trình dựng trang gặp lỗi; xem thông báo ở trên.")
