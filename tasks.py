"""Tasks for editors and maintainers (invoke), named as in Pelican's quickstart.

    invoke check          validate all data, build nothing
    invoke build          build the site into output/ (development settings)
    invoke rebuild        clean, then build
    invoke regenerate     rebuild whenever a data, content or theme file changes
    invoke serve          serve output/ at http://localhost:8000/
    invoke livereload     regenerate and serve together
    invoke preview        build with production settings (publishconf.py)
    invoke publish        build with production settings and push output/ to gh-pages
    invoke qa             build, then run every quality gate on output/
"""

import shutil
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from invoke import task

from congkhai.cli import build as congkhai_build
from congkhai.cli import check as congkhai_check

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
    """Remove the generated site."""
    shutil.rmtree(ROOT / CONFIG["deploy_path"], ignore_errors=True)


@task
def check(c):
    """Validate every data file without building."""
    _exit_on_failure(congkhai_check(CONFIG["settings_base"]))


@task
def build(c):
    """Build the site with development settings."""
    _exit_on_failure(congkhai_build(CONFIG["settings_base"], []))


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


def _snapshot() -> dict:
    files = {}
    for name in CONFIG["watch"]:
        path = ROOT / name
        for f in [path] if path.is_file() else path.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                files[f] = f.stat().st_mtime_ns
    return files


@task
def regenerate(c):
    """Rebuild whenever a watched file changes; data errors are shown, the watch goes on."""
    seen = None
    while True:
        now = _snapshot()
        if now != seen:
            seen = now
            congkhai_build(CONFIG["settings_base"], [])
            print("Đang theo dõi thay đổi (Ctrl+C để dừng)...")
        time.sleep(1)


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
    """Build with production settings and push output/ to the gh-pages branch."""
    preview(c)
    c.run(
        f"ghp-import -n -p -f -b {CONFIG['github_pages_branch']} "
        f"-m '{CONFIG['commit_message']}' {CONFIG['deploy_path']}",
        pty=False,
    )


@task(build)
def qa(c):
    """Build, then check output/: links, valid HTML, axe-core, keyboard, phone, print, no third parties."""
    # Imported here: the checks need the test tools (Playwright, npm packages), the other tasks do not.
    from congkhai.qa.run import main as run_qa

    _exit_on_failure(run_qa(ROOT / CONFIG["deploy_path"], ROOT / CONFIG["qa_report"]))


@task
def gh_pages(c):
    """Alias of publish (Pelican quickstart name)."""
    publish(c)
