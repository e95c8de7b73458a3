"""Where a citizen goes, as the pages say it: each case of the contract's rule on a procedure's page,
the agencies' two lists, the A–Z index of national names, actionable contacts, one word on online filing.

The tiny project with three national records (tests/data/national/) and one procedure whose
``noi_tiep_nhan`` names an agency.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from congkhai.contact import map_href, tel_href
from congkhai.glance import brief
from congkhai.names import index_name, shorten
from helpers import ROOT, TINY, build, edit

NATIONAL = ROOT / "tests" / "data" / "national"
DESK = "Bộ phận Một cửa của Ủy ban nhân dân xã, phường"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = tmp_path_factory.mktemp("where") / "site"
    shutil.copytree(TINY, project)
    for source in (NATIONAL / "procedures").glob("*.yaml"):
        shutil.copy2(source, project / "procedures" / source.name)
    for name in ("co-quan.yaml", "linh-vuc.yaml"):
        target = project / "content/data" / name
        target.write_text(target.read_text(encoding="utf-8") + (NATIONAL / "content/data" / name).read_text(encoding="utf-8"),
                          encoding="utf-8")
    edit(project, "procedures/2.000815.yaml", "cach_thuc:", "noi_tiep_nhan:\n  - co_quan: so-tu-phap\ncach_thuc:")
    edit(project, "procedures/1.001193.yaml", "linh_vuc:", 'ma_dia_phuong: "1.001193.000.00.00.H26"\nlinh_vuc:')
    return build(project)


def national(code: str) -> dict:
    return yaml.safe_load((NATIONAL / "procedures" / f"{code}.yaml").read_text(encoding="utf-8"))


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def glance(html: str) -> str:
    """The 'Nộp hồ sơ ở đâu' row at the top of a procedure's page."""
    return re.search(r"<dt>Nộp hồ sơ ở đâu</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)


def section(html: str, name: str) -> str:
    return re.search(rf'<section id="{name}".*?</section>\s*(?=<section|</article>)', html, re.S).group(0)


def listed(html: str, section_id: str) -> set[str]:
    found = re.search(rf'<section aria-labelledby="{section_id}">(.*?)</section>', html, re.S)
    return set(re.findall(r'href="[^"]*thu-tuc/([0-9.]+)/"', found.group(1))) if found else set()


def test_the_local_code_is_beside_the_national_one(site):
    html = page(site, "thu-tuc/1.001193")
    assert "· Mã thủ tục 1.001193 · Mã địa phương 1.001193.000.00.00.H26</span>" in html


def test_a_commune_desk_procedure_goes_to_the_commune_desk_with_the_desks_contacts(site):
    html = page(site, "thu-tuc/1.001193")
    assert glance(html).startswith(DESK)
    where = section(html, "noi-nop")
    assert '<ul class="desk-list">' in where
    assert '<a href="tel:02438254163">024 3825 4163</a>' in where
    assert '<a href="mailto:phuonghoankiem@hanoi.gov.vn">' in where


def test_a_border_post_procedure_goes_to_the_published_reception_not_the_commune(site):
    html = page(site, "thu-tuc/1.013516")
    reception = national("1.013516")["noi_tiep_nhan"][0]["mo_ta"]
    assert reception in glance(html)
    assert DESK not in html and "desk-list" not in html
    assert f"Nộp hồ sơ tại: {reception}" in section(html, "noi-nop")
    for commune_page in ("co-quan/phuong-hoan-kiem", "cap/xa/mot-cua"):
        assert "1.013516" not in page(site, commune_page)


def test_a_procedure_without_reception_goes_to_its_handling_body_which_may_be_an_agency(site):
    html = page(site, "thu-tuc/1.013567")
    assert glance(html).startswith('<a href="../../co-quan/doi-thu-tuc-bien-phong-cua-khau-cang/">'
                                   'Đội Thủ tục Biên phòng cửa khẩu cảng</a>')
    assert DESK not in html
    # The agency's desk has neither phone nor e-mail: none is made up, the address is given.
    card = section(html, "noi-nop")
    assert "tel:" not in card and "mailto:" not in card and "Trụ sở Cảng vụ hàng hải" in card


def test_an_agency_named_in_the_reception_is_linked_with_its_contact_card(site):
    html = page(site, "thu-tuc/2.000815")
    assert glance(html).startswith('<a href="../../co-quan/so-tu-phap/">Sở Tư pháp thành phố Hà Nội</a>')
    where = section(html, "noi-nop")
    assert "Nộp hồ sơ tại: </span><a href=\"../../co-quan/so-tu-phap/\">" in where
    assert '<a href="tel:02438253536">' in where and '<a href="mailto:sotuphap@hanoi.gov.vn">' in where
    assert DESK not in glance(html)


def test_an_agency_page_lists_where_it_receives_dossiers_apart_from_what_it_is_the_focal_point_for(site):
    tu_phap = page(site, "co-quan/so-tu-phap")
    assert listed(tu_phap, "nhan-ho-so") == {"2.000815"}
    # The focal point of the civil status field (its manager), not where those dossiers go.
    assert listed(tu_phap, "dau-moi") == {"1.001193"}
    post = page(site, "co-quan/doi-thu-tuc-bien-phong-cua-khau-cang")
    assert listed(post, "nhan-ho-so") == {"1.013567"}
    assert listed(post, "dau-moi") == {"1.013516", "1.013567"}
    commune = page(site, "co-quan/phuong-hoan-kiem")
    assert listed(commune, "nhan-ho-so") == {"1.001193"}
    assert "như của các xã, phường khác, nhận hồ sơ của 1 thủ tục nộp tại xã, phường" in commune
    assert set(re.findall(r'thu-tuc/([0-9.]+)/', page(site, "cap/xa/mot-cua"))) == {"1.001193"}


def test_every_phone_and_e_mail_of_an_agency_can_be_tapped(site):
    agencies = yaml.safe_load((site.parent / "content/data/co-quan.yaml").read_text(encoding="utf-8"))
    assert any("dien_thoai" in a for a in agencies) and any("dien_thoai" not in a for a in agencies)
    for agency in agencies:
        html = page(site, f"co-quan/{agency['slug']}")
        if "dien_thoai" in agency:
            assert f'<a href="{tel_href(agency["dien_thoai"])}">{agency["dien_thoai"]}</a>' in html
        else:
            assert "tel:" not in html
        if "email" in agency:
            assert f'<a href="mailto:{agency["email"]}">{agency["email"]}</a>' in html
        assert f'href="{map_href(agency["dia_chi"])}"' in html


@pytest.mark.parametrize("value,href", [
    ("024 3825 4163", "tel:02438254163"),
    ("(024) 3825.4163", "tel:02438254163"),
    ("+84 24 3825 4163", "tel:+842438254163"),
    ("Không có thông tin", None),
    ("024 3825 4163; 024 3825 4164", None),
    ("", None),
    (None, None),
])
def test_only_a_phone_number_becomes_a_tel_link(value, href):
    assert tel_href(value) == href


def test_no_map_search_for_an_address_the_records_leave_empty():
    assert map_href("Không có thông tin (nguồn để trống)") is None
    assert map_href("Số 5 Nguyễn Tri Phương, Hà Nội") == \
        "https://www.openstreetmap.org/search?query=S%E1%BB%91%205%20Nguy%E1%BB%85n%20Tri%20Ph%C6%B0%C6%A1ng%2C%20H%C3%A0%20N%E1%BB%99i"


def test_online_filing_is_said_once_and_never_contradicts_the_channels(site):
    # 1.013517 is filed online only and has no dich_vu_cong address.
    html = page(site, "thu-tuc/1.013517")
    assert "Chưa nộp trực tuyến được" not in html and "Chưa có dịch vụ công trực tuyến" not in html
    assert re.search(r"<dt>Nộp trực tuyến</dt>\s*<dd>Nộp được trực tuyến", html)
    # A procedure with neither says so.
    offline = page(site, "thu-tuc/1.013516")
    assert re.search(r"<dt>Nộp trực tuyến</dt>\s*<dd>Chưa nộp trực tuyến được", offline)


def test_the_a_to_z_index_files_national_names_without_thu_tuc(site):
    html = page(site, "thu-tuc")
    letters = re.findall(r'<h2 id="chu-[0-9]+" class="letter">(.*?)</h2>', html)
    assert "T" not in letters and "B" in letters and "S" in letters
    entries = re.findall(r'<li><a href="../thu-tuc/([0-9.]+)/">(.*?)</a>', html)
    names = [name for _, name in entries]
    assert "Biên phòng theo cách thức thủ công đối với tàu biển Việt Nam hoạt động tuyến nội địa đến, rời cửa khẩu cảng" in names
    assert names.index("Chứng thực bản sao từ bản chính") < names.index("Đăng ký khai sinh") < names.index(
        "Sửa đổi, bổ sung hồ sơ biên phòng điện tử đối với người nhận thị thực tại cửa khẩu")


def test_the_a_to_z_index_leads_from_the_plain_name_to_the_official_one(site):
    html = page(site, "thu-tuc")
    assert '<li class="see">Làm giấy khai sinh: xem <a href="../thu-tuc/1.001193/">Đăng ký khai sinh</a></li>' in html


def test_lists_lead_with_the_plain_name_and_say_where_to_go(site):
    html = page(site, "linh-vuc/ho-tich")
    assert '<a href="../../thu-tuc/1.001193/">Làm giấy khai sinh</a>' in html
    assert "Tên chính thức: Đăng ký khai sinh" in html
    assert "Nộp tại: xã, phường" in html


def test_a_long_name_is_short_in_the_breadcrumb_and_whole_in_the_h1(site):
    html = page(site, "thu-tuc/1.013516")
    name = national("1.013516")["ten"]
    assert f'<a aria-current="page" href="#noi-dung">{shorten(name)}</a>' in html
    assert len(shorten(name)) < len(name)
    assert re.search(r'<h1 class="long-name">' + re.escape(name), html)


@pytest.mark.parametrize("name,indexed", [
    ("Thủ tục biên phòng điện tử", "Biên phòng điện tử"),
    ("THỦ TỤC cấp giấy phép", "Cấp giấy phép"),
    ("Đăng ký khai sinh", "Đăng ký khai sinh"),
    ("Thủ tục", "Thủ tục"),
])
def test_index_name(name, indexed):
    assert index_name(name) == indexed


def test_a_brief_cuts_at_the_end_of_a_clause_only():
    assert brief("Miễn lệ phí").text == "Miễn lệ phí"
    long = "Miễn lệ phí nếu đăng ký trong 60 ngày kể từ ngày sinh; đăng ký quá hạn nộp lệ phí theo mức Hội đồng nhân dân quy định"
    assert (brief(long).text, brief(long).whole) == ("Miễn lệ phí nếu đăng ký trong 60 ngày kể từ ngày sinh …", False)
    one_clause = "Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ nghiên cứu, kiểm định) Phí : 3.500.000 Đồng"
    assert brief(one_clause).text == "Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ nghiên …"
    unbroken = "x" * 120
    assert brief(unbroken).text == unbroken


def test_the_a_to_z_index_leads_from_short_and_shared_aliases_only():
    from congkhai.names import index_entries
    from congkhai.schema import Procedure

    base = yaml.safe_load((TINY / "procedures/1.000001.yaml").read_text(encoding="utf-8"))
    land = Procedure.model_validate({**base, "ma": "1.000002", "ten": "Đăng ký đất đai lần đầu",
                                     "tu_khoa": ["sổ đỏ", "làm sổ đỏ lần đầu", "đăng ký đất", "cấp giấy chứng nhận"]})
    change = Procedure.model_validate({**base, "ma": "1.000003", "ten": "Cấp đổi Giấy chứng nhận",
                                       "tu_khoa": ["đổi sổ đỏ cũ", "cấp giấy chứng nhận"]})
    see = {e.label: [p.ma for p in e.procedures] for e in index_entries([land, change]) if e.see}
    # Two words, and not how its own name starts: a name; a longer phrase only when another procedure shares it.
    assert see == {"Sổ đỏ": ["1.000002"], "Cấp giấy chứng nhận": ["1.000002", "1.000003"]}
