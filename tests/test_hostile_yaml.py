"""Hostile or careless YAML: every case refused with its Vietnamese file:line: field message, in seconds.

Numbers are read as YAML 1.2 reads them, the way editors' tools do; where a
YAML 1.1 reader would have seen another number, the value is refused. Files
built to make the loader hang or crash (deep nesting, aliases) are refused
before anything is built from them.
"""

import sys
import time
import unicodedata

import pytest

from congkhai.schema import find_markup
from congkhai.yamlsource import HIDDEN
from helpers import edit, problems_of, project_with_tasks, refused_by_tasks, run_task

P = "procedures/1.001193.yaml"
R = "content/ket-qua/2026-10/so-tu-phap.yaml"
A = "content/data/co-quan.yaml"
# Each hostile file is checked within this many seconds: generous for a slow, busy machine.
SECONDS = 10


def _laughs() -> str:
    lines = ["ghi_chu: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        lines.append(f"{level}: &{level} [{', '.join(['*' + chr(ord(level) - 1)] * 10)}]")
    return "\n".join(lines) + "\n"


# (name, file, old text, new text, expected problem lines)
CASES = [
    ("leading zero", R, "xin_loi: 1\n", "xin_loi: 010\n",
     [f"{R}:24: xin_loi: số '010' bắt đầu bằng chữ số 0, nên mỗi công cụ YAML đọc một khác (10, số bát phân "
      "hay văn bản); nếu là số, hãy viết 10; nếu là văn bản (như số điện thoại), hãy đặt trong dấu ngoặc kép: "
      "\"010\""]),
    ("hours as a clock", P, "    thoi_gian_gio: 2\n", "    thoi_gian_gio: 1:00\n",
     [f"{P}:48: quy_trinh_noi_bo[0].thoi_gian_gio: giá trị '1:00' viết dạng giờ:phút, mà các công cụ YAML đọc "
      "khác nhau; hãy viết một số, ví dụ 1 hoặc 1.5"]),
    ("infinite days", P, "    thoi_han_ngay: 1\n    phi_le_phi: Miễn lệ phí\n  - hinh_thuc: truc_tuyen",
     "    thoi_han_ngay: .inf\n    phi_le_phi: Miễn lệ phí\n  - hinh_thuc: truc_tuyen",
     [f"{P}:16: cach_thuc[0].thoi_han_ngay: giá trị '.inf' không phải một số hữu hạn; hãy viết một số, "
      "ví dụ 1 hoặc 0.5"]),
    ("not a number", P, "    thoi_gian_gio: 2\n", "    thoi_gian_gio: .nan\n",
     [f"{P}:48: quy_trinh_noi_bo[0].thoi_gian_gio: giá trị '.nan' không phải một số hữu hạn; hãy viết một số, "
      "ví dụ 1 hoặc 0.5"]),
    ("401-digit count", R, "xin_loi: 1\n", f"xin_loi: {'9' * 401}\n",
     [f"{R}:24: xin_loi: số có 401 chữ số, quá lớn; nếu là văn bản, hãy đặt trong dấu ngoặc kép"]),
    ("count too large", R, "xin_loi: 1\n", "xin_loi: 5000000000\n",
     [f"{R}:24: xin_loi: giá trị '5000000000' quá lớn; phải <= 1.000.000.000"]),
    ("days too many", P, "    thoi_han_ngay: 1\n    phi_le_phi: Miễn lệ phí\n  - hinh_thuc: truc_tuyen",
     "    thoi_han_ngay: 1e300\n    phi_le_phi: Miễn lệ phí\n  - hinh_thuc: truc_tuyen",
     [f"{P}:16: cach_thuc[0].thoi_han_ngay: giá trị '1e+300' quá lớn; phải <= 3.650"]),
    ("null key", P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 1\n~: 2\n",
     [f"{P}:37: tên trường phải là chữ, ví dụ ten: (ở đây tên trường để trống)"]),
    ("number as a key", P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 1\n2: x\n",
     [f"{P}:37: tên trường phải là chữ, ví dụ ten: (ở đây tên trường '2')"]),
    ("list as a key", P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 1\n? [a, b]\n: x\n",
     [f"{P}:37: tên trường phải là chữ, không phải một danh sách hay nhóm trường"]),
    ("NUL byte", P, "ket_qua: Giấy khai sinh\n", "ket_qua: Giấy\x00 khai sinh\n",
     [f"{P}:37: có ký tự điều khiển U+0000 (NULL) ở cột 14, không được phép trong tệp YAML; hãy xóa ký tự này"]),
    ("escaped control character", P, "ket_qua: Giấy khai sinh\n", 'ket_qua: "Giấy\\e khai sinh"\n',
     [f"{P}:37: ket_qua: có ký tự điều khiển U+001B (ESCAPE), không nhìn thấy được; hãy xóa ký tự này "
      "(thường lẫn vào khi sao chép văn bản)"]),
    ("zero-width space in a slug", A, "- slug: phuong-hoan-kiem", "- slug: phuong-hoan\u200b-kiem",
     [f"{A}:9: [1].slug: có ký tự vô hình U+200B (ZERO WIDTH SPACE), không nhìn thấy được; hãy xóa ký tự này "
      "(thường lẫn vào khi sao chép văn bản)"]),
    ("right-to-left override in a fee", P, "    phi_le_phi: Miễn lệ phí\n    mo_ta",
     "    phi_le_phi: \u202e000.05 đồng\n    mo_ta",
     [f"{P}:21: cach_thuc[1].phi_le_phi: có ký tự đổi hướng chữ U+202E (RIGHT-TO-LEFT OVERRIDE), làm chữ hiện ra "
      "khác với dữ liệu thật; hãy xóa ký tự này (thường lẫn vào khi sao chép văn bản)"]),
    ("zero-width joiner in a key", P, "ket_qua: Giấy khai sinh\n", "ket_qua\u200d: Giấy khai sinh\n",
     [f"{P}:1: ket_qua: thiếu trường bắt buộc",
      f"{P}:37: tên trường 'ket_qua\u200d' có ký tự vô hình U+200D (ZERO WIDTH JOINER), không nhìn thấy được; "
      "hãy xóa ký tự này (thường lẫn vào khi sao chép văn bản)"]),
    ("a tag that builds objects", P, "ket_qua: Giấy khai sinh\n", "ket_qua: !!python/object/apply:os.system [id]\n",
     [f"{P}:37: thẻ YAML '!!python/object/apply:os.system' không được dùng (có thể chạy mã hoặc đọc khác đi); "
      "hãy bỏ thẻ này"]),
    ("two documents", P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 1\n---\nx: 1\n",
     [f"{P}:37: tệp chỉ được chứa một tài liệu YAML; hãy bỏ dòng '---' ở giữa tệp"]),
    ("recursive alias", P, "tu_khoa: [làm giấy khai sinh, khai sinh cho con]\n", "tu_khoa: &k [a, *k]\n",
     [f"{P}:5: bí danh '*k' nằm ngay trong giá trị mà nó trỏ tới (vòng lặp vô tận)"]),
    ("undefined alias", P, "tu_khoa: [làm giấy khai sinh, khai sinh cho con]\n", "tu_khoa: *k\n",
     [f"{P}:5: dùng bí danh '*k' chưa được khai báo (cần '&k' ở trước)"]),
    ("billion laughs", R, "ghi_chu: Tháng có **một** ngày nghỉ lễ.\n", _laughs(),
     [f"{R}:39: các bí danh (*) mở rộng thành hơn 100.000 giá trị; hãy viết dữ liệu ra, không lồng bí danh vào nhau"]),
    ("1,000 nested lists", P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 1\nx: " + "[" * 1000 + "]" * 1000 + "\n",
     [f"{P}:37: dữ liệu lồng nhau quá 32 cấp; hãy kiểm tra lại thụt lề và dấu ngoặc"]),
    ("25 KB of '[' in a step", P, "  - Nhận Giấy khai sinh.\n", f"  - Nộp {'[' * 25_000}\n",
     [f"{P}:26: trinh_tu[2]: văn bản dài 25.004 ký tự, quá giới hạn 20.000 ký tự của một trường; hãy rút gọn, "
      "hoặc chia thành nhiều mục"]),
    ("128,000 '<a' without '>'", P, "ket_qua: Giấy khai sinh\n", f"ket_qua: {'<a' * 128_000}\n",
     [f"{P}:37: ket_qua: văn bản dài 256.000 ký tự, quá giới hạn 20.000 ký tự của một trường; hãy rút gọn, "
      "hoặc chia thành nhiều mục"]),
    ("text too long", P, "ket_qua: Giấy khai sinh\n", f"ket_qua: {'Giấy khai sinh. ' * 2000}\n",
     [f"{P}:37: ket_qua: văn bản dài 31.999 ký tự, quá giới hạn 20.000 ký tự của một trường; hãy rút gọn, "
      "hoặc chia thành nhiều mục"]),
]


# Shown in the editors' guide (tests/test_guide.py checks they are real).
GUIDE_EXAMPLES = [line for case in CASES if case[0] in {
    "leading zero", "hours as a clock", "infinite days", "count too large", "null key", "NUL byte",
    "zero-width space in a slug", "right-to-left override in a fee", "a tag that builds objects", "billion laughs",
    "1,000 nested lists", "text too long"} for line in case[4]]


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_each_hostile_value_is_refused_with_its_message(tiny, name, file, old, new, expected):
    edit(tiny, file, old, new)
    started = time.perf_counter()
    assert problems_of(tiny) == expected
    assert time.perf_counter() - started < SECONDS


def test_merge_keys_with_overrides_are_read_as_yaml_defines_them(tiny):
    edit(tiny, P, "cach_thuc:\n  - hinh_thuc: truc_tiep\n    thoi_han: Ngay trong ngày tiếp nhận hồ sơ\n"
                  "    thoi_han_ngay: 1\n    phi_le_phi: Miễn lệ phí\n  - hinh_thuc: truc_tuyen\n"
                  "    thoi_han: Ngay trong ngày tiếp nhận hồ sơ\n    thoi_han_ngay: 1\n    phi_le_phi: Miễn lệ phí\n",
         "cach_thuc:\n  - &truc_tiep\n    hinh_thuc: truc_tiep\n    thoi_han: Ngay trong ngày tiếp nhận hồ sơ\n"
         "    thoi_han_ngay: 1\n    phi_le_phi: Miễn lệ phí\n  - <<: *truc_tiep\n    hinh_thuc: truc_tuyen\n")
    assert problems_of(tiny) == []
    # An unknown key inside the merged mapping is reported where it is merged.
    edit(tiny, P, "    phi_le_phi: Miễn lệ phí\n  - <<:", "    phi_le_phi: Miễn lệ phí\n    phi: 1\n  - <<:")
    problems = problems_of(tiny)
    assert [p.split(": trường không có")[0] for p in problems] == [
        f"{P}:19: cach_thuc[0].phi", f"{P}:20: cach_thuc[1].phi"]


def test_sexagesimal_text_stays_text(tiny):
    # YAML 1.1 read 8:00 as 480; opening hours are text.
    edit(tiny, A, '  gio_lam_viec: "Thứ Hai đến Thứ Sáu: 8:00–17:00"', "  gio_lam_viec: 8:00")
    assert problems_of(tiny) == []


def test_hidden_characters_are_every_control_and_format_character():
    wanted = {chr(c) for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and chr(c) not in "\t\n"}
    found = {chr(c) for c in range(sys.maxunicode + 1) if HIDDEN.match(chr(c))}
    assert wanted <= found
    # The rest are format characters of a later Unicode version than this Python's.
    assert {unicodedata.category(ch) for ch in found - wanted} <= {"Cn"}


@pytest.mark.parametrize("text,found", [
    ("<a" * 128_000, None),
    ("<a" * 128_000 + ">", "<a" * 20),
    ("[" * 100_000 + "](" + " " * 100_000, None),
    ("< " + " " * 200_000 + "x", None),
    ("[x]: DATA:text/html,<b>", "DATA:"),
    ("[x] ( data:text/html,x)", "data:"),
    ("Nộp tại VBScript :x", "VBScript :"),
    ("Xem <b>đây</b> và javascript:", "<b>"),
])
def test_markup_is_found_in_linear_time(text, found):
    started = time.perf_counter()
    result = find_markup(text)
    assert (result[:40] if result else None) == found
    assert time.perf_counter() - started < SECONDS


def test_hostile_files_fail_check_and_build_without_traceback_leaving_the_site_untouched(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    assert run_task(project, "build").returncode == 0
    # 100,000 nested brackets crashed the C parser's composer; a billion laughs hung it.
    (project / "procedures/1.000002.yaml").write_text("ma: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    edit(project, R, "ghi_chu: Tháng có **một** ngày nghỉ lễ.\n", _laughs())
    edit(project, P, "ket_qua: Giấy khai sinh\n", "ket_qua: Giấy\x00 khai sinh\n")
    expected = [
        f"{R}:39: các bí danh (*) mở rộng thành hơn 100.000 giá trị; hãy viết dữ liệu ra, không lồng bí danh vào nhau",
        "procedures/1.000002.yaml:1: dữ liệu lồng nhau quá 32 cấp; hãy kiểm tra lại thụt lề và dấu ngoặc",
        f"{P}:37: có ký tự điều khiển U+0000 (NULL) ở cột 14, không được phép trong tệp YAML; hãy xóa ký tự này",
    ]
    refused_by_tasks(project, expected, 6 * SECONDS)


def test_files_the_loader_would_leave_out_are_named(tiny):
    (tiny / P).rename(tiny / "procedures/1.001193.YAML")
    (tiny / "procedures/cu").mkdir()
    (tiny / "procedures/cu/1.000002.yaml").write_text('ma: "1.000002"\n', encoding="utf-8")
    (tiny / "content/ket-qua/2026-10/nhap").mkdir()
    (tiny / "content/data/co-quan-moi.yaml").write_text("- slug: x\n", encoding="utf-8")
    problems = problems_of(tiny)
    assert [p for p in problems if "1.001193" not in p or "YAML" in p] == [
        "content/data/co-quan-moi.yaml: tệp không được đọc; thư mục content/data/ chỉ có các tệp co-quan.yaml, "
        "linh-vuc.yaml, su-kien.yaml",
        "content/ket-qua/2026-10/nhap: thư mục con không được đọc; hãy chuyển các tệp trong đó ra thẳng "
        "content/ket-qua/2026-10/",
        "procedures/1.001193.YAML: tệp phải có đuôi .yaml (không dùng .YAML)",
        "procedures/cu: thư mục con không được đọc; hãy chuyển các tệp trong đó ra thẳng procedures/",
    ]
