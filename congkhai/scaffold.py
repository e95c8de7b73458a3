"""New data files: the flow the ``invoke new-…`` commands share, and the commented YAML skeletons they write.

``NewFile`` checks a command's options and references, refuses to overwrite,
writes the file and says what to do next, in the same words for every command.

A skeleton lists every key of a model in the model's order, each under a
comment with its Vietnamese title, whether it is required, its description and
its allowed values: the same texts the JSON Schema shows in the editor, so the
two never disagree.  Required keys are left empty, and ``invoke check`` names
each one until it is filled; optional keys are commented out, ready to be
switched on by deleting the ``# `` in front of them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import os
import sys
import textwrap
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import editor_schema
from .config import Config
from .crossref import not_found
from .loader import read_list
from .problems import Problems
from .validate import inner_model, validate
from .yamlsource import Source

WIDTH = 100
_UNSET = object()

HELP = [
    "Cách điền:",
    "- Dòng chú thích phía trên mỗi trường cho biết: tên, bắt buộc hay không, cách ghi, các giá trị được chọn.",
    "- Trường bắt buộc đang để trống: hãy điền sau dấu hai chấm. Lệnh ./dev check chỉ ra các trường còn thiếu.",
    "- Trường không bắt buộc đang tắt bằng \"# \" ở đầu dòng: muốn dùng, xóa \"# \" ở dòng tên trường "
    "và ở các dòng bên dưới nó.",
    "- Thụt lề bằng dấu cách, không dùng phím Tab. Mỗi mục của danh sách bắt đầu bằng \"- \".",
    "Hướng dẫn đầy đủ: docs/huong-dan-bien-tap.md",
]


class NewFile:
    """One run of an ``invoke new-…`` command.

    Each check runs only while nothing has been refused, so the editor reads
    the first problems to fix. ``refused()`` prints them with "Chưa tạo tệp
    mới." on stderr; otherwise ``write()`` makes the file and says what next.
    """

    def __init__(self, command: str, config: Config) -> None:
        self.command = command  # e.g. "invoke new-report", the start of messages about its options
        self.config = config
        self.errors: list[str] = []

    def check_options(self, options: list[tuple[str, object, object]]) -> None:
        """The options' values against the models' types (see ``check_options``)."""
        if not self.errors:
            self.errors = check_options(self.command, options)

    def look_up(self, option: str, value: str, kind: str, list_file: str, model: type[BaseModel]) -> dict:
        """The entries of a list in content/data/ by slug; refuses problems in the list, or ``value`` missing
        from it (``kind`` as in ``crossref.not_found``: "agency", "domain")."""
        if self.errors:
            return {}
        problems = Problems()
        entries = {e.slug: e for e in read_list(self.config, self.config.data / list_file, model, problems)}
        self.errors = [str(p) for p in problems.sorted()]
        if not self.errors and value not in entries:
            self.errors = [f"{self.command}: {option}: {not_found(kind, value, entries)}"]
        return entries

    def refuse_existing(self, path: Path, advice: str) -> None:
        """A file is never overwritten: ``advice`` says what to do instead."""
        if not self.errors and path.exists():
            self.errors = [f"{self.config.display(path)}: tệp đã có; không ghi đè. {advice}"]

    def refuse(self, errors: list[str]) -> None:
        """Refuse for these reasons, unless refused already."""
        if not self.errors:
            self.errors = errors

    def refused(self) -> bool:
        """Whether anything was refused; if so, says what, and that no file was made."""
        if self.errors:
            print("\n".join([*self.errors, "Chưa tạo tệp mới."]), file=sys.stderr)
        return bool(self.errors)

    def write(self, path: Path, kind: str, values: dict, title: str, next_step: str) -> int:
        """Write the skeleton of a file of ``kind`` (see ``editor_schema``) with ``values`` filled in."""
        file_kind = editor_schema.file_kind(kind)
        schema = schema_reference(path, self.config.root / file_kind.schema_path)
        create(path, skeleton(file_kind.annotation, values, schema, title))
        print(f"Đã tạo {self.config.display(path)}. {next_step}, rồi chạy ./dev check để kiểm tra.")
        return 0


def skeleton(model: type[BaseModel], values: dict, schema: str, title: str) -> str:
    """The text of a new file for ``model``, with ``values`` already filled in.

    ``schema`` is the path of the file's JSON Schema relative to the new file,
    for the ``yaml-language-server`` comment.
    """
    lines = [f"# yaml-language-server: $schema={schema}", "#", *_comment_lines(title, 0), "#"]
    for entry in HELP:
        lines += _comment_lines(entry, 0, hanging="  " if entry.startswith("- ") else "")
    lines.append("")
    lines += _model_lines(model, values, 0, 0, {}, "")
    return "\n".join(lines) + "\n"


def create(path: Path, text: str) -> None:
    """Write a new file; an existing file is never replaced (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)


def check_options(command: str, options: list[tuple[str, object, object]]) -> list[str]:
    """Check command-line values against the models' types: one Vietnamese line per problem.

    ``options`` holds (option name, annotation, value); the messages are the
    validator's own, e.g. ``--ma: giá trị '1.01' không đúng dạng; ...``.
    """
    problems = Problems()
    for name, annotation, value in options:
        source = Source(path=Path(command), display=command, data=value, lines={(): 0})
        validate(source, annotation, problems, prefix=(name,))
    return [str(p) for p in problems.items]


def schema_reference(new_file: Path, schema_file: Path) -> str:
    """The schema's path as seen from the new file, with forward slashes."""
    return Path(os.path.relpath(schema_file, new_file.parent)).as_posix()


# --- rendering -------------------------------------------------------------

def _comment_lines(text: str, indent: int, hanging: str = "", margin: int = 0) -> list[str]:
    """``text`` wrapped as comment lines; ``margin`` is room kept for the "# " of enclosing blocks."""
    pad = " " * indent
    wrapped = textwrap.wrap(text, WIDTH - indent - 2 - margin, subsequent_indent=hanging, break_on_hyphens=False)
    return [f"{pad}# {line}" for line in wrapped]


def _unwrap(annotation):
    """The annotation without Optional and Annotated around it."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


# A key commented out because it is optional: "# co_quan:" (comments above keys start with a capital).
_KEY_LINE = re.compile(r"^\s*# [a-z_]+:")


def _choices(annotation) -> list[str]:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        annotation = _unwrap(typing.get_args(annotation)[0])
    return list(typing.get_args(annotation)) if typing.get_origin(annotation) is typing.Literal else []


def _scalar(value) -> str:
    """A value as YAML text that reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return str(value)
    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    # JSON strings are valid YAML double-quoted scalars.
    return value if plain else json.dumps(value, ensure_ascii=False)


def _model_lines(model: type[BaseModel], values: dict, indent: int, margin: int, seen: dict, path: str,
                 comments: bool = True) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        value = values.get(name, _UNSET)
        lines += _field_lines(name, info, value, indent, margin, seen, f"{path}.{name}".lstrip("."), comments)
    return lines


def _field_lines(name: str, info: FieldInfo, value, indent: int, margin: int, seen: dict, path: str,
                 comments: bool = True) -> list[str]:
    pad = " " * indent
    required = info.is_required()
    filled = value is not _UNSET
    switched_off = not required and not filled
    inner_margin = margin + 2 if switched_off else margin
    shape = _unwrap(info.annotation)
    is_list = typing.get_origin(shape) is list
    inner = inner_model(info.annotation)
    reused = inner is not None and inner in seen

    comment = f"{info.title} ({'bắt buộc' if required else 'không bắt buộc'}). {info.description}"
    choices = _choices(info.annotation)
    if choices:
        comment += f" Chọn: {', '.join(choices)}."
    if reused:
        comment += f" Mỗi mục có các trường như ở {seen[inner]}."

    if inner is None and not is_list:
        # An optional key shows its default, e.g. "# trang_thai: hieu-luc".
        if not filled and not required and info.default is not None:
            value = info.default
        body = [f"{pad}{name}:" + ("" if value is _UNSET else f" {_scalar(value)}")]
    elif inner is None:
        body = [f"{pad}{name}:", f"{pad}  -"]
    elif reused:
        body = [f"{pad}{name}:"]
    else:
        seen[inner] = path
        if is_list:
            # Given items are written out; only the first carries the comments.
            items = value if filled and isinstance(value, list) and value else [{}]
            body = [f"{pad}{name}:"]
            for number, values in enumerate(items):
                item = _model_lines(inner, values, indent + 4, inner_margin, seen, f"{path}[]", number == 0)
                first = next((i for i, line in enumerate(item) if not line.lstrip().startswith("#")), None)
                if first is None:
                    # Every key of the item is optional, as when one of them is needed
                    # (noi_tiep_nhan: co_quan or mo_ta): the first one carries the "- " and
                    # is written out, so that switching the list on gives an item to fill.
                    first = next(i for i, line in enumerate(item) if _KEY_LINE.match(line))
                    key = item[first].lstrip()[2:]
                    body += [line[2:] for line in item[:first]] + [f"{pad}  - {key}"] + item[first + 1:]
                    continue
                # The first key of an item carries the "- "; its comment sits just above it.
                body += [line[2:] for line in item[:first]] + [f"{pad}  - {item[first][indent + 4:]}"] + item[first + 1:]
        else:
            nested = value if filled and isinstance(value, dict) else {}
            body = [f"{pad}{name}:", *_model_lines(inner, nested, indent + 2, inner_margin, seen, path, comments)]

    if switched_off:
        body = [f"{line[:indent]}# {line[indent:]}" for line in body]
    return (_comment_lines(comment, indent, margin=margin) if comments else []) + body
