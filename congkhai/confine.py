"""Nothing from outside the repository is ever read into the site.

Editors' folders (``content/``, ``procedures/``) may hold only regular files
and folders: a symbolic link, a FIFO or a device could make the build read
(and publish) a file of the build machine, or hang it. Links in Markdown that
make Pelican copy a file (``{attach}``, ``{static}``) or point at a source
(``{filename}``) must name a regular file inside ``content/``. Each problem
names the file and never shows what it holds.

``check_tree`` runs before Pelican reads anything (Pelican follows folder
links while it walks, so a link loop would hang it) and again in ``check``;
``guard_static`` refuses, at build time, any file Pelican is about to copy
that is not one of those regular files, whatever let it through.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from .config import Config
from .problems import DataErrors, Problems

# Pelican's link syntax in Markdown: [text]({attach}file.pdf), ![x](|static|a.png), <img src="{static}a.png">.
_PELICAN_LINK = re.compile(r"[{|](attach|static|filename)[|}]([^\s)\"'<>\]]*)")
# The Markdown file kinds Pelican reads.
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}


def _kind(mode: int) -> str | None:
    """What a non-regular entry is, in editors' words; None for a regular file or a folder."""
    if stat.S_ISLNK(mode):
        return "là liên kết tượng trưng (symlink) tới tệp hoặc thư mục khác; hãy thay bằng tệp thật"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "là một ống dẫn (FIFO), không phải tệp thông thường; hãy xóa nó"
    return "không phải tệp thông thường (thiết bị hoặc socket); hãy xóa nó"


def _walk(folder: str) -> Iterator[tuple[str, int]]:
    """Every entry under ``folder`` with the type bits of its own mode (links are not followed), in a fixed
    order. The type comes from the folder's listing; an entry is asked for its mode only when the listing
    does not say (a FIFO, a device): a build walks every data file here twice."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            mode = stat.S_IFLNK
        elif entry.is_dir(follow_symlinks=False):
            mode = stat.S_IFDIR
        elif entry.is_file(follow_symlinks=False):
            mode = stat.S_IFREG
        else:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue  # gone since the listing
        yield entry.path, mode
        if stat.S_ISDIR(mode):
            yield from _walk(entry.path)


def regular_files(folder: Path) -> Iterator[Path]:
    """The regular files under ``folder``, without following links, in a fixed order."""
    for path, mode in _walk(str(folder)):
        if stat.S_ISREG(mode):
            yield Path(path)


def is_regular_file(path: Path) -> bool:
    """True for a regular file reached without a symbolic link (the file itself is not a link)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


class DataReader:
    """Reads editors' data files: the way to each folder is checked once, each file is opened without
    following a link and read only when it is a regular file (a FIFO would hang the build)."""

    _FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)

    def __init__(self, config: Config):
        self._roots = [str(folder) for folder in (config.content, config.procedures)]
        self._folders: dict[str, bool] = {}

    def read(self, path: Path) -> bytes | None:
        """The file's bytes; None when it may not be read (a link on the way, not a regular file).

        Raises OSError when it cannot be read (gone, no permission)."""
        normal = os.path.normpath(path)
        folder = os.path.dirname(normal)
        allowed = self._folders.get(folder)
        if allowed is None:
            allowed = self._folders[folder] = self._folder_allowed(folder)
        if not allowed:
            return None
        try:
            fd = os.open(normal, self._FLAGS)
        except OSError as error:
            if error.errno == errno.ELOOP:
                return None  # the file itself is a link
            raise
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None
            chunks = []
            while chunk := os.read(fd, max(info.st_size + 1, 1 << 16)):
                chunks.append(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)

    def _folder_allowed(self, folder: str) -> bool:
        """A folder inside an editors' folder must be reached from it through real folders only."""
        for root in self._roots:
            if folder == root:
                return True  # the editors' folder itself: check_tree names it when it is a link
            if _inside(folder, root):
                return _reached(folder, root)
        return True


def check_tree(config: Config, problems: Problems) -> None:
    """Report every symbolic link and non-regular file under the editors' folders."""
    for folder in dict.fromkeys((config.content, config.procedures)):
        try:
            top = folder.lstat().st_mode
        except OSError:
            continue  # a missing folder is reported by the loader
        message = _kind(top)
        if message:
            problems.add(config.display(folder), 0, "", message)
            continue
        for path, mode in _walk(str(folder)):
            message = _kind(mode)
            if message:
                problems.add(config.display(Path(path)), 0, "", message)


def inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (already normalised) lies in ``folder``."""
    return _inside(str(path), str(folder))


def confined(path: Path, folder: Path) -> bool:
    """True when ``path`` is a regular file in ``folder`` and no part of the way there is a link."""
    return _confined(os.path.normpath(path), str(folder))


# The same on paths as text: every data file of a build passes here, and pathlib's
# parsing of each parent would cost more than the checks themselves.
def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _reached(folder: str, root: str) -> bool:
    """True when every step from ``root`` down to ``folder`` is a real folder, not a link."""
    step = root.rstrip(os.sep)
    for part in folder[len(step) + 1:].split(os.sep):
        step = f"{step}{os.sep}{part}"
        try:
            if not stat.S_ISDIR(os.lstat(step).st_mode):
                return False
        except OSError:
            return False
    return True


def _confined(path: str, folder: str) -> bool:
    if path == folder or not _inside(path, folder):
        return False
    parent = os.path.dirname(path)
    if parent != folder.rstrip(os.sep) and not _reached(parent, folder):
        return False
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def link_target(config: Config, markdown_file: Path, value: str) -> Path:
    """The file a Pelican link in ``markdown_file`` names, resolved as Pelican does (not following links)."""
    target = unquote(urlparse(value).path)
    base = config.content if target.startswith("/") else markdown_file.parent
    return Path(os.path.normpath(os.path.join(base, target.lstrip("/"))))


def check_links(config: Config, problems: Problems) -> None:
    """Every ``{attach}``, ``{static}`` and ``{filename}`` link in the Markdown names a file inside content/."""
    for path in regular_files(config.content):
        if path.suffix not in MARKDOWN_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _PELICAN_LINK.finditer(line):
                what, value = match.groups()
                if not value or value.startswith("#"):
                    continue
                if not confined(link_target(config, path, value), config.content):
                    problems.add(config.display(path), number, f"{{{what}}}{value}",
                                 "liên kết phải trỏ tới một tệp có thật trong thư mục content/; "
                                 "không được trỏ ra ngoài thư mục này")


def check_files(config: Config, problems: Problems) -> None:
    """All checks of this module: the folders' entries, then the links in Markdown."""
    check_tree(config, problems)
    check_links(config, problems)


def guard_static(generator) -> None:
    """Pelican's static generator has chosen the files it will copy: refuse any from outside content/.

    Connected to ``static_generator_finalized``; the checks above already stop
    such a build, this makes sure nothing they missed is ever copied.
    """
    content = Path(generator.path).resolve()
    problems = Problems()
    for static in generator.staticfiles:
        source = Path(os.path.normpath(os.path.join(content, static.source_path)))
        if not confined(source, content):
            problems.add(static.source_path, 0, "", "tệp nằm ngoài thư mục content/ hoặc không phải tệp thông thường; "
                                                   "không được xuất bản")
    if problems:
        raise DataErrors(problems)
