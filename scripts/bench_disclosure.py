"""What disclosure beyond the page adds to a build as procedures accumulate.

    .venv/bin/python scripts/bench_disclosure.py [--procedures 42 500 2000]

For each size, writes a project with the sample data whose procedures are
copied under new codes (as scripts/bench_check.py does), loads the catalog,
then times the open data downloads and the desk sheets (a QR code each), and
reports the size of the largest download.  Prints a Markdown table for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from pelican.settings import read_settings

from bench_check import ROOT, SAMPLE, make_project

sys.path.insert(0, str(ROOT))
from devtools.scratch import scratch_cache  # noqa: E402

from congkhai.catalog import build_catalog  # noqa: E402
from congkhai.config import from_settings  # noqa: E402
from congkhai.printed.pages import desk_sheets  # noqa: E402
from congkhai.opendata import downloads  # noqa: E402


def measure(count: int) -> tuple[float, float, int, int]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder)
        make_project(target, count)
        catalog = build_catalog(from_settings(read_settings(str(target / "conf.py"))))
        # Both are made when first needed (a build that keeps the last build's file never makes them):
        # the timings include making every file's bytes and every sheet's data, QR code included.
        started = time.perf_counter()
        files = downloads(catalog)
        largest = max(f.size for f in files)
        took_files = time.perf_counter() - started
        started = time.perf_counter()
        sheets = desk_sheets(catalog)
        for sheet in sheets:
            str(sheet.values()["qr"].__html__())  # drawn when a page shows it (congkhai.printed.qr.LazyQr)
        took_sheets = time.perf_counter() - started
        return took_files, took_sheets, len(sheets), largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, nargs="+", default=[len(SAMPLE), 500, 2000])
    args = parser.parse_args()
    print("| procedures | downloads (s) | desk sheets | desk sheets with QR (s) | ms per QR | largest file (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in args.procedures:
        files, sheets, n, largest = measure(count)
        print(f"| {count:,} | {files:.2f} | {n:,} | {sheets:.2f} | {sheets / n * 1000:.1f} | "
              f"{largest / 1024 / 1024:.1f} |")


if __name__ == "__main__":
    with scratch_cache():
        main()
