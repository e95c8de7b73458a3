"""When each procedure's file changed, and which of its fields, from one ``git log`` pass.

Citizens read the summary, so it is not the commit message (written for the
team, possibly in English) but the Vietnamese titles of the fields the change
touched, found in the diff: git names, in each hunk header, the nearest
top-level line above the change, which in our files is the key it belongs to.
Without git or without history (a copy of the data, a shallow clone, a file not
committed yet) a page falls back to its ``cap_nhat`` date.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .schema import Procedure

FIRST_PUBLISHED = "Công khai lần đầu."
REVIEWED = "Rà soát thông tin; nội dung không thay đổi."
NO_HISTORY = "Cập nhật thông tin."

_TOP_KEY = re.compile(r"([a-z_][a-z0-9_]*)\s*:")
_COMMIT = "\x00"  # what "%x00" in the log format writes before each commit


@dataclass(frozen=True)
class Change:
    """One day on which a page changed: the date, what changed in Vietnamese, and the keys it touched."""

    date: dt.date
    summary: str
    new: bool = False
    fields: tuple[str, ...] = ()


def fallback(cap_nhat: dt.date) -> list[Change]:
    """The history of a page when git cannot tell it: its last update date."""
    return [Change(cap_nhat, NO_HISTORY)]


def _git(folder: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return run.stdout.decode("utf-8", "replace") if run.returncode == 0 else None


def read_history(folder: Path) -> dict[str, list[Change]]:
    """Each ``<name>.yaml`` of ``folder`` (keyed by name) with its changes, newest first.

    Empty when git, the repository or its full history is not available.
    """
    shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != "false":
        return {}
    log = _git(
        folder, "-c", "core.quotepath=off", "log", "--no-merges", "--no-renames", "--no-color", "--no-ext-diff",
        "--no-textconv", "--diff-algorithm=myers", "--unified=0", "--relative", "--patch",
        "--format=%x00%cs", "--", ".",
    )
    if log is None:
        return {}
    edits: dict[str, list[tuple[dt.date, set[str], bool]]] = {}
    for commit in log.split(_COMMIT)[1:]:
        day, _, patch = commit.partition("\n")
        date = dt.date.fromisoformat(day.strip())
        for name, keys, new in _files(patch):
            edits.setdefault(name, []).append((date, keys, new))
    history = {}
    for name, changes in edits.items():
        summarised = _by_day(changes)
        if summarised:
            history[name] = summarised
    return history


def _files(patch: str):
    """(file name, keys touched, added) for each YAML file directly in the folder."""
    for section in re.split(r"^diff --git ", patch, flags=re.MULTILINE)[1:]:
        header, _, hunks = section.partition("\n@@")
        target = re.search(r"^\+\+\+ (?:b/(.*)|/dev/null)$", header, re.MULTILINE)
        if not target or not target.group(1):
            continue  # deleted, or no change of content
        name = target.group(1)
        if "/" in name or not name.endswith(".yaml"):
            continue
        new = re.search(r"^--- /dev/null$", header, re.MULTILINE) is not None
        # A new file is "published", whatever it holds: no need to read its lines.
        yield name[: -len(".yaml")], set() if new else _keys("@@" + hunks), new


def _keys(hunks: str) -> set[str]:
    """Top-level keys whose lines the hunks add or remove."""
    keys: set[str] = set()
    current = None
    for line in hunks.splitlines():
        if line.startswith("@@"):
            # "@@ -12,2 +12,3 @@ cach_thuc:": the key above the first changed line.
            context = line.split("@@", 2)[-1].strip()
            match = _TOP_KEY.match(context)
            current = match.group(1) if match else None
            continue
        if not line or line[0] not in "+-":
            continue
        text = line[1:]
        match = _TOP_KEY.match(text)
        if match:
            current = match.group(1)
            keys.add(current)
        elif text.strip() and not text.lstrip().startswith("#") and current:
            keys.add(current)
    return keys


def _by_day(changes: list[tuple[dt.date, set[str], bool]]) -> list[Change]:
    """One entry per day, newest first; days that changed no data (comments only) are left out."""
    days: dict[dt.date, tuple[set[str], bool]] = {}
    for date, keys, new in changes:
        known, was_new = days.get(date, (set(), False))
        days[date] = (known | keys, was_new or new)
    out = []
    for date in sorted(days, reverse=True):
        keys, new = days[date]
        summary = FIRST_PUBLISHED if new else _summary(keys)
        if summary:
            out.append(Change(date, summary, new, tuple(sorted(keys))))
    return out


def _summary(keys: set[str]) -> str | None:
    titles = [info.title for name, info in Procedure.model_fields.items() if name in keys and name != "cap_nhat"]
    if titles:
        return "Thay đổi: " + "; ".join(titles) + "."
    return REVIEWED if "cap_nhat" in keys else None
