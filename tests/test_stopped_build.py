"""A build that fails or is stopped leaves the last site as it was, and nothing beside it."""

import os
import shutil
import signal
import time

from congkhai.build.staging import recover
from devtools.synthetic import write_site
from helpers import ROOT, edit, project_with_tasks, run_task, start_task, tree


def _project(tmp_path):
    project = tmp_path / "site"
    # Enough pages that the build is still writing when it is stopped.
    write_site(project, 600, 20)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme", project / "theme")
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("Trang đã xuất bản\n", encoding="utf-8")
    return project


def _stopped_midway(project, log, task):
    """Run ``invoke <task>``, stop it with SIGTERM while its build's staging folder is there; its exit code."""
    staging = project / ".output.building"
    build = start_task(project, log, task)
    try:
        # Frozen, then looked at: stopped while its staging folder is there, whatever the machine's speed.
        while build.poll() is None:
            os.kill(build.pid, signal.SIGSTOP)
            if staging.exists():
                break
            os.kill(build.pid, signal.SIGCONT)
            time.sleep(0.01)
        assert staging.exists(), "the build ended before it could be stopped"
        os.kill(build.pid, signal.SIGTERM)
        os.kill(build.pid, signal.SIGCONT)
        build.wait(timeout=120)
    finally:
        if build.poll() is None:
            build.kill()
    return build.returncode


def test_a_build_stopped_midway_clears_what_it_wrote(tmp_path):
    project = _project(tmp_path)
    before = tree(project / "output")
    log = tmp_path / "build.log"
    assert _stopped_midway(project, log, "build") == 128 + signal.SIGTERM
    err = log.read_text(encoding="utf-8")
    assert "Đã dừng xây dựng; trang web trước đó được giữ nguyên." in err
    assert "Traceback" not in err
    assert tree(project / "output") == before
    assert not (project / ".output.building").exists()


def test_the_watch_ends_when_its_build_is_stopped(tmp_path):
    # A stop that reaches ``invoke regenerate`` during a build must end the watch too, not only that build.
    project = _project(tmp_path)
    before = tree(project / "output")
    log = tmp_path / "regenerate.log"
    assert _stopped_midway(project, log, "regenerate") == 128 + signal.SIGTERM
    assert "Đã dừng xây dựng; trang web trước đó được giữ nguyên." in log.read_text(encoding="utf-8")
    assert tree(project / "output") == before
    assert not (project / ".output.building").exists()


def test_a_build_failing_in_a_template_clears_what_it_wrote(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    assert run_task(project, "build").returncode == 0
    before = tree(project / "output")
    edit(project, "theme/templates/article.html", "{% block content %}", "{% block content %}{{ 1 / 0 }}")
    edit(project, "content/thong-bao/thong-bao-mau.md", "Date: 2026-01-20", "Date: 2026-01-21")
    assert run_task(project, "build").returncode == 1
    assert tree(project / "output") == before
    assert not (project / ".output.building").exists()


def test_a_site_moved_aside_by_a_killed_build_is_put_back(tmp_path):
    output = tmp_path / "output"
    (tmp_path / ".output.old").mkdir()
    (tmp_path / ".output.old" / "index.html").write_text("Trang đã xuất bản\n", encoding="utf-8")
    (tmp_path / ".output.building").mkdir()
    (tmp_path / ".output.building" / "index.html").write_text("Dở dang\n", encoding="utf-8")
    recover(output)
    assert tree(output) == {"index.html": "Trang đã xuất bản\n".encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
