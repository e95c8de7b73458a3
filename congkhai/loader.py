"""Read every data file of a project and validate each one against its model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .problems import Problems
from .schema import Agency, Domain, LifeEvent, MonthlyReport, Procedure
from .validate import validate
from .yamlsource import Source, load_yaml


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


def _load(config: Config, path: Path, problems: Problems) -> Source | None:
    return load_yaml(path, config.display(path), problems, config.max_file_bytes)


def _load_list(config, path, model, problems, out: list, required: bool, known: set | None = None) -> None:
    """Load a file that holds a list; each entry is validated on its own."""
    if not path.exists():
        if required:
            problems.add(config.display(path), 0, "", "thiếu tệp bắt buộc")
        return
    source = _load(config, path, problems)
    if source is None:
        return
    if source.data is None:
        source.data = []
    if not isinstance(source.data, list):
        problems.add(source.display, 1, "", "tệp phải là một danh sách (mỗi mục bắt đầu bằng '- ')")
        return
    for i, entry in enumerate(source.data):
        if known is not None and isinstance(entry, dict) and isinstance(entry.get("slug"), str):
            known.add(entry["slug"])
        item = validate(source, model, problems, data=entry, prefix=(i,))
        if item is not None:
            out.append((item, Origin(source, (i,))))


def read_list(config: Config, path: Path, model, problems: Problems) -> list:
    """The valid entries of one required list file, e.g. the fields in linh-vuc.yaml."""
    entries: list = []
    _load_list(config, path, model, problems, entries, True)
    return [item for item, _ in entries]


def _yaml_files(folder: Path, config: Config, problems: Problems) -> list[Path]:
    """The .yaml files of a folder; other extensions there are editors' slips."""
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix == ".yml":
            problems.add(config.display(path), 0, "", "tệp phải có đuôi .yaml (không dùng .yml)")
    return files


def _load_each(config, paths, model, problems, out: list, known: set | None = None) -> None:
    for path in paths:
        if known is not None:
            known.add(path.stem)
        source = _load(config, path, problems)
        if source is None:
            continue
        if known is not None and isinstance(source.data, dict) and isinstance(source.data.get("ma"), str):
            known.add(source.data["ma"])
        if source.data is None:
            problems.add(source.display, 1, "", "tệp rỗng")
            continue
        value = validate(source, model, problems)
        if value is not None:
            out.append((value, Origin(source)))


def read_all(config: Config, problems: Problems) -> RawData:
    """Load and validate every data file; each file's problems go to ``problems``."""
    raw = RawData()
    _load_list(config, config.data / "co-quan.yaml", Agency, problems, raw.agencies, True, raw.known["agency"])
    _load_list(config, config.data / "linh-vuc.yaml", Domain, problems, raw.domains, True, raw.known["domain"])
    _load_list(config, config.data / "su-kien.yaml", LifeEvent, problems, raw.events, False)
    if config.procedures.is_dir():
        _load_each(config, _yaml_files(config.procedures, config, problems), Procedure, problems, raw.procedures,
                   raw.known["procedure"])
    else:
        problems.add(config.display(config.procedures), 0, "", "thiếu thư mục thủ tục")
    if config.results.is_dir():
        for entry in sorted(config.results.iterdir()):
            if entry.is_dir():
                _load_each(config, _yaml_files(entry, config, problems), MonthlyReport, problems, raw.reports)
            elif entry.suffix in (".yaml", ".yml"):
                problems.add(config.display(entry), 0, "",
                             "báo cáo phải nằm trong thư mục của kỳ báo cáo, ví dụ content/ket-qua/2026-10/")
    return raw
