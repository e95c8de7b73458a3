"""The synthetic data generator: valid data, the same files for the same seed."""

from __future__ import annotations

from devtools.synthetic import write_site
from helpers import problems_of, tree


def test_synthetic_data_is_valid_and_seeded(tmp_path):
    write_site(tmp_path / "a", procedures=60, agencies=14)
    write_site(tmp_path / "b", procedures=60, agencies=14)
    write_site(tmp_path / "c", procedures=60, agencies=14, seed=2)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")
    assert problems_of(tmp_path / "a") == []
    assert len(list((tmp_path / "a/procedures").glob("*.yaml"))) == 60
    names = (tmp_path / "a/procedures/1.100000.yaml").read_text(encoding="utf-8")
    assert names.startswith("ma: '1.100000'\nten: ")
    # Some procedures are common, as on a real site, but not most of them.
    common = [p for p in (tmp_path / "a/procedures").glob("*.yaml") if "thuong_gap: true" in p.read_text(encoding="utf-8")]
    assert 0 < len(common) <= 60 // 4


def test_monthly_results_are_valid_and_cover_every_agency_and_month(tmp_path):
    write_site(tmp_path, procedures=30, agencies=14, months=3)
    assert problems_of(tmp_path) == []
    months = sorted(p.name for p in (tmp_path / "content/ket-qua").iterdir())
    assert months == ["2025-10", "2025-11", "2025-12"]
    for month in months:
        assert len(list((tmp_path / "content/ket-qua" / month).glob("*.yaml"))) == 14
