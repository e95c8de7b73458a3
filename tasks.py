"""Tasks for editors and maintainers (invoke), named as in Pelican's quickstart.

    invoke check          validate all data, build nothing
    invoke new-procedure --ma 1.000123 --linh-vuc ho-tich [--ten "..."]
                          write procedures/1.000123.yaml, a commented skeleton to fill in
    invoke schema         write the JSON Schema files for editors' tools from the models
    invoke build          build the site into output/ (development settings)
    invoke rebuild        clean, then build
    invoke regenerate     rebuild whenever a data, content or theme file changes
    invoke serve          serve output/ at http://localhost:8000/
    invoke livereload     regenerate and serve together
    invoke preview        build with production settings (publishconf.py)
    invoke publish        build with production settings and push output/ to gh-pages
    invoke gen-data       write seeded synthetic data of any size (for benchmarks)
    invoke qa             build, then run every quality gate on output/
    invoke benchmark      congkhai, the floor and plain Pelican on the same generated data
"""

import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import watchfiles
from ghp_import import GhpError, ghp_import
from invoke import task
from pelican.settings import read_settings

from congkhai.cli import build as congkhai_build
from congkhai.cli import check as congkhai_check
from congkhai.cli import write_schema
from congkhai.config import from_settings
from congkhai.procedure_scaffold import new_procedure as congkhai_new_procedure
from congkhai.results.scaffold import new_report as congkhai_new_report
from devtools.synthetic import write_site

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "deploy_path": "output",
    "github_pages_branch": "gh-pages",
    "commit_message": "Xuất bản trang web",
    "host": "localhost",
    "port": 8000,
    "watch": ["content", "procedures", "theme", "congkhai", "pelicanconf.py"],
    "qa_report": "qa-report",
}


def _exit_on_failure(code: int) -> None:
    if code:
        sys.exit(code)


@task
def clean(c):
    """Remove the generated site and what builds keep for the next one."""
    shutil.rmtree(ROOT / CONFIG["deploy_path"], ignore_errors=True)
    cache = from_settings(read_settings(CONFIG["settings_base"])).cache
    if cache:
        shutil.rmtree(cache, ignore_errors=True)


@task
def check(c):
    """Validate every data file without building."""
    _exit_on_failure(congkhai_check(CONFIG["settings_base"]))


@task(help={
    "ma": "mã thủ tục, ví dụ 1.000123",
    "linh_vuc": "mã lĩnh vực trong content/data/linh-vuc.yaml, ví dụ ho-tich",
    "ten": "tên thủ tục (không bắt buộc)",
})
def new_procedure(c, ma, linh_vuc, ten=None):
    """Write procedures/<ma>.yaml, a commented skeleton; never overwrites."""
    _exit_on_failure(congkhai_new_procedure(CONFIG["settings_base"], ma, linh_vuc, ten))


@task
def new_report(c, co_quan, ky=None):
    """Write content/ket-qua/<ky>/<co_quan>.yaml with last month's pending carried over; never overwrites."""
    _exit_on_failure(congkhai_new_report(CONFIG["settings_base"], co_quan, ky))


@task
def schema(c):
    """Write schema/*.schema.json and the VS Code settings from the validation models."""
    _exit_on_failure(write_schema(ROOT))


@task
def build(c):
    """Build the site with development settings."""
    _exit_on_failure(congkhai_build(CONFIG["settings_base"], []))


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


def _saves():
    """Yield at the start, then after each change to a watched file.

    The folders are watched through the system's change notices (watchfiles,
    the watcher Pelican itself uses), so a build starts about 50 ms after a
    save and nothing walks the thousands of data files of a large site while
    nobody types. A single file (pelicanconf.py) is compared by its time once
    a second: editors save by writing a new file over the old one, and a
    notice on a replaced file is not heard again."""
    watched = [ROOT / name for name in CONFIG["watch"]]
    folders = [path for path in watched if path.is_dir()]
    files = [path for path in watched if not path.is_dir()]

    def stamp() -> list:
        return [path.stat().st_mtime_ns if path.exists() else None for path in files]

    seen = None
    for changes in watchfiles.watch(*folders, step=50, rust_timeout=1000, yield_on_timeout=True):
        now = stamp()
        if changes or now != seen:
            seen = now
            yield


@task
def regenerate(c):
    """Rebuild whenever a watched file changes; data errors are shown, the watch goes on."""
    for _ in _saves():
        congkhai_build(CONFIG["settings_base"], [])
        print("Đang theo dõi thay đổi (Ctrl+C để dừng)...", flush=True)


@task
def serve(c):
    """Serve output/ at http://localhost:8000/ (pretty URLs need a server)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(ROOT / CONFIG["deploy_path"]))
    server = ThreadingHTTPServer((CONFIG["host"], CONFIG["port"]), handler)
    print(f"Xem trang tại http://{CONFIG['host']}:{CONFIG['port']}/ (Ctrl+C để dừng)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def livereload(c):
    """Regenerate on changes while serving the site."""
    threading.Thread(target=regenerate, args=(c,), daemon=True).start()
    serve(c)


@task
def preview(c):
    """Build with production settings."""
    _exit_on_failure(congkhai_build(CONFIG["settings_publish"], []))


@task
def publish(c):
    """Build with production settings and push output/ to the gh-pages branch.

    A failed build stops before anything is committed or pushed.
    """
    preview(c)
    # ghp-import in-process: its command may not be on PATH when the venv is not activated.
    branch = CONFIG["github_pages_branch"]
    try:
        ghp_import(str(ROOT / CONFIG["deploy_path"]), mesg=CONFIG["commit_message"], branch=branch,
                   push=True, force=True, nojekyll=True)
    except (GhpError, subprocess.CalledProcessError) as exc:
        print(f"Không đẩy được trang web lên nhánh {branch}: {exc}", file=sys.stderr)
        sys.exit(1)
    print(f"Đã đẩy trang web lên nhánh {branch}.")


@task(build, help={"every_page": "visit every page in the browser, not one of each kind and the pages that changed"})
def qa(c, every_page=False):
    """Build, then check output/: links, valid HTML, axe-core, keyboard, phone, print, no third parties."""
    # Imported here: the checks need the test tools (Playwright, npm packages), the other tasks do not.
    from devtools.qa.run import main as run_qa

    _exit_on_failure(run_qa(ROOT / CONFIG["deploy_path"], ROOT / CONFIG["qa_report"], everything=every_page))


@task
def gh_pages(c):
    """Alias of publish (Pelican quickstart name)."""
    publish(c)


@task(help={"procedures": "number of procedures", "agencies": "number of agencies (the first ones are provincial)",
            "months": "months of results per agency, ending December 2025",
            "out": "folder to write into", "seed": "random seed"})
def gen_data(c, procedures=1000, agencies=150, months=0, out="synthetic", seed=1):
    """Write valid synthetic data (procedures, fields, agencies, monthly results) into a folder."""
    write_site(Path(out), int(procedures), int(agencies), int(months), int(seed))
    print(f"Đã tạo {procedures} thủ tục, {agencies} cơ quan, {months} tháng kết quả trong {out}/")


@task(help={"procedures": "sizes, comma-separated (default 1000,5000)", "agencies": "number of agencies",
            "months": "months of results per agency", "out": "Markdown file for the table"})
def benchmark(c, procedures="1000,5000", agencies=150, months=24, out="benchmark.md"):
    """Build the same generated data with congkhai, the floor and plain Pelican; print the table."""
    sizes = [size.strip() for size in str(procedures).split(",")]
    command = [sys.executable, str(ROOT / "scripts/benchmark.py"), "--procedures", *sizes,
               "--agencies", str(agencies), "--months", str(months), "--out", out]
    _exit_on_failure(subprocess.run(command).returncode)
