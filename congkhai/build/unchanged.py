"""Skip a whole build when nothing it reads changed since the last successful one.

``python -m congkhai build`` (and so ``invoke build``, ``regenerate`` and
``preview``) notes, before building, a fingerprint of everything a build
reads: the settings, the plugin's code, the theme, the content and data
folders, the procedures, the build date and the newest commit (the change
history comes from git). After a successful build it stores the fingerprint
beside the build cache; the next build with the same fingerprint and the
output still in place does nothing. Files are fingerprinted by size and
modification time, not read: any edit changes those, and a needless rebuild
(after ``git checkout``, say) is only slower, never wrong. Every build run by
Pelican itself deletes the note first, so a build by other means is never
mistaken for this one.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ..config import Config
from .cache import code_fingerprint, digest, output_file, tree_digest
from .keys import plain_settings

STAMP = "inputs-{}.txt"


def _git_head(folder: Path) -> str:
    try:
        run = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return run.stdout.decode().strip() if run.returncode == 0 else ""


def fingerprint(settings: dict, config: Config) -> str:
    """What a build of ``settings`` reads, in one hash."""
    folders = {config.content, config.procedures, config.data, config.results, Path(settings["THEME"])}
    # A folder inside another is read with it (the data and the results are in content/).
    folders = sorted(f for f in folders if not any(other in f.parents for other in folders))
    return digest("\0".join([
        code_fingerprint(), json.dumps(plain_settings(settings), ensure_ascii=False), str(config.build_date),
        _git_head(config.procedures), *(f"{folder}={tree_digest(folder, contents=False)}" for folder in folders),
    ]).encode())


def _stamp(config: Config, output: Path) -> Path | None:
    return output_file(config.cache, output, STAMP)


def up_to_date(config: Config, output: Path, inputs: str) -> bool:
    """True when the last build of ``output`` succeeded with these inputs and the output is still there."""
    stamp = _stamp(config, output)
    try:
        return stamp is not None and output.is_dir() and stamp.read_text(encoding="utf-8") == inputs
    except OSError:
        return False


def record(config: Config, output: Path, inputs: str) -> None:
    """Note the inputs of the build of ``output`` that just succeeded."""
    stamp = _stamp(config, output)
    if stamp is not None:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(inputs, encoding="utf-8")


def forget(config: Config, output: Path) -> None:
    """A build of ``output`` starts: until it succeeds, no earlier note holds."""
    stamp = _stamp(config, output)
    if stamp is not None:
        stamp.unlink(missing_ok=True)
