"""The search index as built: what it is fed, the hidden twins of words, the Pagefind run and its failures."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from markupsafe import Markup

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from congkhai.names import index_key, index_name
from congkhai.search.record import COMMUNE_DESK, STATUS_FILTER, other_names, procedure_record, searchable
from congkhai.search.feed import BODY, candidate_patterns, indexed_parts
from congkhai.search.index import BUNDLE_DIR, SearchIndexError, build_index, pagefind_command
from congkhai.search.stable import SIGNATURE, stabilise
from congkhai.search.words import twins
from congkhai.text import sort_key
from congkhai.urls import url_of
from helpers import build, project_settings, tree


@pytest.mark.parametrize("text,words", [
    # "đ" typed as "d": Pagefind takes the marks off, but "đ" is a letter of its own.
    ("Đường bộ; được", ["duong", "duoc"]),
    ("Hộ tịch", []),
    # "i" and "y" after h, k, l, m, s, t, qu, both ways, folded; not "y" alone nor "uy".
    ("kỹ thuật, tâm lý, bác sĩ, y sĩ, quý, huy, tỉ lệ", ["ki", "li", "sy", "qui", "ty"]),
    ("Công ty", ["ti"]),
    # Short forms and everyday names of an official phrase, their words the text lacks, marks kept.
    ("Cấp lại giấy phép lái xe", ["gplx", "bằng"]),
    ("Cấp lại thẻ căn cước", ["cccd", "cmnd", "chứng", "minh", "nhân", "dân"]),
    ("Giấy chứng nhận quyền sử dụng đất", ["dat", "sổ", "đỏ", "do", "hồng"]),
    ("đăng ký thường trú", ["dang", "ki", "hộ", "khẩu"]),
    # The other official verb for the act a name starts with ("Cấp đổi"), only at the start.
    ("ĐỔI GIẤY PHÉP", ["doi", "cấp"]),
    ("Gia hạn tạm trú", []),
    ("Thay đổi thông tin hộ kinh doanh", ["doi", "hkd", "giấy", "phép"]),
    # Nothing twice, nothing the text has, nothing Pagefind already sees: "lái" for "bằng lái".
    ("Đăng ký kết hôn; đăng ký", ["dang", "ki"]),
    ("Đổi bằng lái xe", ["doi", "cấp"]),
])
def test_twins_are_the_words_a_text_lacks(text, words):
    assert twins(text) == words
    # Decomposed input gives the same twins.
    assert twins(unicodedata.normalize("NFD", text)) == words


def test_twins_are_hidden_and_escaped():
    assert searchable("Đăng ký <b>") == Markup("Đăng ký &lt;b&gt;<span hidden> dang ki</span>")
    assert searchable(Markup("<p>Đổi &amp; đất</p>")) == Markup("<p>Đổi &amp; đất</p><span hidden> doi dat cấp</span>")
    assert searchable("Hộ tịch") == Markup("Hộ tịch")


def test_procedure_record_holds_filters_and_result_data(tiny):
    cat = build_catalog(from_settings(project_settings(tiny)))
    record = procedure_record(cat, cat.by_code["1.001193"])
    assert record.filters == [
        ("linh_vuc", "ho-tich"), ("cap", "xa"), ("co_quan", "so-tu-phap"),
        ("doi_tuong", "cong-dan"), ("doi_tuong", "nguoi-nuoc-ngoai"), ("dich_vu_cong", "toan-trinh"),
        ("noi_nop", COMMUNE_DESK),
    ]
    meta = dict(record.meta)
    assert meta["title"] == "Đăng ký khai sinh"
    assert meta["ma"] == "1.001193"
    assert "ma_dia_phuong" not in meta
    assert "trang_thai" not in meta
    # Where to file, for a commune-level procedure of the commune People's Committee its desk
    # (congkhai.where): a filter the search page shows, not metadata, whose words would be searched.
    assert "noi_nop" not in meta
    # Common: the name again under the key the search page weighs.
    assert meta["thuong_gap"] == "Đăng ký khai sinh"
    assert "thuong_gap" not in dict(procedure_record(cat, cat.by_code["2.000815"]).meta)
    # A common procedure: its plain name and aliases weigh more than another's.
    other = procedure_record(cat, cat.by_code["2.000815"]).weights
    assert record.weights["body"] is None
    assert float(record.weights["plain_name"]) > float(other["plain_name"])
    assert float(record.weights["alias"]) > float(other["alias"])

    abolished = procedure_record(cat, cat.by_code["1.000001"])
    meta = dict(abolished.meta)
    assert meta["trang_thai"] == "Đã bãi bỏ"
    assert meta["thay_the"] == "1.001193"
    # Nothing of the replacement's name: metadata words are searchable.
    assert "Đăng ký khai sinh" not in " ".join(meta.values())
    assert set(abolished.weights.values()) == {"0.5"}
    assert ("dich_vu_cong", "khong") in abolished.filters
    assert STATUS_FILTER in abolished.filters and STATUS_FILTER not in record.filters
    assert "noi_nop" not in dict(abolished.filters)


def test_where_to_go_and_local_code_are_in_the_record(tiny):
    path = tiny / "procedures/2.000815.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('ma: "2.000815"\n', 'ma: "2.000815"\nma_dia_phuong: "2.000815.000.00.00.H26"\n'),
                    encoding="utf-8")
    cat = build_catalog(from_settings(project_settings(tiny)))
    proc = cat.by_code["2.000815"]
    record = procedure_record(cat, proc)
    assert dict(record.meta)["ma_dia_phuong"] == "2.000815.000.00.00.H26"
    where = cat.where_to_go(proc)
    expected = COMMUNE_DESK if where.commune else "; ".join(place.text for place in where.places)
    assert dict(record.filters)["noi_nop"] == expected


def test_every_plain_name_and_alias_is_on_the_a_to_z_page_once(tiny):
    """The A–Z index shows some names as cross-references; other_names lists the rest, in A–Z order."""
    cat = build_catalog(from_settings(project_settings(tiny)))
    names = other_names(cat)
    listed = [name.casefold() for name, _ in names]
    assert listed == sorted(listed, key=sort_key)
    in_index = {index_key(e.label) for _, entries in cat.a_to_z() for e in entries}
    every = {name for p in cat.in_force for name in [p.ten_thuong_goi, *p.tu_khoa] if name}
    for name in every:
        shown = index_key(name) in in_index or index_key(index_name(name)) in in_index
        assert shown != (name.casefold() in listed), name
    assert all(p.in_force and name.casefold() in [n.casefold() for n in [p.ten_thuong_goi, *p.tu_khoa] if n]
               for name, procs in names for p in procs)
    # 1.001193's plain name "Làm giấy khai sinh" is a cross-reference of the index; its other alias is listed.
    assert names == [("khai sinh cho con", [cat.by_code["1.001193"]])]


def test_build_writes_an_index_of_the_pages_citizens_search(tiny):
    out = build(tiny)
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    # 3 procedures, 1 announcement, 1 page, 1 life event: list pages are not indexed.
    assert entry["languages"]["vi"]["page_count"] == 6
    assert (out / "pagefind/pagefind.js").is_file()
    assert list((out / "pagefind/filter").glob("*.pf_filter"))
    procedure = (out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="linh_vuc:ho-tich"' in procedure
    assert '<h1>Đăng ký khai sinh<span hidden> dang ki</span></h1>' in procedure
    search_page = (out / "tim-kiem/index.html").read_text(encoding="utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval';" in search_page
    assert "script-src 'self';" in procedure


def test_search_can_be_turned_off_explicitly(tiny):
    out = build(tiny, CONGKHAI={"search": False})
    assert (out / "tim-kiem/index.html").is_file()
    assert not (out / "pagefind").exists()


def test_pagefind_failure_is_reported(tmp_path, capsys):
    with pytest.raises(SearchIndexError) as raised:
        build_index(tmp_path, [])
    message = str(raised.value)
    assert message.startswith("Pagefind không tạo được chỉ mục tìm kiếm: ")
    assert message.endswith("Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên.")
    assert capsys.readouterr().err.strip() == message


def test_failed_indexing_publishes_nothing(tiny):
    out = build(tiny)
    before = tree(out)
    # A static file named like Pagefind's folder: Pagefind cannot write its bundle.
    (tiny / "content/pagefind").write_text("chặn thư mục chỉ mục", encoding="utf-8")
    with pytest.raises(SearchIndexError):
        build(tiny, STATIC_PATHS=["mau", "pagefind"])
    assert tree(out) == before
    assert not (tiny / ".output.building").exists()


def indexed_urls(site: Path) -> dict[str, str]:
    """Each page in the bundle of ``site``: its URL and the text Pagefind indexed."""
    fragments = {}
    for path in (site / BUNDLE_DIR / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE))
        fragments[fragment["url"]] = fragment["content"]
    return fragments


def marked_pages(site: Path) -> set[str]:
    """The URL of every page of ``site`` that marks text for the index."""
    return {"/" + url_of(p.relative_to(site).as_posix()) for p in site.rglob("*.html")
            if BODY in p.read_text(encoding="utf-8")}


def test_the_index_is_what_pagefind_makes_of_the_whole_site(sample_site, tmp_path):
    """Feeding Pagefind only the indexed parts changes nothing a search can see: same bytes as the old way."""
    whole = tmp_path / "whole"
    shutil.copytree(sample_site, whole, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    command, env = pagefind_command(whole)
    subprocess.run(command, env=env, check=True, capture_output=True)
    stabilise(whole / BUNDLE_DIR)
    assert tree(sample_site / BUNDLE_DIR) == tree(whole / BUNDLE_DIR)
    # Procedures, announcements, pages and life events, and nothing else.
    assert set(indexed_urls(sample_site)) == marked_pages(sample_site)
    assert {url.split("/")[1] for url in indexed_urls(sample_site)} == {"thu-tuc", "thong-bao", "su-kien",
                                                                        "10-noi-dung-yeu-cau"}


def test_pages_of_other_kinds_are_not_read(tiny):
    """A results page and a desk sheet that marked text for the index would still not be read."""
    out = build(tiny, CONGKHAI={"search": False})
    indexed_before = marked_pages(out)
    planted = ["ket-qua/2026-10/co-quan/so-tu-phap/index.html", "thu-tuc/1.001193/to-niem-yet/index.html"]
    for relative in planted:
        page = out / relative
        html = page.read_text(encoding="utf-8")
        assert BODY not in html
        page.write_text(html.replace("<main", f"<main {BODY}><p>xyzkhongdoc</p></main><main", 1), encoding="utf-8")
    build_index(out, candidate_patterns(project_settings(tiny)))
    indexed = indexed_urls(out)
    assert set(indexed) == indexed_before
    assert len(indexed) == 6
    assert not any("xyzkhongdoc" in text for text in indexed.values())
    assert not (out.parent / "output.search-feed").exists()


def test_the_feed_page_holds_only_the_marked_parts(tiny):
    out = build(tiny, CONGKHAI={"search": False})
    procedure = (out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    fed = indexed_parts(procedure)
    assert fed.startswith('<!DOCTYPE html>\n<html lang="vi">\n')
    assert '<span data-pagefind-filter="linh_vuc:ho-tich"></span>' in fed
    assert '<span data-pagefind-meta="title:Đăng ký khai sinh"></span>' in fed
    assert '<h1>Đăng ký khai sinh<span hidden> dang ki</span></h1>' in fed
    # Not the documents, steps and legal basis, nor the page around them.
    assert "<table" in procedure and "<table" not in fed
    assert "<nav" in procedure and "<nav" not in fed
    assert len(fed) < len(procedure) / 5
    assert indexed_parts((out / "thu-tuc/index.html").read_text(encoding="utf-8")) is None


def test_an_unclosed_marked_element_stops_the_index(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "thu-tuc/1.000001").mkdir(parents=True)
    (site / "thu-tuc/1.000001/index.html").write_text(
        f'<html lang="vi"><body><div {BODY}><p>Đăng ký</p></body></html>', encoding="utf-8")
    with pytest.raises(SearchIndexError) as raised:
        build_index(site, ["thu-tuc/*/index.html"])
    assert str(raised.value).startswith(
        "Không tách được phần tìm kiếm của trang thu-tuc/1.000001/index.html: thẻ <div> mở mà không đóng.")
    assert capsys.readouterr().err.strip() == str(raised.value)
    assert not (site / BUNDLE_DIR).exists()
