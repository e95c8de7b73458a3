"""Procedure depth: cases inherit what they do not override, replacements, life events, freshness."""

import re

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from helpers import build, edit, problems_of, project_settings


def catalog_of(project, **override):
    return build_catalog(from_settings(project_settings(project, **override)))


def test_a_case_inherits_what_it_does_not_override(tiny):
    cat = catalog_of(tiny)
    proc = cat.by_code["1.001193"]
    (case,) = cat.cases(proc)
    assert case.anchor == "truong-hop-1"
    assert [d.ten for d in case.thanh_phan_ho_so] == ["Biên bản xác nhận trẻ bị bỏ rơi"]
    assert case.cach_thuc == proc.cach_thuc
    assert case.yeu_cau_dieu_kien == proc.yeu_cau_dieu_kien


def test_a_case_overrides_conditions_and_channels(tiny):
    edit(tiny, "procedures/1.001193.yaml", "    mo_ta: Người phát hiện báo cho Ủy ban nhân dân cấp xã.\n",
         "    mo_ta: Người phát hiện báo cho Ủy ban nhân dân cấp xã.\n"
         "    yeu_cau_dieu_kien: Có biên bản của Công an.\n"
         "    cach_thuc:\n      - hinh_thuc: truc_tiep\n        thoi_han: 5 ngày làm việc\n"
         "        thoi_han_ngay: 5\n        phi_le_phi: Miễn lệ phí\n")
    cat = catalog_of(tiny)
    (case,) = cat.cases(cat.by_code["1.001193"])
    assert case.yeu_cau_dieu_kien == "Có biên bản của Công an."
    assert [(w.hinh_thuc, w.thoi_han_ngay) for w in case.cach_thuc] == [("truc_tiep", 5)]
    page = (build(tiny) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="truong-hop-1"'):]
    assert "Có biên bản của Công an." in section and "5 ngày làm việc" in section
    assert '<a href="#truong-hop-1">Trẻ bị bỏ rơi</a>' in page


def test_replacement_abolished_is_an_error(tiny):
    edit(tiny, "procedures/1.001193.yaml", "trang_thai: hieu-luc\n", "trang_thai: bai-bo\n")
    problems = problems_of(tiny)
    assert ("procedures/1.000001.yaml:23: ma_thay_the: thủ tục thay thế '1.001193' cũng đã bị bãi bỏ; "
            "hãy trỏ tới thủ tục còn hiệu lực") in problems


def test_abolished_page_links_to_its_replacement_and_back(tiny):
    out = build(tiny)
    old = (out / "thu-tuc/1.000001/index.html").read_text(encoding="utf-8")
    assert "Thủ tục này đã bị bãi bỏ từ ngày 01/07/2026" in old
    assert '<a href="../../thu-tuc/1.001193/">Đăng ký khai sinh (mã 1.001193)</a>' in old
    new = (out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert '<a href="../../thu-tuc/1.000001/">Ủy quyền đăng ký khai sinh (thủ tục cũ) (mã 1.000001)</a>' in new
    for listing in ("thu-tuc/index.html", "linh-vuc/ho-tich/index.html", "cap/xa/index.html"):
        page = (out / listing).read_text(encoding="utf-8")
        assert "thu-tuc/1.001193/" in page
    assert "thu-tuc/1.000001/" not in (out / "linh-vuc/ho-tich/index.html").read_text(encoding="utf-8")


def test_event_page_keeps_the_order_of_steps(tiny):
    page = (build(tiny) / "su-kien/co-con/index.html").read_text(encoding="utf-8")
    steps = re.findall(r'<span class="step-number">Bước (\d)</span> <a href="[^"]*thu-tuc/([0-9.]+)/"', page)
    assert steps == [("1", "1.001193"), ("2", "2.000815")]
    assert "Làm trong 60 ngày kể từ ngày sinh." in page
    proc = (build(tiny) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert '<a href="../../su-kien/co-con/">Có con nhỏ mới sinh</a>' in proc


def test_freshness_note_depends_on_the_build_date(tiny, capsys):
    note = "Thông tin đang được rà soát."
    out = build(tiny)
    assert note in (out / "thu-tuc/2.000815/index.html").read_text(encoding="utf-8")
    assert note not in (out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert ("Cảnh báo: thủ tục 2.000815 (Chứng thực bản sao từ bản chính) cập nhật lần cuối ngày 01/06/2025, "
            "đã quá 365 ngày; hãy rà soát.") in capsys.readouterr().out
    out = build(tiny, CONGKHAI={"stale_after_days": 600})
    assert note not in (out / "thu-tuc/2.000815/index.html").read_text(encoding="utf-8")
    out = build(tiny, CONGKHAI={"stale_after_days": 30})
    assert note in (out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")


def test_updates_page_lists_newest_first_and_those_under_review(tiny):
    page = (build(tiny) / "cap-nhat/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<time datetime="([0-9-]+)">', page)
    assert listed == sorted(listed, reverse=True) == ["2026-10-15", "2025-06-01"]
    review = page[page.index('id="dang-ra-soat"'):]
    assert "Chứng thực bản sao từ bản chính" in review and "Đăng ký khai sinh" not in review


def test_common_procedures_come_first_in_lists(tiny):
    edit(tiny, "procedures/2.000815.yaml", "linh_vuc: chung-thuc\n", "linh_vuc: ho-tich\n")
    page = (build(tiny) / "linh-vuc/ho-tich/index.html").read_text(encoding="utf-8")
    order = re.findall(r'class="procedure-name"><a href="[^"]*thu-tuc/([0-9.]+)/"', page)
    # "Chứng thực..." sorts before "Đăng ký..." in A–Z, but the common one comes first.
    assert order == ["1.001193", "2.000815"]


def test_many_pages_to_review_make_one_warning_naming_the_oldest(tiny, capsys):
    text = (tiny / "procedures/2.000815.yaml").read_text(encoding="utf-8")
    for number in range(1, 8):
        code = f"2.00090{number}"
        (tiny / f"procedures/{code}.yaml").write_text(
            text.replace('ma: "2.000815"', f'ma: "{code}"').replace("cap_nhat: 2025-06-01", f"cap_nhat: 2025-0{number}-02"),
            encoding="utf-8")
    build(tiny)
    printed = [line for line in capsys.readouterr().out.splitlines() if "hãy rà soát" in line]
    assert printed == ["Cảnh báo: 8 thủ tục cập nhật lần cuối đã quá 365 ngày; hãy rà soát. Cũ nhất: "
                       "2.000901 (02/01/2025), 2.000902 (02/02/2025), 2.000903 (02/03/2025) và 5 thủ tục khác; "
                       "danh sách đầy đủ ở trang “Thủ tục mới cập nhật” (cap-nhat/)."]
