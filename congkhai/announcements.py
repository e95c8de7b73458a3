"""Announcements and pages, the Markdown Pelican reads, inside the data contract.

Editors write announcements (``content/thong-bao``) and pages
(``content/trang``) in Markdown, with a few metadata lines on top. Pelican
takes any metadata (``Save_as``, ``URL`` or ``Template`` would forge or
replace a page of the site) and any HTML; here both are checked like the data,
each problem as ``file:line: field: message``:

- metadata: only the keys of ``KEYS``, on one line each, dates that exist, a
  slug of the contract's form, used once, and not an address the site uses;
- text: no HTML, no script or ``data:`` address, links only to the web, to
  e-mail or to files of the site, no hidden characters, and no more markup
  than Python-Markdown reads in a moment (its time grows with the square of
  the markup in a paragraph, or faster);
- ``[[code]]`` links (congkhai.codelinks), once the procedures are known.

``check_contents`` runs before Pelican reads anything, so that a build never
reaches Pelican with such a file, and again in ``check``; ``sanitize`` then
passes what Pelican made of each file through an allow-list, as the data's
text is.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import nh3
from pelican.contents import Article, Page

from . import urls
from .codelinks import check_codes
from .config import Config
from .confine import MARKDOWN_SUFFIXES, confined, link_target, regular_files
from .crossref import FORM_SUFFIXES
from .loader import RawData
from .messages import pattern_hint
from .problems import Problems
from .schema import MARKUP_MESSAGE, SLUG_PATTERN, find_markup
from .search.index import BUNDLE_DIR
from .text import number
from .yamlsource import HIDDEN, character_problem, hidden_character_problem

# The metadata editors may write, as the guide spells them; Pelican reads keys in any case.
KEYS = {key.lower(): key for key in ("Title", "Date", "Modified", "Slug", "Summary", "Status", "Category", "Tags",
                                     "Author", "Authors")}
# Keys Pelican would obey that let a file choose its own address or template.
_FORBIDDEN = {"save_as", "url", "template", "lang", "translation", "private"}
_STATUSES = {"article": ("published", "draft"), "page": ("published", "hidden", "draft")}
_REQUIRED = {"article": ("title", "date"), "page": ("title",)}
# Keys a file may give on several lines (Pelican joins them; the others would become lists).
_MULTILINE = {"summary"}
_SLUG = re.compile(SLUG_PATTERN)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")
# Pelican takes an announcement's date from the start of its file name too (FILENAME_METADATA).
_FILE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# Python-Markdown's metadata header (markdown.extensions.meta), line by line.
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_META_BEGIN = re.compile(r"^-{3}(\s.*)?")
_META_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")

# A link's target in Markdown: [text](target), ![image](target), [name]: target.
_TARGET = re.compile(r"(!?)\[[^\[\]\n]*\]\(\s*<?([^\s)>]*)|^\s{0,3}\[[^\[\]\n]+\]:\s*<?(\S*)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SCHEMES = {"http", "https", "mailto"}
# Files published as they are (content/mau, {attach}, {static}): documents and pictures. A page,
# script or SVG served from the site's own address could run code there.
PUBLISHED_SUFFIXES = (*FORM_SUFFIXES, ".rtf", ".txt", ".csv", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".webp")
# Pelican's own links: {attach} and {static} copy a file; {filename} links to a source it reads.
_PELICAN_LINK = re.compile(r"[{|](attach|static|filename)[|}](.*)")

# How much a file may ask of Python-Markdown, measured: at these limits the
# slowest file of pathological markup takes well under a second.
MAX_BYTES = 64 * 1024
_MARKUP = re.compile(r"[\[\]!<>*_`&\\]")
MAX_MARKUP_PER_BLOCK = 300
MAX_MARKUP = 1000
# Python-Markdown spends a fraction of a millisecond on each line, and reads a block of
# lines again after each heading, rule or list item in it.
MAX_LINES = 1000
_FENCE = re.compile(r"^\s*(?:~~~|```)")
MAX_FENCES = 20
_NESTING = re.compile(r"^((?:[ ]{4}|\t|>\s?)+)")
MAX_NESTING = 8

# What the pages may show of an announcement: the data's formatting, headings and code blocks.
ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code", "blockquote", "h2", "h3", "h4", "pre", "hr"}


@dataclass
class Content:
    """One announcement or page as written: where it is, its metadata and the line of each key."""

    path: Path
    display: str
    kind: str  # "article" or "page"
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # each key as the file spells it
    body: int = 1  # the line the text starts on, after the metadata
    parsable: bool = True  # within the markup Python-Markdown reads in a moment

    def add(self, problems: Problems, key: str | None, message: str, line: int | None = None) -> None:
        where = line if line is not None else self.lines.get(key, 1) if key else 1
        problems.add(self.display, where, self.written.get(key, KEYS.get(key, "")) if key else "", message)


def markdown_files(config: Config) -> list[tuple[Path, str]]:
    """The Markdown files Pelican reads, each with its kind: pages first, then announcements."""
    found: dict[Path, str] = {}
    for kind, folders in (("page", config.page_paths), ("article", config.article_paths)):
        for folder in folders:
            for path in regular_files(config.content / folder):
                if path.suffix in MARKDOWN_SUFFIXES:
                    found.setdefault(path, kind)
    return sorted(found.items())


def check_contents(config: Config, problems: Problems, raw: RawData | None = None) -> None:
    """Check every announcement and page; with ``raw`` (the procedures), their ``[[code]]`` links too."""
    contents = []
    files = markdown_files(config)
    sources = {path for path, _ in files}
    for path, kind in files:
        content = _read(config, path, kind, problems)
        if content is None:
            continue
        _check_metadata(content, problems)
        _check_text(config, content, sources, problems)
        contents.append(content)
        if raw is not None and content.parsable:
            check_codes(content.display, content.text, config.markdown, raw, problems)
    _check_addresses(config, contents, problems)
    check_published_files(config, problems)


def _read(config: Config, path: Path, kind: str, problems: Problems) -> Content | None:
    display = config.display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(display, 0, "", f"không đọc được tệp ({exc.strerror})")
        return None
    if len(raw) > MAX_BYTES:
        problems.add(display, 0, "", f"tệp quá lớn ({-(-len(raw) // 1024)} KB); tối đa {MAX_BYTES // 1024} KB "
                                     "cho một thông báo hay trang")
        return None
    try:
        text = raw.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        problems.add(display, raw[: exc.start].count(b"\n") + 1, "",
                     "tệp không phải mã UTF-8; hãy lưu lại với bảng mã UTF-8")
        return None
    content = Content(path, display, kind, text)
    _read_metadata(content, problems)
    return content


def _read_metadata(content: Content, problems: Problems) -> None:
    """The metadata header as Python-Markdown's meta extension reads it, with the line of each key."""
    lines = content.text.split("\n")
    start = 1 if lines and _META_BEGIN.match(lines[0]) else 0
    key = None
    for number, line in enumerate(lines[start:], start=start + 1):
        content.body = number
        line = line.expandtabs(4)
        meta = _META.match(line)
        if not line.strip() or _META_END.match(line):
            return
        if meta:
            key = meta.group("key").lower()
            if key in content.metadata:
                problems.add(content.display, number, meta.group("key"), "trường này bị khai báo hai lần; hãy giữ một")
                continue
            content.metadata[key] = meta.group("value").strip()
            content.lines[key], content.written[key] = number, meta.group("key")
        elif key and _META_MORE.match(line):
            if key in _MULTILINE:
                content.metadata[key] += "\n" + line.strip()
            else:
                content.add(problems, key, "giá trị phải viết trên một dòng", number)
        else:
            return
    content.body = len(lines) + 1


def _check_metadata(content: Content, problems: Problems) -> None:
    for key, value in content.metadata.items():
        if key not in KEYS:
            content.add(problems, key, _unknown_key(key))
            continue
        message = hidden_character_problem(value) or _value_problem(content.kind, key, value)
        if message:
            content.add(problems, key, message)
    for key in _REQUIRED[content.kind]:
        if not content.metadata.get(key):
            missing = key not in content.metadata
            content.add(problems, key, "thiếu trường bắt buộc" if missing else "không được để trống")
    file_date = _FILE_DATE.match(content.path.stem)
    if file_date and _date_problem(file_date.group(0)):
        problems.add(content.display, 0, "",
                     f"tên tệp bắt đầu bằng '{file_date.group(0)}', không phải ngày có thật; hãy đổi tên tệp")


def _unknown_key(key: str) -> str:
    allowed = ", ".join(KEYS.values())
    if key in _FORBIDDEN:
        return (f"trường không được dùng: địa chỉ, mẫu trang và ngôn ngữ của mọi trang do trang web đặt; "
                f"các trường hợp lệ: {allowed}")
    close = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
    hint = f"; có phải ý bạn là '{KEYS[close[0]]}'?" if close else ""
    return f"trường không có trong mẫu thông báo, trang (có thể gõ nhầm){hint}; các trường hợp lệ: {allowed}"


def _value_problem(kind: str, key: str, value: str) -> str | None:
    if key in ("date", "modified"):
        return _date_problem(value)
    if key == "slug" and not _SLUG.match(value):
        return f"giá trị '{value}' không đúng dạng; cần {pattern_hint(SLUG_PATTERN)}"
    if key == "status" and value not in _STATUSES[kind]:
        return f"giá trị '{value}' không hợp lệ; chọn một trong: {', '.join(_STATUSES[kind])}"
    found = find_markup(value)
    return MARKUP_MESSAGE.format(found=found[:40]) if found else None


def _date_problem(value: str) -> str | None:
    match = _DATE.fullmatch(value)
    if match is None:
        return (f"giá trị '{value}' không phải ngày hợp lệ; cần ngày dạng YYYY-MM-DD (ví dụ: 2026-10-15), "
                "có thể kèm giờ dạng YYYY-MM-DD HH:MM")
    try:
        dt.datetime(*(int(part) for part in match.groups() if part is not None))
    except ValueError:
        return f"giá trị '{value}' không phải ngày có thật; cần ngày dạng YYYY-MM-DD"
    return None


def _check_text(config: Config, content: Content, sources: set[Path], problems: Problems) -> None:
    """The amount of markup in the file; then, after the metadata, hidden characters, HTML and addresses."""
    lines = content.text.split("\n")
    _check_size(content, lines, problems)
    body = lines[content.body - 1:]
    markup = False
    for number, line in enumerate(body, start=content.body):
        hidden = HIDDEN.search(line)
        if hidden:
            content.add(problems, None, character_problem(hidden.group(0), f" ở cột {hidden.start() + 1}"), number)
        found = find_markup(line)
        markup = markup or bool(found)
        message = MARKUP_MESSAGE.format(found=found[:40]) if found else (
            content.parsable and _link_problem(config, content, sources, line))
        if message:
            content.add(problems, None, message, number)
    text = "\n".join(body)
    found = None if markup else find_markup(text)
    if found:
        content.add(problems, None, MARKUP_MESSAGE.format(found=found[:40].replace("\n", " ")),
                    content.body + text.count("\n", 0, text.find(found)))


def _link_problem(config: Config, content: Content, sources: set[Path], line: str) -> str | None:
    """What is wrong with the first link on a line that leads somewhere pages must not.

    ``sources``: the Markdown files Pelican reads, which ``{filename}`` may name.
    """
    for match in _TARGET.finditer(line):
        image, inline, reference = match.groups()
        if image:
            return ("trang không hiện ảnh; hãy đưa tệp vào content/ và viết liên kết tới tệp, "
                    "ví dụ [Tờ khai]({attach}to-khai.pdf)")
        target = re.sub(r"[\s\x00-\x1f]", "", html.unescape(inline if inline is not None else reference))
        pelican = _PELICAN_LINK.match(target)
        if pelican:
            what, name = pelican.groups()
            path = link_target(config, content.path, name)
            if not confined(path, config.content):
                continue  # a file outside content/ is confine.check_links's to report
            if what != "filename" and not _published(name):
                return _unpublishable(target)
            static = any(path.is_relative_to(config.content / folder) for folder in config.static_paths)
            if what == "filename" and path not in sources and not static:
                return (f"liên kết '{target[:60]}' phải trỏ tới một thông báo hay trang (tệp .md) hoặc một tệp "
                        f"trong {', '.join(f'content/{folder}/' for folder in config.static_paths)}")
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in _SCHEMES:
            return (f"liên kết tới địa chỉ '{scheme.group(0)}' không được phép; chỉ liên kết tới địa chỉ https://, "
                    "http://, mailto: hoặc tới tệp trong content/")
    return None


def _published(name: str) -> bool:
    return name.split("?")[0].split("#")[0].lower().endswith(PUBLISHED_SUFFIXES)


def _unpublishable(name: str) -> str:
    return (f"tệp '{name[:60]}' không được xuất bản: chỉ đăng tệp {', '.join(PUBLISHED_SUFFIXES)}; "
            "trang web (.html), mã chạy (.js) hay ảnh SVG có thể chạy mã trên trang")


def check_published_files(config: Config, problems: Problems) -> None:
    """The files of the folders Pelican copies as they are (STATIC_PATHS) are documents or pictures."""
    for folder in config.static_paths:
        for path in regular_files(config.content / folder):
            if not _published(path.name) and not path.name.startswith("."):
                problems.add(config.display(path), 0, "", _unpublishable(path.name))


def _check_size(content: Content, lines: list[str], problems: Problems) -> None:
    """Refuse more markup than Python-Markdown reads in a moment (see MAX_MARKUP and the others)."""
    total = fences = block = 0
    block_start, deep, crowded = 1, False, False
    for line_number, line in enumerate([*lines, ""], start=1):
        nesting = _NESTING.match(line)
        if nesting and len(re.findall(r"[ ]{4}|\t|>", nesting.group(1))) > MAX_NESTING and not deep:
            content.add(problems, None, f"danh sách hoặc trích dẫn lồng nhau quá {MAX_NESTING} cấp; "
                                        "hãy viết phẳng hơn", line_number)
            content.parsable, deep = False, True
        fences += bool(_FENCE.match(line))
        if line.strip():
            block += len(_MARKUP.findall(line))
            continue
        if block > MAX_MARKUP_PER_BLOCK:
            content.add(problems, None,
                        f"đoạn văn có {number(block)} ký tự định dạng Markdown ([ ] ! < > * _ ` & \\), quá "
                        f"{number(MAX_MARKUP_PER_BLOCK)} ký tự cho một đoạn; hãy chia đoạn hoặc bớt định dạng",
                        block_start)
            content.parsable, crowded = False, True
        total += block
        block_start, block = line_number + 1, 0
    if total > MAX_MARKUP and not crowded:
        content.add(problems, None, f"tệp có {number(total)} ký tự định dạng Markdown, quá {number(MAX_MARKUP)} "
                                    "ký tự cho một thông báo hay trang; hãy bớt định dạng hoặc chia thành nhiều trang")
        content.parsable = False
    if fences > MAX_FENCES:
        content.add(problems, None, f"tệp có {number(fences)} dòng mở, đóng khối mã (``` hoặc ~~~), quá "
                                    f"{number(MAX_FENCES)} dòng cho một thông báo hay trang; hãy bớt khối mã")
        content.parsable = False
    if len(lines) > MAX_LINES:
        content.add(problems, None, f"tệp có {number(len(lines))} dòng, quá {number(MAX_LINES)} dòng cho một "
                                    "thông báo hay trang; hãy chia thành nhiều trang")
        content.parsable = False


def _check_addresses(config: Config, contents: list[Content], problems: Problems) -> None:
    """Each slug used once per kind; a page's never the name of a folder or file the site writes."""
    taken = urls.top_names() | {config.theme_static_dir, BUNDLE_DIR, *config.static_paths, *config.article_paths}
    first: dict[tuple[str, str], Content] = {}
    for content in contents:
        slug = content.metadata.get("slug") or content.path.stem
        if not _SLUG.match(slug):
            if "slug" not in content.metadata:
                content.add(problems, None, f"tên tệp '{content.path.name}' không dùng làm địa chỉ được; hãy thêm "
                                            f"dòng Slug: với {pattern_hint(SLUG_PATTERN)}")
            continue
        if content.kind == "page" and slug in taken:
            content.add(problems, "slug", f"địa chỉ '{slug}/' là của một phần trang web tự tạo; hãy chọn slug khác")
        earlier = first.setdefault((content.kind, slug), content)
        if earlier is not content:
            where = f"{earlier.display}:{earlier.lines.get('slug', 1)}"
            content.add(problems, "slug", f"slug '{slug}' đã được dùng ở {where}; mỗi trang cần một slug riêng")


def sanitize(content) -> None:
    """Pass what Pelican made of an announcement or page through the allow-list (``content_object_init``).

    Links keep Pelican's ``{filename}``/``{attach}``/``{static}`` forms, which
    Pelican resolves later; scripts, styles, forms, frames, images, inline
    handlers and addresses other than http(s) and mailto are dropped.
    """
    if not isinstance(content, (Article, Page)):
        return  # static files: copied, never shown as HTML of the site
    content._content = _clean(content._content)
    if "summary" in content.metadata:
        content.metadata["summary"] = _clean(content.metadata["summary"])
        if hasattr(content, "_summary"):
            content._summary = content.metadata["summary"]


def drop_drafts(generator) -> None:
    """Drafts are never published (DRAFT_SAVE_AS is empty): forget them once read (``article_generator_finalized``).

    Pelican would still hand each draft's category to the writer, and the site
    gives announcements none (there are no category pages): a draft stopped the build.
    """
    generator.drafts = []
    generator.drafts_translations = []


def _clean(value: str | None) -> str | None:
    if not value:
        return value
    return nh3.clean(value, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, url_schemes=_SCHEMES,
                     link_rel=None)
