"""A cache folder for the builds of throwaway projects (benchmarks), deleted when they end.

A build keeps what the next one reuses in the user's cache folder, one folder per
project path (congkhai.config). A benchmark's generated projects live in
temporary folders, so their caches would stay behind there: hundreds of
megabytes each at national size. Inside ``scratch_cache()`` every build of this
process and of the processes it starts keeps its cache in a temporary folder
instead.
"""

from __future__ import annotations

import contextlib
import os
import tempfile


@contextlib.contextmanager
def scratch_cache():
    previous = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory(prefix="congkhai-cache-") as folder:  # private (0700), as a cache must be
        os.environ["XDG_CACHE_HOME"] = folder
        try:
            yield folder
        finally:
            if previous is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = previous
