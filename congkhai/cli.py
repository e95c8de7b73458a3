"""Command line: ``python -m congkhai check`` validates, ``build`` builds the site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pelican import main as pelican_main
from pelican.settings import read_settings

from .catalog import build_catalog
from .config import from_settings
from .problems import DataErrors, print_report


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
    for line in catalog.stale_warnings():
        print(line)
    return 0


def build(settings_file: str, extra: list[str]) -> int:
    """Build the site with Pelican; warnings are fatal; data problems stop the build."""
    settings = read_settings(settings_file)
    args = [settings["PATH"], "-s", settings_file, "--fatal", "warnings", *extra]
    try:
        pelican_main(args)
    except DataErrors:
        return 1
    except SystemExit as exc:
        return int(exc.code or 0)
    output = Path(settings["OUTPUT_PATH"]).resolve()
    print(f"Đã xây dựng trang web vào {output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="congkhai", description="Công khai thủ tục hành chính")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("check", "kiểm tra dữ liệu, không xây dựng"), ("build", "xây dựng trang web")):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("-s", "--settings", default="pelicanconf.py")
    args, extra = parser.parse_known_args(argv)
    if args.command == "check":
        return check(args.settings)
    return build(args.settings, extra)


if __name__ == "__main__":
    sys.exit(main())
