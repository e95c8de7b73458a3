"""Every broken rule of a monthly report gives its exact message; a bad month publishes nothing."""

import dataclasses
import datetime as dt

import pytest

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from congkhai.loader import read_all
from congkhai.problems import DataErrors, Problems
from congkhai.results.rules import carried_over
from congkhai.schema import MonthlyReport
from helpers import build, edit, problems_of, project_settings, tree

OCT = "content/ket-qua/2026-10/so-tu-phap.yaml"
SEP = "content/ket-qua/2026-09/so-tu-phap.yaml"

CASES = [
    ("row does not add up", OCT, "    truoc_han: 100\n", "    truoc_han: 101\n",
     [f"{OCT}:4: ho_so[0]: số hồ sơ không khớp: tiếp nhận (tồn kỳ trước 20 + trực tuyến 120 + trực tiếp 30 + "
      "bưu chính 2 = 172) khác đã và đang giải quyết (trước hạn 101 + đúng hạn 40 + quá hạn 2 + đang trong hạn 28 + "
      "đang quá hạn 2 = 173)"]),
    ("carry-over differs from last month", SEP, "    dang_trong_han: 18\n    dang_qua_han: 2\n",
     "    dang_trong_han: 17\n    dang_qua_han: 3\n",
     []),  # same total pending: still consistent
    ("carry-over broken", SEP, "    truoc_han: 90\n    dung_han: 30\n    qua_han: 2\n    dang_trong_han: 18\n",
     "    truoc_han: 90\n    dung_han: 29\n    qua_han: 2\n    dang_trong_han: 19\n",
     [f"{OCT}:5: ho_so[0].tu_ky_truoc: tồn kỳ trước là 20, nhưng báo cáo tháng 9/2026 ({SEP}) còn 21 hồ sơ "
      "đang giải quyết của lĩnh vực 'ho-tich'"]),
    ("field missing last month counts as zero", OCT, "    tu_ky_truoc: 0\n    truc_tuyen: 10\n",
     "    tu_ky_truoc: 3\n    truc_tuyen: 7\n",
     [f"{OCT}:15: ho_so[1].tu_ky_truoc: tồn kỳ trước là 3, nhưng báo cáo tháng 9/2026 ({SEP}) còn 0 hồ sơ "
      "đang giải quyết của lĩnh vực 'chung-thuc'"]),
    ("feedback does not add up", OCT, "  da_xu_ly: 4\n", "  da_xu_ly: 3\n",
     [f"{OCT}:25: phan_anh_kien_nghi: số phản ánh, kiến nghị không khớp: tồn kỳ trước 0 + tiếp nhận 5 = 5 "
      "khác đã xử lý 3 + đang xử lý 1 = 4"]),
    ("survey does not add up", OCT, "  chua_hai_long: 10\n", "  chua_hai_long: 12\n",
     [f"{OCT}:30: hai_long: số phiếu không khớp: rất hài lòng 150 + hài lòng 40 + chưa hài lòng 12 = 202 "
      "khác số phiếu 200"]),
    ("unknown agency", OCT, "co_quan: so-tu-phap\n", "co_quan: so-tu-phapp\n",
     [f"{OCT}:1: co_quan: cơ quan 'so-tu-phapp' khác tên tệp; tên tệp phải là 'so-tu-phapp.yaml' hoặc co_quan "
      "phải là 'so-tu-phap'",
      f"{OCT}:1: co_quan: không có cơ quan 'so-tu-phapp' trong content/data/co-quan.yaml"]),
    ("unknown field", OCT, "  - linh_vuc: chung-thuc\n", "  - linh_vuc: dat-dai\n",
     [f"{OCT}:14: ho_so[1].linh_vuc: không có lĩnh vực 'dat-dai' trong content/data/linh-vuc.yaml"]),
    ("field twice", OCT, "  - linh_vuc: chung-thuc\n", "  - linh_vuc: ho-tich\n",
     [f"{OCT}:14: ho_so[1].linh_vuc: lĩnh vực 'ho-tich' đã có ở ho_so[0] (dòng 4); mỗi lĩnh vực chỉ một dòng"]),
    ("month differs from folder", OCT, "ky: 2026-10\n", "ky: 2026-08\n",
     [f"{OCT}:2: ky: kỳ '2026-08' khác thư mục '2026-10'; tệp phải nằm trong thư mục '2026-08'"]),
    ("month not a month", OCT, "ky: 2026-10\n", "ky: 2026-13\n",
     [f"{OCT}:2: ky: giá trị '2026-13' không đúng dạng; cần kỳ báo cáo dạng YYYY-MM (ví dụ: 2026-10)"]),
    ("negative count", OCT, "    buu_chinh: 0\n", "    buu_chinh: -1\n",
     [f"{OCT}:18: ho_so[1].buu_chinh: giá trị '-1' không hợp lệ; phải >= 0"]),
    ("count not a number", OCT, "xin_loi: 1\n", "xin_loi: một\n",
     [f"{OCT}:24: xin_loi: giá trị 'một' không đúng kiểu; cần một số nguyên"]),
]


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_each_broken_rule_has_its_message(tiny, name, file, old, new, expected):
    edit(tiny, file, old, new)
    assert problems_of(tiny) == expected


def test_month_in_the_future(tiny):
    future = tiny / "content/ket-qua/2026-12"
    future.mkdir()
    text = (tiny / OCT).read_text(encoding="utf-8").replace("ky: 2026-10", "ky: 2026-12")
    text = text.replace("tu_ky_truoc: 20", "tu_ky_truoc: 0").replace("truc_tuyen: 120", "truc_tuyen: 140")
    (future / "so-tu-phap.yaml").write_text(text, encoding="utf-8")
    assert problems_of(tiny) == [
        "content/ket-qua/2026-12/so-tu-phap.yaml:2: ky: kỳ 2026-12 ở sau ngày xây dựng trang (2026-11-23)"
    ]


def test_bad_folder_and_stray_file(tiny):
    (tiny / "content/ket-qua/thang-10").mkdir()
    (tiny / "content/ket-qua/thang-10/so-tu-phap.yaml").write_text(
        (tiny / OCT).read_text(encoding="utf-8"), encoding="utf-8")
    (tiny / "content/ket-qua/so-tu-phap.yaml").write_text("co_quan: so-tu-phap\n", encoding="utf-8")
    assert problems_of(tiny) == [
        "content/ket-qua/so-tu-phap.yaml: báo cáo phải nằm trong thư mục của kỳ báo cáo, ví dụ content/ket-qua/2026-10/",
        "content/ket-qua/thang-10: tên thư mục phải là kỳ báo cáo dạng YYYY-MM (ví dụ: 2026-10)",
    ]


def test_fewer_apology_letters_is_not_an_error(tiny):
    edit(tiny, OCT, "xin_loi: 1\n", "xin_loi: 0\n")
    assert problems_of(tiny) == []


def test_a_month_with_an_error_publishes_nothing(tiny):
    out = build(tiny)
    before = tree(out)
    edit(tiny, OCT, "  da_xu_ly: 4\n", "  da_xu_ly: 3\n")
    with pytest.raises(DataErrors):
        build(tiny)
    assert tree(out) == before


def test_carry_over_rule_hands_each_fields_pending_to_next_month():
    def row(field, within, overdue):
        return {"linh_vuc": field, "tu_ky_truoc": 0, "truc_tuyen": within + overdue, "truc_tiep": 0, "buu_chinh": 0,
                "truoc_han": 0, "dung_han": 0, "qua_han": 0, "dang_trong_han": within, "dang_qua_han": overdue}

    last = MonthlyReport(co_quan="so-tu-phap", ky="2026-10", xin_loi=0,
                         ho_so=[row("ho-tich", 28, 2), row("chung-thuc", 4, 0), row("ho-tich", 1, 1)])
    # A field listed twice (an error of its own) hands over its first row's; a field not listed, nothing.
    assert carried_over(last) == {"ho-tich": 30, "chung-thuc": 4}


def test_the_live_preview_checks_again_whatever_changed_since_its_last_check(tiny, monkeypatch):
    """One process builds again and again (congkhai.remembered): a check that found nothing is skipped only
    for the very same reports in the same files, with the same agencies, fields and build date."""
    from congkhai.results import model, rules

    checked = []
    check_each = rules._check_each
    monkeypatch.setattr(rules, "_check_each", lambda *args: (checked.append(1), check_each(*args)))
    config = from_settings(project_settings(tiny))

    def problems(config) -> list[str]:
        found = Problems()
        raw = read_all(config, found)
        rules.check_reports(config, raw, found)
        return [str(p) for p in found.sorted()]

    assert problems(config) == [] and problems(config) == []
    assert len(checked) == 1, "nothing changed: the check is not made again"
    cat = build_catalog(config)
    assert build_catalog(config).results is cat.results, "nor are the results joined again"
    assert problems(dataclasses.replace(config, build_date=dt.date(2026, 9, 30))) == [
        f"{OCT}:2: ky: kỳ 2026-10 ở sau ngày xây dựng trang (2026-09-30)"]
    edit(tiny, OCT, "    truoc_han: 100\n", "    truoc_han: 101\n")
    assert problems(config) == [CASES[0][4][0]], "an edited report is checked"
    assert len(checked) == 3
    edit(tiny, OCT, "    truoc_han: 101\n", "    truoc_han: 100\n")
    assert problems(config) == [] and build_catalog(config).results is not cat.results
