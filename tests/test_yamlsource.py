"""Loading YAML with line numbers, duplicate keys and friendly syntax errors."""

import unicodedata

from congkhai.problems import Problems
from congkhai.yamlsource import load_yaml


def load(tmp_path, text: str | bytes, max_bytes: int = 10_000):
    path = tmp_path / "f.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    source = load_yaml(path, "f.yaml", problems, max_bytes)
    return source, [str(p) for p in problems.sorted()]


def test_lines_of_nested_fields(tmp_path):
    source, problems = load(tmp_path, "ma: '1'\ncach_thuc:\n  - hinh_thuc: truc_tiep\n    thoi_han: x\n  - hinh_thuc: b\n")
    assert problems == []
    assert source.line(("ma",)) == 1
    assert source.line(("cach_thuc",)) == 2
    assert source.line(("cach_thuc", 0, "thoi_han")) == 4
    assert source.line(("cach_thuc", 1, "hinh_thuc")) == 5
    # A missing key is reported at its nearest parent.
    assert source.line(("cach_thuc", 1, "phi_le_phi")) == 5


def test_duplicate_key_is_reported_at_the_second_one(tmp_path):
    _, problems = load(tmp_path, "ten: A\nma: '1'\nten: B\n")
    assert problems == ["f.yaml:3: ten: trường này bị khai báo hai lần; hãy giữ một"]


def test_tab_indentation(tmp_path):
    source, problems = load(tmp_path, "a: 1\nb:\n\tc: 2\n")
    assert source is None
    assert problems == [
        "f.yaml:3: lỗi cú pháp YAML: có ký tự không được phép ở đầu giá trị "
        "(thường là phím Tab; YAML chỉ dùng dấu cách để thụt lề)"
    ]


def test_unclosed_quote(tmp_path):
    _, problems = load(tmp_path, 'a: "abc\nb: 3\n')
    assert problems == ["f.yaml:3: lỗi cú pháp YAML: tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)"]


def test_impossible_date(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb:\n  c: 2026-02-30\n")
    assert problems == ["f.yaml:3: b.c: giá trị '2026-02-30' không phải ngày có thật; cần ngày dạng YYYY-MM-DD"]


def test_not_utf8(tmp_path):
    _, problems = load(tmp_path, "a: 1\nb: Đ\n".encode("cp1258"))
    assert problems == ["f.yaml:2: tệp không phải mã UTF-8; hãy lưu lại với bảng mã UTF-8"]


def test_oversized_file(tmp_path):
    _, problems = load(tmp_path, "a: " + "x" * 3000 + "\n", max_bytes=2048)
    assert problems == ["f.yaml: tệp quá lớn (3 KB); tối đa 2 KB cho một tệp"]


def test_decomposed_text_becomes_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh")
    source, _ = load(tmp_path, f"ten: {nfd}\n")
    assert source.data["ten"] == unicodedata.normalize("NFC", "Đăng ký khai sinh")
    assert source.data["ten"] != nfd


def test_byte_order_mark_is_ignored(tmp_path):
    source, problems = load(tmp_path, "\ufefften: A\n")
    assert problems == [] and source.data == {"ten": "A"}
