"""JSON Schema for each file kind, exported from the validation models, and editor settings.

Editors' tools (VS Code with yaml-language-server) read these files to complete
keys, show the Vietnamese title and description of each field, and flag
mistakes while typing.  They are generated, never written by hand: run
``python -m congkhai schema`` (or ``invoke schema``) after changing
``congkhai/schema.py``; a test fails while the committed files are stale.

A JSON Schema sees one file at a time, so references between files, dates
after the build date and file names are checked by ``invoke check`` only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from .messages import pattern_hint
from .schema import Agency, Domain, LifeEvent, MonthlyReport, Procedure

SCHEMA_DIR = "schema"
VSCODE_SETTINGS = ".vscode/settings.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class FileKind:
    """One kind of data file: its model, where such files live, and its schema file."""

    name: str
    annotation: object
    files: str
    title: str

    @property
    def schema_path(self) -> str:
        return f"{SCHEMA_DIR}/{self.name}.schema.json"


# The globs are the data contract's layout.
FILE_KINDS = [
    FileKind("procedure", Procedure, "procedures/*.yaml", "Một thủ tục hành chính (procedures/<mã>.yaml)"),
    FileKind("agencies", list[Agency], "content/data/co-quan.yaml", "Danh sách cơ quan (content/data/co-quan.yaml)"),
    FileKind("domains", list[Domain], "content/data/linh-vuc.yaml", "Danh sách lĩnh vực (content/data/linh-vuc.yaml)"),
    FileKind("events", list[LifeEvent], "content/data/su-kien.yaml",
             "Sự kiện trong đời và các thủ tục cần làm (content/data/su-kien.yaml)"),
    FileKind("report", MonthlyReport, "content/ket-qua/*/*.yaml",
             "Kết quả giải quyết thủ tục hành chính của một cơ quan trong một tháng "
             "(content/ket-qua/<YYYY-MM>/<mã cơ quan>.yaml)"),
]


def file_kind(name: str) -> FileKind:
    return next(kind for kind in FILE_KINDS if kind.name == name)


class _EditorSchema(GenerateJsonSchema):
    """Pydantic's generator without the models' docstrings, which are written for developers."""

    def model_schema(self, schema):
        json_schema = super().model_schema(schema)
        json_schema.pop("description", None)
        return json_schema


def _add_pattern_messages(node) -> None:
    """Say in Vietnamese what each pattern wants (an extension VS Code's YAML support reads)."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            node["patternErrorMessage"] = f"Không đúng dạng; cần {pattern_hint(node['pattern'])}."
        for value in node.values():
            _add_pattern_messages(value)
    elif isinstance(node, list):
        for value in node:
            _add_pattern_messages(value)


def schema_of(kind: FileKind) -> dict:
    """The JSON Schema of one file kind."""
    generated = TypeAdapter(kind.annotation).json_schema(schema_generator=_EditorSchema)
    generated.pop("title", None)
    _add_pattern_messages(generated)
    return {"$schema": DIALECT, "title": kind.title, **generated}


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, str]:
    """Every schema file's path (relative to the project) and its text."""
    return {kind.schema_path: _dump(schema_of(kind)) for kind in FILE_KINDS}


def yaml_schemas() -> dict[str, list[str]]:
    """The ``yaml.schemas`` setting: each schema file and the files it applies to."""
    return {f"./{kind.schema_path}": [kind.files] for kind in FILE_KINDS}


def write(root: Path) -> list[str]:
    """Write the schema files and the ``yaml.schemas`` entry of the VS Code settings.

    Other settings in ``.vscode/settings.json`` are kept.  Returns the paths
    whose content changed.
    """
    settings_path = root / VSCODE_SETTINGS
    settings = json.loads(settings_path.read_text(encoding="utf-8")) if settings_path.exists() else {}
    settings["yaml.schemas"] = yaml_schemas()
    wanted = {**schema_files(), VSCODE_SETTINGS: _dump(settings)}
    changed = []
    for relative, text in wanted.items():
        path = root / relative
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed.append(relative)
    return changed
