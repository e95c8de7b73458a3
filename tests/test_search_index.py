"""The search index as built: what it is fed, the folded words, the Pagefind run and its failures."""

from __future__ import annotations

import json
import unicodedata

import pytest
from markupsafe import Markup

from congkhai.catalog import build_catalog
from congkhai.config import from_settings
from congkhai.search import folded_d_words, procedure_record, searchable
from congkhai.search_index import SearchIndexError, build_index
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
        build_index(tmp_path)
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
