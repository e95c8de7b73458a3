"""Fixtures shared by all tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import REAL_TEXT, ROOT, TINY, build


@pytest.fixture(autouse=True, scope="session")
def build_cache_home(tmp_path_factory):
    """Builds keep their cache in the user's cache folder: for the tests, one of their own
    (inherited by the commands they run), not the user's."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A fresh copy of the tiny project (3 procedures, 2 agencies, 2 fields)."""
    target = tmp_path / "site"
    shutil.copytree(TINY, target)
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample site, built for real from the repository's data, once per test run. Read it, never change it."""
    project = tmp_path_factory.mktemp("sample")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "procedures", project / "procedures")
    return build(project, CONGKHAI={"sample_data": True})


@pytest.fixture(scope="session")
def real_text_site(tmp_path_factory) -> Path:
    """The site of a few real records of the national procedure database (tests/data/real-text), built once."""
    project = tmp_path_factory.mktemp("real-text")
    for part in ("content", "procedures"):
        shutil.copytree(REAL_TEXT / part, project / part)
    return build(project)
