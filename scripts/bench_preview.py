"""The live preview after an edit: how long until the changed page is published, in the preview's process.

    .venv/bin/python scripts/bench_preview.py [--procedures 5000] [--agencies 150] [--months 24]

``invoke livereload`` rebuilds in its own process (``tasks.regenerate`` calls
``congkhai.cli.build`` again), so what a build loads once (the imports, the
validated data from the cache, the code fingerprint) stays loaded. This script
writes one synthetic project (devtools.synthetic, seed 1) with the production
settings of scripts/benchmark.py, builds it in a fresh process, then in one
process builds once more (loading the data, as the preview's first build
does) and makes three edits, building after each. "Published after" is when
the changed page was put in the output, counted from the start of that build
(a thread watches the file, every 5 ms, for another file in its place); the
search index is rebuilt after it, in the same build. Prints a Markdown table
for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's congkhai, wherever the venv points
sys.path.insert(0, str(ROOT / "scripts"))
from devtools.scratch import scratch_cache  # noqa: E402

from benchmark import Watch, _congkhai_build, _edit_value  # noqa: E402
from devtools.synthetic import write_site  # noqa: E402


def _build_here(conf: Path) -> None:
    from congkhai.cli import build

    with contextlib.redirect_stdout(io.StringIO()):
        if build(str(conf), []) != 0:
            raise SystemExit("the build failed")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--months", type=int, default=24)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        write_site(project, args.procedures, args.agencies, args.months)
        _congkhai_build(project)  # the full build, in its own process; writes benchconf.py
        conf = project / "benchconf.py"
        os.chdir(project)
        procedures = sorted((project / "procedures").glob("*.yaml"))
        latest = sorted((project / "content/ket-qua").iterdir())[-1]
        report = sorted(latest.glob("*.yaml"))[0]
        os.utime(procedures[0])
        _build_here(conf)  # the preview's first build: loads the data into this process
        rows = []
        for what, change, page in [
            ("one procedure's result text edited",
             lambda: _edit_value(procedures[11], "ket_qua", lambda v: v + " (bản sửa)"),
             f"thu-tuc/{procedures[11].stem}/index.html"),
            ("one procedure renamed (every list that shows it)",
             lambda: _edit_value(procedures[12], "ten", lambda v: v + " (tên mới)"),
             f"thu-tuc/{procedures[12].stem}/index.html"),
            ("one agency's report of the latest month edited",
             lambda: _edit_value(report, "xin_loi", lambda v: str(int(v) + 1)),
             f"ket-qua/{latest.name}/co-quan/{report.stem}/index.html"),
        ]:
            change()
            watch = Watch(project / "output" / page)
            started = time.perf_counter()
            _build_here(conf)
            wall = time.perf_counter() - started
            rows.append(f"| {args.procedures:,} | {what} | {watch.seen - started:.2f} | {wall:.2f} |")
        os.chdir(ROOT)
    load = subprocess.run(["cat", "/proc/loadavg"], capture_output=True, text=True).stdout.split()[:3]
    print("| procedures | change | changed page published after (s) | build done after (s) |")
    print("|---:|---|---:|---:|")
    print("\n".join(rows))
    print(f"\nLoad average at the end {' / '.join(load)}.")


if __name__ == "__main__":
    with scratch_cache():
        main()
