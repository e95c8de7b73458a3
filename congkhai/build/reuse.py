"""Render only the pages an edit touched; carry the others over from the last build.

Each output file gets a key (congkhai.build.keys): a hash of everything its
bytes depend on. A file whose key is the one recorded by the last successful
build, and which is still in the published output, is not made again: the
build keeps it. Every other file is written into the staging folder. The
output is byte-identical to a clean build (tests/test_incremental.py builds
both and compares).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .cache import output_file
from .keys import combine
from .report import MISSING, NAMING, NEW, BASE_LABELS, Changes, Report, part_label

MANIFEST = "output-{}.json"
# The file of the search index that names its other files (Pagefind's).
ENTRY = "pagefind-entry.json"


@dataclass
class Reuse:
    """Decides, file by file, to render or to keep the last build's file; then updates the output.

    A build that keeps files writes only the others into its staging folder;
    once everything succeeded, ``apply`` moves them into the published output
    and deletes the files no page produces any more. A build that keeps
    nothing replaces the whole output folder, as before.
    """

    previous: Path  # the published output
    staging: Path
    manifest: Path | None
    base: dict[str, str]  # what every file depends on, by name (congkhai.build.keys.base_parts)
    parts: dict[str, str]  # the parts of the data (congkhai.build.keys.data_parts)
    inputs: dict[str, str]  # the data files (congkhai.build.keys.inputs)
    old: dict[str, str] = field(default_factory=dict)
    old_files: frozenset[str] = frozenset()
    old_base: dict[str, str] = field(default_factory=dict)
    old_parts: dict[str, str] = field(default_factory=dict)
    new: dict[str, str] = field(default_factory=dict)
    # What the build noted about a file it made (a download's size), kept with the file.
    old_facts: dict[str, dict] = field(default_factory=dict)
    facts: dict[str, dict] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    files: set[str] | None = None
    report: Report = field(default_factory=Report)
    index: str = "\0"  # the search index's folder, e.g. "pagefind/"

    def __post_init__(self) -> None:
        self.base_key = combine(*self.base.values())

    @staticmethod
    def last(previous: Path, cache: Path | None) -> dict | None:
        """What the last build of the output ``previous`` recorded (``save``), when there is one."""
        manifest = output_file(cache, previous, MANIFEST)
        if manifest is None or not previous.is_dir():
            return None
        try:
            saved = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("output") != str(previous) or not isinstance(
                saved.get("files"), list) or any(not isinstance(saved.get(name), dict)
                                                 for name in ("keys", "base", "parts", "inputs", "facts")):
            return None
        return saved

    @classmethod
    def open(cls, previous: Path, staging: Path, cache: Path | None, saved: dict | None,
             base: dict[str, str], parts: dict[str, str], inputs: dict[str, str]) -> "Reuse":
        """``saved``: what the last build recorded (``last``)."""
        reuse = cls(previous, staging, output_file(cache, previous, MANIFEST), base, parts, inputs)
        if saved is not None:
            reuse.old, reuse.old_files = saved["keys"], frozenset(saved["files"])
            reuse.old_base, reuse.old_parts = saved["base"], saved["parts"]
            reuse.old_facts = saved["facts"]
            reuse.report = Report(first=False, changes=Changes.between(
                saved["base"], base, saved["inputs"], inputs))
        return reuse

    def key(self, url: str, *identity: str, deps: tuple[str, ...]) -> str:
        """The key of the file at ``url``: the base, what names the file, and the parts it depends on."""
        return combine(self.base_key, url, *identity, *(self.parts.get(d, "") for d in deps))

    def carry_over(self, url: str, path: str, key: str, deps: tuple[str, ...]) -> bool:
        """Keep the last build's file ``path`` of ``url`` when its key did not change."""
        self.new[url] = key
        # The file must still be there: someone may have deleted part of the output.
        if self.old.get(url) == key and path in self.old_files and os.path.isfile(os.path.join(self.previous, path)):
            self.kept.add(path)
            if url in self.old_facts:
                self.facts[url] = self.old_facts[url]
            return True
        self.report.reasons[self.why(url, key, deps)] += 1
        return False

    def why(self, url: str, key: str, deps: tuple[str, ...]) -> str:
        """Why the file of ``url`` is rendered again (congkhai.build.report): the first input that explains it."""
        if self.report.first:
            return ""
        if url not in self.old:
            return NEW
        if self.old[url] == key:
            return MISSING
        base = self.report.changes.base
        if base:
            return ", ".join(BASE_LABELS[name] for name in base)
        parts = [part_label(d) for d in deps if self.old_parts.get(d) != self.parts.get(d)]
        return ", ".join(parts) if parts else NAMING

    def own_change(self, deps: tuple[str, ...]) -> bool:
        """True when the file is the own page of a procedure or a report that changed since the last build
        (there was one): the page an editor who saved that file is looking at."""
        return bool(self.old_parts) and any(
            d.startswith(("procedure:", "report:")) and self.old_parts.get(d) != self.parts.get(d) for d in deps)

    def carry_over_folder(self, folder: str, key: str) -> bool:
        """Keep a whole folder of the last build (the search index) when its key did not change."""
        self.new[folder] = key
        return self.old.get(folder) == key and self.keep_folder(folder)

    def keep_folder(self, folder: str) -> bool:
        """Keep a whole folder of the last build, known to hold for this one (False when there is none)."""
        kept = {name for name in self.old_files if name.startswith(folder)}
        self.kept |= kept
        return bool(kept)

    def index_key(self, indexed) -> str:
        """The search index reads the pages with indexed text only: it is the same when none of the plugin's
        (``indexed(url)`` true) changed. Pelican's change with the base, which is in every key and in this one."""
        return combine(self.base_key, *(f"{url}={key}" for url, key in sorted(self.new.items()) if indexed(url)))

    @property
    def in_place(self) -> bool:
        """True when the build keeps files of the last one, so it updates the output instead of replacing it."""
        return bool(self.kept)

    @property
    def feed(self) -> Path | None:
        """Where the search index's feed is kept between builds of this output (congkhai.search.feed)."""
        return self.manifest.with_name(self.manifest.stem + ".search-feed") if self.manifest else None

    def publish_now(self, name: str, own: bool = False) -> None:
        """Put a page just rendered into the output ahead of the rest of the build, when it updates the output
        in place: an edited page can be read before the downloads and the search index are made again.
        The ``own`` page of an edited file (``own_change``) is rendered before the build knows what it keeps,
        and published whenever there is a last build's output.

        The file is linked, not moved: the staging folder still holds it for the
        sitemap and for ``apply``. A build that stops later leaves such pages
        published; its keys were not saved, so the next build renders them again."""
        if not (self.kept or own and self.old_files):
            return  # the build replaces the whole output at its end
        source, target = self.staging / name, self.previous / name
        early = source.with_name(f"{source.name}.early")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, early)
            os.replace(early, target)
        except OSError:
            early.unlink(missing_ok=True)  # no links on this file system: ``apply`` publishes it at the end

    def apply(self, replaced: tuple[str, ...] = ()) -> set[str]:
        """Move this build's files into the output; delete the files of the last build no page produces now.

        The files under ``replaced`` folders (the search index, built again next)
        stay until ``replace_folder`` swaps the new folder in: the site is never
        without one. Returns the files written or deleted."""
        produced = files_under(self.staging)
        folders: set[Path] = set()
        for name in produced:
            target = self.previous / name
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            os.replace(self.staging / name, target)
        shutil.rmtree(self.staging)
        self.files = self.kept | produced
        gone = {name for name in self.old_files - self.files if not name.startswith(replaced)}
        self.remove(gone)
        self.report.removed = len(gone)
        return produced | gone

    def replace_folder(self, folder: str, built: Path) -> None:
        """Put a folder built elsewhere (the search index) in place of the last build's.

        From the same file system the folder is moved in whole. From another
        (memory), only its files that differ are written, and the new
        ``pagefind-entry.json``, which names the others, last; then the old
        files it no longer holds are deleted, so a reader finds a whole index
        at any moment."""
        target = self.previous / folder
        if target.is_dir() and os.stat(built).st_dev != os.stat(target).st_dev:
            self.update_folder(folder, built)
        else:
            self.remove({name for name in (self.files or set()) if name.startswith(folder)})
            shutil.rmtree(target, ignore_errors=True)
            move_folder(built, target)
        if self.files is not None:
            self.files = {name for name in self.files if not name.startswith(folder)}
            self.files |= {f"{folder}{name}" for name in files_under(self.previous / folder)}

    def update_folder(self, folder: str, built: Path) -> None:
        """Make the output's ``folder`` hold what ``built`` holds, writing only the files that differ (the
        entry file last); then delete ``built``."""
        target = self.previous / folder
        old, new = files_under(target), files_under(built)
        for name in sorted(new, key=lambda name: (name == ENTRY, name)):
            source = built / name
            if name not in old or not _same_bytes(source, target / name):
                _copy(source, target / name)
        self.remove({f"{folder}{name}" for name in old - new})
        shutil.rmtree(built)

    def remove(self, names: set[str]) -> None:
        """Delete files of the output, and the folders they leave empty."""
        folders = set()
        for name in names:
            path = self.previous / name
            path.unlink(missing_ok=True)
            folders.update(parent for parent in path.parents if self.previous in parent.parents)
        # Deepest first, so a folder emptied by removing its subfolders goes too.
        for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty: other files stay in it

    def save(self) -> None:
        """Record the keys and files of the build just published, and what they came from, for the next one."""
        self.report.kept = len(self.kept)
        if self.manifest is None:
            return
        files = self.files if self.files is not None else files_under(self.previous)
        if self.files is None:  # the output was replaced whole; the index's files are named by their content
            self.report.removed = len({name for name in self.old_files - files if not name.startswith(self.index)})
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.manifest.with_suffix(f".{os.getpid()}")
        temporary.write_text(json.dumps({"output": str(self.previous), "keys": self.new, "files": sorted(files),
                                         "base": self.base, "parts": self.parts, "inputs": self.inputs,
                                         "facts": self.facts}),
                             encoding="utf-8")
        temporary.replace(self.manifest)



def _same_bytes(one: Path, other: Path) -> bool:
    """True when two small files hold the same bytes (half the time of ``filecmp.cmp`` on Pagefind's files)."""
    with open(one, "rb", buffering=0) as first, open(other, "rb", buffering=0) as second:
        if os.fstat(first.fileno()).st_size != os.fstat(second.fileno()).st_size:
            return False
        return first.read() == second.read()


def _copy(source: Path, target: Path) -> None:
    """Copy a file into the output: written beside it, then in its place, so it is never read half written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def move_folder(source: Path, target: Path) -> None:
    """Move a folder, also from another file system (a search index built in memory)."""
    try:
        source.rename(target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        shutil.copytree(source, target, copy_function=shutil.copyfile)
        shutil.rmtree(source)


def files_under(folder: Path) -> set[str]:
    """Every file under ``folder``, as paths relative to it with forward slashes."""
    found = set()
    for top, _, names in os.walk(folder):
        prefix = Path(top).relative_to(folder).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        found.update(prefix + name for name in names)
    return found
