"""Fixtures shared by all tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import TINY


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A fresh copy of the tiny project (3 procedures, 2 agencies, 2 fields)."""
    target = tmp_path / "site"
    shutil.copytree(TINY, target)
    return target
