"""All or nothing: a build writes into a staging folder beside the output and replaces it only on success."""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_path(output: Path) -> Path:
    """The folder a build writes into before it replaces ``output``."""
    return output.parent / f".{output.name}.building"


def _aside(output: Path) -> Path:
    return output.parent / f".{output.name}.old"


def recover(output: Path) -> None:
    """Clear what a build that failed or was stopped left beside ``output``; the last good site stays.

    A build stopped while it swapped the folders has moved the published site
    aside (see ``replace``): it is put back.
    """
    old = _aside(output)
    if old.exists() and not output.exists():
        old.rename(output)
    for leftover in (staging_path(output), old):
        if leftover.exists():
            shutil.rmtree(leftover)


def replace(final: Path, staging: Path) -> None:
    """Put the staging folder in place of the output folder."""
    old = _aside(final)
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    if old.exists():
        shutil.rmtree(old)
