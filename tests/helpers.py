"""Shared test helpers: the tiny test project, real Pelican builds, file trees."""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from congkhai.problems import DataErrors

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "tiny"
# Small pages that each break one quality gate (and good.html, which breaks none).
BAD_PAGES = ROOT / "tests" / "data" / "bad-pages"
BUILD_DATE = "2026-11-23"


def project_settings(project: Path, settings_file: str = "pelicanconf.py", **override) -> dict:
    """Pelican settings of the repository's config file, pointed at ``project``."""
    congkhai = {"build_date": BUILD_DATE, "sample_data": False, **override.pop("CONGKHAI", {})}
    return read_settings(
        str(ROOT / settings_file),
        override={
            "PATH": str(project / "content"),
            "OUTPUT_PATH": str(project / "output"),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT)],
            "CONGKHAI": congkhai,
            **override,
        },
    )


def build(project: Path, settings_file: str = "pelicanconf.py", **override) -> Path:
    """Build ``project`` with real Pelican; return its output folder."""
    Pelican(project_settings(project, settings_file, **override)).run()
    return project / "output"


def problems_of(project: Path, **override) -> list[str]:
    """Every problem line of the project's data, in report order ([] when valid)."""
    try:
        build_catalog(from_settings(project_settings(project, **override)))
    except DataErrors as errors:
        return [str(p) for p in errors.problems.sorted()]
    return []


def edit(project: Path, relative: str, old: str, new: str) -> None:
    """Replace exactly one occurrence of ``old`` in a project file."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, keyed by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
