"""A few pages of the tiny project compared byte for byte with reviewed copies.

After an intended change to templates, regenerate with
``CONGKHAI_UPDATE_GOLDEN=1 ./dev test tests/test_golden.py`` and review the diff
of tests/golden/ before committing it.
"""

import os

import pytest

from helpers import ROOT, build

GOLDEN = ROOT / "tests" / "golden"
PAGES = {
    "procedure-1.001193.html": "thu-tuc/1.001193/index.html",
    "procedure-abolished-1.000001.html": "thu-tuc/1.000001/index.html",
    "a-z.html": "thu-tuc/index.html",
    "domain-ho-tich.html": "linh-vuc/ho-tich/index.html",
    "home.html": "index.html",
    "agency-so-tu-phap.html": "co-quan/so-tu-phap/index.html",
    "agency-commune-phuong-hoan-kiem.html": "co-quan/phuong-hoan-kiem/index.html",
    "results-agency-month.html": "ket-qua/2026-10/co-quan/so-tu-phap/index.html",
    "results-city-month.html": "ket-qua/2026-10/index.html",
    "results-agency-trend.html": "co-quan/so-tu-phap/ket-qua/index.html",
}


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    import shutil

    project = tmp_path_factory.mktemp("golden") / "site"
    shutil.copytree(ROOT / "tests" / "data" / "tiny", project)
    return build(project)


@pytest.mark.parametrize("golden,page", PAGES.items(), ids=list(PAGES))
def test_page_matches_reviewed_copy(output, golden, page):
    actual = (output / page).read_bytes()
    path = GOLDEN / golden
    if os.environ.get("CONGKHAI_UPDATE_GOLDEN") == "1":
        path.write_bytes(actual)
    assert path.exists(), f"no reviewed copy {path.name}; see this module's docstring"
    assert actual == path.read_bytes()
