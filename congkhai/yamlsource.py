"""Safe YAML loading that remembers the line of every value.

Editors need ``file:line`` in every message, so a file is composed into a node
tree first (the C parser when available), then constructed with the safe
constructor, while a walk over the same nodes records the line of each field
path and catches duplicate keys, which PyYAML would otherwise drop silently.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problems, format_path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Source:
    """A loaded YAML file: its data and the line of each field path."""

    path: Path
    display: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, path: tuple) -> int:
        """Line of ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class CachedSource(Source):
    """A file whose validated objects came from the build cache (congkhai.buildcache).

    Its lines are needed only when a check across files reports a problem in
    it; they are read again then.
    """

    def __init__(self, path: Path, display: str):
        super().__init__(path=path, display=display, data=None, lines={})
        self._loaded = False

    def line(self, path: tuple) -> int:
        if not self._loaded:
            self._loaded = True
            source = load_yaml(self.path, self.display, Problems(), max_bytes=1 << 62)
            self.lines = source.lines if source else {}
        return super().line(path)


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _walk(node, path: tuple, lines: dict, duplicates: list) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = unicodedata.normalize("NFC", str(key_node.value))
            if key in seen:
                duplicates.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            _walk(value_node, path + (key,), lines, duplicates)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, duplicates)


_SCALARS = yaml.SafeLoader("")  # only its scalar constructors are used
_BUILD = {
    "tag:yaml.org,2002:str": lambda node: unicodedata.normalize("NFC", node.value),
    "tag:yaml.org,2002:int": _SCALARS.construct_yaml_int,
    "tag:yaml.org,2002:float": _SCALARS.construct_yaml_float,
    "tag:yaml.org,2002:bool": _SCALARS.construct_yaml_bool,
    "tag:yaml.org,2002:null": _SCALARS.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": _SCALARS.construct_yaml_timestamp,
}
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A document that needs PyYAML's full constructor (merge keys, other tags, recursion)."""


def _build(node, path: tuple, lines: dict, duplicates: list, bad_dates: list, depth: int = 0):
    """The value of ``node``, recording the line of every field path on the way (one pass)."""
    if depth > 100:
        raise _Unusual
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Unusual
        lines[path] = node.start_mark.line + 1
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Unusual
            key = _build(key_node, path, {}, duplicates, bad_dates, depth + 1)
            if key in out:
                duplicates.append((path + (key,), key_node.start_mark.line + 1))
            out[key] = _build(value_node, path + (key,), lines, duplicates, bad_dates, depth + 1)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Unusual
        lines[path] = node.start_mark.line + 1
        return [_build(item, path + (i,), lines, duplicates, bad_dates, depth + 1) for i, item in enumerate(node.value)]
    lines[path] = node.start_mark.line + 1
    build = _BUILD.get(node.tag)
    if build is None:
        raise _Unusual
    try:
        return build(node)
    except ValueError:
        bad_dates.append((path, node.start_mark.line + 1, node.value))
        return None


def _bad_dates(node, path: tuple = ()):
    """Scalars tagged as dates that cannot be built, with their path and line."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from _bad_dates(value_node, path + (str(key_node.value),))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _bad_dates(item, path + (index,))
    elif node.tag == "tag:yaml.org,2002:timestamp":
        try:
            yaml.SafeLoader("").construct_yaml_timestamp(node)
        except ValueError:
            yield path, node.start_mark.line + 1, node.value


def load_yaml(path: Path, display: str, problems: Problems, max_bytes: int, raw: bytes | None = None) -> Source | None:
    """Load one YAML file (``raw``: its bytes, when already read); on failure add a Vietnamese problem and return None."""
    try:
        if raw is None:
            raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, 0, "", f"không đọc được tệp ({exc.strerror})")
        return None
    if len(raw) > max_bytes:
        problems.add(
            display, 0, "",
            f"tệp quá lớn ({-(-len(raw) // 1024)} KB); tối đa {max_bytes // 1024} KB cho một tệp",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(display, line, "", "tệp không phải mã UTF-8; hãy lưu lại với bảng mã UTF-8")
        return None
    text = text.lstrip("\ufeff")
    loader = Loader(text)
    lines: dict[tuple, int] = {}
    duplicates: list = []
    try:
        node = loader.get_single_node()
        if node is None:
            data = None
        else:
            bad_dates: list = []
            try:
                data = _build(node, (), lines, duplicates, bad_dates)
            except _Unusual:
                lines.clear()
                duplicates.clear()
                data = _nfc(loader.construct_document(node))
                _walk(node, (), lines, duplicates)
            if bad_dates:
                # The parser accepted a date-shaped value that is no real date (2026-02-30).
                for path, line, value in bad_dates:
                    problems.add(display, line, path,
                                 f"giá trị '{value}' không phải ngày có thật; cần ngày dạng YYYY-MM-DD")
                return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.add(display, line, "", f"lỗi cú pháp YAML: {_explain_yaml_error(exc)}")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, 0, "", f"lỗi cú pháp YAML: {exc}")
        return None
    except ValueError:
        # The parser accepted a date-shaped value that is no real date (2026-02-30).
        for path, line, value in _bad_dates(node):
            problems.add(display, line, path, f"giá trị '{value}' không phải ngày có thật; cần ngày dạng YYYY-MM-DD")
        return None
    finally:
        loader.dispose()
    for dup_path, line in duplicates:
        problems.add(display, line, dup_path, "trường này bị khai báo hai lần; hãy giữ một")
    return Source(path=path, display=display, data=data, lines=lines)


_YAML_PROBLEMS = {
    "mapping values are not allowed": "dấu hai chấm không đúng chỗ (thụt lề sai, hoặc giá trị có dấu ':' cần đặt trong dấu ngoặc kép)",
    "could not find expected ':'": "thiếu dấu hai chấm ':' sau tên trường",
    "found character": "có ký tự không được phép ở đầu giá trị (thường là phím Tab; YAML chỉ dùng dấu cách để thụt lề)",
    "did not find expected key": "thụt lề không đúng hoặc thiếu dấu gạch đầu dòng '-'",
    "did not find expected '-' indicator": "thụt lề không đúng: các mục của danh sách phải thẳng hàng",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)",
    "found undefined alias": "dùng bí danh (*) chưa được khai báo",
    "expected <block end>, but found '-'": "thụt lề của danh sách không đúng",
}


def _explain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return f"cấu trúc không hợp lệ ({problem})"


__all__ = ["CachedSource", "Source", "load_yaml", "format_path"]
