"""``invoke new-procedure``: a commented skeleton that the check explains and that is valid once filled."""

from __future__ import annotations

import re

import pytest
import yaml

from congkhai import scaffold, schema
from congkhai.problems import Problems
from congkhai.validate import inner_model, validate
from congkhai.yamlsource import load_yaml
from helpers import build, problems_of, project_with_tasks, run_task

NEW = "procedures/1.000123.yaml"

# What ./dev check says about a new skeleton: each required key still empty.
SKELETON_PROBLEMS = [
    f"{NEW}:19: ten: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:35: cap_thuc_hien[0]: chưa điền; chọn một trong: tinh, xa, bo, khac",
    f"{NEW}:40: doi_tuong[0]: chưa điền; chọn một trong: cong-dan, to-chuc, doanh-nghiep, nguoi-nuoc-ngoai, "
    "nguoi-viet-nam-o-nuoc-ngoai, can-bo-cong-chuc, doanh-nghiep-fdi, to-chuc-nuoc-ngoai, hop-tac-xa",
    f"{NEW}:44: co_quan_thuc_hien.tham_quyen: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:70: cach_thuc[0].hinh_thuc: chưa điền; chọn một trong: truc_tiep, truc_tuyen, buu_chinh",
    f"{NEW}:72: cach_thuc[0].thoi_han: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:77: cach_thuc[0].phi_le_phi: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:83: trinh_tu[0]: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:87: thanh_phan_ho_so[0].ten: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:89: thanh_phan_ho_so[0].ban_chinh: chưa điền; cần một số nguyên",
    f"{NEW}:91: thanh_phan_ho_so[0].ban_sao: chưa điền; cần một số nguyên",
    f"{NEW}:100: ket_qua: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:104: can_cu_phap_ly[0].so_hieu: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:106: can_cu_phap_ly[0].trich_yeu: chưa điền; cần một chuỗi văn bản",
    f"{NEW}:108: can_cu_phap_ly[0].ngay_ban_hanh: chưa điền; cần một ngày dạng YYYY-MM-DD, "
    "không đặt trong dấu ngoặc kép",
    f"{NEW}:113: yeu_cau_dieu_kien: chưa điền; cần một chuỗi văn bản",
    "Dữ liệu có 16 lỗi. Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên.",
]

UNKNOWN_FIELD = [
    "invoke new-procedure: --linh-vuc: không có lĩnh vực 'ho-tic' trong content/data/linh-vuc.yaml; "
    "có phải ý bạn là 'ho-tich'?",
    "Chưa tạo tệp mới.",
]

# What an editor types after each empty key (or list item), as the comments ask.
FILL = {
    "ten": "Đăng ký thử nghiệm", "tham_quyen": "Ủy ban nhân dân cấp xã", "hinh_thuc": "truc_tiep",
    "thoi_han": "03 ngày làm việc", "phi_le_phi": "Miễn lệ phí", "ban_chinh": "1", "ban_sao": "0",
    "ket_qua": "Giấy xác nhận", "so_hieu": "60/2014/QH13", "trich_yeu": "Luật Hộ tịch",
    "ngay_ban_hanh": "2014-11-20", "co_quan_ban_hanh": "Quốc hội", "yeu_cau_dieu_kien": "Không",
    # optional keys, once switched on
    "ten_thuong_goi": "Làm thử", "duoc_uy_quyen": "Công an cấp xã", "phoi_hop": "Bảo hiểm xã hội",
    "dau_moi": "so-tu-phap", "thoi_han_ngay": "3", "mo_ta": "Ghi chú *ngắn*.", "ghi_chu": "Bản chụp cũng được.",
    "mau": "mau/to-khai-khai-sinh.docx", "so_bo_ho_so": "1", "buoc": "Tiếp nhận hồ sơ", "bo_phan": "Bộ phận Một cửa",
    "vai_tro": "Công chức tư pháp - hộ tịch", "thoi_gian_gio": "2", "muc_do": "toan-trinh",
    "url": "https://dichvucong.hanoi.gov.vn/thu", "ngay": "2025-07-01", "ngay_bai_bo": "2026-07-01",
    "ma_thay_the": '"1.001193"',
}
ITEMS = {"cap_thuc_hien": "xa", "doi_tuong": "cong-dan", "trinh_tu": "Nộp hồ sơ tại Bộ phận Một cửa.",
         "tu_khoa": "làm thử", "ma_cu": '"1.009998"'}


def field_names() -> set[str]:
    names, models = set(), [schema.Procedure]
    while models:
        model = models.pop()
        for name, info in model.model_fields.items():
            names.add(name)
            if inner_model(info.annotation) and inner_model(info.annotation) is not model:
                models.append(inner_model(info.annotation))
    return names


def fill(text: str) -> str:
    """Type a value after every empty key and list item the editor must fill."""
    out, parent = [], None
    for line in text.splitlines():
        key = re.fullmatch(r"\s*(?:- )?([a-z_]+):", line)
        if key:
            parent = key.group(1)
            if parent in FILL:
                line += " " + FILL[parent]
        elif re.fullmatch(r"\s*-", line):
            line += " " + ITEMS[parent]
        out.append(line)
    return "\n".join(out) + "\n"


def switch_on(text: str) -> str:
    """Delete the "# " in front of every optional key and its lines, as the comments explain."""
    names = field_names()

    def switched_off(line: str):
        m = re.fullmatch(r"(\s*)# (.*)", line)
        if not m:
            return None
        # Under the "# " may be another switched-off key of a nested block.
        core = re.sub(r"^[\s#]*", "", m.group(2)).removeprefix("- ")
        key = re.match(r"([a-z_]+):", core)
        return m if core == "-" or (key and key.group(1) in names) else None

    out = []
    for line in text.splitlines():
        while m := switched_off(line):
            line = m.group(1) + m.group(2)
        out.append(line)
    return "\n".join(out) + "\n"


def missing_keys(model, data, path="") -> list[str]:
    """Keys of ``model`` (and of the models inside it) that ``data`` does not show."""
    missing = []
    for name, info in model.model_fields.items():
        if name not in data:
            missing.append(f"{path}{name}")
            continue
        value = data[name]
        inner = inner_model(info.annotation)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = value[0]
        if inner and isinstance(value, dict):
            missing += missing_keys(inner, value, f"{path}{name}.")
    return missing


@pytest.fixture
def project(tmp_path):
    return project_with_tasks(tmp_path / "site")


def new_procedure(project, *args):
    return run_task(project, "new-procedure", "--ma", "1.000123", "--linh-vuc", "ho-tich", *args)


def test_skeleton_is_commented_and_the_check_names_each_empty_key(project):
    run = new_procedure(project)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"Đã tạo {NEW}. Hãy điền các trường còn trống, rồi chạy ./dev check để kiểm tra."
    text = (project / NEW).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/procedure.schema.json"
    assert 'ma: "1.000123"\n' in text and "linh_vuc: ho-tich\n" in text and "cap_nhat: 2026-11-23\n" in text
    assert "# Hình thức nộp (bắt buộc). truc_tiep: nộp trực tiếp;" in text
    assert "Chọn: truc_tiep, truc_tuyen, buu_chinh." in text
    assert "# trang_thai: hieu-luc\n" in text
    assert all(len(line) <= 100 for line in text.splitlines())

    check = run_task(project, "check")
    assert check.returncode == 1
    assert check.stderr.splitlines() == SKELETON_PROBLEMS


def test_filled_skeleton_is_valid_and_its_page_is_built(project):
    assert new_procedure(project, "--ten", "Đăng ký: thử nghiệm").returncode == 0
    path = project / NEW
    assert 'ten: "Đăng ký: thử nghiệm"\n' in path.read_text(encoding="utf-8")
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    check = run_task(project, "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("Dữ liệu hợp lệ: 4 thủ tục")
    page = (build(project) / "thu-tuc/1.000123/index.html").read_text(encoding="utf-8")
    assert "<h1>Đăng ký: thử nghiệm<span hidden> dang ki</span></h1>" in page


def test_every_key_is_in_the_skeleton_and_valid_when_switched_on(project):
    assert new_procedure(project).returncode == 0
    path = project / NEW
    text = fill(switch_on(path.read_text(encoding="utf-8"))).replace("trang_thai: hieu-luc", "trang_thai: bai-bo")
    path.write_text(text, encoding="utf-8")
    assert missing_keys(schema.Procedure, yaml.safe_load(text)) == []
    assert problems_of(project) == []


def test_a_reception_switched_on_and_left_empty_asks_for_an_agency_or_a_place(project):
    assert new_procedure(project).returncode == 0
    path = project / NEW
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("# noi_tiep_nhan:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("#   "))
    assert lines[start + 4] == "#   - co_quan:"
    # As the comments explain: delete the "# " of the key and of the lines under it.
    lines[start:end] = [line[2:] for line in lines[start:end]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert f"{NEW}:{start + 5}: noi_tiep_nhan[0]: cần một trong hai trường: co_quan (mã cơ quan trong " \
           "content/data/co-quan.yaml) hoặc mo_ta (nơi tiếp nhận như văn bản công bố)" in problems_of(project)


def test_refuses_to_overwrite(project):
    assert new_procedure(project).returncode == 0
    path = project / NEW
    path.write_text(path.read_text(encoding="utf-8").replace("ten:\n", "ten: Đã sửa\n"), encoding="utf-8")
    before = path.read_bytes()
    again = new_procedure(project)
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"{NEW}: tệp đã có; không ghi đè. Hãy sửa tệp đó, hoặc chọn mã khác.",
        "Chưa tạo tệp mới.",
    ]
    assert path.read_bytes() == before


def test_refuses_an_unknown_field_and_a_malformed_code(project):
    run = run_task(project, "new-procedure", "--ma", "1.000123", "--linh-vuc", "ho-tic")
    assert run.returncode == 1
    assert run.stderr.splitlines() == UNKNOWN_FIELD
    run = run_task(project, "new-procedure", "--ma", "1000123", "--linh-vuc", "Hộ tịch", "--ten", "<b>Khai sinh</b>")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "invoke new-procedure: --ma: giá trị '1000123' không đúng dạng; cần mã thủ tục dạng 1.001193",
        "invoke new-procedure: --linh-vuc: giá trị 'Hộ tịch' không đúng dạng; cần mã viết thường không dấu, "
        "nối bằng dấu gạch ngang (ví dụ: ho-tich)",
        "invoke new-procedure: --ten: không được chứa mã HTML hay JavaScript (thấy '<b>'); "
        "hãy viết văn bản thường hoặc Markdown",
        "Chưa tạo tệp mới.",
    ]
    assert sorted(p.name for p in (project / "procedures").iterdir()) == ["1.000001.yaml", "1.001193.yaml", "2.000815.yaml"]


def test_the_machinery_serves_other_file_kinds(tmp_path):
    # The monthly report's skeleton, as a results command would write it.
    text = scaffold.skeleton(schema.MonthlyReport, {"co_quan": "so-tu-phap", "ky": "2026-10"},
                             "../../../schema/report.schema.json", "Kết quả tháng 10/2026.")
    assert "ky: 2026-10\n" in text and "# hai_long:\n" in text
    numbers = {name: "3" for name in schema.ResultRow.model_fields} | {"linh_vuc": "ho-tich", "xin_loi": "0"}
    filled = "\n".join(line + " " + numbers[m.group(1)] if (m := re.fullmatch(r"\s*(?:- )?([a-z_]+):", line))
                       and m.group(1) in numbers else line for line in text.splitlines())
    path = tmp_path / "so-tu-phap.yaml"
    path.write_text(filled, encoding="utf-8")
    problems = Problems()
    source = load_yaml(path, path.name, problems, 256 * 1024)
    assert validate(source, schema.MonthlyReport, problems) is not None, problems.report()
