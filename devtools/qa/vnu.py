"""Valid HTML and CSS: the Nu HTML Checker (vnu.jar, from npm) run with the machine's Java.

Every page and stylesheet goes to one Java process: starting the checker costs
more than checking a page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

from congkhai.problems import Problem
from . import ToolError, npm_file

CHECK = "vnu"


def checked_files(site: Path) -> list[Path]:
    """What the checker reads: every page and stylesheet of the site."""
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css") and p.is_file())


def check_html(sites: list[Path]) -> dict[Path, list[Problem]]:
    """Every error the checker finds, per site, with file names relative to that site."""
    java = shutil.which("java")
    if not java:
        raise ToolError("cần Java để chạy vnu.jar (./dev cài gói Debian default-jre-headless)")
    jar = npm_file("vnu-jar/build/dist/vnu.jar")
    sites = [s.resolve() for s in sites]
    files = [str(f) for site in sites for f in checked_files(site)]
    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--exit-zero-always", "--also-check-css",
         "--stdout", "--format", "json", *files],
        capture_output=True, text=True, check=False,
    )
    if run.returncode:
        raise ToolError(f"vnu.jar không chạy được: {run.stderr.strip()}")
    found: dict[Path, list[Problem]] = {site: [] for site in sites}
    for message in json.loads(run.stdout)["messages"]:
        path = Path(unquote(message.get("url", "").removeprefix("file:")))
        site = next((s for s in sites if path.is_relative_to(s)), None)
        if site is None:
            raise ToolError(f"vnu.jar: {message.get('message')}")
        line = message.get("firstLine", message.get("lastLine", 0))
        found[site].append(Problem(path.relative_to(site).as_posix(), line, CHECK, message["message"]))
    return found
