"""Words citizens type that the official texts do not hold, given to the search index as hidden twins.

Pagefind takes tone and vowel marks off both the query and the indexed words
and matches each query word against the start of indexed words; every word
of the query must match. What that cannot bridge is listed here, and
``twins(text)`` gives, for one indexed text, the words to index beside it
(``congkhai.search.record.searchable`` hides them in the same element, so they rank
as the text does):

- "đ" typed as "d": "Đăng" gets "dang" (Unicode keeps "đ" a letter of its own);
- "i" and "y", both correct after some consonants: "ký" gets "ki", "sĩ" gets "sy";
- short forms and everyday names: "giấy phép lái xe" gets "gplx" and "bằng lái";
- the other official verb for the same act: "Đổi …" gets "cấp", as "Cấp đổi …" says it.

Only words the text lacks are added, each once, so no word of a page counts twice.
Everyday verbs (làm, xin, cấp) and other words that say what is wanted rather
than which procedure are optional in the browser (theme/static/search.js), which
costs the index nothing; a misspelt word is forgiven there too, when a query finds
nothing (theme/static/search-fallback.js).
"""

from __future__ import annotations

import re
import unicodedata

from ..text import fold

# Official phrase -> what citizens call it. Matched on the folded text, so "Giấy phép lái xe"
# and "giay phep lai xe" both count; the twins keep their diacritics (a query typed with them
# ranks them as an exact match).
EVERYDAY_NAMES = {
    "giấy phép lái xe": ("gplx", "bằng lái"),
    "căn cước": ("cccd", "cmnd", "chứng minh nhân dân"),
    "giấy chứng nhận quyền sử dụng đất": ("sổ đỏ", "sổ hồng"),
    "thường trú": ("hộ khẩu",),
    "đăng ký kinh doanh": ("đkkd", "giấy phép kinh doanh"),
    "hộ kinh doanh": ("hkd", "giấy phép kinh doanh"),
    "trách nhiệm hữu hạn": ("tnhh",),
    "công ty cổ phần": ("ctcp",),
    "ủy ban nhân dân": ("ubnd",),
    "bảo hiểm xã hội": ("bhxh",),
    "bảo hiểm y tế": ("bhyt",),
    "bảo hiểm thất nghiệp": ("bhtn",),
    "mã số thuế": ("mst",),
    "trung học phổ thông": ("thpt", "cấp 3"),
    "trung học cơ sở": ("thcs", "cấp 2"),
    "phòng cháy chữa cháy": ("pccc",),
    "chứng chỉ hành nghề": ("cchn",),
    "giấy phép xây dựng": ("gpxd",),
    "lý lịch tư pháp": ("lltp",),
    "chứng thực": ("công chứng",),
    "xác nhận tình trạng hôn nhân": ("giấy độc thân",),
}

# The verb an official name starts with -> other words names use for the same act.
SAME_VERBS = {
    "đổi": ("cấp đổi",),
}

# Syllables spelt with either "i" or "y" after these consonants (ký/kí, lý/lí, sĩ/sỹ, quý/quí).
_I_OR_Y = re.compile(r"(h|k|l|m|s|t|qu)([iy])")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _as_pagefind_sees(word: str) -> str:
    """The word as Pagefind compares it: tone and vowel marks off, "đ" kept."""
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def _spelling_twin(word: str) -> str | None:
    """The folded other spelling of a syllable that may end in "i" or "y": 'ký' -> 'ki'."""
    match = _I_OR_Y.fullmatch(fold(word))
    if not match:
        return None
    onset, vowel = match.groups()
    return onset + ("y" if vowel == "i" else "i")


def _starts_with(folded_words: list[str], phrase: str) -> bool:
    wanted = fold(phrase).split()
    return folded_words[:len(wanted)] == wanted


def _contains(folded_words: list[str], phrase: str) -> bool:
    wanted = fold(phrase).split()
    return any(folded_words[i:i + len(wanted)] == wanted for i in range(len(folded_words) - len(wanted) + 1))


def twins(text: str) -> list[str]:
    """The words to index beside ``text`` (see the module docstring), in a fixed order.

    'Đổi giấy phép lái xe' -> ['doi', 'cấp', 'gplx', 'bằng']; 'Đăng ký khai sinh' -> ['dang', 'ki'].
    """
    words = _words(text)
    folded = [fold(word) for word in words]
    everyday = [other for verb, others in SAME_VERBS.items() if _starts_with(folded, verb) for other in others]
    everyday += [other for phrase, others in EVERYDAY_NAMES.items() if _contains(folded, phrase) for other in others]
    # A twin with marks is needed unless the text has it as written (a query typed with
    # marks ranks an exact match first); one without, unless Pagefind already sees it so.
    seen = set(words) | {_as_pagefind_sees(word) for word in words}
    added: list[str] = []

    def add(word: str | None) -> None:
        if word and word not in seen:
            seen.update((word, _as_pagefind_sees(word)))
            added.append(word)

    for word in words:
        add(fold(word))
        add(_spelling_twin(word))
    for word in (word for phrase in everyday for word in _words(phrase)):
        add(word)
        add(fold(word))
    return added
