"""congkhai against the floor and plain Pelican, on the same generated data, in one run.

    .venv/bin/python scripts/benchmark.py [--procedures 1000 5000] [--agencies 150] [--months 24]
                                          [--out benchmark.md]

For each number of procedures, writes one synthetic project (devtools.synthetic,
seed 1: procedures, fields, agencies and their monthly results) and builds it
three ways, each in a fresh process:

- congkhai: the full build with the production settings (validation, every
  page, lists, Atom feeds, downloads and the search index), as
  ``python -m congkhai build`` runs it;
- the floor: scripts/floor.py (PyYAML C loader, Markdown, one Jinja template
  per procedure page), then Pagefind over its pages;
- plain Pelican with its default theme, the same procedures written as
  Markdown articles (converted here, before timing), then Pagefind.

Pagefind runs with the same settings as congkhai's own index, over the whole
site as a team would run it; congkhai gives it only its feed of indexed parts
(congkhai.search.feed).
Peak memory is the largest resident size of any process of that build (the
Python build or Pagefind, which run one after the other). Ratios are to the
floor. Prints a Markdown table for docs/benchmarks.md and writes it to --out.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's congkhai, wherever the venv points

from congkhai.search.index import pagefind_command  # noqa: E402
from devtools.scratch import scratch_cache  # noqa: E402
from devtools.synthetic import write_site  # noqa: E402

BUILD_DATE = "2026-11-23"
# The address the production build (publishconf.py) gives its QR codes, sitemap and feeds.
PUBLIC_URL = "https://thutuc.example"
# Runs the steps of one build one after the other in a fresh process and reports
# each step's wall time, the peak resident memory of any one process it waited
# for, and the peak of the sum over all of them at once (sampled every 0.2 s
# from /proc: a build that forks renderers, or runs Pagefind while Python
# still holds the catalog, counts both). The sum adds proportional set sizes,
# so memory that forked processes share is counted once.
MEASURE = """
import json, os, resource, subprocess, sys, time
def pss(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
def tree_rss(root):
    parents = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                parents[int(pid)] = int(stat[1])
            except (OSError, IndexError, ValueError):
                pass
    family, total = {root}, 0
    for pid in sorted(parents):
        chain, seen = pid, set()
        while chain in parents and chain not in family and chain not in seen:
            seen.add(chain)
            chain = parents[chain]
        if chain in family:
            family |= seen
    return sum(pss(pid) for pid in family if pid != os.getpid())
walls, peak_sum = [], 0
for step in json.loads(sys.argv[1]):
    started = time.perf_counter()
    run = subprocess.Popen(step["cmd"], env=step["env"], cwd=step["cwd"], stdout=subprocess.DEVNULL)
    while run.poll() is None:
        peak_sum = max(peak_sum, tree_rss(os.getpid()))
        time.sleep(0.2)
    if run.returncode:
        sys.exit(f"step failed with {run.returncode}")
    walls.append(time.perf_counter() - started)
print(json.dumps({"walls": walls, "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "peak_sum_kib": peak_sum // 1024}))
"""
PELICAN_CONF = """AUTHOR = "Benchmark"
SITENAME = "Thủ tục hành chính"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
"""


def measure(steps: list[dict]) -> dict:
    for step in steps:
        step.setdefault("env", dict(os.environ))
        step.setdefault("cwd", str(ROOT))
    run = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(steps)], capture_output=True, text=True)
    if run.returncode:
        sys.exit(f"{steps[0]['cmd'][:3]}... failed:\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.splitlines()[-1])


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def pagefind_step(site: Path) -> dict:
    command, env = pagefind_command(site)
    return {"cmd": command, "env": env}


def _congkhai_build(project: Path) -> dict:
    conf = project / "benchconf.py"
    if not conf.exists():
        conf.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
            # A production build refuses a local address for its QR codes.
            f"SITEURL = FEED_DOMAIN = {PUBLIC_URL!r}\n"
            f"PATH = {str(project / 'content')!r}\nOUTPUT_PATH = {str(project / 'output')!r}\n"
            f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT)!r}]\n"
            f"CONGKHAI = {{**CONGKHAI, 'build_date': {BUILD_DATE!r}, 'sample_data': False, "
            # The agencies file of 3,000 agencies is above the 256 KB default limit of one file.
            f"'max_file_bytes': {1 << 20}}}\n", encoding="utf-8")
    return measure([{"cmd": [sys.executable, "-m", "congkhai", "build", "-s", str(conf)],
                     "env": {**os.environ, "PYTHONPATH": str(ROOT)}}])


def congkhai(project: Path) -> dict:
    result = _congkhai_build(project)
    # The search index runs inside the build; its share is not timed apart.
    return {"wall": result["walls"][0], "index": None, "peak": result["peak_kib"] / 1024, "peak_sum": max(result["peak_sum_kib"], result["peak_kib"]) / 1024,
            "pages": html_pages(project / "output")}


def _replace_line(path: Path, start: str, new: str) -> None:
    """Replace the first line of a YAML file that starts with ``start``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def _edit_value(path: Path, key: str, change) -> None:
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(f"{key}:"))
    _replace_line(path, f"{key}:", f"{key}: {change(line.split(':', 1)[1].strip())}")


def _edit_first(path: Path, start: str) -> None:
    """Add words to the first line of a YAML file that starts with ``start`` (a list item's text)."""
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(start))
    _replace_line(path, start, line + " (bản sửa)")


def rebuilds(project: Path) -> list[tuple[str, float, float | None]]:
    """After congkhai's full build: rebuilds after each kind of change, as (what, wall, seconds to pages).

    "Seconds to pages" is when the changed page was put in the published folder
    (``Watch``), counted from the start of the command; the search index is
    rebuilt after that, within the same command.
    """
    procedures = sorted((project / "procedures").glob("*.yaml"))
    latest = sorted((project / "content/ket-qua").iterdir())[-1]
    report = sorted(latest.glob("*.yaml"))[0]
    changes = [
        ("nothing changed", None, None),
        ("nothing changed, files touched (every page checked, none rendered)",
         lambda: [os.utime(path) for path in procedures[:10]], None),
        ("one procedure's result text edited", lambda: _edit_value(procedures[7], "ket_qua", lambda v: v + " (bản sửa)"),
         f"thu-tuc/{procedures[7].stem}/index.html"),
        # Its documents are on its page, not in what the search index reads: the index is kept.
        ("one procedure's first document renamed (no indexed text)", lambda: _edit_first(procedures[9], "- ten:"),
         f"thu-tuc/{procedures[9].stem}/index.html"),
        ("one procedure renamed (every list that shows it)",
         lambda: _edit_value(procedures[8], "ten", lambda v: v + " (tên mới)"), f"thu-tuc/{procedures[8].stem}/index.html"),
        ("one agency's report of the latest month edited",
         lambda: _edit_value(report, "xin_loi", lambda v: str(int(v) + 1)),
         f"ket-qua/{latest.name}/co-quan/{report.stem}/index.html"),
    ]
    rows = []
    for what, change, page in changes:
        if change:
            change()
        watch = Watch(project / "output" / page) if page else None
        started = time.perf_counter()
        wall = _congkhai_build(project)["walls"][0]
        to_pages = watch.seen - started if watch else None
        rows.append((what, wall, to_pages))
    return rows


class Watch(threading.Thread):
    """When another file takes the place of ``path`` (perf_counter time in ``seen``), watched every 5 ms.

    Not its status-change time: a rebuild links a page into the output and
    deletes the staging folder's link later, which changes that time again."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.before, self.seen = path, self._stamp(path), None
        self.start()

    @staticmethod
    def _stamp(path: Path) -> tuple | None:
        try:
            info = path.stat()
        except FileNotFoundError:
            return None  # a build that replaces the whole output swaps the folder
        return info.st_ino, info.st_size, info.st_mtime_ns

    def run(self) -> None:
        while self._stamp(self.path) in (self.before, None):
            time.sleep(0.005)
        self.seen = time.perf_counter()


def floor(project: Path) -> dict:
    site = project / "floor-output"
    result = measure([{"cmd": [sys.executable, str(ROOT / "scripts/floor.py"), str(project), str(site)]},
                      pagefind_step(site)])
    return {"wall": sum(result["walls"]), "index": result["walls"][1], "peak": result["peak_kib"] / 1024, "peak_sum": max(result["peak_sum_kib"], result["peak_kib"]) / 1024,
            "pages": html_pages(site)}


def _cell(value) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def as_markdown(proc: dict) -> str:
    """One procedure as a Pelican Markdown article with the floor's sections."""
    lines = [f"Title: {_cell(proc['ten'])}", f"Date: {proc['cap_nhat']}", f"Category: {proc['linh_vuc']}",
             f"Slug: {proc['ma']}", "",
             f"Mã {proc['ma']} · {proc['linh_vuc']} · {', '.join(proc['cap_thuc_hien'])}", "",
             "## Kết quả", "", str(proc["ket_qua"]), "", "## Yêu cầu, điều kiện", "",
             str(proc.get("yeu_cau_dieu_kien", "")), "", "## Hồ sơ", "",
             "| Giấy tờ | Bản chính | Bản sao | Ghi chú |", "|---|---|---|---|"]
    lines += [f"| {_cell(d['ten'])} | {d['ban_chinh']} | {d['ban_sao']} | {_cell(d.get('ghi_chu', ''))} |"
              for d in proc["thanh_phan_ho_so"]]
    lines += ["", "## Trình tự", ""] + [f"{i}. {_cell(s)}" for i, s in enumerate(proc["trinh_tu"], 1)]
    lines += ["", "## Cách thức", "", "| Hình thức | Thời hạn | Phí, lệ phí |", "|---|---|---|"]
    lines += [f"| {w['hinh_thuc']} | {_cell(w['thoi_han'])} | {_cell(w.get('phi_le_phi', ''))} |"
              for w in proc["cach_thuc"]]
    lines += ["", "## Căn cứ pháp lý", ""]
    lines += [f"- {_cell(b['so_hieu'])} {_cell(b['trich_yeu'])} {b['ngay_ban_hanh']}" for b in proc["can_cu_phap_ly"]]
    if proc.get("quy_trinh_noi_bo"):
        lines += ["", "## Quy trình nội bộ", "", "| Bước | Bộ phận | Vai trò | Giờ |", "|---|---|---|---|"]
        lines += [f"| {_cell(s['buoc'])} | {_cell(s['bo_phan'])} | {_cell(s['vai_tro'])} | {s['thoi_gian_gio']} |"
                  for s in proc["quy_trinh_noi_bo"]]
    return "\n".join(lines) + "\n"


def pelican(project: Path) -> dict:
    blog = project / "pelican"
    content = blog / "content"
    content.mkdir(parents=True)
    for path in sorted((project / "procedures").glob("*.yaml")):
        proc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        (content / f"{proc['ma']}.md").write_text(as_markdown(proc), encoding="utf-8")
    (blog / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
    site = blog / "output"
    result = measure([{"cmd": [sys.executable, "-m", "pelican", str(content), "-o", str(site),
                               "-s", str(blog / "pelicanconf.py"), "-q"], "cwd": str(blog)},
                      pagefind_step(site)])
    return {"wall": sum(result["walls"]), "index": result["walls"][1], "peak": result["peak_kib"] / 1024, "peak_sum": max(result["peak_sum_kib"], result["peak_kib"]) / 1024,
            "pages": html_pages(site)}


def load_average() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--agencies", type=int, default=150)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--out", type=Path, default=Path("benchmark.md"))
    parser.add_argument("--no-rebuilds", action="store_true", help="time the full builds only")
    parser.add_argument("--skip-pelican", action="store_true",
                        help="leave plain Pelican out (at national size it takes very long)")
    args = parser.parse_args()
    lines = [f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; "
             f"load average at start {load_average()} (1 / 5 / 15 min).", "",
             "| procedures | reports | build | HTML pages | wall (s) | of which search index (s) | ms per page "
             "| peak memory, largest process (MiB) | peak memory, all processes at once (MiB) | wall ÷ floor "
             "| memory ÷ floor |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    incremental: list[str] = []
    for procedures in args.procedures:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_site(project, procedures, args.agencies, args.months)
            reports = sum(1 for _ in (project / "content/ket-qua").rglob("*.yaml"))
            runs = {"floor + Pagefind": floor(project), "congkhai": congkhai(project)}
            if not args.skip_pelican:
                runs["plain Pelican + Pagefind"] = pelican(project)
            again = [] if args.no_rebuilds else rebuilds(project)
        base = runs["floor + Pagefind"]
        for name, run in runs.items():
            index = f"{run['index']:.1f}" if run["index"] is not None else "–"
            lines.append(f"| {procedures:,} | {reports:,} | {name} | {run['pages']:,} | {run['wall']:.1f} | {index} "
                         f"| {1000 * run['wall'] / run['pages']:.2f} | {run['peak']:.0f} | {run['peak_sum']:.0f} "
                         f"| {run['wall'] / base['wall']:.2f} | {run['peak_sum'] / base['peak_sum']:.2f} |")
        print("\n".join(lines[-3:]), flush=True)
        incremental += [f"| {procedures:,} | {what} | {wall:.2f} | "
                        f"{'–' if to_pages is None else f'{to_pages:.2f}'} |" for what, wall, to_pages in again]
    lines += ["", "Rebuilds with `python -m congkhai build` after congkhai's full build, one after the other:", "",
              "| procedures | change | wall (s) | changed page published after (s) |", "|---:|---|---:|---:|",
              *incremental]
    lines += ["", f"Load average at the end {load_average()}."]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    with scratch_cache():
        main()
