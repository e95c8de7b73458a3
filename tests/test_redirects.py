"""Old procedure codes (ma_cu): a page at the old address leads to the new one; mistakes are reported."""

from __future__ import annotations

import re

from helpers import build, problems_of

NEW = "procedures/2.000815.yaml"


def add_old_codes(project, relative: str, *codes: str) -> int:
    """Append ``ma_cu`` to a procedure file; return the line of its first entry."""
    path = project / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "ma_cu:\n" + "".join(f'  - "{c}"\n' for c in codes), encoding="utf-8")
    return text.count("\n") + 2


def test_old_address_leads_to_the_new_page(tiny):
    add_old_codes(tiny, NEW, "1.000123")
    out = build(tiny)
    page = (out / "thu-tuc/1.000123/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../thu-tuc/2.000815/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<a href="../../thu-tuc/2.000815/">Chứng thực bản sao từ bản chính (mã 2.000815)</a>' in page
    assert "<h1>Thủ tục mã 1.000123 nay có mã 2.000815</h1>" in page
    assert "/thu-tuc/1.000123/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert (out / "thu-tuc/2.000815/index.html").is_file()


def test_old_address_is_canonical_to_the_new_one_when_published(tiny):
    from test_discovery import PUBLIC, publish_build

    add_old_codes(tiny, NEW, "1.000123")
    page = (publish_build(tiny) / "thu-tuc/1.000123/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="canonical" href="([^"]+)">', page) == [f"{PUBLIC}/thu-tuc/2.000815/"]
    assert f'<meta http-equiv="refresh" content="0; url={PUBLIC}/thu-tuc/2.000815/">' in page


def test_an_old_code_still_in_use_is_an_error(tiny):
    line = add_old_codes(tiny, NEW, "1.001193")
    assert problems_of(tiny) == [
        f"{NEW}:{line}: ma_cu[0]: mã '1.001193' vẫn là mã của một thủ tục trong thư mục procedures/; "
        "chỉ ghi mã đã thôi dùng",
    ]


def test_the_own_code_and_a_repeated_old_code_are_errors(tiny):
    first = add_old_codes(tiny, "procedures/1.001193.yaml", "1.000123")
    line = add_old_codes(tiny, NEW, "2.000815", "1.000123")
    assert problems_of(tiny) == [
        f"{NEW}:{line}: ma_cu[0]: mã cũ trùng với mã hiện tại của thủ tục",
        f"{NEW}:{line + 1}: ma_cu[1]: mã cũ '1.000123' đã được ghi ở procedures/1.001193.yaml:{first}",
    ]


def test_an_old_code_must_look_like_a_code(tiny):
    line = add_old_codes(tiny, NEW, "1.123")
    assert problems_of(tiny) == [
        f"{NEW}:{line}: ma_cu[0]: giá trị '1.123' không đúng dạng; cần mã thủ tục dạng 1.001193",
    ]


def test_the_old_code_in_an_announcement_names_the_new_one(tiny):
    add_old_codes(tiny, NEW, "1.000123")
    post = tiny / "content/thong-bao/thong-bao-mau.md"
    lines = post.read_text(encoding="utf-8").count("\n")
    post.write_text(post.read_text(encoding="utf-8") + "Xem [[1.000123]].\n", encoding="utf-8")
    assert problems_of(tiny) == [
        f"content/thong-bao/thong-bao-mau.md:{lines + 1}: [[1.000123]]: thủ tục mã '1.000123' đã đổi sang mã "
        "'2.000815'; hãy viết [[2.000815]]",
    ]
