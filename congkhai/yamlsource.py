"""Safe YAML loading that remembers the line of every value.

Editors need ``file:line`` in every message, so a file is read as the parser's
stream of events (libyaml's C parser when available) and built into plain
values in one pass that records the line of each field path and catches
duplicate keys, which PyYAML would otherwise drop silently.

Reading events rather than a composed node tree lets hostile files be refused
before anything is built from them, each with one message and in a fraction
of a second: nesting deeper than ``MAX_DEPTH`` (libyaml slows down
quadratically, and its composer recurses until the process crashes), aliases
that refer to themselves, or that expand to more than ``MAX_ALIAS_NODES``
values (a "billion laughs").

Values are read as YAML 1.2's core schema reads them, as editors' tools
(yaml-language-server) do, with dates added; where a YAML 1.1 reader, like
the one the site used before, would see another number (``010`` is 8 there,
10 here) the value is refused rather than guessed.  Characters that hide or
reorder text (control, zero-width and bidirectional characters) are refused
by name.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml import events

from .problems import Problems, format_path

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The data contract nests five levels deep; anything near this is a mistake or an attack.
MAX_DEPTH = 32
# Values that aliases (*name) may add to a file beyond what is written in it.
MAX_ALIAS_NODES = 100_000
# More digits than this cannot be a count or a number of days; a long code written without quotes.
MAX_DIGITS = 18


@dataclass
class Source:
    """A loaded YAML file: its data and the line of each field path."""

    path: Path
    display: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    # Values already reported by the loader (a number written 010, a hidden
    # character): the validator does not report them a second time.
    refused: frozenset = frozenset()

    def line(self, path: tuple) -> int:
        """Line of ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class CachedSource(Source):
    """A file whose validated objects came from the build cache (congkhai.build.cache).

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


# --- characters ------------------------------------------------------------

# What the YAML reader refuses outright; found before parsing, so that the
# message can say where and in Vietnamese.
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Control characters (but tab and line feed), format characters (Unicode
# category Cf: zero-width, bidirectional and other invisible characters) and
# line and paragraph separators. tests/test_hostile_yaml.py checks this list
# against the Unicode database.
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Control characters have no name in the Unicode database; these are the ones met in copied text.
_CONTROL_NAMES = {0x00: "NULL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
                  0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def describe_character(ch: str) -> str:
    """A character editors cannot see, named: 'ký tự vô hình U+200B (ZERO WIDTH SPACE)'."""
    code = ord(ch)
    name = unicodedata.name(ch, None) or _CONTROL_NAMES.get(code)
    label = f"U+{code:04X}" + (f" ({name})" if name else "")
    if ch in _BIDI:
        return f"ký tự đổi hướng chữ {label}"
    if unicodedata.category(ch) == "Cc":
        return f"ký tự điều khiển {label}"
    return f"ký tự vô hình {label}"


def character_problem(ch: str, where: str = "") -> str:
    """The message for a character that hides or reorders text; ``where``: e.g. ' ở cột 5'."""
    effect = "làm chữ hiện ra khác với dữ liệu thật" if ch in _BIDI else "không nhìn thấy được"
    return f"có {describe_character(ch)}{where}, {effect}; hãy xóa ký tự này (thường lẫn vào khi sao chép văn bản)"


def hidden_character_problem(text: str) -> str | None:
    """The message for the first character of ``text`` that hides or reorders text, if any."""
    match = HIDDEN.search(text)
    return character_problem(match.group(0)) if match else None


def _unreadable(text: str, display: str, problems: Problems) -> bool:
    """Report characters the YAML reader refuses, with their line and column (ten lines at most)."""
    if not _UNREADABLE.search(text):
        return False
    reported = 0
    for number, line in enumerate(text.split("\n"), start=1):
        match = _UNREADABLE.search(line)
        if match and reported < 10:
            reported += 1
            problems.add(display, number, "", f"có {describe_character(match.group(0))} ở cột {match.start() + 1}, "
                                              "không được phép trong tệp YAML; hãy xóa ký tự này")
    return True


# --- scalars ---------------------------------------------------------------

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
# YAML 1.1's dates, which the contract writes unquoted (2026-10-15), as PyYAML recognises them.
_DATE = next(regexp for tag, regexp in yaml.SafeLoader.yaml_implicit_resolvers["0"]
             if tag == "tag:yaml.org,2002:timestamp")
_STR_TAGS = {None, "!", "tag:yaml.org,2002:str"}
_MAP_TAGS = {None, "tag:yaml.org,2002:map"}
_SEQ_TAGS = {None, "tag:yaml.org,2002:seq"}
_TIMESTAMPS = yaml.SafeLoader("")  # only its date constructor is used
_MERGE = object()  # the key '<<': the mapping(s) given are merged into this one
_SKIP = object()  # a key already reported: its value is not kept


def _tag_problem(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
    return f"thẻ YAML '{shown}' không được dùng (có thể chạy mã hoặc đọc khác đi); hãy bỏ thẻ này"


class _Refused(Exception):
    """A file that is not built at all: one message at one line."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _plain(value: str):
    """The value of a plain (unquoted) scalar, or a Vietnamese message when it must be written otherwise."""
    if value in _NULL:
        return None, None
    if value in _BOOL:
        return _BOOL[value], None
    if _INT.fullmatch(value):
        digits = value.lstrip("+-")
        if len(digits) > MAX_DIGITS:
            return None, f"số có {len(digits)} chữ số, quá lớn; nếu là văn bản, hãy đặt trong dấu ngoặc kép"
        if len(digits) > 1 and digits[0] == "0":
            return None, (f"số '{value}' bắt đầu bằng chữ số 0, nên mỗi công cụ YAML đọc một khác "
                          f"({int(value)}, số bát phân hay văn bản); nếu là số, hãy viết {int(value)}; "
                          f"nếu là văn bản (như số điện thoại), hãy đặt trong dấu ngoặc kép: \"{value}\"")
        return int(value), None
    if _FLOAT.fullmatch(value):
        number = float(value.replace(".", "", 1) if value.lower().lstrip("+-") in (".inf", ".nan") else value)
        if not math.isfinite(number):
            return None, f"giá trị '{value}' không phải một số hữu hạn; hãy viết một số, ví dụ 1 hoặc 0.5"
        return number, None
    if _DATE.match(value):
        try:
            return _TIMESTAMPS.construct_yaml_timestamp(yaml.ScalarNode("tag:yaml.org,2002:timestamp", value)), None
        except ValueError:
            return None, f"giá trị '{value}' không phải ngày có thật; cần ngày dạng YYYY-MM-DD"
    return unicodedata.normalize("NFC", value), None


# --- building values from events --------------------------------------------

class _Collection:
    """A mapping or sequence being built: where it is and what it holds so far."""

    __slots__ = ("path", "value", "anchor", "size", "key", "key_line", "merges")

    def __init__(self, path: tuple, value, anchor: str | None):
        self.path, self.value, self.anchor = path, value, anchor
        self.size = 1
        self.key = self.key_line = None
        self.merges: list = []


class _Builder:
    """Builds one document from parser events; records lines, duplicates and value problems."""

    def __init__(self):
        self.lines: dict[tuple, int] = {}
        self.problems: list[tuple[int, tuple, str]] = []
        self.duplicates: list[tuple[tuple, int]] = []
        self.refused: set[tuple] = set()
        self.anchors: dict[str, tuple] = {}  # name -> (value, size); None while its collection is open
        self.stack: list[_Collection] = []
        self.expanded = 0
        self.root = None
        self.done = False

    def feed(self, event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, events.ScalarEvent):
            self._value(self._scalar(event, line), 1, line, event.anchor)
        elif isinstance(event, events.AliasEvent):
            self._alias(event.anchor, line)
        elif isinstance(event, (events.MappingStartEvent, events.SequenceStartEvent)):
            self._open(event, line)
        elif isinstance(event, (events.MappingEndEvent, events.SequenceEndEvent)):
            self._close()
        elif isinstance(event, events.DocumentStartEvent) and self.done:
            raise _Refused(line, "tệp chỉ được chứa một tài liệu YAML; hãy bỏ dòng '---' ở giữa tệp")

    # Where the next value goes: its path, and whether it is a mapping key.
    def _place(self) -> tuple[tuple, bool]:
        if not self.stack:
            return (), False
        top = self.stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),), False
        if top.key is None or top.key is _SKIP:
            return top.path, top.key is None
        return top.path + ("<<" if top.key is _MERGE else top.key,), False

    def _scalar(self, event, line: int):
        path, is_key = self._place()
        if event.tag not in _STR_TAGS:
            raise _Refused(line, _tag_problem(event.tag))
        plain = event.tag is None and event.implicit[0]
        if is_key and plain and event.value == "<<":
            return _MERGE
        value, message = _plain(event.value) if plain else (unicodedata.normalize("NFC", event.value), None)
        if is_key and (message or not isinstance(value, str)):
            shown = "để trống" if value is None and not message else f"'{event.value}'"
            self.problems.append((line, path, f"tên trường phải là chữ, ví dụ ten: (ở đây tên trường {shown})"))
            return _SKIP
        if message is None and isinstance(value, str):
            message = hidden_character_problem(value)
        if message and is_key:
            # The key is kept (its value is not lost), and the validator does not call it unknown.
            self.problems.append((line, path, f"tên trường '{value}' {message}"))
            self.refused.add(path + (value,))
        elif message:
            self.problems.append((line, path, message))
            self.refused.add(path)
        return value

    def _open(self, event, line: int) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(line, f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp; hãy kiểm tra lại thụt lề và dấu ngoặc")
        is_mapping = isinstance(event, events.MappingStartEvent)
        if event.tag not in (_MAP_TAGS if is_mapping else _SEQ_TAGS):
            raise _Refused(line, _tag_problem(event.tag))
        path, _ = self._place()
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        self.lines[path] = line
        self.stack.append(_Collection(path, {} if is_mapping else [], event.anchor))

    def _close(self) -> None:
        done = self.stack.pop()
        if done.merges:
            for merged, line in done.merges:
                for key, value in merged.items():
                    if key not in done.value:
                        done.value[key] = value
                        self.lines[done.path + (key,)] = line
        if done.anchor is not None:
            self.anchors[done.anchor] = (done.value, done.size)
        self._value(done.value, done.size, self.lines[done.path], None, collection=True)

    def _alias(self, name: str, line: int) -> None:
        if name not in self.anchors:
            raise _Refused(line, f"dùng bí danh '*{name}' chưa được khai báo (cần '&{name}' ở trước)")
        target = self.anchors[name]
        if target is None:
            raise _Refused(line, f"bí danh '*{name}' nằm ngay trong giá trị mà nó trỏ tới (vòng lặp vô tận)")
        value, size = target
        self.expanded += size
        if self.expanded > MAX_ALIAS_NODES:
            raise _Refused(line, f"các bí danh (*) mở rộng thành hơn {MAX_ALIAS_NODES:,} giá trị".replace(",", ".")
                           + "; hãy viết dữ liệu ra, không lồng bí danh vào nhau")
        self._value(value, size, line, None)

    def _value(self, value, size: int, line: int, anchor: str | None, collection: bool = False) -> None:
        """Put a finished value where it belongs: in its mapping or sequence, or as the document."""
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root, self.done = value, True
            self.lines.setdefault((), line)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            if not collection:  # a collection's line was recorded where it starts
                self.lines[top.path + (len(top.value),)] = line
            top.value.append(value)
        elif top.key is None:
            self._key(top, value, line)
        else:
            self._entry(top, value)

    def _key(self, top: _Collection, key, line: int) -> None:
        if not (isinstance(key, str) or key is _MERGE or key is _SKIP):
            self.problems.append((line, top.path, "tên trường phải là chữ, không phải một danh sách hay nhóm trường"))
            key = _SKIP
        top.key, top.key_line = key, line

    def _entry(self, top: _Collection, value) -> None:
        key, line = top.key, top.key_line
        top.key = top.key_line = None
        if key is _MERGE:
            merged = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merged):
                self.problems.append((line, top.path, "giá trị của '<<' phải là bí danh (*) của một nhóm trường"))
                return
            top.merges.extend((m, line) for m in merged)
        elif key is _SKIP:
            return
        else:
            if key in top.value:
                self.duplicates.append((top.path + (key,), line))
            top.value[key] = value
            self.lines[top.path + (key,)] = line


def unreadable(error: OSError) -> str:
    """The message for a file the system refuses to read."""
    return f"không đọc được tệp ({error.strerror})"


def load_yaml(path: Path, display: str, problems: Problems, max_bytes: int, raw: bytes | None = None) -> Source | None:
    """Load one YAML file (``raw``: its bytes, when already read).

    Problems are added in Vietnamese; a file that cannot be read or built gives None.
    """
    try:
        if raw is None:
            raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, 0, "", unreadable(exc))
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
    if _unreadable(text, display, problems):
        return None
    builder = _Builder()
    loader = Loader(text)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except _Refused as refused:
        problems.add(display, refused.line, "", refused.message)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.add(display, line, "", f"lỗi cú pháp YAML: {_explain_yaml_error(exc)}")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, 0, "", f"lỗi cú pháp YAML: {exc}")
        return None
    finally:
        loader.dispose()
    for dup_path, line in builder.duplicates:
        problems.add(display, line, dup_path, "trường này bị khai báo hai lần; hãy giữ một")
    for line, value_path, message in builder.problems:
        problems.add(display, line, value_path, message)
    return Source(path=path, display=display, data=builder.root, lines=builder.lines,
                  refused=frozenset(builder.refused))


_YAML_PROBLEMS = {
    "mapping values are not allowed": "dấu hai chấm không đúng chỗ (thụt lề sai, hoặc giá trị có dấu ':' cần đặt trong dấu ngoặc kép)",
    "could not find expected ':'": "thiếu dấu hai chấm ':' sau tên trường",
    "found character": "có ký tự không được phép ở đầu giá trị (thường là phím Tab; YAML chỉ dùng dấu cách để thụt lề)",
    "did not find expected key": "thụt lề không đúng hoặc thiếu dấu gạch đầu dòng '-'",
    "did not find expected '-' indicator": "thụt lề không đúng: các mục của danh sách phải thẳng hàng",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)",
    "expected <block end>, but found '-'": "thụt lề của danh sách không đúng",
}


def _explain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    for english, vietnamese in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return f"cấu trúc không hợp lệ ({problem})"


__all__ = ["CachedSource", "Source", "load_yaml", "format_path", "hidden_character_problem", "character_problem"]
