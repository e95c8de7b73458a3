"""Shared test helpers: the tiny test project, real Pelican builds, file trees."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from congkhai.problems import DataErrors

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "tiny"
# Real records of the national procedure database, for the data contract (tests/test_real_contract.py).
REAL_CONTRACT = ROOT / "tests" / "data" / "real-contract"
# Real records of the national procedure database whose texts carry their own lines and numbers.
REAL_TEXT = ROOT / "tests" / "data" / "real-text"
# Small pages that each break one quality gate (and good.html, which breaks none).
BAD_PAGES = ROOT / "tests" / "data" / "bad-pages"
BUILD_DATE = "2026-11-23"


def project_settings(project: Path, settings_file: str = "pelicanconf.py", **override) -> dict:
    """Pelican settings of the repository's config file, pointed at ``project``."""
    configured = read_settings(str(ROOT / settings_file)).get("CONGKHAI", {})
    congkhai = {**configured, "build_date": BUILD_DATE, "sample_data": False, **override.pop("CONGKHAI", {})}
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


def project_with_tasks(target: Path) -> Path:
    """A copy of the tiny project laid out like the repository: tasks.py, settings and theme beside the data."""
    shutil.copytree(TINY, target)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "theme", target / "theme")
    return target


def _task_env(env: dict | None) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SOURCE_DATE_EPOCH": str(int(dt.datetime.fromisoformat(BUILD_DATE + "T12:00:00+00:00").timestamp())),
        **(env or {}),
    }


def run_task(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``invoke <args>`` in ``project`` for real, with this checkout's congkhai and the tests' build date."""
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, env=_task_env(env),
                          capture_output=True, text=True, timeout=300)


def refused_by_tasks(project: Path, expected: list[str], seconds: float) -> None:
    """``invoke check`` and ``invoke build`` each fail within ``seconds``, without a traceback, listing exactly
    the ``expected`` problem lines, and the site built before stays as it was, with nothing beside it."""
    before = tree(project / "output")
    for task in ("check", "build"):
        started = time.perf_counter()
        run = run_task(project, task)
        assert time.perf_counter() - started < seconds
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stdout + run.stderr
        assert [line for line in run.stderr.splitlines() if re.match(r"\S+:\d+: ", line)] == expected
    assert tree(project / "output") == before
    assert not (project / ".output.building").exists()


def start_task(project: Path, log: Path, *args: str) -> subprocess.Popen:
    """Start ``invoke <args>`` in ``project`` as ``run_task`` runs it, without waiting for it; its output goes
    to ``log`` (a pipe nobody reads while it runs would fill and stop it)."""
    with log.open("w", encoding="utf-8") as output:
        return subprocess.Popen([sys.executable, "-m", "invoke", *args], cwd=project, env=_task_env(None),
                                stdout=output, stderr=subprocess.STDOUT)


# An editor's git identity, away from the machine's git settings.
EDITOR_GIT = {
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "bientap@example.org",
    "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "bientap@example.org",
}


def git(repo: Path, *args: str, date: str = "2026-11-01T09:00:00+07:00") -> str:
    """Run real git in ``repo`` as an editor would, at a fixed date."""
    env = {**os.environ, **EDITOR_GIT, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    run = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout
