"""Read every data file of a project and validate each one against its model."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .build.cache import DataCache, Entry, digest, open_cache
from .config import Config
from .confine import DataReader
from .notices import notices_of
from .problems import Problems
from .schema import Agency, Domain, LifeEvent, MonthlyReport, Procedure
from .validate import validate
from .yamlsource import CachedSource, Source, load_yaml, unreadable


@dataclass(frozen=True)
class Origin:
    """Where a validated object came from: its file and its path inside it."""

    source: Source
    prefix: tuple = ()

    def line(self, *path) -> int:
        return self.source.line(self.prefix + tuple(path))

    @property
    def file(self) -> str:
        return self.source.display


@dataclass
class RawData:
    """Every file that validated on its own, with where each object came from."""

    agencies: list[tuple[Agency, Origin]] = field(default_factory=list)
    domains: list[tuple[Domain, Origin]] = field(default_factory=list)
    events: list[tuple[LifeEvent, Origin]] = field(default_factory=list)
    procedures: list[tuple[Procedure, Origin]] = field(default_factory=list)
    reports: list[tuple[MonthlyReport, Origin]] = field(default_factory=list)
    # Keys written in the files, valid or not: a reference to an entry that has
    # its own problems is not reported a second time.
    known: dict[str, set] = field(default_factory=lambda: {"agency": set(), "domain": set(), "procedure": set()})
    # The hash of each file's bytes, for deciding which pages an edit touches (congkhai.build.keys).
    digests: dict[Path, str] = field(default_factory=dict)
    cache: DataCache = field(default_factory=lambda: DataCache(None, ""))
    # What editors should fix though the site can be built (congkhai.notices).
    notices: Problems = field(default_factory=Problems)
    # Opens each file (congkhai.confine); made with the project's folders.
    reader: DataReader | None = None

    def sources(self) -> "Sources":
        return Sources(
            files=dict(self.digests),
            procedures={proc.ma: self.digests[origin.source.path] for proc, origin in self.procedures},
            reports=tuple((report.ky, report.co_quan, self.digests[origin.source.path])
                          for report, origin in self.reports),
        )


@dataclass(frozen=True)
class Sources:
    """The hash of the bytes of every data file read, and of the file each procedure and report came from."""

    files: dict[Path, str] = field(default_factory=dict)
    procedures: dict[str, str] = field(default_factory=dict)
    reports: tuple[tuple[str, str, str], ...] = ()


def _read(config: Config, path: Path, problems: Problems, raw: RawData, interpret) -> tuple | None:
    """Load one file and ``interpret(source)`` it into (objects with their paths, declared keys).

    A file whose bytes validated without problems in an earlier build is taken
    from the cache; otherwise it is loaded, and kept there if it has no problems.
    """
    name = config.display(path)
    try:
        data = raw.reader.read(path)
    except OSError as error:
        problems.add(name, 0, "", unreadable(error))
        return None
    if data is None:
        return None  # a link or a FIFO on the way: confine.check_tree names it; its content is never read
    file_digest = digest(data)
    raw.digests[path] = file_digest
    entry = raw.cache.get(name, file_digest)
    if entry is not None:
        _notify(raw, name, entry.notices)
        return entry.items, entry.known, CachedSource(path, name)
    before = len(problems.items)
    source = load_yaml(path, name, problems, config.max_file_bytes, data)
    if source is None:
        return None
    items, known = interpret(source)
    if len(problems.items) != before:
        return items, known, source
    notices = tuple((source.line(prefix + path), prefix + path, message)
                    for item, prefix in items for path, message in notices_of(item))
    _notify(raw, name, notices)
    raw.cache.put(name, Entry(file_digest, items, tuple(known), notices))
    # A valid file's data and line map are not kept: at national size they would
    # take more memory than the validated objects. A check across files that
    # finds a problem in it reads its lines again.
    return items, known, CachedSource(path, name)


def _notify(raw: RawData, name: str, notices) -> None:
    for line, path, message in notices:
        raw.notices.add(name, line, path, message)


def _load_list(config, path, model, problems, raw: RawData, out: list, required: bool,
               known: set | None = None) -> None:
    """Load a file that holds a list; each entry is validated on its own."""
    if not path.exists() and not path.is_symlink():
        if required:
            problems.add(config.display(path), 0, "", "thiếu tệp bắt buộc")
        return

    def interpret(source):
        entries = [] if source.data is None else source.data
        if not isinstance(entries, list):
            problems.add(source.display, 1, "", "tệp phải là một danh sách (mỗi mục bắt đầu bằng '- ')")
            return [], []
        items, slugs = [], []
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("slug"), str):
                slugs.append(entry["slug"])
            item = validate(source, model, problems, data=entry, prefix=(i,))
            if item is not None:
                items.append((item, (i,)))
        return items, slugs

    read = _read(config, path, problems, raw, interpret)
    if read is None:
        return
    items, slugs, source = read
    if known is not None:
        known.update(slugs)
    out.extend((item, Origin(source, prefix)) for item, prefix in items)


def read_list(config: Config, path: Path, model, problems: Problems) -> list:
    """The valid entries of one required list file, e.g. the fields in linh-vuc.yaml."""
    entries: list = []
    _load_list(config, path, model, problems, RawData(cache=DataCache(None, ""), reader=DataReader(config)), entries, True)
    return [item for item, _ in entries]


def _yaml_files(folder: Path, config: Config, problems: Problems) -> list[Path]:
    """The .yaml files of a folder; sub-folders and other spellings of the extension are editors' slips."""
    files = []
    # Entries as the folder lists them (no link followed, no call per file): a build lists every data file.
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        suffix = os.path.splitext(name)[1]
        if entry.is_dir(follow_symlinks=False):
            path = Path(entry.path)
            problems.add(config.display(path), 0, "", f"thư mục con không được đọc; hãy chuyển các tệp "
                                                      f"trong đó ra thẳng {config.display(folder)}/")
        elif not entry.is_file(follow_symlinks=False):
            continue  # links and other non-regular files are reported by confine.check_tree
        elif suffix == ".yaml":
            files.append(Path(entry.path))
        elif suffix.lower() in (".yaml", ".yml"):
            problems.add(config.display(Path(entry.path)), 0, "", f"tệp phải có đuôi .yaml (không dùng {suffix})")
    return files


DATA_FILES = ("co-quan.yaml", "linh-vuc.yaml", "su-kien.yaml")


def _other_data_files(config: Config, problems: Problems) -> None:
    """YAML files of content/data/ that nothing reads: a misspelt name would be left out without a word."""
    if not config.data.is_dir() or config.data.is_symlink():
        return
    for path in sorted(config.data.iterdir()):
        if path.suffix.lower() in (".yaml", ".yml") and path.name not in DATA_FILES and not path.is_symlink():
            problems.add(config.display(path), 0, "", f"tệp không được đọc; thư mục {config.display(config.data)}/ "
                                                      f"chỉ có các tệp {', '.join(DATA_FILES)}")


def _load_each(config, paths, model, problems, raw: RawData, out: list, known: set | None = None) -> None:
    """Load files that hold one object each (a procedure, a month's report)."""

    def interpret(source):
        declared = [source.data["ma"]] if isinstance(source.data, dict) and isinstance(source.data.get("ma"), str) else []
        if source.data is None:
            problems.add(source.display, 1, "", "tệp rỗng")
            return [], declared
        value = validate(source, model, problems)
        return ([(value, ())] if value is not None else []), declared

    for path in paths:
        if known is not None:
            known.add(path.stem)
        read = _read(config, path, problems, raw, interpret)
        if read is None:
            continue
        items, declared, source = read
        if known is not None:
            known.update(declared)
        out.extend((value, Origin(source)) for value, _ in items)


def read_all(config: Config, problems: Problems, save_cache: bool = True) -> RawData:
    """Load and validate every data file; each file's problems go to ``problems``.

    Without ``save_cache`` the validated data is kept in memory only; the
    caller saves the cache later (a build does it while the search index is made)."""
    raw = RawData(cache=open_cache(config.cache), reader=DataReader(config))
    _load_list(config, config.data / "co-quan.yaml", Agency, problems, raw, raw.agencies, True, raw.known["agency"])
    _load_list(config, config.data / "linh-vuc.yaml", Domain, problems, raw, raw.domains, True, raw.known["domain"])
    _load_list(config, config.data / "su-kien.yaml", LifeEvent, problems, raw, raw.events, False)
    _other_data_files(config, problems)
    if config.procedures.is_symlink():
        pass  # confine.check_tree names it
    elif config.procedures.is_dir():
        _load_each(config, _yaml_files(config.procedures, config, problems), Procedure, problems, raw,
                   raw.procedures, raw.known["procedure"])
    else:
        problems.add(config.display(config.procedures), 0, "", "thiếu thư mục thủ tục")
    if config.results.is_dir():
        for entry in sorted(config.results.iterdir()):
            if entry.is_symlink():
                continue  # confine.check_tree names it
            if entry.is_dir():
                _load_each(config, _yaml_files(entry, config, problems), MonthlyReport, problems, raw, raw.reports)
            elif entry.suffix.lower() in (".yaml", ".yml"):
                problems.add(config.display(entry), 0, "",
                             "báo cáo phải nằm trong thư mục của kỳ báo cáo, ví dụ content/ket-qua/2026-10/")
    if save_cache:
        raw.cache.save()
    return raw
