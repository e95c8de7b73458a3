"""[[code]] in Markdown: a link named after the procedure, checked at build time."""

from __future__ import annotations

import pytest

from congkhai.problems import DataErrors
from helpers import build, problems_of, tree

POST = "content/thong-bao/thong-bao-mau.md"
PAGE = "content/trang/10-noi-dung-yeu-cau.md"


def append(project, relative: str, text: str) -> int:
    """Append a line to a Markdown file; return its line number."""
    path = project / relative
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text + "\n", encoding="utf-8")
    return before.count("\n") + 1


def test_a_code_becomes_a_link_named_after_the_procedure(tiny):
    append(tiny, POST, "\nXem [[1.001193]], thủ tục đã bãi bỏ [[1.000001]] và cách viết `[[mã]]`.")
    append(tiny, PAGE, "\nHỏi về [[2.000815]].")
    out = build(tiny)
    article = (out / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert ('<p>Xem <a href="../../thu-tuc/1.001193/">Đăng ký khai sinh</a>, thủ tục đã bãi bỏ '
            '<a href="../../thu-tuc/1.000001/">Ủy quyền đăng ký khai sinh (thủ tục cũ)</a> '
            'và cách viết <code>[[mã]]</code>.</p>') in article
    page = (out / "10-noi-dung-yeu-cau/index.html").read_text(encoding="utf-8")
    assert '<p>Hỏi về <a href="../thu-tuc/2.000815/">Chứng thực bản sao từ bản chính</a>.</p>' in page
    assert (out / "thu-tuc/1.001193/index.html").is_file() and (out / "thu-tuc/2.000815/index.html").is_file()


def test_published_links_are_absolute(tiny):
    from test_discovery import PUBLIC, publish_build

    append(tiny, POST, "\nXem [[1.001193]].")
    article = (publish_build(tiny) / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert f'<p>Xem <a href="{PUBLIC}/thu-tuc/1.001193/">Đăng ký khai sinh</a>.</p>' in article


def test_a_code_in_the_summary_shows_the_name_in_lists(tiny):
    path = tiny / POST
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Summary: Bộ phận Một cửa nghỉ Tết theo lịch của thành phố.",
        "Summary: Nộp trực tuyến [[1.001193]] trong dịp Tết."), encoding="utf-8")
    out = build(tiny)
    assert "Nộp trực tuyến Đăng ký khai sinh trong dịp Tết." in (out / "thong-bao/index.html").read_text("utf-8")
    article = (out / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Nộp trực tuyến Đăng ký khai sinh trong dịp Tết.">' in article


def test_an_unknown_code_fails_the_build_with_file_and_line(tiny, capsys):
    out = build(tiny)
    before = tree(out)
    line = append(tiny, POST, "Xem [[1.999999]] và [[1.00119]].")
    expected = [
        f"{POST}:{line}: [[1.00119]]: giá trị '1.00119' không đúng dạng; cần mã thủ tục dạng 1.001193",
        f"{POST}:{line}: [[1.999999]]: không có thủ tục mã '1.999999' trong thư mục procedures/",
    ]
    assert problems_of(tiny) == expected
    capsys.readouterr()
    with pytest.raises(DataErrors):
        build(tiny)
    assert capsys.readouterr().err.splitlines() == expected + [
        "Dữ liệu có 2 lỗi. Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên."]
    assert tree(out) == before


def test_codes_in_code_blocks_are_not_links(tiny):
    append(tiny, POST, "\n```\n[[9.999999]]\n```")
    assert problems_of(tiny) == []
    article = (build(tiny) / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert "[[9.999999]]" in article
