"""Validated data of each file, kept between builds and keyed by the file's bytes.

Loading and validating YAML is most of what ``check`` does and a large part of
a build. A file whose bytes have not changed since the last build validates
the same way, so its validated objects are taken from here instead. The key is
a hash of the bytes (not a modification time, which ``git checkout`` and
copies change without changing content), and the whole cache is dropped when
the code that validates changes. Only files without problems are kept: a file
with problems is read again so its messages are always reported.

The cache lives in memory for the builds of one process (``invoke
regenerate``) and in one pickle file between processes: the salt, then one
pickle per file, ``(name, entry)``, a later one replacing an earlier one of the
same name (``None``: the file is gone). A build that changed a few files adds
their entries at the end; the file is written whole again once the added ones
outnumber a quarter of the files. Unpickling runs code,
so that file is read only from the cache folder outside the project (a commit
cannot write there, see congkhai.config) and only when the folder and the
file belong to the user who builds and nobody else can write them.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import stat
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pydantic

PACKAGE = Path(__file__).resolve().parents[1]  # the whole congkhai package
FILE_NAME = "data.pickle"
# The cache file is written whole again once the entries added at its end outnumber this share of the files,
# or COMPACT_AFTER when that is more (see DataCache.save).
COMPACT_SHARE = 0.25
COMPACT_AFTER = 64


def digest(data: bytes) -> str:
    """A short, stable hash of some bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tree_digest(folder: Path, suffix: str = "", skip: tuple[Path, ...] = (), contents: bool = True) -> str:
    """One hash over the names and bytes of the files under ``folder`` whose names end with ``suffix``
    (``skip`` folders and ``__pycache__`` left out). Without ``contents``, each file's size and
    modification time stand for its bytes: much cheaper, and any edit changes them."""
    h = hashlib.blake2b(digest_size=16)
    left_out = {str(path) for path in skip}
    root = str(folder)
    # On text, not pathlib: a rebuild fingerprints every data file here.
    for top, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and os.path.join(top, d) not in left_out)
        prefix = os.path.relpath(top, root).replace(os.sep, "/") + "/"
        prefix = "" if prefix == "./" else prefix
        for name in sorted(names):
            if name.endswith(suffix):
                path = os.path.join(top, name)
                if contents:
                    with open(path, "rb") as file:
                        data = file.read()
                else:
                    stat = os.stat(path)
                    data = f"{stat.st_size}:{stat.st_mtime_ns}".encode()
                h.update(f"{prefix}{name}".encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def output_file(cache: Path | None, output: Path, name: str) -> Path | None:
    """A file of the cache that belongs to one output folder, e.g. ``output_file(cache, out, "output-{}.json")``."""
    return cache / name.format(digest(str(output).encode())) if cache else None


@cache
def code_fingerprint() -> str:
    """What the validated data depends on besides the files: this package's code and its validator.

    Once per process: the code that runs is the code imported at its start."""
    return digest(f"{tree_digest(PACKAGE, '.py')} {pydantic.VERSION} {sys.version}".encode())


@dataclass
class Entry:
    """What one file gave: its validated objects (each with its path inside the file) and the keys it declares."""

    digest: str
    items: list[tuple[object, tuple]]
    known: tuple[str, ...]
    # Warnings about the file (congkhai.notices), as (line, path of the field, message).
    notices: tuple[tuple[int, tuple, str], ...] = ()


class DataCache:
    """Entries by file (as editors see its path); ``folder`` None keeps them for this process only."""

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt
        self._entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        self._changed: set[str] = set()  # the names whose entry changed since the file was read or written
        self._saved = False  # nothing was read since the last save: saving again changes nothing
        # The file as this process last read or wrote it, (inode, size), and how many of its pickles an
        # entry of the same name replaces: entries are added at its end only while both hold.
        self._file: tuple[int, int] | None = None
        self._replaced = 0
        if folder is not None:
            self._read()

    def get(self, name: str, file_digest: str) -> Entry | None:
        entry = self._entries.get(name)
        self._saved = False
        if entry is not None and entry.digest == file_digest:
            self._used.add(name)
            return entry
        return None

    def put(self, name: str, entry: Entry) -> None:
        self._entries[name] = entry
        self._used.add(name)
        self._changed.add(name)
        self._saved = False

    def save(self) -> None:
        """Keep the entries of this build's files only (deleted files go) and write those that changed."""
        if self._saved:
            return
        self._saved = True
        stale = set(self._entries) - self._used
        for name in stale:
            del self._entries[name]
        changed, self._changed = self._changed | stale, set()
        self._used = set()
        if self.folder is None or not changed:
            return
        path = self.folder / FILE_NAME
        if self._replaced + len(changed) > max(COMPACT_AFTER, len(self._entries) * COMPACT_SHARE) or not self._append(
                path, sorted(changed)):
            self._write(path)

    def _read(self) -> None:
        """The entries saved by earlier builds of the same code; nothing when absent, old, unreadable or not
        private. A pickle cut short (a build stopped while adding) ends the entries: the next save writes the
        file whole."""
        def entries(source) -> dict[str, Entry]:
            found: dict[str, Entry] = {}
            info = os.fstat(source.fileno())
            pickles = 0
            while source.tell() < info.st_size:
                try:
                    name, entry = pickle.load(source)
                except (EOFError, pickle.UnpicklingError):
                    return found  # cut short: never added to
                pickles += 1
                if entry is None:
                    found.pop(name, None)
                else:
                    found[name] = entry
            self._file, self._replaced = (info.st_ino, info.st_size), pickles - len(found)
            return found
        self._entries = read_private(self.folder / FILE_NAME, self.salt, entries) or {}

    def _append(self, path: Path, names: list[str]) -> bool:
        """Add the entries of ``names`` at the end of the file, if it is still the one this process last read
        or wrote (same inode and size) and private; False otherwise."""
        if self._file is None:
            return False
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW)
        except OSError:
            return False
        with os.fdopen(fd, "ab") as out:
            info = os.fstat(fd)
            if (info.st_ino, info.st_size) != self._file or info.st_uid != os.getuid() or info.st_mode & 0o077:
                return False
            # In one write: a reader at the same moment or a stop seldom leaves part of them (``_read`` stops there).
            out.write(b"".join(pickle.dumps((name, self._entries.get(name)), protocol=pickle.HIGHEST_PROTOCOL)
                               for name in names))
            out.flush()
            self._file = (info.st_ino, os.fstat(fd).st_size)
        self._replaced += len(names)
        return True

    def _write(self, path: Path) -> None:
        def write(out) -> None:
            # One pickle per file, so pickling never holds a table of every
            # object of the data set at once.
            pickle.dump(self.salt, out, protocol=pickle.HIGHEST_PROTOCOL)
            for item in self._entries.items():
                pickle.dump(item, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            info = os.fstat(out.fileno())
            self._file, self._replaced = (info.st_ino, info.st_size), 0
        write_private(path, write)


def write_private(path: Path, write) -> None:
    """Write a file of the cache that only its user can read or write: ``write(out)`` into a
    temporary file, which then takes its place."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
        write(out)
    temporary.replace(path)


def read_private(path: Path, salt: str, read):
    """``read(source)`` of a file of the cache written by the same code (``salt`` first); None when the file
    is absent, old, unreadable or not private (unpickling runs code)."""
    if not private(path):
        return None
    try:
        with path.open("rb") as source, collector_paused():
            return read(source) if pickle.load(source) == salt else None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None


@contextlib.contextmanager
def collector_paused():
    """No garbage collection inside: unpickling makes a great many objects and no garbage, and the collector
    would walk them again and again as they come (a third of the time of reading the data cache)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def private(path: Path) -> bool:
    """True when ``path`` belongs to this user and nobody else may write it (nor replace it in its folder)."""
    for item in (path.parent, path):
        try:
            info = os.lstat(item)
        except OSError:
            return False
        if info.st_uid != os.getuid() or info.st_mode & 0o022 or stat.S_ISLNK(info.st_mode):
            return False
    return True


_OPEN: dict[tuple, DataCache] = {}


def open_cache(folder: Path | None) -> DataCache:
    """The cache for ``folder``, kept open in memory for the next build of this process."""
    salt = code_fingerprint()
    key = (folder, salt)
    if key not in _OPEN:
        _OPEN[key] = DataCache(folder, salt)
    return _OPEN[key]
