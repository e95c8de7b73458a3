"""The search index as built: what it is fed, the folded words, the Pagefind run and its failures."""

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
from congkhai.search import folded_d_words, procedure_record, searchable
from congkhai.search_feed import BODY, candidate_patterns, indexed_parts
from congkhai.search_index import BUNDLE_DIR, SearchIndexError, build_index, pagefind_command
from congkhai.search_stable import SIGNATURE, stabilise
from congkhai.urls import url_of
from helpers import build, project_settings, tree


@pytest.mark.parametrize("text,words", [
    ("Đăng ký đất đai", "dang dat dai"),
    ("ĐỔI GIẤY PHÉP", "doi"),
    ("Đường bộ; được", "duong duoc"),
    ("Hộ tịch", ""),
    ("Đăng", "dang"),
])
def test_only_words_with_d_bar_get_a_folded_twin(text, words):
    assert folded_d_words(text) == words
    # Decomposed input folds the same way.
    assert folded_d_words(unicodedata.normalize("NFD", text)) == words


def test_folded_words_are_hidden_and_escaped():
    assert searchable("Đăng ký <b>") == Markup("Đăng ký &lt;b&gt;<span hidden> dang</span>")
    assert searchable(Markup("<p>Đổi &amp; đất</p>")) == Markup("<p>Đổi &amp; đất</p><span hidden> doi dat</span>")
    assert searchable("Hộ tịch") == Markup("Hộ tịch")


def test_procedure_record_holds_filters_and_result_data(tiny):
    cat = build_catalog(from_settings(project_settings(tiny)))
    record = procedure_record(cat, cat.by_code["1.001193"])
    assert record.filters == [
        ("linh_vuc", "ho-tich"), ("cap", "xa"), ("co_quan", "so-tu-phap"),
        ("doi_tuong", "cong-dan"), ("doi_tuong", "nguoi-nuoc-ngoai"), ("dich_vu_cong", "toan-trinh"),
    ]
    assert dict(record.meta)["title"] == "Đăng ký khai sinh"
    assert dict(record.meta)["ma"] == "1.001193"
    assert "trang_thai" not in dict(record.meta)
    assert record.weights["body"] is None

    abolished = procedure_record(cat, cat.by_code["1.000001"])
    meta = dict(abolished.meta)
    assert meta["trang_thai"] == "Đã bãi bỏ"
    assert meta["thay_the"] == "1.001193"
    # Nothing of the replacement's name: metadata words are searchable.
    assert "Đăng ký khai sinh" not in " ".join(meta.values())
    assert set(abolished.weights.values()) == {"0.5"}
    assert ("dich_vu_cong", "khong") in abolished.filters


def test_build_writes_an_index_of_the_pages_citizens_search(tiny):
    out = build(tiny)
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    # 3 procedures, 1 announcement, 1 page, 1 life event: list pages are not indexed.
    assert entry["languages"]["vi"]["page_count"] == 6
    assert (out / "pagefind/pagefind.js").is_file()
    assert list((out / "pagefind/filter").glob("*.pf_filter"))
    procedure = (out / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="linh_vuc:ho-tich"' in procedure
    assert "<h1>Đăng ký khai sinh<span hidden> dang</span></h1>" in procedure
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
    assert "<h1>Đăng ký khai sinh<span hidden> dang</span></h1>" in fed
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
