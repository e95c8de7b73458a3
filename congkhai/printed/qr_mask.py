"""The QR standard's choice of data mask, scored on whole rows instead of module by module.

A QR code's eight data masks are each applied and scored (ISO/IEC 18004:2015, 7.8.3) and the lowest
penalty wins. segno does that one module at a time in Python: four fifths of drawing a desk sheet's code,
about a quarter of a cold build at 5,000 procedures. Here each row is one integer (a mask is one XOR per
row) and the four penalty rules run over bytes with C-level searches. The rules are segno's, quirks
included, so the chosen mask and every module are the same as segno's own (tests/test_qr_mask.py compares
both over many addresses); ``drawing`` hands this scorer to segno only while our own codes are made.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from itertools import pairwise

from segno import encoder

# N1: five or more modules of one colour in a line (two patterns with a literal start: several times faster)
_RUNS = (re.compile(rb"\x00\x00\x00\x00\x00+"), re.compile(rb"\x01\x01\x01\x01\x01+"))
_FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))         # N3: dark-light-dark×3-light-dark
_BITS = bytes.maketrans(b"\x00\x01", b"01")


_END = b"\x02"                                      # after each line: no run or pattern crosses it


@lru_cache(maxsize=None)
def _masks(width: int) -> tuple[int, ...]:
    """For a symbol ``width`` wide, each mask as one integer to XOR with its lines (see ``_lines``)."""
    function = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function, width, width)
    encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1                           # the dark module is never masked
    return tuple(
        int.from_bytes(b"".join(bytes(function[i][j] > 0x1 and bool(pattern(i, j)) for j in range(width)) + b"\0"
                                for i in range(width)), "big")
        for pattern in encoder.get_data_mask_functions(False))


def _lines(rows) -> bytes:
    """A symbol's rows of 0/1 bytes, each followed by ``_END``."""
    return b"".join(bytes(row) + _END for row in rows)


def _finder_like(text: bytes, size: int) -> int:
    """N3 as segno counts it, line by line: 40 for each finder-like run at a line's end or with four light
    modules on one side (fewer where the line ends first)."""
    stride = size + 1
    score = 0
    at = text.find(_FINDER_LIKE)
    while at != -1:
        start = at - at % stride
        after = at + 7
        if at - start in (0, size - 7) or not any(text[max(at - 4, start):at]) \
                or not any(text[after:min(after + 4, start + size)]):
            score += 40
        else:
            after = at + 4
        at = text.find(_FINDER_LIKE, after)
    return score


def penalties(symbol: bytes, size: int) -> tuple[int, int, int, int]:
    """The penalties N1 to N4 of a masked symbol (segno's ``encoder.mask_scores``), from its ``_lines``."""
    stride = size + 1
    columns = b"".join(symbol[j::stride] + _END for j in range(size))
    n1 = n3 = 0
    for text in (symbol, columns):
        for colour in _RUNS:
            runs = colour.findall(text)
            n1 += sum(map(len, runs)) - 2 * len(runs)
        n3 += _finder_like(text, size)
    bits = symbol.translate(_BITS)
    rows = [int(bits[start:start + size], 2) for start in range(0, len(bits), stride)]
    pairs = (1 << (size - 1)) - 1                   # a module and its left neighbour, for every column but the first
    n2 = 3 * sum((~(above ^ (above >> 1)) & ~(below ^ (below >> 1)) & ~(above ^ below) & pairs).bit_count()
                 for above, below in pairwise(rows))
    dark = symbol.count(1)
    n4 = 10 * int(abs(float(dark) / (size ** 2) * 100 - 50) / 5)
    return n1, n2, n3, n4


def find_and_apply_best_mask(matrix, width, height, proposed_mask=None):
    """segno's ``encoder.find_and_apply_best_mask`` for QR codes (not Micro QR), same arguments and result."""
    if proposed_mask is not None or width != height or width < 21:
        return _SEGNO(matrix, width, height, proposed_mask)
    plain = int.from_bytes(_lines(matrix), "big")
    length = width * (width + 1)
    best = best_number = best_symbol = None
    for number, mask in enumerate(_masks(width)):
        symbol = (plain ^ mask).to_bytes(length, "big")
        score = sum(penalties(symbol, width))
        if best is None or score < best:
            best, best_number, best_symbol = score, number, symbol
    stride = width + 1
    return best_number, tuple(bytearray(best_symbol[start:start + width]) for start in range(0, length, stride))


_SEGNO = encoder.find_and_apply_best_mask


@contextmanager
def drawing():
    """While open, segno chooses QR masks with this module's scorer (same choice, a few times faster)."""
    encoder.find_and_apply_best_mask = find_and_apply_best_mask
    try:
        yield
    finally:
        encoder.find_and_apply_best_mask = _SEGNO
