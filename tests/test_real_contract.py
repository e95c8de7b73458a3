"""Real records of the national procedure database (tests/data/real-contract) validate and build.

They hold what the first contract could not: ministry-level and "other body"
procedures, the body that handles the dossier, where to hand it in, legal rows
without issuer, decisions without date, agencies without phone or e-mail.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil

import pytest
import yaml

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from helpers import REAL_CONTRACT as REAL
from helpers import build, problems_of, project_settings


@pytest.fixture(scope="module")
def real_out(tmp_path_factory):
    project = tmp_path_factory.mktemp("real") / "site"
    shutil.copytree(REAL, project)
    return build(project)


def page(out, url: str) -> str:
    return (out / url / "index.html").read_text(encoding="utf-8")


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_the_records_are_valid_with_one_warning():
    assert problems_of(REAL) == []
    catalog = build_catalog(from_settings(project_settings(REAL)))
    assert catalog.warnings() == [
        "Cảnh báo: procedures/1.013272.yaml:20: cach_thuc[1].hinh_thuc: có cách nộp trực tuyến nhưng thủ tục chưa "
        "có dich_vu_cong; hãy thêm dich_vu_cong (muc_do, url) để người dân biết nộp trực tuyến ở đâu",
    ]


def test_every_level_and_audience_used_has_its_page_and_no_other(real_out):
    used = {"levels": set(), "audiences": set()}
    for path in sorted((REAL / "procedures").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        used["levels"].update(data["cap_thuc_hien"])
        used["audiences"].update(data["doi_tuong"])
    assert used["levels"] == {"bo", "tinh", "xa", "khac"}
    assert {p.name for p in (real_out / "cap").iterdir() if p.is_dir()} == used["levels"]
    assert {p.name for p in (real_out / "doi-tuong").iterdir() if p.is_dir()} == used["audiences"]
    assert "<h1>Thủ tục cấp bộ</h1>" in page(real_out, "cap/bo")
    assert "Cơ quan khác" in page(real_out, "cap")


def test_agencies_are_grouped_by_their_level_without_missing_contacts(real_out):
    agencies = page(real_out, "co-quan")
    assert re.findall(r'<h2 id="cap-(\w+)">([^<]+)</h2>', agencies) == [
        ("bo", "Cấp bộ"), ("tinh", "Cấp tỉnh"), ("xa", "Cấp xã")]
    ministry = page(real_out, "co-quan/cuc-tac-chien-bo-tong-tham-muu")
    assert '<p class="caption">Cấp bộ</p>' in ministry
    assert "Điện thoại" not in ministry and "Thư điện tử" not in ministry


def test_no_page_or_download_shows_an_absent_value(real_out):
    shown = [p for p in real_out.rglob("*") if p.suffix in (".html", ".csv")]
    assert len(shown) > 20
    assert [p.relative_to(real_out).as_posix() for p in shown if re.search(r"\bNone\b", p.read_text("utf-8"))] == []


def test_legal_rows_without_issuer_and_a_decision_without_date(real_out):
    html = page(real_out, "thu-tuc/1.013175")
    legal = re.search(r'<table class="legal">.*?</table>', html, re.S).group(0)
    assert legal.count("<tr>") == 5  # the head and four rows
    assert '<span class="note"></span>' not in legal
    assert "Quyết định số 5132/QĐ-BQP</dd>" in html


def test_structured_data_leaves_out_missing_contacts_and_says_where_to_go(real_out):
    border = json_ld(page(real_out, "thu-tuc/1.013516"))
    assert border["provider"] == {
        "@type": "GovernmentOrganization", "name": "Đội Thủ tục Biên phòng cửa khẩu cảng",
        "url": "http://localhost:8000/co-quan/doi-thu-tuc-bien-phong-cua-khau-cang/",
        "address": "Trụ sở Cảng vụ hàng hải, Cảng vụ đường thủy nội địa hoặc văn phòng đại diện Cảng vụ hàng hải, "
                   "Cảng vụ đường thủy nội địa.",
    }
    reception = yaml.safe_load((REAL / "procedures/1.013516.yaml").read_text(encoding="utf-8"))["noi_tiep_nhan"]
    assert border["availableChannel"] == [
        {"@type": "ServiceChannel", "name": "Nơi nộp hồ sơ", "serviceLocation": {"@type": "Place", "name": r["mo_ta"]}}
        for r in reception]
    # Without noi_tiep_nhan, the body that handles it, as published: here the name of an agency
    # of the site, whose page it links; the address the record lacks is left out.
    handled = json_ld(page(real_out, "thu-tuc/1.013175"))
    assert handled["availableChannel"][0]["serviceLocation"] == {
        "@type": "Place", "name": "Cơ quan, đơn vị từ cấp trung đoàn trở lên",
        "url": "http://localhost:8000/co-quan/co-quan-don-vi-tu-cap-trung-doan-tro-len/"}


def test_open_data_carries_the_new_keys(real_out):
    raw = (real_out / "du-lieu/thu-tuc.csv").read_bytes().decode("utf-8-sig")
    rows = {row["ma"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["1.013516"]["co_quan_thuc_hien"] == "Đội Thủ tục Biên phòng cửa khẩu cảng"
    assert rows["1.013272"]["noi_tiep_nhan"] == "Địa chỉ số 1 Nguyễn Tri Phương - Ba Đình - Hà Nội."
    assert rows["1.013175"]["noi_tiep_nhan"] == ""
    assert rows["1.013175"]["quyet_dinh_cong_bo"] == "5132/QĐ-BQP"
    assert rows["1.013175"]["quyet_dinh_cong_bo_ngay"] == ""
    assert rows["1.013140"]["cap_thuc_hien"] == "bo; tinh; xa; khac"
    records = json.loads((real_out / "du-lieu/thu-tuc.json").read_text(encoding="utf-8"))["ban_ghi"]
    border = next(r for r in records if r["ma"] == "1.013516")
    assert border["noi_tiep_nhan"][0]["co_quan"] is None
    assert border["co_quan_thuc_hien"]["thuc_hien"] == "Đội Thủ tục Biên phòng cửa khẩu cảng"


def test_a_city_site_grows_no_page_for_levels_and_audiences_it_does_not_use(tiny):
    out = build(tiny)
    # The tiny city's procedures in force: commune and province level, for citizens, organisations, foreigners.
    assert {p.name for p in (out / "cap").iterdir() if p.is_dir()} == {"tinh", "xa"}
    assert {p.name for p in (out / "doi-tuong").iterdir() if p.is_dir()} == {"cong-dan", "to-chuc", "nguoi-nuoc-ngoai"}
    assert "Cấp bộ" not in page(out, "cap") + page(out, "co-quan") + page(out, "tim-kiem")
