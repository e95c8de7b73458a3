"""Where a citizen goes (congkhai.where): each case of the contract's rule, never a guess."""

from __future__ import annotations

import pytest
import yaml

from congkhai.schema import Agency, Procedure
from congkhai.where import AUTHORITY, COMMUNE, HANDLING_BODY, RECEPTION, is_commune_committee, where_to_go
from helpers import ROOT

TINY = ROOT / "tests" / "data" / "tiny"
AGENCIES = {a["slug"]: Agency.model_validate(a)
            for a in yaml.safe_load((TINY / "content/data/co-quan.yaml").read_text(encoding="utf-8"))}


def procedure(levels: list[str], authorities: dict, reception: list | None = None) -> Procedure:
    data = yaml.safe_load((TINY / "procedures/1.001193.yaml").read_text(encoding="utf-8"))
    data.update(cap_thuc_hien=levels, co_quan_thuc_hien=authorities)
    if reception is not None:
        data["noi_tiep_nhan"] = reception
    return Procedure.model_validate(data)


def answer(proc: Procedure) -> tuple[str, list[tuple[str, str | None]]]:
    where = where_to_go(proc, AGENCIES)
    return where.source, [(p.text, p.agency.slug if p.agency else None) for p in where.places]


def test_the_published_reception_comes_first_agency_or_text():
    proc = procedure(["xa"], {"tham_quyen": "Ủy ban nhân dân cấp xã"},
                     [{"co_quan": "phuong-hoan-kiem"}, {"mo_ta": "Đội Thủ tục Biên phòng tại cửa khẩu cảng"}])
    assert answer(proc) == (RECEPTION, [("Ủy ban nhân dân phường Hoàn Kiếm", "phuong-hoan-kiem"),
                                        ("Đội Thủ tục Biên phòng tại cửa khẩu cảng", None)])


@pytest.mark.parametrize("authority", [
    "Ủy ban nhân dân cấp xã",
    "Uỷ ban Nhân dân cấp xã, phường, thị trấn",
    "UBND xã, phường nơi cư trú",
    "Ủy ban nhân dân cấp xã nơi đặt trụ sở hộ kinh doanh",
])
def test_a_commune_level_procedure_of_the_commune_committee_goes_to_the_commune_desk(authority):
    assert answer(procedure(["xa"], {"tham_quyen": authority})) == (COMMUNE, [(authority, None)])


def test_a_commune_level_procedure_of_another_body_goes_where_it_is_handled():
    # A border post handles it: not "the commune where you live".
    proc = procedure(["xa"], {"tham_quyen": "Biên phòng cửa khẩu cảng",
                              "thuc_hien": "Đội Thủ tục Biên phòng cửa khẩu cảng"})
    assert answer(proc) == (HANDLING_BODY, [("Đội Thủ tục Biên phòng cửa khẩu cảng", None)])


def test_without_a_handling_body_the_authority_as_published():
    proc = procedure(["tinh"], {"tham_quyen": "Sở Y tế thành phố Hà Nội"})
    assert answer(proc) == (AUTHORITY, [("Sở Y tế thành phố Hà Nội", None)])


@pytest.mark.parametrize("authorities", [
    {"tham_quyen": "Sở Tư pháp thành phố Hà Nội"},
    {"tham_quyen": "Giám đốc Sở Tư pháp", "thuc_hien": "sở tư  pháp Thành phố Hà Nội"},
])
def test_a_published_name_that_is_an_agency_s_is_that_agency(authorities):
    where = where_to_go(procedure(["tinh"], authorities), AGENCIES)
    assert [p.agency.slug for p in where.places] == ["so-tu-phap"]


@pytest.mark.parametrize("text", ["Sở Tư pháp", "Sở Tư pháp thành phố Hà Nội hoặc Trung tâm Phục vụ hành chính công"])
def test_a_text_that_is_not_exactly_an_agency_s_name_stays_text(text):
    where = where_to_go(procedure(["tinh"], {"tham_quyen": text}), AGENCIES)
    assert [(p.text, p.agency) for p in where.places] == [(text, None)]


def test_a_reception_text_that_is_an_agency_s_name_is_that_agency():
    proc = procedure(["xa"], {"tham_quyen": "Biên phòng"}, [{"mo_ta": "Ủy ban nhân dân phường Hoàn Kiếm"}])
    assert answer(proc) == (RECEPTION, [("Ủy ban nhân dân phường Hoàn Kiếm", "phuong-hoan-kiem")])


def test_the_commune_committee_of_a_provincial_procedure_is_not_a_commune_desk():
    proc = procedure(["tinh"], {"tham_quyen": "Ủy ban nhân dân cấp xã"})
    assert answer(proc)[0] == AUTHORITY


@pytest.mark.parametrize("text,expected", [
    ("Ủy ban nhân dân cấp xã", True),
    ("Ủy ban nhân dân phường Hoàn Kiếm", True),
    ("Ủy ban nhân dân cấp tỉnh", False),
    ("Chủ tịch Ủy ban nhân dân cấp xã", True),
    ("Chủ tịch Ủy ban nhân dân cấp tỉnh", False),
    ("Ban chỉ huy quân sự cấp xã", False),
])
def test_which_texts_name_the_commune_committee(text, expected):
    assert is_commune_committee(text) is expected


@pytest.mark.parametrize("authority,note", [
    ("Ủy ban nhân dân cấp xã", None),
    ("Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ", "Ủy ban nhân dân cấp xã nơi cư trú của cha hoặc mẹ"),
    ("UBND xã, phường", "UBND xã, phường"),
])
def test_the_commune_desk_says_which_commune_only_when_the_authority_does(authority, note):
    assert where_to_go(procedure(["xa"], {"tham_quyen": authority}), AGENCIES).commune_note == note
