"""Compiled templates kept between builds.

Pelican makes new Jinja environments for every build, and compiling the
theme's templates again is a fixed cost of every rebuild (about 0.2 s). Jinja
can keep what it compiled in a bytecode cache: each template is stored under
its name and file, with a checksum of its source, so an edited template is
compiled again. What the compiler makes also depends on Jinja, Python and the
environment's options (autoescaping, extensions): those name the folder.

Like the validated data (congkhai.build.cache), compiled templates live in
memory for the builds of one process (``invoke livereload``) and in files of
the user's cache folder between processes. Loading bytecode runs code, so a
file is read only when the folder and the file belong to the user who builds
and nobody else can write them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from .cache import digest, private

_MEMORY: dict[str, bytes] = {}


class TemplateCache(BytecodeCache):
    """Jinja's bytecode, by template, in this process and in ``folder`` (None: this process only)."""

    def __init__(self, folder: Path | None, options: dict):
        kept = {name: value for name, value in options.items() if name != "bytecode_cache"}
        self.tag = digest(f"{jinja2.__version__} {sys.version} {sorted(kept.items(), key=str)!r}".encode())
        self.folder = folder / f"templates-{self.tag}" if folder else None

    def _memory_key(self, bucket: Bucket) -> str:
        return f"{self.tag}:{bucket.key}"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _MEMORY.get(self._memory_key(bucket))
        if data is None and self.folder is not None:
            path = self.folder / bucket.key
            if private(path):
                try:
                    data = path.read_bytes()
                except OSError:
                    data = None
        if data is not None:
            # A stale or damaged entry leaves the bucket empty: the template is compiled again.
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        _MEMORY[self._memory_key(bucket)] = data
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = self.folder / f".{bucket.key}.{os.getpid()}"
            with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
                out.write(data)
            temporary.replace(self.folder / bucket.key)
        except OSError:
            pass  # a cache that cannot be written only costs time
