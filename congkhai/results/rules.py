"""Rules of the monthly results files: names, references, sums and carry-over."""

from __future__ import annotations

from ..config import Config
from .counts import INCOMING, OUTGOING, PENDING, in_group, reader
from ..loader import RawData
from ..month import MONTH_HINT, Month, is_month
from ..problems import Problems
from ..remembered import Remembered
from ..schema import MonthlyReport

_INCOMING, _OUTGOING, _PENDING = reader(INCOMING), reader(OUTGOING), reader(in_group(PENDING))

AGENCY_FILE = "content/data/co-quan.yaml"
DOMAIN_FILE = "content/data/linh-vuc.yaml"


def carried_over(last: MonthlyReport) -> dict[str, int]:
    """The carry-over rule: each field of ``last`` hands its dossiers still pending to the next month.

    A field missing from ``last`` hands over nothing (0); a field listed twice hands over its first row's.
    """
    pending: dict[str, int] = {}
    for row in last.ho_so:
        if row.linh_vuc not in pending:
            pending[row.linh_vuc] = sum(_PENDING(row))
    return pending


def _sum_text(parts: list[tuple[str, int]]) -> str:
    return " + ".join(f"{label} {value}" for label, value in parts) + f" = {sum(v for _, v in parts)}"


# The live preview's last check that found nothing (congkhai.remembered): the same reports in the same
# files, with the same agencies, fields and build date, still have nothing to report.
_PASSED = Remembered()


def check_reports(config: Config, raw: RawData, problems: Problems) -> None:
    """Check every monthly report on its own and against last month's report."""
    agencies = {a.slug for a, _ in raw.agencies} | raw.known["agency"]
    domains = {d.slug for d, _ in raw.domains} | raw.known["domain"]
    inputs = (config.build_date, frozenset(agencies), frozenset(domains),
              tuple(str(origin.source.path) for _, origin in raw.reports))
    reports = [report for report, _ in raw.reports]
    if _PASSED.holds(reports, inputs):
        return
    before = len(problems.items)
    _check_each(config, raw, problems, agencies, domains)
    if len(problems.items) == before:
        _PASSED.remember(reports, inputs)
    else:
        _PASSED.forget()


def _check_each(config: Config, raw: RawData, problems: Problems, agencies: set, domains: set) -> None:
    """The checks themselves: ``agencies`` and ``domains`` are the slugs the data declares."""
    by_key: dict[tuple[str, str], tuple[MonthlyReport, object]] = {}
    folders_reported = set()

    for report, origin in raw.reports:
        def add(path: tuple, message: str) -> None:
            problems.add(origin.file, origin.line(*path), path, message)

        path = origin.source.path
        folder, stem = path.parent.name, path.stem
        if not is_month(folder):
            if folder not in folders_reported:
                folders_reported.add(folder)
                problems.add(config.display(path.parent), 0, "",
                             f"tên thư mục phải là {MONTH_HINT}")
        elif report.ky != folder:
            add(("ky",), f"kỳ '{report.ky}' khác thư mục '{folder}'; tệp phải nằm trong thư mục '{report.ky}'")
        if report.co_quan != stem:
            add(("co_quan",), f"cơ quan '{report.co_quan}' khác tên tệp; tên tệp phải là '{report.co_quan}.yaml' "
                              f"hoặc co_quan phải là '{stem}'")
        if report.co_quan not in agencies:
            add(("co_quan",), f"không có cơ quan '{report.co_quan}' trong {AGENCY_FILE}")
        if Month.parse(report.ky).first_day > config.build_date:
            add(("ky",), f"kỳ {report.ky} ở sau ngày xây dựng trang ({config.build_date.isoformat()})")

        seen: dict[str, int] = {}
        for i, row in enumerate(report.ho_so):
            if row.linh_vuc not in domains:
                add(("ho_so", i, "linh_vuc"), f"không có lĩnh vực '{row.linh_vuc}' trong {DOMAIN_FILE}")
            if row.linh_vuc in seen:
                first = seen[row.linh_vuc]
                add(("ho_so", i, "linh_vuc"),
                    f"lĩnh vực '{row.linh_vuc}' đã có ở ho_so[{first}] (dòng {origin.line('ho_so', first)}); "
                    "mỗi lĩnh vực chỉ một dòng")
            else:
                seen[row.linh_vuc] = i
            if sum(_INCOMING(row)) != sum(_OUTGOING(row)):
                incoming = [(c.label, getattr(row, c.key)) for c in INCOMING]
                outgoing = [(c.label, getattr(row, c.key)) for c in OUTGOING]
                add(("ho_so", i),
                    f"số hồ sơ không khớp: tiếp nhận ({_sum_text(incoming)}) khác "
                    f"đã và đang giải quyết ({_sum_text(outgoing)})")

        feedback = report.phan_anh_kien_nghi
        if feedback and feedback.tu_ky_truoc + feedback.tiep_nhan != feedback.da_xu_ly + feedback.dang_xu_ly:
            add(("phan_anh_kien_nghi",),
                f"số phản ánh, kiến nghị không khớp: {_sum_text([('tồn kỳ trước', feedback.tu_ky_truoc), ('tiếp nhận', feedback.tiep_nhan)])}"
                f" khác {_sum_text([('đã xử lý', feedback.da_xu_ly), ('đang xử lý', feedback.dang_xu_ly)])}")
        survey = report.hai_long
        if survey:
            answers = [("rất hài lòng", survey.rat_hai_long), ("hài lòng", survey.hai_long),
                       ("chưa hài lòng", survey.chua_hai_long)]
            if sum(v for _, v in answers) != survey.so_phieu:
                add(("hai_long",), f"số phiếu không khớp: {_sum_text(answers)} khác số phiếu {survey.so_phieu}")
        # Carry-over follows where the file is; a wrong co_quan or ky was reported above.
        if is_month(folder):
            by_key.setdefault((stem, Month.parse(folder)), (report, origin))

    _check_carry_over(by_key, problems)


def _check_carry_over(by_key: dict, problems: Problems) -> None:
    """Each field's carried-over count equals what was pending at the end of last month."""
    for (agency, month), (report, origin) in sorted(by_key.items()):
        previous = by_key.get((agency, month.previous()))
        if previous is None:
            continue
        last, last_origin = previous
        pending = carried_over(last)
        seen = set()
        for i, row in enumerate(report.ho_so):
            if row.linh_vuc in seen:
                continue
            seen.add(row.linh_vuc)
            expected = pending.get(row.linh_vuc, 0)
            if row.tu_ky_truoc != expected:
                problems.add(
                    origin.file, origin.line("ho_so", i, "tu_ky_truoc"), ("ho_so", i, "tu_ky_truoc"),
                    f"tồn kỳ trước là {row.tu_ky_truoc}, nhưng báo cáo {month.previous().label} "
                    f"({last_origin.file}) còn {expected} hồ sơ đang giải quyết của lĩnh vực '{row.linh_vuc}'",
                )
