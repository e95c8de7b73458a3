"""Rendering in several processes: every page once, and a failure anywhere fails the build."""

from __future__ import annotations

import os

import pytest

from congkhai.parallel import MINIMUM, run_split


def test_every_item_is_done_once_and_the_work_is_shared(tmp_path):
    items = list(range(MINIMUM + 5))
    run_split(items, lambda i: (tmp_path / f"{i}.txt").write_text(str(os.getpid())), processes=2)
    done = sorted(int(path.stem) for path in tmp_path.glob("*.txt"))
    assert done == items
    assert len({path.read_text() for path in tmp_path.glob("*.txt")}) == 2


def test_few_items_are_done_here(tmp_path):
    run_split([1, 2, 3], lambda i: (tmp_path / f"{i}.txt").write_text(str(os.getpid())), processes=2)
    assert {path.read_text() for path in tmp_path.glob("*.txt")} == {str(os.getpid())}


def test_a_failure_in_another_process_fails_the_whole_run():
    def work(item):
        if item == 1:  # the second item goes to the forked process
            raise ValueError("template error")

    with pytest.raises(RuntimeError, match="tiến trình dựng trang gặp lỗi"):
        run_split(list(range(MINIMUM)), work, processes=2)
