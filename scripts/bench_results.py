"""How build time grows as monthly results accumulate.

    .venv/bin/python scripts/bench_results.py [--agencies 150] [--months 12 24 60]

For each number of months, writes a project with the sample procedures and
fields, the given number of synthetic agencies (one in ten provincial, the
rest communes and wards) and that many months of their results, then builds
it with congkhai in a fresh process and reports wall time, peak memory and
pages written.  Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from congkhai.month import Month  # noqa: E402
from devtools.synthetic_results import COMMUNE_VOLUMES, Profile, dump, simulate_agency  # noqa: E402
from devtools.scratch import scratch_cache  # noqa: E402


def make_project(target: Path, agencies: int, months: int, seed: int = 1) -> None:
    shutil.copytree(ROOT / "content", target / "content", ignore=shutil.ignore_patterns("ket-qua"))
    shutil.copytree(ROOT / "procedures", target / "procedures")
    rng = random.Random(seed)
    fields = yaml.safe_load((ROOT / "content/data/linh-vuc.yaml").read_text(encoding="utf-8"))
    sample = yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text(encoding="utf-8"))
    listed = list(sample)
    for i in range(agencies - len(sample)):
        listed.append({**sample[-1], "slug": f"xa-so-{i + 1}", "ten": f"Ủy ban nhân dân xã Số {i + 1}"})
    (target / "content/data/co-quan.yaml").write_text(
        yaml.safe_dump(listed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    last = Month(2026, 10)
    span = [str(month) for month in last.plus(1 - months).through(last)]
    for agency in listed:
        if agency["cap"] == "xa":
            volumes = COMMUNE_VOLUMES
        else:
            volumes = {f["slug"]: 300 for f in fields if f.get("co_quan") == agency["slug"]} or {"ho-tich": 50}
        profiles = [Profile(f, v) for f, v in volumes.items()]
        for month, report in simulate_agency(rng, agency["slug"], profiles, span).items():
            path = target / "content/ket-qua" / month / f"{agency['slug']}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump(report), encoding="utf-8")


def build(project: Path) -> tuple[float, float, int]:
    conf = project / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(project / 'content')!r}\nOUTPUT_PATH = {str(project / 'output')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT)!r}]\n"
        "CONGKHAI = {'build_date': '2026-11-23'}\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "congkhai", "build", "-s", str(conf)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    pages = sum(1 for _ in (project / "output").rglob("*.html"))
    return wall, peak, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--months", type=int, nargs="+", default=[12, 24, 60])
    args = parser.parse_args()
    rows = []
    for months in args.months:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            make_project(project, args.agencies, months)
            reports = sum(1 for _ in (project / "content/ket-qua").rglob("*.yaml"))
            wall, peak, pages = build(project)
            rows.append((months, reports, pages, wall, peak))
    print("| months | reports | pages | wall (s) | ms per page | peak memory (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for months, reports, pages, wall, peak in rows:
        print(f"| {months} | {reports:,} | {pages:,} | {wall:.1f} | {1000 * wall / pages:.2f} | {peak:.0f} |")


if __name__ == "__main__":
    with scratch_cache():
        main()
