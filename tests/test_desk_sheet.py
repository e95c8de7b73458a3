"""Desk sheets: what congkhai.printed.desk_sheet keeps of a procedure, and the address their QR codes open.

The page counts, the type size and page 1 of the printed sheets are checked
in Chromium (tests/browser/test_desk_sheets.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest

from congkhai.catalog import build_catalog
from congkhai.config import from_settings, is_local
from congkhai.printed.desk_sheet import ELLIPSIS, channel_groups, clip, desk_sheet, lines, share
from congkhai.problems import DataErrors
from congkhai.schema import Way
from helpers import ROOT, build, project_settings, tree

REAL_SHEETS = ROOT / "tests" / "data" / "real-sheets"
PUBLIC = "https://thutuc.example.gov.vn"
PREVIEW = "Bản xem thử: mã QR trỏ tới máy cục bộ."
LOCAL_ERROR = (
    "SITEURL: 'http://localhost:8000' là địa chỉ trên máy này hoặc trong mạng nội bộ, không phải địa chỉ công khai "
    "của trang; mã QR in trên tờ niêm yết sẽ không mở được trên điện thoại của người dân. Hãy đặt SITEURL là địa "
    "chỉ công khai, ví dụ: SITEURL=https://thutuc.hanoi.gov.vn ./dev publish"
)


def catalog_of(project, **override):
    return build_catalog(from_settings(project_settings(project, **override)))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def is_cut_from(shown: str, full: str) -> bool:
    """``shown`` is ``full``, or a start of it that ends at a word and is marked with "…"."""
    if shown == full:
        return True
    start = shown.removesuffix(ELLIPSIS)
    return shown.endswith(ELLIPSIS) and full.startswith(start) and full[len(start):][:1] in (" ", "\n", ",", ";", ".", ":")


# --- measuring and cutting text -----------------------------------------------------

def test_each_own_line_of_a_text_starts_a_new_line():
    assert lines("", 10) == 0
    assert lines("a" * 10, 10) == 1
    assert lines("a" * 11, 10) == 2
    assert lines("a" * 5 + "\n" + "b" * 5 + "\n\n" + "c", 10) == 3
    # What follows on the last line: a document's name and its copies.
    assert lines("a" * 8, 10, reserve=3) == 2


def test_a_text_that_fits_is_kept_whole():
    text = "- Một dòng.\n- Dòng hai."
    assert clip(text, 20, 2) == text


def test_a_long_text_keeps_its_whole_lines_then_cuts_at_a_sentence_end():
    text = ("Dòng đầu giữ nguyên.\n"
            "Câu thứ nhất của dòng hai. Câu thứ hai của dòng hai dài hơn nhiều so với chỗ còn lại trên tờ.")
    cut = clip(text, 40, 2)
    assert cut == "Dòng đầu giữ nguyên.\nCâu thứ nhất của dòng hai …"
    assert is_cut_from(cut, text)


def test_without_a_sentence_end_a_text_is_cut_at_a_word():
    text = "Giấy tờ chứng minh đã nộp phí thẩm định cấp phép theo quy định đối với trường hợp nộp hồ sơ trực tiếp"
    cut = clip(text, 40, 1)
    assert cut == "Giấy tờ chứng minh đã nộp phí thẩm …"
    assert len(cut) <= 40 and is_cut_from(cut, text)


def test_long_parts_share_the_room_and_short_ones_stay_whole():
    assert share([3, 4], 10) == [3, 4]
    assert share([2, 30, 30], 22) == [2, 10, 10]
    # Weighted: the first gets twice the room of the second; never below a floor.
    assert share([40, 40], 30, weights=[2.0, 1.0]) == [20, 10]
    assert share([40, 40, 40], 12, floors=[6, 1, 1]) == [6, 3, 3]


def test_channels_with_the_same_time_limit_note_and_fee_are_one_row():
    names = {"truc_tiep": "Nộp trực tiếp", "truc_tuyen": "Nộp trực tuyến", "buu_chinh": "Nộp qua bưu chính"}
    same = {"thoi_han": "15 ngày làm việc", "phi_le_phi": "Phí: 2.000.000 đồng"}
    ways = [Way(hinh_thuc="truc_tiep", **same), Way(hinh_thuc="truc_tuyen", thoi_han="5 ngày", phi_le_phi="Không"),
            Way(hinh_thuc="buu_chinh", **same)]
    groups = channel_groups(ways, names)
    assert [(g.label, g.thoi_han) for g in groups] == [
        ("Nộp trực tiếp, nộp qua bưu chính", "15 ngày làm việc"), ("Nộp trực tuyến", "5 ngày")]


# --- what a sheet keeps of a procedure --------------------------------------------------

@pytest.fixture(scope="module")
def real():
    return catalog_of(REAL_SHEETS)


def test_a_short_sample_procedure_is_shown_whole():
    catalog = catalog_of(ROOT, CONGKHAI={"sample_data": True})
    sheet = desk_sheet(catalog, catalog.by_code["1.001193"])
    assert sheet.cut == frozenset()
    proc = catalog.by_code["1.001193"]
    assert [d.ten for d in sheet.documents.items] == [d.ten for d in proc.thanh_phan_ho_so]
    assert list(sheet.steps.items) == proc.trinh_tu


def test_every_text_a_real_sheet_shows_is_the_record_or_its_start(real):
    for proc in real.in_force:
        sheet = desk_sheet(real, proc)
        shown = [(d.ten, nfc(doc.ten)) for d, doc in zip(sheet.documents.items, proc.thanh_phan_ho_so)]
        shown += [(s, nfc(step)) for s, step in zip(sheet.steps.items, proc.trinh_tu)]
        shown += [(sheet.conditions, nfc(proc.yeu_cau_dieu_kien)), (sheet.ket_qua, nfc(proc.ket_qua))]
        assert [pair for pair in shown if not is_cut_from(*pair)] == [], proc.ma
        assert sheet.where == real.where_to_go(proc)


def test_a_long_list_keeps_its_first_items_and_counts_the_rest(real):
    steps = desk_sheet(real, real.by_code["1.013549"]).steps
    assert steps.left > 0 and len(steps.items) + steps.left == 33
    # 24 documents: each kept, its name cut short.
    sheet = desk_sheet(real, real.by_code["1.013542"])
    assert "documents" in sheet.cut
    assert sheet.documents.left == 0 and len(sheet.documents.items) == 24
    assert any(d.ten.endswith(ELLIPSIS) for d in sheet.documents.items)


# --- the address the QR codes open --------------------------------------------------------

@pytest.mark.parametrize("url", ["http://localhost:8000", "http://127.0.0.1:8000/", "http://[::1]:8000",
                                 "http://0.0.0.0:8000", "http://192.168.1.20", "http://10.0.0.5/site",
                                 "http://may-chu-noi-bo:8080", "http://congkhai.local", "http://site.localhost"])
def test_an_address_of_this_machine_or_a_private_network_is_local(url):
    assert is_local(url)


@pytest.mark.parametrize("url", [PUBLIC, "https://owner.github.io/congkhai", "http://dichvucong.gov.vn:80/"])
def test_a_public_address_is_not_local(url):
    assert not is_local(url)


def test_a_production_build_refuses_a_local_address_and_leaves_the_site_alone(tiny):
    published = tree(build(tiny, "publishconf.py", SITEURL=PUBLIC, FEED_DOMAIN=PUBLIC))
    with pytest.raises(DataErrors) as refused:
        build(tiny, "publishconf.py", SITEURL="http://localhost:8000", FEED_DOMAIN="")
    assert [str(p) for p in refused.value.problems.sorted()] == [LOCAL_ERROR]
    assert tree(tiny / "output") == published


def test_from_the_command_line_a_production_build_without_its_address_stops_before_writing(tiny, tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        "from publishconf import *\n"
        f"PATH = {str(tiny / 'content')!r}\nOUTPUT_PATH = {str(tiny / 'output')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        "CONGKHAI = {**CONGKHAI, 'build_date': '2026-11-23'}\n",
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if key != "SITEURL"}
    run = subprocess.run([sys.executable, "-m", "congkhai", "build", "-s", str(conf)], capture_output=True, text=True,
                         cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert run.returncode == 1
    assert LOCAL_ERROR in run.stderr.splitlines()
    assert "Traceback" not in run.stderr
    assert not (tiny / "output").exists()


def test_a_development_build_marks_its_sheets_as_a_preview_unless_the_address_is_public(tiny, tmp_path):
    sheet, poster = "thu-tuc/1.001193/to-niem-yet/index.html", "10-noi-dung-yeu-cau/to-niem-yet/index.html"
    local = build(tiny)
    assert PREVIEW in (local / sheet).read_text(encoding="utf-8")
    assert PREVIEW in (local / poster).read_text(encoding="utf-8")
    public = build(tiny, CONGKHAI={"public_url": PUBLIC})
    assert PREVIEW not in (public / sheet).read_text(encoding="utf-8")
    assert PREVIEW not in (public / poster).read_text(encoding="utf-8")
