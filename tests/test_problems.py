"""How problems and warnings are reported: one line each, one line for a mistake met in many places."""

from __future__ import annotations

import pytest

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from congkhai.problems import GROUPED_FROM, DataErrors, Problems
from helpers import edit, project_settings

P = "procedures/1.001193.yaml"
SUMMARY = "Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên."
MISSING = "không có lĩnh vực 'ho-tich' trong content/data/linh-vuc.yaml"
# The lines the editors' guide shows (tests/test_guide.py).
FIELD_REMOVED = [
    f"content/ket-qua/2026-09/so-tu-phap.yaml:4: ho_so[0].linh_vuc: {MISSING}",
    f"content/ket-qua/2026-10/so-tu-phap.yaml:4: ho_so[0].linh_vuc: {MISSING}",
    f"procedures/1.000001.yaml:3: linh_vuc: {MISSING}; có phải ý bạn là 'ho-tich-moi'? (gặp ở 10 chỗ: "
    "procedures/1.000001.yaml:3, procedures/1.001193.yaml:6, procedures/1.002001.yaml:6 và 7 chỗ khác)",
    f"Dữ liệu có 12 lỗi. {SUMMARY}",
]
ONLINE_WITHOUT_ADDRESS = (
    f"Cảnh báo: {P}:18: cach_thuc[1].hinh_thuc: có cách nộp trực tuyến nhưng thủ tục chưa có dich_vu_cong; "
    "hãy thêm dich_vu_cong (muc_do, url) để người dân biết nộp trực tuyến ở đâu")


def test_a_mistake_in_few_places_keeps_one_line_each():
    problems = Problems()
    for number in range(GROUPED_FROM - 1):
        problems.add(f"procedures/1.00000{number}.yaml", 6, ("linh_vuc",), "không có lĩnh vực 'x'")
    assert problems.report().splitlines() == [
        *(f"procedures/1.00000{number}.yaml:6: linh_vuc: không có lĩnh vực 'x'" for number in range(GROUPED_FROM - 1)),
        f"Dữ liệu có {GROUPED_FROM - 1} lỗi. {SUMMARY}",
    ]


def test_a_mistake_in_many_places_is_one_line_with_a_count_and_the_first_places():
    problems = Problems()
    for number in range(800):
        problems.add(f"procedures/1.{number:06d}.yaml", 6, ("linh_vuc",), "không có lĩnh vực 'x'")
    # The same mistake at another position of a list is the same mistake.
    problems.add("content/data/su-kien.yaml", 7, (0, "buoc", 1, "ma"), "không có thủ tục mã '1.000001'")
    for i in range(GROUPED_FROM):
        problems.add("content/data/su-kien.yaml", 20 + i, (1, "buoc", i, "ma"), "thủ tục '1.000002' đã bị bãi bỏ")
    problems.add("content/data/co-quan.yaml", 3, (0, "cap"), "giá trị 'huyen' không hợp lệ")
    assert problems.report().splitlines() == [
        "content/data/co-quan.yaml:3: [0].cap: giá trị 'huyen' không hợp lệ",
        "content/data/su-kien.yaml:7: [0].buoc[1].ma: không có thủ tục mã '1.000001'",
        "content/data/su-kien.yaml:20: [1].buoc[0].ma: thủ tục '1.000002' đã bị bãi bỏ (gặp ở 6 chỗ: "
        "content/data/su-kien.yaml:20, content/data/su-kien.yaml:21, content/data/su-kien.yaml:22 và 3 chỗ khác)",
        "procedures/1.000000.yaml:6: linh_vuc: không có lĩnh vực 'x' (gặp ở 800 chỗ: procedures/1.000000.yaml:6, "
        "procedures/1.000001.yaml:6, procedures/1.000002.yaml:6 và 797 chỗ khác)",
        f"Dữ liệu có 808 lỗi. {SUMMARY}",
    ]


def catalog_problems(project) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        build_catalog(from_settings(project_settings(project)))
    return raised.value.problems.report().splitlines()


def test_removing_a_field_that_many_procedures_use_prints_one_line(tiny):
    text = (tiny / P).read_text(encoding="utf-8")
    for number in range(1, 9):
        code = f"1.00200{number}"
        (tiny / f"procedures/{code}.yaml").write_text(text.replace('ma: "1.001193"', f'ma: "{code}"'), encoding="utf-8")
    edit(tiny, "content/data/linh-vuc.yaml", "- slug: ho-tich", "- slug: ho-tich-moi")
    assert catalog_problems(tiny) == FIELD_REMOVED


def test_an_online_channel_without_an_address_is_a_warning_not_an_error(tiny):
    edit(tiny, P, "dich_vu_cong:\n  muc_do: toan-trinh\n  url: https://dichvucong.hanoi.gov.vn/khai-sinh\n", "")
    catalog = build_catalog(from_settings(project_settings(tiny)))
    assert catalog.warnings()[0] == ONLINE_WITHOUT_ADDRESS


def test_an_online_channel_with_its_address_gives_no_warning(tiny):
    catalog = build_catalog(from_settings(project_settings(tiny)))
    assert [line for line in catalog.warnings() if "dich_vu_cong" in line] == []


def test_a_warning_comes_back_from_the_build_cache_without_reading_the_file_again(tiny, monkeypatch):
    from congkhai import loader, yamlsource
    from congkhai.build import cache

    edit(tiny, P, "dich_vu_cong:\n  muc_do: toan-trinh\n  url: https://dichvucong.hanoi.gov.vn/khai-sinh\n", "")
    assert build_catalog(from_settings(project_settings(tiny))).warnings()[0] == ONLINE_WITHOUT_ADDRESS
    cache._OPEN.clear()  # as in a new process: the cache comes from its file

    def no_parsing(path, *args, **kwargs):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(loader, "load_yaml", no_parsing)
    monkeypatch.setattr(yamlsource, "load_yaml", no_parsing)
    assert build_catalog(from_settings(project_settings(tiny))).warnings()[0] == ONLINE_WITHOUT_ADDRESS
