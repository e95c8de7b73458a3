"""``invoke new-report``: next month's results file for an agency, carry-over filled in."""

from __future__ import annotations

import sys

from pelican.settings import read_settings

from . import editor_schema, scaffold
from .config import from_settings
from .crossref import not_found
from .loader import read_list
from .month import Month, is_month
from .problems import Problems
from .report_rules import carried_over
from .schema import Agency, MonthlyReport, MonthText, Slug
from .validate import validate
from .yamlsource import load_yaml


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
    command = "invoke new-report"
    config = from_settings(read_settings(settings_file))
    ky = ky or default_month(config, co_quan)
    errors = scaffold.check_options(command, [("--co-quan", Slug, co_quan), ("--ky", MonthText, ky)])
    problems = Problems()
    if not errors:
        agencies = {a.slug: a.ten for a in read_list(config, config.data / "co-quan.yaml", Agency, problems)}
        errors = [str(p) for p in problems.sorted()]
        if not errors and co_quan not in agencies:
            errors = [f"{command}: --co-quan: {not_found('agency', co_quan, agencies)}"]
    path = config.results / ky / f"{co_quan}.yaml"
    if not errors and path.exists():
        errors = [f"{config.display(path)}: tệp đã có; không ghi đè. Hãy sửa tệp đó."]
    values: dict = {"co_quan": co_quan, "ky": ky}
    month = Month.parse(ky) if not errors else None
    last_path = config.results / str(month.previous()) / f"{co_quan}.yaml" if month else None
    if last_path is not None and last_path.exists():
        source = load_yaml(last_path, config.display(last_path), problems, config.max_file_bytes)
        last = validate(source, MonthlyReport, problems) if source else None
        if last is None:
            errors = [str(p) for p in problems.sorted()] + [
                f"{command}: hãy sửa báo cáo {month.previous().label} trước để lấy số tồn kỳ trước."]
        else:
            values.update(next_month_start(last))
    if errors:
        print("\n".join([*errors, "Chưa tạo tệp mới."]), file=sys.stderr)
        return 1
    note = (f"Số tồn kỳ trước lấy từ báo cáo {month.previous().label}."
            if "ho_so" in values else f"Chưa có báo cáo {month.previous().label}: hãy điền đủ các dòng.")
    schema = scaffold.schema_reference(path, config.root / editor_schema.file_kind("report").schema_path)
    text = scaffold.skeleton(MonthlyReport, values, schema,
                             f"Kết quả {month.label} của {agencies[co_quan]}, tạo bằng lệnh invoke new-report. {note}")
    scaffold.create(path, text)
    print(f"Đã tạo {config.display(path)}. Hãy điền số liệu, rồi chạy ./dev check để kiểm tra.")
    return 0
