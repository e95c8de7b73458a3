"""``invoke new-report``: next month's file with last month's pending carried over."""

import re

import pytest
import yaml

from helpers import problems_of, project_with_tasks, run_task

NEW = "content/ket-qua/2026-11/so-tu-phap.yaml"


@pytest.fixture
def project(tmp_path):
    return project_with_tasks(tmp_path / "site")


def fill(text: str) -> str:
    """Fill every empty count so that each row and the feedback add up."""
    text = re.sub(r"^(\s+)(truc_tuyen|truoc_han|tiep_nhan|da_xu_ly):\n", r"\1\2: 5\n", text, flags=re.M)
    text = re.sub(r"^(\s*)(truc_tiep|buu_chinh|dung_han|qua_han|dang_qua_han|dang_xu_ly|xin_loi):\n",
                  r"\1\2: 0\n", text, flags=re.M)
    return re.sub(r"^(\s+)dang_trong_han:\n", r"\1dang_trong_han: CARRIED\n", text, flags=re.M)


def test_next_month_starts_from_last_months_pending(project):
    run = run_task(project, "new-report", "--co-quan", "so-tu-phap")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"Đã tạo {NEW}. Hãy điền số liệu, rồi chạy ./dev check để kiểm tra."
    text = (project / NEW).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/report.schema.json"
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    assert "Kết quả tháng 11/2026 của Sở Tư pháp thành phố Hà Nội" in comments
    assert "Số tồn kỳ trước lấy từ báo cáo tháng 10/2026." in comments
    data = yaml.safe_load(text)
    # October's pending: ho-tich 28 + 2, chung-thuc 4 + 0; open feedback 1.
    assert [(r["linh_vuc"], r["tu_ky_truoc"]) for r in data["ho_so"]] == [("ho-tich", 30), ("chung-thuc", 4)]
    assert data["phan_anh_kien_nghi"]["tu_ky_truoc"] == 1
    check = run_task(project, "check")
    assert check.returncode == 1
    assert f"{NEW}:27: ho_so[0].truc_tuyen: chưa điền; cần một số nguyên" in check.stderr.splitlines()

    # Filled in so that every row adds up, the file passes every rule, carry-over included.
    rows = fill(text).split("  - linh_vuc:")
    rows = [rows[0]] + [r.replace("CARRIED", str(carried)) for r, carried in zip(rows[1:], (30, 4))]
    (project / NEW).write_text("  - linh_vuc:".join(rows).replace("tiep_nhan: 5", "tiep_nhan: 4"), encoding="utf-8")
    assert problems_of(project) == []


def test_refuses_to_overwrite_and_unknown_agency(project):
    assert run_task(project, "new-report", "--co-quan", "so-tu-phap", "--ky", "2026-11").returncode == 0
    before = (project / NEW).read_bytes()
    again = run_task(project, "new-report", "--co-quan", "so-tu-phap", "--ky", "2026-11")
    assert again.returncode == 1
    assert again.stderr.splitlines() == [f"{NEW}: tệp đã có; không ghi đè. Hãy sửa tệp đó.", "Chưa tạo tệp mới."]
    assert (project / NEW).read_bytes() == before
    unknown = run_task(project, "new-report", "--co-quan", "so-tu-phapp", "--ky", "2026-11")
    assert unknown.stderr.splitlines() == [
        "invoke new-report: --co-quan: không có cơ quan 'so-tu-phapp' trong content/data/co-quan.yaml; "
        "có phải ý bạn là 'so-tu-phap'?",
        "Chưa tạo tệp mới.",
    ]


def test_without_last_month_the_rows_are_left_to_fill(project):
    run = run_task(project, "new-report", "--co-quan", "phuong-hoan-kiem", "--ky", "2026-11")
    assert run.returncode == 0, run.stderr
    text = (project / "content/ket-qua/2026-11/phuong-hoan-kiem.yaml").read_text(encoding="utf-8")
    comments = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    assert "Chưa có báo cáo tháng 10/2026: hãy điền đủ các dòng." in comments
    assert yaml.safe_load(text)["ho_so"] == [dict.fromkeys(
        ["linh_vuc", "tu_ky_truoc", "truc_tuyen", "truc_tiep", "buu_chinh", "truoc_han", "dung_han", "qua_han",
         "dang_trong_han", "dang_qua_han"])]
