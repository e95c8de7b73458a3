"""Command line: ``python -m congkhai check`` validates, ``build`` builds the site,
``new-procedure`` and ``new-report`` write the skeleton of a new file, ``schema`` writes the JSON Schema files."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from pathlib import Path

from pelican import main as pelican_main
from pelican.settings import read_settings

from . import editor_schema
from .build import unchanged
from .build.staging import recover
from .catalog import build_catalog
from .config import from_settings
from .problems import DataErrors, print_report
from .procedure_scaffold import new_procedure
from .results.scaffold import new_report


def check(settings_file: str) -> int:
    """Validate every data file without building; print one line per problem."""
    started = time.perf_counter()
    settings = read_settings(settings_file)
    try:
        catalog = build_catalog(from_settings(settings))
    except DataErrors as errors:
        print_report(errors.problems)
        return 1
    took = time.perf_counter() - started
    print(
        f"Dữ liệu hợp lệ: {len(catalog.procedures)} thủ tục, {len(catalog.agencies)} cơ quan, "
        f"{len(catalog.domains)} lĩnh vực, {len(catalog.reports)} báo cáo tháng ({took:.1f} giây)."
    )
    for line in catalog.warnings():
        print(line)
    return 0


def build(settings_file: str, extra: list[str]) -> int:
    """Build the site with Pelican; warnings are fatal; data problems stop the build."""
    settings = read_settings(settings_file)
    config = from_settings(settings)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    inputs = unchanged.fingerprint(settings, config)
    if not extra and unchanged.up_to_date(config, output, inputs):
        print(f"Không có thay đổi nào từ lần xây dựng trước; trang web trong {output} được giữ nguyên.")
        return 0
    args = [settings["PATH"], "-s", settings_file, "--fatal", "warnings", *extra]
    try:
        with _stoppable():
            pelican_main(args)
    except DataErrors:
        return 1
    except Stopped:
        raise
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        recover(output)
    unchanged.record(config, output, inputs)
    print(f"Đã xây dựng trang web vào {output}")
    return 0


class Stopped(SystemExit):
    """The build was stopped (Ctrl-C, SIGTERM): whatever called it stops too, a watch loop included."""


@contextlib.contextmanager
def _stoppable():
    """Ctrl-C or a stop from outside ends the build as an exit Pelican lets through, so what it wrote is cleared.

    Only the main thread can take signals (``invoke livereload`` builds in another one).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        print("Đã dừng xây dựng; trang web trước đó được giữ nguyên.", file=sys.stderr)
        raise Stopped(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def write_schema(root: Path) -> int:
    """Write the JSON Schema files and the editor settings from the models."""
    changed = editor_schema.write(root)
    print(f"Đã cập nhật: {', '.join(changed)}." if changed else "Các tệp JSON Schema đã đúng với mẫu dữ liệu.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="congkhai", description="Công khai thủ tục hành chính")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("check", "kiểm tra dữ liệu, không xây dựng"), ("build", "xây dựng trang web"),
                            ("new-procedure", "tạo tệp khung cho một thủ tục mới"),
                            ("new-report", "tạo tệp báo cáo tháng cho một cơ quan")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("-s", "--settings", default="pelicanconf.py")
        if name == "new-procedure":
            cmd.add_argument("--ma", required=True, help="mã thủ tục, ví dụ 1.000123")
            cmd.add_argument("--linh-vuc", required=True, help="mã lĩnh vực trong content/data/linh-vuc.yaml")
            cmd.add_argument("--ten", help="tên thủ tục (không bắt buộc)")
        if name == "new-report":
            cmd.add_argument("--co-quan", required=True, help="mã cơ quan trong content/data/co-quan.yaml")
            cmd.add_argument("--ky", help="kỳ báo cáo YYYY-MM (mặc định: tháng sau báo cáo gần nhất)")
    schema = sub.add_parser("schema", help="viết các tệp JSON Schema cho trình soạn thảo")
    schema.add_argument("--root", default=".", help="thư mục dự án")
    args, extra = parser.parse_known_args(argv)
    if args.command == "check":
        return check(args.settings)
    if args.command == "new-procedure":
        return new_procedure(args.settings, args.ma, args.linh_vuc, args.ten)
    if args.command == "new-report":
        return new_report(args.settings, args.co_quan, args.ky)
    if args.command == "schema":
        return write_schema(Path(args.root))
    return build(args.settings, extra)


if __name__ == "__main__":
    sys.exit(main())
