"""The pages the browser gates visit (devtools.qa.sample): every kind of page, then what changed."""

from __future__ import annotations

import pytest

from devtools.qa import sample as sample_module
from devtools.qa.sample import DIGESTS, VISITED, choose, kind_of
from helpers import build


@pytest.mark.parametrize("name,kind", [
    ("index.html", "home"),
    ("thu-tuc/index.html", "procedures"),
    ("thu-tuc/1.001193/index.html", "procedure"),
    ("thu-tuc/1.001193/to-niem-yet/index.html", "desk_sheet"),
    ("ket-qua/2026-10/co-quan/so-tu-phap/index.html", "agency_month"),
    ("ket-qua/2026-10/sap-xep/dung-han/index.html", "city_month_sorted"),
    ("co-quan/so-tu-phap/ket-qua/index.html", "agency_results"),
    ("404.html", "not_found"),
    ("thong-bao/lich-tiep-nhan-tet/index.html", "other:thong-bao"),
])
def test_each_page_has_the_kind_of_its_address(name, kind):
    assert kind_of(name) == kind


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import shutil

    from helpers import TINY
    project = tmp_path_factory.mktemp("qa-sample") / "site"
    shutil.copytree(TINY, project)
    return build(project)


def test_the_first_run_visits_the_largest_smallest_and_longest_named_page_of_each_kind(site, tmp_path):
    sample = choose(site, tmp_path)
    names = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    kinds = {kind_of(n) for n in names}
    assert sample.total == len(names) and sample.kinds == len(kinds) and sample.changed == 0
    assert {kind_of(n) for n in sample.pages} == kinds
    for kind in kinds:
        pages = [n for n in names if kind_of(n) == kind]
        sizes = {n: (site / n).stat().st_size for n in pages}
        assert max(pages, key=lambda n: (sizes[n], n)) in sample.pages
        assert min(pages, key=lambda n: (sizes[n], n)) in sample.pages
        assert max(pages, key=lambda n: (len(n), n)) in sample.pages
    assert (tmp_path / VISITED).read_text(encoding="utf-8").splitlines() == sample.pages
    assert not (tmp_path / DIGESTS).exists(), "only a run that passed records what it checked"


def test_a_page_that_changed_since_a_passing_run_is_visited(site, tmp_path):
    first = choose(site, tmp_path)
    first.record(tmp_path)
    unvisited = next(p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))
                     if p.relative_to(site).as_posix() not in first.pages)
    original = (site / unvisited).read_bytes()
    try:
        # The same size, so the page keeps its place among the largest and smallest of its kind.
        (site / unvisited).write_bytes(original.replace(b"</main>", b"</MAIN>", 1))
        again = choose(site, tmp_path)
    finally:
        (site / unvisited).write_bytes(original)
    assert again.changed == 1 and unvisited in again.pages


def test_every_page_when_asked(site, tmp_path):
    assert len(choose(site, tmp_path, everything=True).pages) == sum(1 for _ in site.rglob("*.html"))


def test_changed_pages_beyond_the_limit_are_left_out_the_smallest_first(site, tmp_path, monkeypatch):
    first = choose(site, tmp_path)
    first.record(tmp_path)
    unvisited = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))
                 if p.relative_to(site).as_posix() not in first.pages][:5]
    originals = {name: (site / name).read_bytes() for name in unvisited}
    monkeypatch.setattr(sample_module, "CHANGED_LIMIT", 2)
    try:
        for name in unvisited:
            (site / name).write_bytes(originals[name] + b"\n")
        again = choose(site, tmp_path)
    finally:
        for name, data in originals.items():
            (site / name).write_bytes(data)
    largest = sorted(unvisited, key=lambda n: (-len(originals[n]), n))[:2]
    assert again.changed == 2 and set(again.pages) == set(first.pages) | set(largest)
