"""``invoke regenerate`` for real: it rebuilds after each save, the way editors' programs save."""

from __future__ import annotations

import os
import time
from pathlib import Path

from helpers import edit, project_with_tasks, start_task

PAGE = "output/thu-tuc/1.001193/index.html"


def _saved_over(path: Path, old: str, new: str) -> None:
    """Save as most editors do: the new text written beside the file, then renamed over it."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    beside = path.with_name(f".{path.name}.tmp")
    beside.write_text(text.replace(old, new), encoding="utf-8")
    os.replace(beside, path)


def _wait_for(check, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"không xây dựng lại sau {seconds} giây:\n{log.read_text(encoding='utf-8')}")


def test_regenerate_rebuilds_after_each_save(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    log = tmp_path / "regenerate.log"
    page = project / PAGE
    task = start_task(project, log, "regenerate")
    try:
        _wait_for(page.exists, 120, log)
        # A procedure saved twice (the second save must be heard as well as the first).
        for before, after in (("Đăng ký khai sinh\n", "Đăng ký khai sinh (lần 1)\n"),
                              ("Đăng ký khai sinh (lần 1)\n", "Đăng ký khai sinh (lần 2)\n")):
            _saved_over(project / "procedures/1.001193.yaml", f"ten: {before}", f"ten: {after}")
            _wait_for(lambda: after.strip() in page.read_text(encoding="utf-8"), 60, log)
        # A template edited in place, then the settings saved over twice.
        edit(project, "theme/templates/base.html", "</footer>", "<p>Chân trang đã sửa</p></footer>")
        _wait_for(lambda: "Chân trang đã sửa" in page.read_text(encoding="utf-8"), 60, log)
        for before, after in (("Công khai thủ tục hành chính", "Cổng công khai"), ("Cổng công khai", "Cổng mới")):
            _saved_over(project / "pelicanconf.py", f'SITENAME = "{before}"', f'SITENAME = "{after}"')
            _wait_for(lambda: f"<title>Đăng ký khai sinh (lần 2) – {after}" in page.read_text(encoding="utf-8"),
                      60, log)
    finally:
        task.terminate()
        task.wait(30)
