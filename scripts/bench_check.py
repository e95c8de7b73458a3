"""How long ``./dev check`` and the change history take as procedures accumulate.

    .venv/bin/python scripts/bench_check.py [--procedures 42 500 2000] [--commits 20]

For each size, writes a project with the sample data whose procedures are
copied under new codes up to that number, and times
``python -m congkhai check`` in a fresh process (what an editor waits for,
interpreter start included), then, after putting the project in a git
repository with that many commits each changing a tenth of the files, one
``read_history`` pass (what every build adds).  Prints a
Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # devtools/ is not installed
from devtools.scratch import scratch_cache  # noqa: E402
SAMPLE = sorted((ROOT / "procedures").glob("*.yaml"))
GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}


def make_project(target: Path, count: int) -> None:
    shutil.copytree(ROOT / "content", target / "content")
    procedures = target / "procedures"
    procedures.mkdir()
    for i in range(count):
        source = SAMPLE[i % len(SAMPLE)]
        text = source.read_text(encoding="utf-8")
        code = source.stem if i < len(SAMPLE) else f"9.{i:06d}"
        # The local code starts with the procedure's code (congkhai.crossref checks it).
        text = text.replace(f'ma: "{source.stem}"', f'ma: "{code}"', 1).replace(
            f'ma_dia_phuong: "{source.stem}.', f'ma_dia_phuong: "{code}.', 1)
        (procedures / f"{code}.yaml").write_text(text, encoding="utf-8")
    (target / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(target / 'content')!r}\nOUTPUT_PATH = {str(target / 'output')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\nCONGKHAI = {{'build_date': '2026-11-23'}}\n",
        encoding="utf-8",
    )


def git(target: Path, *args: str, date: str = "2026-01-01T09:00:00+07:00") -> None:
    env = {**GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True)


def make_history(target: Path, commits: int) -> None:
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Add")
    files = sorted((target / "procedures").glob("*.yaml"))
    for n in range(1, commits):
        for path in files[n % 10::10]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\nket_qua: ", f"\nket_qua: (bản {n}) ", 1), encoding="utf-8")
        git(target, "commit", "-q", "-am", f"Change {n}", date=f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T09:00:00+07:00")


def run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout


HISTORY = """
import time
from pathlib import Path
from congkhai.history import read_history
started = time.perf_counter()
assert read_history(Path("procedures"))
print(time.perf_counter() - started)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, nargs="+", default=[len(SAMPLE), 500, 2000],
                        help="sizes; the first copies of the sample start with all of it (life events name them)")
    parser.add_argument("--commits", type=int, default=20)
    args = parser.parse_args()
    print("| procedures | `check` wall (s) | commits | history pass (s) |")
    print("|---:|---:|---:|---:|")
    for count in args.procedures:
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp)
            make_project(target, count)
            started = time.perf_counter()
            run([sys.executable, "-m", "congkhai", "check", "-s", "conf.py"], target)
            check = time.perf_counter() - started
            make_history(target, args.commits)
            history = float(run([sys.executable, "-c", HISTORY], target))
            print(f"| {count:,} | {check:.2f} | {args.commits} | {history:.2f} |")


if __name__ == "__main__":
    with scratch_cache():
        main()
