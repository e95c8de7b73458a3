"""Benchmarks build throwaway projects: their caches go to a temporary folder, deleted at the end."""

from __future__ import annotations

import os
from pathlib import Path

from congkhai.config import from_settings
from devtools.scratch import scratch_cache

from helpers import project_settings


def test_builds_inside_keep_their_cache_in_a_folder_deleted_at_the_end(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    (tmp_path / "project/content").mkdir(parents=True)
    with scratch_cache() as folder:
        cache = from_settings(project_settings(tmp_path / "project")).cache
        assert Path(folder) in cache.parents
        assert os.stat(folder).st_mode & 0o077 == 0, "a cache folder others could write is never read"
        cache.mkdir(parents=True)
    assert not Path(folder).exists()
    assert os.environ["XDG_CACHE_HOME"] == str(tmp_path / "user-cache")
    assert tmp_path / "user-cache" in from_settings(project_settings(tmp_path / "project")).cache.parents
