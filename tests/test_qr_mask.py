"""The desk sheets' QR codes choose the same mask and draw the same modules as segno alone (congkhai.printed.qr_mask)."""

from __future__ import annotations

import random
import string

import pytest
import segno
from segno import encoder

from congkhai.printed import qr_mask
from congkhai.printed.qr import qr_svg


def _addresses(count: int) -> list[str]:
    """Addresses of many lengths (QR versions 2 to 13), the same every run."""
    chosen = random.Random(18)
    letters = string.ascii_lowercase + string.digits + "/-._"
    return [f"https://{''.join(chosen.choice(letters) for _ in range(chosen.randint(12, 300)))}"
            for _ in range(count)] + [f"https://thutuc.example.gov.vn/thu-tuc/1.{n:06d}/" for n in range(0, 4000, 37)]


def test_same_mask_and_modules_as_segno_for_many_addresses():
    addresses = _addresses(400)
    plain = [segno.make_qr(address, error="m") for address in addresses]
    with qr_mask.drawing():
        fast = [segno.make_qr(address, error="m") for address in addresses]
    assert encoder.find_and_apply_best_mask is qr_mask._SEGNO
    # The sample must exercise every mask and several sizes, or agreeing would prove little.
    assert {code.mask for code in plain} == set(range(8))
    assert len({code.version for code in plain}) >= 8
    different = [address for address, a, b in zip(addresses, plain, fast)
                 if (a.mask, a.version, a.matrix) != (b.mask, b.version, b.matrix)]
    assert different == []


def test_each_penalty_is_segnos_for_each_mask():
    seen = set()
    for url in _addresses(150):
        for mask in range(8):
            matrix = [bytearray(row) for row in segno.make_qr(url, error="m", mask=mask).matrix]
            size = len(matrix)
            expected = encoder.mask_scores(matrix, size, size)
            assert qr_mask.penalties(qr_mask._lines(matrix), size) == expected, (url, mask)
            seen.add(expected)
    # Every rule must have scored something somewhere, or agreeing on it would prove nothing.
    assert all(any(scores[rule] for scores in seen) for rule in range(4))


def test_segno_is_itself_again_after_drawing_even_on_error():
    with pytest.raises(ValueError), qr_mask.drawing():
        assert encoder.find_and_apply_best_mask is qr_mask.find_and_apply_best_mask
        raise ValueError
    assert encoder.find_and_apply_best_mask is qr_mask._SEGNO


def test_micro_codes_and_a_given_mask_are_left_to_segno():
    with qr_mask.drawing():
        micro = segno.make_micro("12345")
        given = segno.make_qr("https://thutuc.example.gov.vn/", error="m", mask=3)
    assert micro.matrix == segno.make_micro("12345").matrix
    assert given.mask == 3 and given.matrix == segno.make_qr("https://thutuc.example.gov.vn/", error="m", mask=3).matrix


def test_desk_sheet_code_is_segnos_code():
    url = "https://thutuc.example.gov.vn/thu-tuc/1.001234/"
    expected = segno.make_qr(url, error="m").svg_inline(border=4, omitsize=True, title="Mở thủ tục", dark="#000",
                                                         light="#fff", svgclass="qr", lineclass="qr-line")
    assert str(qr_svg(url, "Mở thủ tục")) == expected.replace("<svg ", '<svg role="img" aria-label="Mở thủ tục" ', 1)
