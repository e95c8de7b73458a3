"""Hostile or careless announcements and pages: refused with file:line: field in Vietnamese, or built safely.

Either way nothing forged, no script and no redirect reaches the site, a
failed build leaves the last one untouched, and no file takes more than
seconds.
"""

import re
import time

import pytest

from congkhai.announcements import MAX_MARKUP_PER_BLOCK
from congkhai.problems import DataErrors
from helpers import build, edit, problems_of, project_with_tasks, refused_by_tasks, run_task

A = "content/thong-bao/thong-bao-mau.md"
PAGE = "content/trang/10-noi-dung-yeu-cau.md"
BODY = "Bộ phận Một cửa nghỉ Tết theo lịch của thành phố; hồ sơ nộp trực tuyến vẫn được tiếp nhận.\n"
SECONDS = 10
KEYS = "Title, Date, Modified, Slug, Summary, Status, Category, Tags, Author, Authors"
MARKUP = "không được chứa mã HTML hay JavaScript (thấy '{}'); hãy viết văn bản thường hoặc Markdown"
FORBIDDEN = ("trường không được dùng: địa chỉ, mẫu trang và ngôn ngữ của mọi trang do trang web đặt; "
             f"các trường hợp lệ: {KEYS}")


def _after_slug(line: str) -> tuple:
    return A, "Slug: lich-tiep-nhan-tet\n", f"Slug: lich-tiep-nhan-tet\n{line}\n"


def _body(text: str) -> tuple:
    return A, BODY, BODY + text


# (name, (file, old, new), expected problem lines)
CASES = [
    ("a page forged over a procedure's", _after_slug("Save_as: thu-tuc/1.001193/index.html"),
     [f"{A}:4: Save_as: {FORBIDDEN}"]),
    ("an address of its own", _after_slug("URL: thu-tuc/1.001193/"), [f"{A}:4: URL: {FORBIDDEN}"]),
    ("a template of its own", _after_slug("Template: procedure"), [f"{A}:4: Template: {FORBIDDEN}"]),
    ("a translation", _after_slug("Lang: en"), [f"{A}:4: Lang: {FORBIDDEN}"]),
    ("a misspelt key", _after_slug("Sumary: x"),
     [f"{A}:4: Sumary: trường không có trong mẫu thông báo, trang (có thể gõ nhầm); có phải ý bạn là 'Summary'?; "
      f"các trường hợp lệ: {KEYS}"]),
    ("a key twice", _after_slug("Slug: hai"), [f"{A}:4: Slug: trường này bị khai báo hai lần; hãy giữ một"]),
    ("a title on two lines", (A, "Title: Lịch tiếp nhận hồ sơ dịp Tết\n", "Title: Lịch tiếp nhận\n    hồ sơ dịp Tết\n"),
     [f"{A}:2: Title: giá trị phải viết trên một dòng"]),
    ("no title", (A, "Title: Lịch tiếp nhận hồ sơ dịp Tết\n", ""), [f"{A}:1: Title: thiếu trường bắt buộc"]),
    ("an impossible date", (A, "Date: 2026-01-20", "Date: 2026-02-30"),
     [f"{A}:2: Date: giá trị '2026-02-30' không phải ngày có thật; cần ngày dạng YYYY-MM-DD"]),
    ("a date in words", (A, "Date: 2026-01-20", "Date: 20 tháng Giêng"),
     [f"{A}:2: Date: giá trị '20 tháng Giêng' không phải ngày hợp lệ; cần ngày dạng YYYY-MM-DD (ví dụ: 2026-10-15), "
      "có thể kèm giờ dạng YYYY-MM-DD HH:MM"]),
    ("an unknown status", _after_slug("Status: nhap"),
     [f"{A}:4: Status: giá trị 'nhap' không hợp lệ; chọn một trong: published, draft"]),
    ("a slug with capitals", (A, "Slug: lich-tiep-nhan-tet", "Slug: Lich-Tet"),
     [f"{A}:3: Slug: giá trị 'Lich-Tet' không đúng dạng; cần mã viết thường không dấu, nối bằng dấu gạch ngang "
      "(ví dụ: ho-tich)"]),
    ("a page at the procedures' address", (PAGE, "Slug: 10-noi-dung-yeu-cau", "Slug: thu-tuc"),
     [f"{PAGE}:2: Slug: địa chỉ 'thu-tuc/' là của một phần trang web tự tạo; hãy chọn slug khác"]),
    ("a page at the theme's files", (PAGE, "Slug: 10-noi-dung-yeu-cau", "Slug: static"),
     [f"{PAGE}:2: Slug: địa chỉ 'static/' là của một phần trang web tự tạo; hãy chọn slug khác"]),
    ("a page at the search index", (PAGE, "Slug: 10-noi-dung-yeu-cau", "Slug: pagefind"),
     [f"{PAGE}:2: Slug: địa chỉ 'pagefind/' là của một phần trang web tự tạo; hãy chọn slug khác"]),
    ("a redirect", _body('<meta http-equiv="refresh" content="0;url=https://example.org/">\n'),
     [f"{A}:7: " + MARKUP.format('<meta http-equiv="refresh" content="0;ur')]),
    ("a script of the site's own", _body('<script src="../../mau/x.js"></script>\n'),
     [f"{A}:7: " + MARKUP.format('<script src="../../mau/x.js">')]),
    ("a javascript: link in HTML", _body('<a href="javascript:alert(1)">Xem</a>\n'),
     [f"{A}:7: " + MARKUP.format('<a href="javascript:alert(1)">')]),
    ("a javascript: reference link", _body("Xem [ở đây][x].\n\n[x]: javascript:alert(1)\n"),
     [f"{A}:9: " + MARKUP.format("javascript:")]),
    ("a data: reference link", _body("Xem [ở đây][x].\n\n[x]: data:text/html;base64,PHNjcmlwdD4=\n"),
     [f"{A}:9: " + MARKUP.format("data:")]),
    ("a script address hidden in entities", _body("Xem [ở đây](&#106;avascript&#58;alert(1)).\n"),
     [f"{A}:7: liên kết tới địa chỉ 'javascript:' không được phép; chỉ liên kết tới địa chỉ https://, http://, "
      "mailto: hoặc tới tệp trong content/"]),
    ("another scheme", _body("Xem [tệp](file:///etc/passwd).\n"),
     [f"{A}:7: liên kết tới địa chỉ 'file:' không được phép; chỉ liên kết tới địa chỉ https://, http://, "
      "mailto: hoặc tới tệp trong content/"]),
    ("an image", _body("![Sơ đồ](https://example.org/so-do.png)\n"),
     [f"{A}:7: trang không hiện ảnh; hãy đưa tệp vào content/ và viết liên kết tới tệp, "
      "ví dụ [Tờ khai]({attach}to-khai.pdf)"]),
    ("a tag across lines", _body("<iframe\nsrc=x>\n"), [f"{A}:7: " + MARKUP.format("<iframe src=x>")]),
    ("a right-to-left override in the title", (A, "Title: Lịch", "Title: \u202eLịch"),
     [f"{A}:1: Title: có ký tự đổi hướng chữ U+202E (RIGHT-TO-LEFT OVERRIDE), làm chữ hiện ra khác với dữ liệu thật; "
      "hãy xóa ký tự này (thường lẫn vào khi sao chép văn bản)"]),
    ("a zero-width space in the text", _body("Lệ phí: 50.000\u200b đồng.\n"),
     [f"{A}:7: có ký tự vô hình U+200B (ZERO WIDTH SPACE) ở cột 15, không nhìn thấy được; hãy xóa ký tự này "
      "(thường lẫn vào khi sao chép văn bản)"]),
    ("a NUL byte in the text", _body("Lệ phí\x00 50.000 đồng.\n"),
     [f"{A}:7: có ký tự điều khiển U+0000 (NULL) ở cột 7, không nhìn thấy được; hãy xóa ký tự này "
      "(thường lẫn vào khi sao chép văn bản)"]),
    ("a code in an escaped code span", _body("Xem \\`[[1.009998]]\\`.\n"),
     [f"{A}:7: [[1.009998]]: không có thủ tục mã '1.009998' trong thư mục procedures/"]),
    ("18 KB of backticks", _body("`" * 18_000 + "\n"),
     [f"{A}:6: đoạn văn có 18.000 ký tự định dạng Markdown ([ ] ! < > * _ ` & \\), quá 300 ký tự cho một đoạn; "
      "hãy chia đoạn hoặc bớt định dạng"]),
    ("25 KB of brackets", _body("[" * 25_000 + "\n"),
     [f"{A}:6: đoạn văn có 25.000 ký tự định dạng Markdown ([ ] ! < > * _ ` & \\), quá 300 ký tự cho một đoạn; "
      "hãy chia đoạn hoặc bớt định dạng"]),
    ("markup in every paragraph", _body("".join("\n" + "**a** " * 50 + "\n" for _ in range(6))),
     [f"{A}:1: tệp có 1.200 ký tự định dạng Markdown, quá 1.000 ký tự cho một thông báo hay trang; hãy bớt định dạng "
      "hoặc chia thành nhiều trang"]),
    ("a list nested 20 deep", _body("\n" + "".join("    " * i + "- a\n" for i in range(20))),
     [f"{A}:17: danh sách hoặc trích dẫn lồng nhau quá 8 cấp; hãy viết phẳng hơn"]),
    ("too many code fences", _body("\n~~~\na\n~~~\n" * 11),
     [f"{A}:1: tệp có 22 dòng mở, đóng khối mã (``` hoặc ~~~), quá 20 dòng cho một thông báo hay trang; "
      "hãy bớt khối mã"]),
    ("thousands of lines", _body("a\n\n" * 1000),
     [f"{A}:1: tệp có 2.007 dòng, quá 1.000 dòng cho một thông báo hay trang; hãy chia thành nhiều trang"]),
    ("128,000 '<a' without '>'", _body("<a" * 128_000),
     [f"{A}: tệp quá lớn (251 KB); tối đa 64 KB cho một thông báo hay trang"]),
]


# Shown in the editors' guide (tests/test_guide.py checks they are real).
GUIDE_EXAMPLES = [line for case in CASES if case[0] in {
    "a page forged over a procedure's", "an impossible date", "a page at the procedures' address",
    "a script of the site's own", "a script address hidden in entities", "18 KB of backticks"} for line in case[2]]


@pytest.mark.parametrize("name,change,expected", CASES, ids=[c[0] for c in CASES])
def test_each_hostile_announcement_is_refused_with_its_message(tiny, name, change, expected):
    edit(tiny, *change)
    started = time.perf_counter()
    assert problems_of(tiny) == expected
    assert time.perf_counter() - started < SECONDS


def test_two_announcements_with_one_slug(tiny):
    (tiny / "content/thong-bao/thong-bao-hai.md").write_text((tiny / A).read_text(encoding="utf-8"), encoding="utf-8")
    assert problems_of(tiny) == [
        f"{A}:3: Slug: slug 'lich-tiep-nhan-tet' đã được dùng ở content/thong-bao/thong-bao-hai.md:3; "
        "mỗi trang cần một slug riêng"]


def test_an_impossible_date_in_a_file_name(tiny):
    (tiny / A).rename(tiny / "content/thong-bao/2026-02-30-tet.md")
    assert problems_of(tiny) == [
        "content/thong-bao/2026-02-30-tet.md: tên tệp bắt đầu bằng '2026-02-30', không phải ngày có thật; "
        "hãy đổi tên tệp"]


def test_a_script_in_the_published_folder_is_refused(tiny):
    (tiny / "content/mau/x.js").write_text("alert(1)\n", encoding="utf-8")
    (tiny / "content/mau/trang.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    assert [p.split(": chỉ đăng")[0] for p in problems_of(tiny)] == [
        "content/mau/trang.html: tệp 'trang.html' không được xuất bản",
        "content/mau/x.js: tệp 'x.js' không được xuất bản"]


def test_an_attached_page_is_refused(tiny):
    (tiny / "content/thong-bao/trang.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    edit(tiny, *_body("[Xem]({attach}trang.html)\n"))
    assert problems_of(tiny) == [
        f"{A}:7: tệp '{{attach}}trang.html' không được xuất bản: chỉ đăng tệp .pdf, .doc, .docx, .xls, .xlsx, .odt, "
        ".ods, .rtf, .txt, .csv, .zip, .png, .jpg, .jpeg, .gif, .webp; trang web (.html), mã chạy (.js) hay ảnh SVG "
        "có thể chạy mã trên trang"]


def test_the_check_and_the_build_read_code_fences_alike(tiny):
    edit(tiny, *_body("\n~~~\n[[9.999999]]\n~~~\n\nXem \\`[[1.001193]]\\`.\n"))
    assert problems_of(tiny) == []
    article = (build(tiny) / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert "<pre><code>[[9.999999]]\n</code></pre>" in article
    assert '<p>Xem `<a href="../../thu-tuc/1.001193/">Đăng ký khai sinh</a>`.</p>' in article


def test_markup_the_check_lets_through_is_cleaned_in_the_build(tiny):
    # Python-Markdown's attribute lists put any attribute on an element; the check sees no HTML in them.
    edit(tiny, *_body('\nXem thêm.\n{: onclick="alert(1)" style="color:red" }\n\n'
                      '[Trang](https://example.org/){: onmouseover="alert(1)" }\n\n'
                      '*[HTML]: Hyper\n\nChú thích[^1].\n\n[^1]: Một.\n'))
    assert problems_of(tiny) == []
    article = (build(tiny) / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    prose = re.search(r'<div class="prose">(.*?)</div>', article, re.S).group(1)
    for dangerous in ("onclick", "onmouseover", "style=", "alert", "<abbr", "<sup"):
        assert dangerous not in prose
    assert "<p>Xem thêm.</p>" in prose and '<a href="https://example.org/">Trang</a>' in prose


def test_most_markup_a_file_may_have_is_read_in_seconds(tiny):
    # The slowest markup found for Python-Markdown, as much as the limits allow.
    block = "[a](" * (MAX_MARKUP_PER_BLOCK // 2)
    edit(tiny, *_body("".join(f"\n{block}\n" for _ in range(3))))
    assert problems_of(tiny) == []
    started = time.perf_counter()
    build(tiny)
    assert time.perf_counter() - started < 6 * SECONDS


def test_hostile_announcements_fail_check_and_build_without_traceback(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    assert run_task(project, "build").returncode == 0
    edit(project, *_after_slug("Save_as: thu-tuc/1.001193/index.html"))
    edit(project, PAGE, "Slug: 10-noi-dung-yeu-cau", "Slug: thu-tuc")
    (project / "content/thong-bao/tet.md").write_text(
        "Title: Tết\nDate: 2026-02-30\nSlug: tet\n\n" + "`" * 18_000 + "\n", encoding="utf-8")
    expected = [
        "content/thong-bao/tet.md:2: Date: giá trị '2026-02-30' không phải ngày có thật; cần ngày dạng YYYY-MM-DD",
        "content/thong-bao/tet.md:5: đoạn văn có 18.000 ký tự định dạng Markdown ([ ] ! < > * _ ` & \\), quá 300 ký tự "
        "cho một đoạn; hãy chia đoạn hoặc bớt định dạng",
        f"{A}:4: Save_as: {FORBIDDEN}",
        f"{PAGE}:2: Slug: địa chỉ 'thu-tuc/' là của một phần trang web tự tạo; hãy chọn slug khác",
    ]
    refused_by_tasks(project, expected, 6 * SECONDS)


def test_a_forged_page_never_reaches_pelican(tiny):
    edit(tiny, *_after_slug("Save_as: thu-tuc/1.001193/index.html"))
    with pytest.raises(DataErrors):
        build(tiny)
    assert not (tiny / "output").exists()


def test_drafts_and_hidden_pages_build_and_drafts_are_not_published(tiny):
    edit(tiny, *_after_slug("Status: draft"))
    edit(tiny, PAGE, "Slug: 10-noi-dung-yeu-cau\n", "Slug: 10-noi-dung-yeu-cau\nStatus: hidden\n")
    assert problems_of(tiny) == []
    output = build(tiny)
    assert not (output / "thong-bao/lich-tiep-nhan-tet").exists()
    assert "lich-tiep-nhan-tet" not in (output / "thong-bao/index.html").read_text(encoding="utf-8")
    assert (output / "10-noi-dung-yeu-cau/index.html").is_file()


def test_a_source_link_to_a_file_pelican_does_not_read_is_refused(tiny):
    # The build stopped on Pelican's "Unable to find" warning; the check passed.
    edit(tiny, *_body("Xem [dữ liệu]({filename}../data/co-quan.yaml) và "
                      "[trang]({filename}../trang/10-noi-dung-yeu-cau.md).\n"))
    assert problems_of(tiny) == [
        f"{A}:7: liên kết '{{filename}}../data/co-quan.yaml' phải trỏ tới một thông báo hay trang (tệp .md) "
        "hoặc một tệp trong content/mau/"]
    edit(tiny, A, "[dữ liệu]({filename}../data/co-quan.yaml)", "[tờ khai]({filename}../mau/to-khai-khai-sinh.docx)")
    assert problems_of(tiny) == []
    article = (build(tiny) / "thong-bao/lich-tiep-nhan-tet/index.html").read_text(encoding="utf-8")
    assert '<a href="../../mau/to-khai-khai-sinh.docx">tờ khai</a>' in article
    assert '<a href="../../10-noi-dung-yeu-cau/">trang</a>' in article
