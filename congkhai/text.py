"""Vietnamese text helpers: safe Markdown, collation, number and date formats."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

import markdown as _markdown
import nh3
from markupsafe import Markup

from . import published_text
from .month import Month

_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_PLAIN = re.compile(r"^[^\n*_`\[\]<>&\\]*$")
# Python-Markdown takes time that grows with the square of the markup in a line,
# and about a quarter of a millisecond for any line it reads (issue #17): a line
# with more than a few dozen of these characters, and every line of a text with
# more than a few hundred lines of markup, are shown as written, not parsed.
_MARKUP = re.compile(r"[*_`<&\\\[\]]")
_MARKUP_PER_LINE = 64
_MARKUP_LINES = 200
# A link as Markdown writes it, [text](address); any other bracket is escaped.
_LINK = re.compile(r"!?\[[^\[\]\n]*\]\([^()\n]*\)")
_BRACKET = re.compile(r"(?<!\\)[\[\]]")


def _inline_parser() -> _markdown.Markdown:
    """Python-Markdown for the words of one line: emphasis, links and code, no block syntax."""
    parser = _markdown.Markdown(output_format="html")
    # Lines and lists are published_text's: a line's words are never a heading,
    # a list, a quote, code or a link definition, only a paragraph.
    for name in ("empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference"):
        parser.parser.blockprocessors.deregister(name)
    return parser


_INLINE = _inline_parser()
_INLINE_TAGS = {"strong", "em", "a", "br", "code"}


def _inline(line: str, parse: bool) -> str:
    """The HTML of one line's words: Markdown emphasis, links and code, through the allow-list."""
    if not parse or _PLAIN.match(line) or len(_MARKUP.findall(line)) > _MARKUP_PER_LINE:
        return str(Markup.escape(line))
    kept = []
    start = 0
    for link in _LINK.finditer(line):
        kept += [_BRACKET.sub(r"\\\g<0>", line[start:link.start()]), link.group(0)]
        start = link.end()
    kept.append(_BRACKET.sub(r"\\\g<0>", line[start:]))
    _INLINE.reset()
    return nh3.clean(
        _INLINE.convert("".join(kept)),
        tags=_INLINE_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    ).strip()


def _line(mark: published_text.Marker | None, words: str, parse: bool, bullet: bool = False) -> str:
    """One line: its number or letter as written, then its words; ``bullet``: "-" and "+" as written too."""
    html = _inline(words, parse)
    space = " " if words else ""
    if mark is not None and mark.ordered:
        kind = "marker step-label" if mark.kind == published_text.STEP else "marker"
        # The space is inside the marker: with the list's styles, the words line up with the lines below.
        return f'<span class="{kind}">{Markup.escape(mark.text)}{space}</span>{html}'
    if mark is not None and bullet:
        return f"{Markup.escape(mark.text)}{space}{html}"
    return html


def _list(block: published_text.ListBlock, parse: bool) -> str:
    """A list whose own numbers and letters are in its items' text: the browser adds none."""
    tag, opening = ("ol", '<ol class="as-published">') if block.ordered else ("ul", "<ul>")
    items = []
    for item in block.items:
        first = _line(item.marker, item.lines[0], parse)
        if len(item.lines) == 1:
            body = first
        else:
            body = "\n".join(f"<p>{line}</p>" for line in [first, *(_inline(w, parse) for w in item.lines[1:])])
        if item.sublist:
            body += "\n" + _list(item.sublist, parse)
        items.append(f"<li>{body}</li>")
    return "\n".join([opening, *items, f"</{tag}>"])


@functools.lru_cache(maxsize=65536)
def markdown(text: str | None, inline: bool = False) -> Markup:
    """Render an editor's text to HTML, each line as published, the words as Markdown.

    Each line keeps its own line, and a line's own number or letter ("1.",
    "a)", "Bước 1:") is shown as written, never renumbered (see
    ``published_text``). Raw HTML never reaches the page: the words of each
    line are cleaned by nh3, which keeps only a few formatting tags and
    http(s)/mailto links. ``inline`` gives phrasing content only, for a
    ``<span>`` or a table cell: the lines, markers as written, joined by ``<br>``.
    """
    if not text:
        return Markup("")
    text = unicodedata.normalize("NFC", text.strip())
    if "\n" not in text and _PLAIN.match(text) and published_text.marker(text)[0] is None:
        # A short plain sentence, the common case.
        html = str(Markup.escape(text))
        return Markup(html if inline else f"<p>{html}</p>")
    lines = published_text.lines(text)
    parse = sum(1 for line in lines if not _PLAIN.match(line)) <= _MARKUP_LINES
    if inline:
        marked = [published_text.marker(line) for line in lines if line]
        return Markup("<br>\n".join(_line(mark, words, parse, bullet=True) for mark, words in marked))
    return Markup("\n".join(
        f"<p>{_inline(block.text, parse)}</p>" if isinstance(block, published_text.Paragraph) else _list(block, parse)
        for block in published_text.blocks(text)
    ))


# Vietnamese alphabet order: letters with breve, circumflex, horn and đ are
# letters of their own; tone marks only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}


@functools.lru_cache(maxsize=4096)  # a few hundred letters, met again in every name
def _split_letter(ch: str) -> tuple[str, int]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    tone = 0
    shape = ""
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _SHAPE_MARKS:
            shape += mark
    return unicodedata.normalize("NFC", base + shape), tone


@functools.lru_cache(maxsize=131072)
def sort_key(text: str) -> tuple:
    """A key that orders Vietnamese text as a Vietnamese dictionary does."""
    letters = []
    tones = []
    for ch in text:
        letter, tone = _split_letter(ch)
        letters.append((_LETTER_RANK.get(letter, 100 + ord(letter[0])), letter))
        tones.append(tone)
    return tuple(letters), tuple(tones), text


def initial(text: str) -> str:
    """The first letter as it heads a group in an A–Z list (Đ, Ă, Â stay apart)."""
    for ch in text:
        if ch.isalpha():
            letter, _ = _split_letter(ch)
            return letter.upper()
        if ch.isdigit():
            return "0–9"
    return "#"


# The combining marks of the Latin alphabets, Vietnamese's among them (U+034F, the grapheme joiner, is not one).
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


def fold(text: str) -> str:
    """Lower-case ASCII form without diacritics ('Đăng ký' -> 'dang ky')."""
    text = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text.lower()).replace("đ", "d"))
    if text.isascii():  # nearly always: one regular expression instead of a test per letter
        return text
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Below this, an int formatted as a float (``f"{n:,.0f}"``) keeps every digit.
_EXACT_FLOAT = 2**53


def number(value: float | int, decimals: int = 0) -> str:
    """Vietnamese number format: 1.234 and 97,2."""
    if decimals == 0 and type(value) is int and abs(value) < _EXACT_FLOAT:
        # Dossier counts, most of the numbers on results pages: formatting the int
        # itself is several times faster and gives the same text as the float path.
        return f"{value:,}".replace(",", ".")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def hours(value: float) -> str:
    """Working hours without a needless decimal: 8 or 1,5."""
    return number(value, 0) if float(value).is_integer() else number(value, 1)


def percent(ratio: float | None, decimals: int = 1) -> str:
    if ratio is None:
        return "–"
    return number(ratio * 100, decimals) + "%"


def date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def month(value: str | Month) -> str:
    """'2026-10' -> 'tháng 10/2026'."""
    return (value if isinstance(value, Month) else Month.parse(value)).label


def file_size(size: int) -> str:
    """A download's size as people read it: 850 byte, 12,3 KB, 1,2 MB."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return number(size / 1024, 1) + " KB"
    return number(size / (1024 * 1024), 1) + " MB"
