"""A province has hundreds of communes: pages that would list every one of them link to one list instead."""

from __future__ import annotations

from congkhai.catalog import Catalog
from helpers import build


def _add_communes(project, count: int) -> None:
    entries = "".join(
        f"- slug: xa-so-{i}\n  ten: Ủy ban nhân dân xã Số {i}\n  cap: xa\n  dia_chi: Thôn {i}, xã Số {i}\n"
        f'  dien_thoai: "024 3800 {1000 + i}"\n  email: xa{i}@example.org\n'
        for i in range(count)
    )
    path = project / "content/data/co-quan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + entries, encoding="utf-8")


def test_a_few_communes_are_listed_on_a_procedure_page(tiny):
    page = (build(tiny) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert '<ul class="desk-list">' in page and "phường Hoàn Kiếm" in page


def test_many_communes_are_one_link_to_the_list_of_agencies(tiny):
    _add_communes(tiny, Catalog.DESKS_LISTED)  # with Hoàn Kiếm, one more than is listed
    output = build(tiny)
    page = (output / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert '<ul class="desk-list">' not in page and "xã Số 7" not in page
    count = Catalog.DESKS_LISTED + 1
    assert f'<a href="../../co-quan/#cap-xa">địa chỉ, điện thoại của {count} xã, phường</a>' in page
    agencies = (output / "co-quan/index.html").read_text(encoding="utf-8")
    assert 'id="cap-xa"' in agencies and "Ủy ban nhân dân xã Số 7" in agencies
