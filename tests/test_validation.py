"""Every kind of editor mistake gives its exact Vietnamese message with file:line: field."""

import pytest

from helpers import edit, problems_of

P = "procedures/1.001193.yaml"
OLD = "procedures/1.000001.yaml"

# (name, file, old text, new text, expected problem lines)
CASES = [
    ("invalid YAML", P, "ten: Đăng ký khai sinh\n", "ten: Đăng ký: khai sinh: x\n",
     [f"{P}:2: lỗi cú pháp YAML: dấu hai chấm không đúng chỗ (thụt lề sai, hoặc giá trị có dấu ':' cần đặt trong dấu ngoặc kép)"]),
    ("tab indentation", P, "  tham_quyen: Ủy ban nhân dân cấp xã\n", "\ttham_quyen: Ủy ban nhân dân cấp xã\n",
     [f"{P}:10: lỗi cú pháp YAML: có ký tự không được phép ở đầu giá trị (thường là phím Tab; YAML chỉ dùng dấu cách "
      "để thụt lề)"]),
    # An unclosed quote is noticed where the file ends.
    ("unclosed quote", P, "ten: Đăng ký khai sinh\n", 'ten: "Đăng ký khai sinh\n',
     [f"{P}:66: lỗi cú pháp YAML: tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)"]),
    ("duplicate key", P, "ket_qua: Giấy khai sinh\n", "ket_qua: Giấy khai sinh\nket_qua: Bản sao\n",
     [f"{P}:38: ket_qua: trường này bị khai báo hai lần; hãy giữ một"]),
    ("value left empty", P, "ket_qua: Giấy khai sinh\n", "ket_qua:\n",
     [f"{P}:37: ket_qua: chưa điền; cần một chuỗi văn bản"]),
    ("choice left empty", P, "  - hinh_thuc: truc_tiep\n", "  - hinh_thuc:\n",
     [f"{P}:14: cach_thuc[0].hinh_thuc: chưa điền; chọn một trong: truc_tiep, truc_tuyen, buu_chinh"]),
    ("wrong type", P, "    ban_chinh: 1\n    ban_sao: 0\n    mau:", "    ban_chinh: một\n    ban_sao: 0\n    mau:",
     [f"{P}:29: thanh_phan_ho_so[0].ban_chinh: giá trị 'một' không đúng kiểu; cần một số nguyên"]),
    ("negative count", P, "    ban_sao: 0\n    ghi_chu", "    ban_sao: -1\n    ghi_chu",
     [f"{P}:34: thanh_phan_ho_so[1].ban_sao: giá trị '-1' không hợp lệ; phải >= 0"]),
    ("missing required key", P, "ket_qua: Giấy khai sinh\n", "",
     [f"{P}:1: ket_qua: thiếu trường bắt buộc"]),
    ("unknown key", P, "so_bo_ho_so: 1\n", "so_bo_ho_so: 1\nso_bo_hoso: 2\n",
     [f"{P}:37: so_bo_hoso: trường không có trong mẫu dữ liệu (có thể gõ nhầm); có phải ý bạn là 'so_bo_ho_so'?; "
      "các trường hợp lệ: ma, ten, ma_dia_phuong, ten_thuong_goi, tu_khoa, linh_vuc, cap_thuc_hien, doi_tuong, "
      "co_quan_thuc_hien, noi_tiep_nhan, dau_moi, cach_thuc, trinh_tu, thanh_phan_ho_so, so_bo_ho_so, ket_qua, can_cu_phap_ly, yeu_cau_dieu_kien, "
      "quy_trinh_noi_bo, dich_vu_cong, quyet_dinh_cong_bo, cap_nhat, trang_thai, thuong_gap, ngay_bai_bo, "
      "ma_thay_the, truong_hop, ma_cu"]),
    ("value not allowed", P, "  - hinh_thuc: truc_tuyen\n", "  - hinh_thuc: online\n",
     [f"{P}:18: cach_thuc[1].hinh_thuc: giá trị 'online' không hợp lệ; chọn một trong: truc_tiep, truc_tuyen, buu_chinh"]),
    ("unknown field reference", P, "linh_vuc: ho-tich\n", "linh_vuc: ho-tic\n",
     [f"{P}:6: linh_vuc: không có lĩnh vực 'ho-tic' trong content/data/linh-vuc.yaml; có phải ý bạn là 'ho-tich'?"]),
    ("unknown agency reference", P, "dau_moi: so-tu-phap\n", "dau_moi: so-tai-chinh\n",
     [f"{P}:12: dau_moi: không có cơ quan 'so-tai-chinh' trong content/data/co-quan.yaml"]),
    ("code not quoted", P, 'ma: "1.001193"\n', "ma: 1.001193\n",
     [f"{P}:1: ma: giá trị '1.001193' phải là chuỗi văn bản; hãy đặt trong dấu ngoặc kép, ví dụ: \"1.001193\""]),
    ("file name differs from code", P, 'ma: "1.001193"\n', 'ma: "1.001194"\n',
     [f"{P}:1: ma: mã '1.001194' khác tên tệp; tên tệp phải là '1.001194.yaml' hoặc mã phải là '1.001193'"]),
    ("impossible date", P, "cap_nhat: 2026-10-15\n", "cap_nhat: 2026-02-30\n",
     [f"{P}:57: cap_nhat: giá trị '2026-02-30' không phải ngày có thật; cần ngày dạng YYYY-MM-DD"]),
    ("date as text", P, "cap_nhat: 2026-10-15\n", "cap_nhat: 15/10/2026\n",
     [f"{P}:57: cap_nhat: giá trị '15/10/2026' không phải ngày hợp lệ; cần ngày dạng YYYY-MM-DD (ví dụ: 2026-10-15), "
      "không đặt trong dấu ngoặc kép"]),
    ("date in the future", P, "cap_nhat: 2026-10-15\n", "cap_nhat: 2027-01-05\n",
     [f"{P}:57: cap_nhat: ngày 2027-01-05 ở sau ngày xây dựng trang (2026-11-23)"]),
    ("script in text", P, "ket_qua: Giấy khai sinh\n", "ket_qua: Giấy khai sinh<script>alert(1)</script>\n",
     [f"{P}:37: ket_qua: không được chứa mã HTML hay JavaScript (thấy '<script>'); hãy viết văn bản thường hoặc Markdown"]),
    ("javascript link in Markdown", P, "  - Nhận Giấy khai sinh.\n", "  - Nhận [Giấy khai sinh](javascript:alert(1)).\n",
     [f"{P}:26: trinh_tu[2]: không được chứa mã HTML hay JavaScript (thấy 'javascript:'); hãy viết văn bản thường hoặc Markdown"]),
    ("empty list", P, "doi_tuong: [cong-dan, nguoi-nuoc-ngoai]\n", "doi_tuong: []\n",
     [f"{P}:8: doi_tuong: cần ít nhất 1 mục"]),
    ("missing form file", P, "mau: mau/to-khai-khai-sinh.docx", "mau: mau/to-khai.docx",
     [f"{P}:31: thanh_phan_ho_so[0].mau: không tìm thấy tệp mẫu 'content/mau/to-khai.docx'"]),
    ("internal process longer than the time limit", P, "    thoi_gian_gio: 1.5\n", "    thoi_gian_gio: 7.5\n",
     [f"{P}:44: quy_trinh_noi_bo: tổng thời gian các bước là 9,5 giờ, vượt thời hạn giải quyết 1 ngày làm việc (8 giờ)"]),
    ("replacement is itself", OLD, 'ma_thay_the: "1.001193"', 'ma_thay_the: "1.000001"',
     [f"{OLD}:23: ma_thay_the: thủ tục không thể thay thế chính nó"]),
    ("replacement unknown", OLD, 'ma_thay_the: "1.001193"', 'ma_thay_the: "1.009999"',
     [f"{OLD}:23: ma_thay_the: không có thủ tục mã '1.009999' trong thư mục procedures/"]),
    ("replacement on a procedure in force", P, "trang_thai: hieu-luc\n", 'trang_thai: hieu-luc\nma_thay_the: "1.000001"\n',
     [f"{P}:59: ma_thay_the: chỉ dùng khi trang_thai là bai-bo"]),
    ("case with an empty override", P, "    thanh_phan_ho_so:\n      - ten: Biên bản", "    thanh_phan_ho_so: []\n    x:\n      - ten: Biên bản",
     [f"{P}:62: truong_hop[0].thanh_phan_ho_so: cần ít nhất 1 mục",
      f"{P}:63: truong_hop[0].x: trường không có trong mẫu dữ liệu (có thể gõ nhầm); các trường hợp lệ: "
      "ten, mo_ta, yeu_cau_dieu_kien, cach_thuc, thanh_phan_ho_so"]),
    ("event names an unknown code", "content/data/su-kien.yaml", '    - ma: "2.000815"', '    - ma: "2.000816"',
     ["content/data/su-kien.yaml:7: [0].buoc[1].ma: không có thủ tục mã '2.000816' trong thư mục procedures/"]),
    ("event names an abolished code", "content/data/su-kien.yaml", '    - ma: "2.000815"', '    - ma: "1.000001"',
     ["content/data/su-kien.yaml:7: [0].buoc[1].ma: thủ tục '1.000001' đã bị bãi bỏ; hãy dùng mã thay thế '1.001193'"]),
    ("duplicate agency", "content/data/co-quan.yaml", "- slug: phuong-hoan-kiem", "- slug: so-tu-phap",
     ["content/data/co-quan.yaml:9: [1].slug: mã cơ quan 'so-tu-phap' đã được dùng ở content/data/co-quan.yaml:1"]),
    ("bad email", "content/data/co-quan.yaml", "email: sotuphap@hanoi.gov.vn", "email: sotuphap",
     ["content/data/co-quan.yaml:6: [0].email: giá trị 'sotuphap' không đúng dạng; cần địa chỉ thư điện tử "
      "(ví dụ: sotuphap@hanoi.gov.vn)"]),
    ("slug with capitals", "content/data/linh-vuc.yaml", "- slug: chung-thuc", "- slug: Chung-Thuc",
     ["content/data/linh-vuc.yaml:4: [1].slug: giá trị 'Chung-Thuc' không đúng dạng; cần mã viết thường không dấu, "
      "nối bằng dấu gạch ngang (ví dụ: ho-tich)",
      # The report and the procedure that use the old slug now point at nothing.
      "content/ket-qua/2026-10/so-tu-phap.yaml:14: ho_so[1].linh_vuc: không có lĩnh vực 'chung-thuc' trong "
      "content/data/linh-vuc.yaml",
      "procedures/2.000815.yaml:3: linh_vuc: không có lĩnh vực 'chung-thuc' trong content/data/linh-vuc.yaml"]),
    ("old code still in use", "procedures/2.000815.yaml", "cap_nhat: 2025-06-01\n",
     'cap_nhat: 2025-06-01\nma_cu: ["1.001193"]\n',
     ["procedures/2.000815.yaml:26: ma_cu[0]: mã '1.001193' vẫn là mã của một thủ tục trong thư mục procedures/; "
      "chỉ ghi mã đã thôi dùng"]),
    # Records of the national procedure database.
    ("province's long code as the code", P, 'ma: "1.001193"\n', 'ma: "1.001193.000.00.00.H26"\n',
     [f"{P}:1: ma: '1.001193.000.00.00.H26' là mã thủ tục của địa phương; trường ma ghi mã quốc gia '1.001193' "
      "(tên tệp là 1.001193.yaml), còn mã đầy đủ ghi ở trường ma_dia_phuong"]),
    ("province's long code as a replacement", OLD, 'ma_thay_the: "1.001193"', 'ma_thay_the: "1.001193.000.00.00.H26"',
     [f"{OLD}:23: ma_thay_the: '1.001193.000.00.00.H26' là mã thủ tục của địa phương; hãy ghi mã quốc gia '1.001193'"]),
    ("local code of another procedure", P, 'ten: Đăng ký khai sinh\n',
     'ten: Đăng ký khai sinh\nma_dia_phuong: "1.001194.000.00.00.H26"\n',
     [f"{P}:3: ma_dia_phuong: mã địa phương '1.001194.000.00.00.H26' không bắt đầu bằng mã thủ tục '1.001193'; "
      "có phải ý bạn là '1.001193.000.00.00.H26'?"]),
    ("local code that is the national code", P, 'ten: Đăng ký khai sinh\n', 'ten: Đăng ký khai sinh\nma_dia_phuong: "1.001193"\n',
     [f"{P}:3: ma_dia_phuong: giá trị '1.001193' không đúng dạng; cần mã thủ tục của địa phương dạng "
      "1.001193.000.00.00.H26 (mã quốc gia ghi ở trường ma)"]),
    ("level not in the contract", P, "cap_thuc_hien: [xa]\n", "cap_thuc_hien: [xa, huyen]\n",
     [f"{P}:7: cap_thuc_hien[1]: giá trị 'huyen' không hợp lệ; chọn một trong: tinh, xa, bo, khac"]),
    ("reception with neither agency nor text", P, "dau_moi: so-tu-phap\n", "dau_moi: so-tu-phap\nnoi_tiep_nhan:\n  - {}\n",
     [f"{P}:14: noi_tiep_nhan[0]: cần một trong hai trường: co_quan (mã cơ quan trong content/data/co-quan.yaml) "
      "hoặc mo_ta (nơi tiếp nhận như văn bản công bố)"]),
    ("reception with both agency and text", P, "dau_moi: so-tu-phap\n",
     "dau_moi: so-tu-phap\nnoi_tiep_nhan:\n  - co_quan: phuong-hoan-kiem\n    mo_ta: Bộ phận Một cửa\n",
     [f"{P}:14: noi_tiep_nhan[0]: chỉ ghi một trong hai trường co_quan hoặc mo_ta; hai nơi tiếp nhận thì ghi "
      "thành hai mục"]),
    ("reception at an unknown agency", P, "dau_moi: so-tu-phap\n",
     "dau_moi: so-tu-phap\nnoi_tiep_nhan:\n  - mo_ta: Đồn Biên phòng cửa khẩu cảng\n  - co_quan: phuong-hoan-kem\n",
     [f"{P}:15: noi_tiep_nhan[1].co_quan: không có cơ quan 'phuong-hoan-kem' trong content/data/co-quan.yaml; "
      "có phải ý bạn là 'phuong-hoan-kiem'?"]),
    ("phone written as words", "content/data/co-quan.yaml", 'dien_thoai: "024 3825 3536"', "dien_thoai: Không có thông tin",
     ["content/data/co-quan.yaml:5: [0].dien_thoai: giá trị 'Không có thông tin' không phải số điện thoại; "
      "không có số thì bỏ hẳn trường này, đừng ghi chữ thay cho số"]),
    ("two phones in one", "content/data/co-quan.yaml", 'dien_thoai: "024 3825 3536"', 'dien_thoai: "024 3825 3536, 024 3825 3537"',
     ["content/data/co-quan.yaml:5: [0].dien_thoai: giá trị '024 3825 3536, 024 3825 3537' không đúng dạng; cần một số "
      "điện thoại gồm 4 đến 15 chữ số, chỉ có chữ số, dấu cách và + - . ( ) (ví dụ: 024 3825 3536)"]),
    ("e-mail with hidden recipients", "content/data/co-quan.yaml", "email: sotuphap@hanoi.gov.vn",
     "email: sotuphap@hanoi.gov.vn?bcc=ai@example.com",
     ["content/data/co-quan.yaml:6: [0].email: giá trị 'sotuphap@hanoi.gov.vn?bcc=ai@example.com' không đúng dạng; "
      "cần địa chỉ thư điện tử (ví dụ: sotuphap@hanoi.gov.vn)"]),
    ("address with a user name", P, "url: https://dichvucong.hanoi.gov.vn/khai-sinh",
     "url: https://dichvucong.gov.vn@evil.example/khai-sinh",
     [f"{P}:55: dich_vu_cong.url: giá trị 'https://dichvucong.gov.vn@evil.exampl...' không đúng dạng; cần địa chỉ "
      "đầy đủ bắt đầu bằng https:// rồi tên miền (ví dụ: https://dichvucong.gov.vn/...), không có dấu cách, "
      "dấu ngoặc kép, dấu \\ hay tên đăng nhập"]),
    ("unknown code in an announcement", "content/thong-bao/thong-bao-mau.md", "vẫn được tiếp nhận.",
     "vẫn được tiếp nhận; xem [[1.001194]].",
     ["content/thong-bao/thong-bao-mau.md:6: [[1.001194]]: không có thủ tục mã '1.001194' trong thư mục procedures/"]),
]


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_each_mistake_has_its_message(tiny, name, file, old, new, expected):
    edit(tiny, file, old, new)
    assert problems_of(tiny) == expected


def test_the_tiny_project_is_valid(tiny):
    assert problems_of(tiny) == []


def test_all_problems_of_all_files_in_one_run(tiny):
    chosen = [c for c in CASES if c[0] in {
        "wrong type", "replacement unknown", "event names an unknown code", "bad email",
    }]
    for _, file, old, new, _ in chosen:
        edit(tiny, file, old, new)
    expected = sorted(line for c in chosen for line in c[4])
    assert problems_of(tiny) == expected


def test_duplicate_code_in_two_files(tiny):
    copy = (tiny / P).read_text(encoding="utf-8")
    (tiny / "procedures/1.001195.yaml").write_text(copy, encoding="utf-8")
    assert problems_of(tiny) == [
        "procedures/1.001195.yaml:1: ma: mã '1.001193' khác tên tệp; tên tệp phải là '1.001193.yaml' hoặc mã phải là '1.001195'",
        "procedures/1.001195.yaml:1: ma: mã thủ tục '1.001193' đã được dùng ở procedures/1.001193.yaml:1",
    ]


LONG_FILE_NAME = [
    "procedures/1.001193.000.00.00.H26.yaml:1: ma: tên tệp '1.001193.000.00.00.H26.yaml' là mã thủ tục của địa "
    "phương; hãy đổi tên tệp thành '1.001193.yaml' (mã quốc gia, như trường ma) và ghi mã đầy đủ ở trường "
    "ma_dia_phuong",
]


def test_file_named_by_the_province_s_long_code(tiny):
    (tiny / P).rename(tiny / "procedures/1.001193.000.00.00.H26.yaml")
    assert problems_of(tiny) == LONG_FILE_NAME


def test_the_province_s_code_beside_the_national_one_is_valid(tiny):
    edit(tiny, P, 'ten: Đăng ký khai sinh\n', 'ten: Đăng ký khai sinh\nma_dia_phuong: "1.001193.000.00.00.H26"\n')
    assert problems_of(tiny) == []


def test_yml_extension_and_missing_agency_file(tiny):
    (tiny / P).rename(tiny / "procedures/1.001193.yml")
    (tiny / "content/data/co-quan.yaml").unlink()
    problems = problems_of(tiny)
    assert "procedures/1.001193.yml: tệp phải có đuôi .yaml (không dùng .yml)" in problems
    assert "content/data/co-quan.yaml: thiếu tệp bắt buộc" in problems
