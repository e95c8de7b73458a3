"""Where Pagefind writes the search index, and how it reaches the site.

The index is built in a folder in memory when the machine has one with room
(congkhai.search.index.bundle_folder), else beside the site; from memory the
build copies into the site only the files that differ (Reuse.update_folder),
or the whole folder for a site built from nothing (move_folder). These tests
choose each way themselves, whatever the machine has.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

import pytest

from congkhai.build import reuse as reuse_module
from congkhai.build import session
from congkhai.build.reuse import ENTRY, Reuse, files_under, move_folder
from congkhai.search import index
from helpers import ROOT, build, edit


@pytest.fixture
def memory(tmp_path, monkeypatch) -> Path:
    """A folder standing for the machine's memory, with room for any bundle."""
    folder = tmp_path / "memory"
    folder.mkdir()
    monkeypatch.setattr(index, "MEMORY_FOLDERS", (str(folder),))
    monkeypatch.setattr(index, "ROOM_FLOOR", 0)
    monkeypatch.setattr(index, "ROOM_PER_PAGE", 1)
    return folder


def _files(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_bundle_goes_to_memory_when_it_has_room(tmp_path, memory):
    folder = index.bundle_folder(tmp_path / ".output.pagefind", pages=10)
    assert folder.parent == memory and folder.is_dir() and list(folder.iterdir()) == []
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~mask, "readable like the site's other folders"


def test_what_a_killed_build_left_in_memory_goes_at_the_next_build_of_the_same_site(tmp_path, memory):
    left = index.bundle_folder(tmp_path / "a" / ".output.pagefind", pages=10)
    other_site = index.bundle_folder(tmp_path / "b" / ".output.pagefind", pages=10)
    (left / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    again = index.bundle_folder(tmp_path / "a" / ".output.pagefind", pages=10)
    assert sorted(memory.iterdir()) == sorted([other_site, again])


def test_a_build_failing_after_the_index_started_leaves_nothing_behind(tiny, tmp_path, memory, monkeypatch):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    # The agency pages are rendered after the procedure pages, once the index has started.
    edit(theme.parent, "theme/templates/agency.html", "{% block content %}", "{% block content %}{{ 1 / 0 }}")
    started = []
    start_index = session.start_index

    def note(*args, **kwargs):
        started.append(start_index(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(session, "start_index", note)
    with pytest.raises(ZeroDivisionError):
        build(tiny, THEME=str(theme))
    assert len(started) == 1 and started[0].process.poll() is not None, "Pagefind was stopped"
    assert list(memory.iterdir()) == []
    assert not (tiny / ".output.building").exists()


def test_the_bundle_goes_beside_the_site_without_room_in_memory(tmp_path, monkeypatch):
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(index, "MEMORY_FOLDERS", (str(memory), str(tmp_path / "absent")))
    monkeypatch.setattr(index, "ROOM_FLOOR", 1 << 62)
    beside = _files(tmp_path / ".output.pagefind", {"old.txt": "left by a stopped build"})
    assert index.bundle_folder(beside, pages=10) == beside
    assert not beside.exists(), "emptied: Pagefind makes it"
    assert list(memory.iterdir()) == []


def test_an_index_from_memory_updates_only_the_files_that_differ(tmp_path, monkeypatch):
    site = _files(tmp_path / "output", {"pagefind/" + ENTRY: "old entry", "pagefind/fragment/a": "A",
                                        "pagefind/fragment/gone": "G", "pagefind/pagefind.js": "js",
                                        "index.html": "page"})
    built = _files(tmp_path / "memory" / "bundle", {ENTRY: "new entry", "fragment/a": "A", "fragment/b": "B",
                                                    "pagefind.js": "js2"})
    before = {name: (site / name).stat().st_ino for name in files_under(site)}
    written = []
    copy = reuse_module._copy

    def note_copy(source, target):
        written.append(target.relative_to(site).as_posix())
        copy(source, target)

    monkeypatch.setattr(reuse_module, "_copy", note_copy)
    Reuse(site, tmp_path / "staging", None, {}, {}, {}).update_folder("pagefind/", built)
    assert {name: (site / name).read_text() for name in files_under(site)} == {
        "pagefind/" + ENTRY: "new entry", "pagefind/fragment/a": "A", "pagefind/fragment/b": "B",
        "pagefind/pagefind.js": "js2", "index.html": "page"}
    assert written == ["pagefind/fragment/b", "pagefind/pagefind.js", "pagefind/" + ENTRY], "the entry last"
    assert (site / "pagefind/fragment/a").stat().st_ino == before["pagefind/fragment/a"], "an equal file stays"
    assert not built.exists()


def test_a_whole_index_is_copied_from_another_file_system(tmp_path, monkeypatch):
    built = _files(tmp_path / "memory", {ENTRY: "entry", "fragment/a": "A"})
    rename = Path.rename

    def across(self, target):
        if self == built:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", across)
    move_folder(built, tmp_path / "staging" / "pagefind")
    assert files_under(tmp_path / "staging" / "pagefind") == {ENTRY, "fragment/a"}
    assert not built.exists()


def test_another_failure_to_move_the_index_is_not_hidden(tmp_path, monkeypatch):
    built = _files(tmp_path / "memory", {ENTRY: "entry"})

    def refuse(self, target):
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(PermissionError):
        move_folder(built, tmp_path / "staging" / "pagefind")
