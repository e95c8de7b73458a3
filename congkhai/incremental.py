"""Render only the pages an edit touched; carry the others over from the last build.

Each page gets a key: a hash of everything its HTML depends on. A page whose
key is the one recorded by the last successful build, and whose file is still
in the published output, is not rendered again: its file is hard-linked into
the new build. Every other page is rendered. The output is byte-identical to
a clean build (tests/test_incremental.py builds both and compares).

What a page depends on is told by ``Page.deps``, names of parts of the data:

- ``procedures``: what any page may show of every procedure (names, codes,
  fields, levels, dates...): each procedure without its ``OWN_ONLY`` fields;
- ``procedure:<ma>``: the whole file of one procedure, for its own pages;
- ``month:<ky>``: the reports of one month; ``latest_month``: of the newest;
  ``months``: all reports;
- ``all``: every data file.

Everything else a page can read goes into the base that every key holds: the
plugin's code and the theme, the Pelican settings, the content folder
(announcements, pages), the agencies, fields and life events, the git history
of the procedures, and which agencies reported which fields in which month.
Editing a procedure's documents therefore renders its own pages again and
nothing else; renaming it renders every page that may list it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .buildcache import code_fingerprint, digest, output_file, tree_digest

logger = logging.getLogger(__name__)

# Fields of a procedure that only its own pages (the page, its desk sheet) and
# the downloads show. tests/test_incremental.py checks the claim on clean builds.
OWN_ONLY = frozenset({
    "trinh_tu", "thanh_phan_ho_so", "so_bo_ho_so", "ket_qua", "can_cu_phap_ly", "yeu_cau_dieu_kien",
    "quy_trinh_noi_bo", "truong_hop", "quyet_dinh_cong_bo", "co_quan_thuc_hien",
})
DEFAULT_DEPS = ("procedures", "latest_month")
MANIFEST = "output-{}.json"
# The setting that holds the published output folder while a build writes into its staging folder.
FINAL_OUTPUT = "CONGKHAI_FINAL_OUTPUT"


def _hash(*parts: str) -> str:
    return digest("\0".join(parts).encode())


def data_parts(config, raw, procedures, reports) -> dict[str, str]:
    """The digest of each part of the data a page can depend on (see the module's notes)."""
    parts: dict[str, str] = {}
    for proc, origin in raw.procedures:
        parts[f"procedure:{proc.ma}"] = raw.digests[origin.source.path]
    parts["procedures"] = _hash(*(
        f"{p.ma}={p.model_dump_json(exclude=OWN_ONLY)}" for p in sorted(procedures, key=lambda p: p.ma)
    ))
    months: dict[str, list[str]] = {}
    for report, origin in raw.reports:
        months.setdefault(report.ky, []).append(f"{report.co_quan}={raw.digests[origin.source.path]}")
    for ky, entries in months.items():
        parts[f"month:{ky}"] = _hash(*sorted(entries))
    parts["months"] = _hash(*(parts[f"month:{ky}"] for ky in sorted(months)))
    parts["latest_month"] = parts[f"month:{max(months)}"] if months else ""
    parts["all"] = _hash(*sorted(f"{config.display(path)}={d}" for path, d in raw.digests.items()))
    # Which agency reported which fields in which month: links and lists on many pages follow it.
    structure = sorted(f"{r.ky}/{r.co_quan}:{','.join(sorted(row.linh_vuc for row in r.ho_so))}" for r in reports)
    # Agencies, fields and life events: names and addresses that most pages show.
    reference = sorted(f"{path.name}={d}" for path, d in raw.digests.items() if path.parent == config.data)
    parts["base"] = _hash(*structure, *reference)
    return parts


def plain_settings(value):
    """Settings as data: what can change the output, without functions and objects."""
    if isinstance(value, dict):
        return {str(k): plain_settings(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain_settings(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return type(value).__name__


def site_base(settings: dict, config, history: dict, parts: dict) -> str:
    """What every page depends on besides its own parts of the data."""
    theme = Path(settings["THEME"])
    content = tree_digest(config.content, skip=(config.data, config.results, config.procedures))
    changes = json.dumps({code: [(str(c.date), c.summary, c.new, c.fields) for c in changes]
                          for code, changes in sorted(history.items())}, ensure_ascii=False)
    return _hash(code_fingerprint(), tree_digest(theme), json.dumps(plain_settings(settings), ensure_ascii=False),
                 content, digest(changes.encode()), parts["base"])


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
    base: str
    parts: dict[str, str]
    old: dict[str, str] = field(default_factory=dict)
    old_files: frozenset[str] = frozenset()
    new: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)
    files: set[str] | None = None
    rendered: int = 0

    @classmethod
    def open(cls, previous: Path, staging: Path, cache: Path | None, base: str, parts: dict) -> "Reuse":
        manifest = output_file(cache, previous, MANIFEST)
        reuse = cls(previous, staging, manifest, base, parts)
        if manifest is not None and previous.is_dir():
            try:
                saved = json.loads(manifest.read_text(encoding="utf-8"))
                if saved.get("output") == str(previous):
                    reuse.old, reuse.old_files = saved["keys"], frozenset(saved["files"])
            except (OSError, ValueError, KeyError):
                pass
        _BUILDS[staging] = reuse
        return reuse

    @staticmethod
    def of(staging: Path) -> "Reuse | None":
        """The reuse of the build writing into ``staging``; the plugin's last step takes it."""
        return _BUILDS.pop(staging, None)

    def key(self, url: str, *identity: str, deps=DEFAULT_DEPS) -> str:
        """The key of the file at ``url``: the base, what names the file, and the parts it depends on."""
        return _hash(self.base, url, *identity, *(self.parts.get(d, "") for d in deps))

    def carry_over(self, url: str, path: str, key: str) -> bool:
        """Keep the last build's file ``path`` of ``url`` when its key did not change."""
        self.new[url] = key
        # The file must still be there: someone may have deleted part of the output.
        if self.old.get(url) == key and path in self.old_files and (self.previous / path).is_file():
            self.kept.add(path)
            return True
        self.rendered += 1
        return False

    def carry_over_folder(self, folder: str, key: str) -> bool:
        """Keep a whole folder of the last build (the search index) when its key did not change."""
        self.new[folder] = key
        if self.old.get(folder) != key:
            return False
        kept = {name for name in self.old_files if name.startswith(folder)}
        self.kept |= kept
        return bool(kept)

    def index_key(self) -> str:
        """The search index reads pages only: it is the same when no page changed."""
        return _hash(*(f"{url}={key}" for url, key in sorted(self.new.items())))

    @property
    def in_place(self) -> bool:
        """True when the build keeps files of the last one, so it updates the output instead of replacing it."""
        return bool(self.kept)

    @property
    def feed(self) -> Path | None:
        """Where the search index's feed is kept between builds of this output (congkhai.search_feed)."""
        return self.manifest.with_name(self.manifest.stem + ".search-feed") if self.manifest else None

    def apply(self) -> set[str]:
        """Move this build's files into the output; delete the files of the last build no page produces now.

        Returns the files written or deleted."""
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
        gone = self.old_files - self.files
        self.remove(gone)
        return produced | gone

    def replace_folder(self, folder: str, built: Path) -> None:
        """Put a folder built beside the output (the search index) in place of the last build's."""
        self.remove({name for name in (self.files or set()) if name.startswith(folder)})
        shutil.rmtree(self.previous / folder, ignore_errors=True)
        built.rename(self.previous / folder)
        if self.files is not None:
            self.files = {name for name in self.files if not name.startswith(folder)}
            self.files |= {f"{folder}{name}" for name in files_under(self.previous / folder)}

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
        """Record the keys and files of the build just published, for the next one."""
        logger.info("congkhai: %d tệp được tạo lại, %d tệp giữ nguyên", self.rendered, len(self.kept))
        if self.manifest is None:
            return
        files = self.files if self.files is not None else files_under(self.previous)
        self.manifest.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.manifest.with_suffix(f".{os.getpid()}")
        temporary.write_text(json.dumps({"output": str(self.previous), "keys": self.new, "files": sorted(files)}),
                             encoding="utf-8")
        temporary.replace(self.manifest)


_BUILDS: dict[Path, Reuse] = {}


def files_under(folder: Path) -> set[str]:
    """Every file under ``folder``, as paths relative to it with forward slashes."""
    found = set()
    for top, _, names in os.walk(folder):
        prefix = Path(top).relative_to(folder).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        found.update(prefix + name for name in names)
    return found
