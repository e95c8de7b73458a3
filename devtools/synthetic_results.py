"""Seeded, internally consistent monthly results, for sample data and benchmarks.

Each agency handles a set of fields; month after month, what is still pending
at the end of one month is carried over into the next, so every rule of the
data contract holds.  Realism: online share grows, a few dossiers are late,
some months have fewer apology letters than late dossiers.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from congkhai.results.model import Figures


# Fields each commune or ward handles, with dossiers received in an ordinary month.
COMMUNE_VOLUMES = {"ho-tich": 260, "chung-thuc": 1400, "dat-dai": 45, "xay-dung": 18,
                   "dang-ky-kinh-doanh": 35, "bao-tro-xa-hoi": 22, "cong-thuong": 6}


@dataclass(frozen=True)
class Profile:
    """How busy one agency is in one field: dossiers received in a month."""

    field: str
    monthly: int


def _split(rng: random.Random, total: int, shares: list[float]) -> list[int]:
    """Split ``total`` into integer parts roughly proportional to ``shares``."""
    parts = [int(total * s) for s in shares[:-1]]
    parts.append(total - sum(parts))
    return parts


def simulate_agency(rng: random.Random, agency: str, profiles: list[Profile], months: list[str],
                    skipped: set[str] = frozenset()) -> dict[str, dict]:
    """Reports of one agency, keyed by month; months in ``skipped`` are not published."""
    pending = {p.field: (0, 0) for p in profiles}
    feedback_open = 0
    reports = {}
    for index, month in enumerate(months):
        progress = index / max(1, len(months) - 1)
        rows = []
        late_total = 0
        for profile in profiles:
            within, overdue = pending[profile.field]
            carried = within + overdue
            in_month = max(0, int(profile.monthly * rng.uniform(0.8, 1.2)))
            online_share = min(0.95, 0.35 + 0.35 * progress + rng.uniform(-0.05, 0.05))
            post_share = rng.uniform(0.0, 0.03)
            online, post, in_person = _split(rng, in_month, [online_share, post_share, 1 - online_share - post_share])
            total = carried + in_month
            still_pending = min(total, int(total * rng.uniform(0.05, 0.15)))
            now_overdue = min(still_pending, int(still_pending * rng.choice([0, 0, 0.05, 0.1])))
            resolved = total - still_pending
            late = min(resolved, int(resolved * rng.choice([0, 0, 0.005, 0.01, 0.02, 0.04])))
            on_time = int((resolved - late) * rng.uniform(0.2, 0.4))
            early = resolved - late - on_time
            counts = Figures(carried=carried, online=online, in_person=in_person, post=post, early=early,
                             on_time=on_time, late=late, pending_within=still_pending - now_overdue,
                             pending_overdue=now_overdue)
            rows.append({"linh_vuc": profile.field, **counts.counts()})
            pending[profile.field] = (still_pending - now_overdue, now_overdue)
            late_total += late
        apologies = late_total
        if late_total and rng.random() < 0.3:
            apologies = rng.randint(0, late_total - 1)
        received = rng.randint(0, 6)
        handled = rng.randint(max(0, feedback_open + received - 3), feedback_open + received)
        feedback = {"tu_ky_truoc": feedback_open, "tiep_nhan": received,
                    "da_xu_ly": handled, "dang_xu_ly": feedback_open + received - handled}
        feedback_open = feedback["dang_xu_ly"]
        forms = rng.randint(40, 300)
        very, fairly, not_yet = _split(rng, forms, [rng.uniform(0.6, 0.85), rng.uniform(0.1, 0.3), 1.0])
        if not_yet < 0:
            fairly, not_yet = fairly + not_yet, 0
        if month in skipped:
            continue
        reports[month] = {
            "co_quan": agency, "ky": month, "ho_so": rows, "xin_loi": apologies,
            "phan_anh_kien_nghi": feedback,
            "hai_long": {"so_phieu": forms, "rat_hai_long": very, "hai_long": fairly, "chua_hai_long": not_yet},
        }
    return reports


def dump(report: dict, header: str = "") -> str:
    """The report as YAML in the contract's key order (stable, diff-friendly)."""
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"co_quan: {report['co_quan']}", f"ky: {report['ky']}", "ho_so:"]
    for row in report["ho_so"]:
        first = True
        for key, value in row.items():
            lines.append(f"  {'- ' if first else '  '}{key}: {value}")
            first = False
    lines.append(f"xin_loi: {report['xin_loi']}")
    for group in ("phan_anh_kien_nghi", "hai_long"):
        if report.get(group):
            lines.append(f"{group}:")
            lines += [f"  {key}: {value}" for key, value in report[group].items()]
    if report.get("ghi_chu"):
        lines.append(f"ghi_chu: {json.dumps(report['ghi_chu'], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
