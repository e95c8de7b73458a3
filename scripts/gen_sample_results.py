"""Write the sample site's monthly results (content/ket-qua/) with a fixed seed.

    .venv/bin/python scripts/gen_sample_results.py

The output is committed; run again only when the sample agencies or fields change.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # devtools/ is not installed

from congkhai.month import months_between  # noqa: E402
from devtools.synthetic_results import COMMUNE_VOLUMES, Profile, dump, simulate_agency  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIRST, LAST = "2025-10", "2026-10"
SEED = 20261023

# Departments handle the fields they manage; a few are busier than others.
BUSY = {"can-cuoc": 1800, "dang-ky-kinh-doanh": 2300, "dat-dai": 900, "duong-bo": 5200, "cu-tru": 300, "viec-lam": 2800,
        "y-te": 420, "xay-dung": 160, "giao-duc": 140, "ho-tich": 90, "chung-thuc": 60,
        "bao-tro-xa-hoi": 40, "cong-thuong": 120}
CENTRE = {"dang-ky-kinh-doanh": 600, "dat-dai": 350, "xay-dung": 80}
NOTES = {
    ("so-tai-chinh", "2026-02"): "Tháng có kỳ nghỉ Tết Nguyên đán: số hồ sơ tiếp nhận giảm.",
    ("phuong-hoan-kiem", "2026-07"): "Chuyển sang phần mềm một cửa mới từ ngày 1/7/2026; hồ sơ **tồn** được chuyển đầy đủ.",
}
# One ward skipped a month; another has not yet published the latest month.
SKIPPED = {"xa-bat-trang": {"2026-03"}, "phuong-ha-dong": {"2026-10"}}


def main() -> None:
    agencies = yaml.safe_load((ROOT / "content/data/co-quan.yaml").read_text(encoding="utf-8"))
    fields = yaml.safe_load((ROOT / "content/data/linh-vuc.yaml").read_text(encoding="utf-8"))
    months = months_between(FIRST, LAST)
    rng = random.Random(SEED)
    target = ROOT / "content" / "ket-qua"
    shutil.rmtree(target, ignore_errors=True)
    for agency in agencies:
        slug = agency["slug"]
        if agency["cap"] == "xa":
            volumes = COMMUNE_VOLUMES
        elif slug == "trung-tam-phuc-vu-hanh-chinh-cong":
            volumes = CENTRE
        else:
            volumes = {f["slug"]: BUSY[f["slug"]] for f in fields if f.get("co_quan") == slug}
        scale = rng.uniform(0.6, 1.4)
        profiles = [Profile(f, max(3, int(v * scale))) for f, v in volumes.items()]
        reports = simulate_agency(rng, slug, profiles, months, SKIPPED.get(slug, set()))
        for month, report in reports.items():
            if (slug, month) in NOTES:
                report["ghi_chu"] = NOTES[(slug, month)]
            path = target / month / f"{slug}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump(report, "Dữ liệu mẫu, tạo bởi scripts/gen_sample_results.py"), encoding="utf-8")
    print(f"Đã ghi báo cáo mẫu vào {target.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
