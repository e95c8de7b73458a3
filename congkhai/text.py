"""Vietnamese text helpers: safe Markdown, collation, number and date formats."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

import markdown as _markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code", "blockquote"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_PLAIN = re.compile(r"^[^\n*_`\[\]<>&#|\\]*$")


@functools.lru_cache(maxsize=65536)
def markdown(text: str | None, inline: bool = False) -> Markup:
    """Render editor Markdown to HTML through an allow-list sanitiser.

    Raw HTML never reaches the page: the Markdown output is cleaned by nh3,
    which keeps only a few formatting tags and http(s)/mailto links.
    Short plain sentences, the common case, skip the Markdown parser.
    """
    if not text:
        return Markup("")
    text = unicodedata.normalize("NFC", text.strip())
    if _PLAIN.match(text) and not re.match(r"^\s*([-+]|\d+\.)\s", text):
        html = str(Markup.escape(text))
        return Markup(html if inline else f"<p>{html}</p>")
    html = _markdown.markdown(text, output_format="html")
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
    if inline and clean.startswith("<p>") and clean.endswith("</p>") and clean.count("<p>") == 1:
        clean = clean[3:-4]
    return Markup(clean)


# Vietnamese alphabet order: letters with breve, circumflex, horn and đ are
# letters of their own; tone marks only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SHAPE_MARKS = {"\u0306", "\u0302", "\u031b"}


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


def fold(text: str) -> str:
    """Lower-case ASCII form without diacritics ('Đăng ký' -> 'dang ky')."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
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


def month(value: str) -> str:
    """'2026-10' -> 'tháng 10/2026'."""
    year, mon = value.split("-")
    return f"tháng {int(mon)}/{year}"


def file_size(size: int) -> str:
    """A download's size as people read it: 850 byte, 12,3 KB, 1,2 MB."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return number(size / 1024, 1) + " KB"
    return number(size / (1024 * 1024), 1) + " MB"
