"""``invoke new-report``: next month's results file for an agency, carry-over filled in."""

from __future__ import annotations

from pelican.settings import read_settings

from ..config import from_settings
from ..month import Month, is_month
from ..problems import Problems
from .rules import carried_over
from ..scaffold import NewFile
from ..schema import Agency, MonthlyReport, MonthText, Slug
from ..validate import validate
from ..yamlsource import load_yaml


def next_month_start(last: MonthlyReport) -> dict:
    """What next month's report starts from: each field's pending dossiers and open feedback."""
    values: dict = {"ho_so": [{"linh_vuc": field, "tu_ky_truoc": pending}
                              for field, pending in carried_over(last).items()]}
    if last.phan_anh_kien_nghi:
        values["phan_anh_kien_nghi"] = {"tu_ky_truoc": last.phan_anh_kien_nghi.dang_xu_ly}
    return values


def default_month(config, co_quan: str) -> str:
    """The month after the agency's latest report, or the build date's month."""
    months = [Month.parse(p.parent.name) for p in config.results.glob(f"*/{co_quan}.yaml") if is_month(p.parent.name)]
    return str(max(months).next() if months else Month.of(config.build_date))


def new_report(settings_file: str, co_quan: str, ky: str | None = None) -> int:
    """Write ``content/ket-qua/<ky>/<co_quan>.yaml``; refuses bad options and existing files."""
    config = from_settings(read_settings(settings_file))
    new = NewFile("invoke new-report", config)
    ky = ky or default_month(config, co_quan)
    new.check_options([("--co-quan", Slug, co_quan), ("--ky", MonthText, ky)])
    agencies = new.look_up("--co-quan", co_quan, "agency", "co-quan.yaml", Agency)
    path = config.results / ky / f"{co_quan}.yaml"
    new.refuse_existing(path, "Hãy sửa tệp đó.")
    start = _start_from_last_month(new, co_quan, ky)
    if new.refused():
        return 1
    month = Month.parse(ky)
    last_month = month.previous().label
    note = (f"Số tồn kỳ trước lấy từ báo cáo {last_month}."
            if start else f"Chưa có báo cáo {last_month}: hãy điền đủ các dòng.")
    return new.write(path, "report", {"co_quan": co_quan, "ky": ky, **start},
                     f"Kết quả {month.label} của {agencies[co_quan].ten}, tạo bằng lệnh invoke new-report. {note}",
                     "Hãy điền số liệu")


def _start_from_last_month(new: NewFile, co_quan: str, ky: str) -> dict:
    """``next_month_start`` of the agency's report of the month before, if there is one; refuses an invalid one."""
    if new.errors:
        return {}
    config = new.config
    previous = Month.parse(ky).previous()
    path = config.results / str(previous) / f"{co_quan}.yaml"
    if not path.exists():
        return {}
    problems = Problems()
    source = load_yaml(path, config.display(path), problems, config.max_file_bytes)
    last = validate(source, MonthlyReport, problems) if source else None
    if last is None:
        new.refuse([str(p) for p in problems.sorted()]
                   + [f"{new.command}: hãy sửa báo cáo {previous.label} trước để lấy số tồn kỳ trước."])
        return {}
    return next_month_start(last)
