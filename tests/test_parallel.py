"""Rendering in several processes: every page once, and a failure anywhere fails the build.

Each case runs in a fresh interpreter: the test process may run other threads
(the browser tests' driver), and a process with threads never forks to render.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from helpers import ROOT

SPLIT = """
import os, sys
from pathlib import Path
from congkhai.build.parallel import MINIMUM, run_split
out = Path(sys.argv[1])
def work(item):
    if item == {fail}:  # the second item goes to the forked process
        raise ValueError("template error")
    (out / f"{{item}}.txt").write_text(str(os.getpid()))
try:
    run_split(list(range({count})), work, processes=2)
except RuntimeError as error:
    print(error)
    sys.exit(3)
"""


def _split(tmp_path, count: int, fail: int = -1) -> subprocess.CompletedProcess:
    script = textwrap.dedent(SPLIT.format(count=count, fail=fail))
    return subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_every_item_is_done_once_and_the_work_is_shared(tmp_path):
    from congkhai.build.parallel import MINIMUM

    run = _split(tmp_path, MINIMUM + 5)
    assert run.returncode == 0, run.stderr
    assert sorted(int(path.stem) for path in tmp_path.glob("*.txt")) == list(range(MINIMUM + 5))
    assert len({path.read_text() for path in tmp_path.glob("*.txt")}) == 2


def test_few_items_are_done_in_one_process(tmp_path):
    run = _split(tmp_path, 3)
    assert run.returncode == 0, run.stderr
    assert len({path.read_text() for path in tmp_path.glob("*.txt")}) == 1


def test_a_failure_in_another_process_fails_the_whole_run(tmp_path):
    from congkhai.build.parallel import MINIMUM

    run = _split(tmp_path, MINIMUM, fail=1)
    assert run.returncode == 3
    assert "tiến trình dựng trang gặp lỗi" in run.stdout
    assert "ValueError: template error" in run.stderr
