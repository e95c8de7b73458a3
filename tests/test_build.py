"""Real Pelican builds of the tiny project: pages, determinism, all-or-nothing output."""

import os
import re
import subprocess
import sys

import pytest

from congkhai.problems import DataErrors
from helpers import ROOT, build, edit, tree

PAGES = [
    "index.html",
    "404.html",
    "thu-tuc/index.html",
    "thu-tuc/1.001193/index.html",
    "thu-tuc/2.000815/index.html",
    "thu-tuc/1.000001/index.html",
    "linh-vuc/index.html",
    "linh-vuc/ho-tich/index.html",
    "linh-vuc/chung-thuc/index.html",
    "co-quan/index.html",
    "co-quan/so-tu-phap/index.html",
    "co-quan/phuong-hoan-kiem/index.html",
    "cap/index.html",
    "cap/tinh/index.html",
    "cap/xa/index.html",
    "doi-tuong/index.html",
    "doi-tuong/cong-dan/index.html",
    "doi-tuong/nguoi-nuoc-ngoai/index.html",
    "su-kien/index.html",
    "su-kien/co-con/index.html",
    "tim-kiem/index.html",
    "thong-bao/index.html",
    "thong-bao/lich-tiep-nhan-tet/index.html",
    "10-noi-dung-yeu-cau/index.html",
    "mau/to-khai-khai-sinh.docx",
    "static/site.css",
]


def test_every_page_kind_is_written(tiny):
    out = build(tiny)
    missing = [p for p in PAGES if not (out / p).is_file()]
    assert missing == []
    assert not (tiny / ".output.building").exists()


def test_building_twice_gives_identical_bytes(tiny, tmp_path):
    first = tree(build(tiny))
    second = tree(build(tiny))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_failed_build_leaves_previous_output_untouched(tiny, capsys):
    out = build(tiny)
    before = tree(out)
    edit(tiny, "procedures/1.001193.yaml", "linh_vuc: ho-tich\n", "linh_vuc: ho-tic\n")
    edit(tiny, "procedures/2.000815.yaml", "ket_qua: Bản sao được chứng thực\n", "")
    with pytest.raises(DataErrors) as raised:
        build(tiny)
    assert len(raised.value.problems) == 2
    assert tree(out) == before
    assert not (tiny / ".output.building").exists()
    err = capsys.readouterr().err
    assert "procedures/1.001193.yaml:6: linh_vuc: không có lĩnh vực 'ho-tic'" in err
    assert "procedures/2.000815.yaml:1: ket_qua: thiếu trường bắt buộc" in err
    assert err.rstrip().endswith("Dữ liệu có 2 lỗi. Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên.")


def _conf(project, tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"from pelicanconf import *\n"
        f"PATH = {str(project / 'content')!r}\nOUTPUT_PATH = {str(project / 'output')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\nCONGKHAI = {{'build_date': '2026-11-23'}}\n",
        encoding="utf-8",
    )
    return conf


def _run(args, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "congkhai", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)


def test_command_line_reports_without_traceback(tiny, tmp_path):
    conf = _conf(tiny, tmp_path)
    ok = _run(["build", "-s", str(conf)], tmp_path)
    assert ok.returncode == 0, ok.stderr
    before = tree(tiny / "output")
    edit(tiny, "procedures/1.001193.yaml", "  - hinh_thuc: truc_tuyen\n", "  - hinh_thuc: online\n")
    edit(tiny, "content/data/co-quan.yaml", "  cap: xa\n", "  cap: huyen\n")
    for command in (["build", "-s", str(conf)], ["check", "-s", str(conf)]):
        run = _run(command, tmp_path)
        assert run.returncode == 1
        assert "Traceback" not in run.stderr + run.stdout
        assert run.stderr.splitlines() == [
            "content/data/co-quan.yaml:11: [1].cap: giá trị 'huyen' không hợp lệ; chọn một trong: tinh, xa, bo, khac",
            "procedures/1.001193.yaml:18: cach_thuc[1].hinh_thuc: giá trị 'online' không hợp lệ; "
            "chọn một trong: truc_tiep, truc_tuyen, buu_chinh",
            "Dữ liệu có 2 lỗi. Trang web không được xây dựng lại; bản đã xây dựng trước đó được giữ nguyên.",
        ]
    assert tree(tiny / "output") == before


def test_check_reports_stale_pages(tiny, tmp_path):
    run = _run(["check", "-s", str(_conf(tiny, tmp_path))], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith("Dữ liệu hợp lệ: 3 thủ tục, 2 cơ quan, 2 lĩnh vực, 2 báo cáo tháng")
    assert ("Cảnh báo: thủ tục 2.000815 (Chứng thực bản sao từ bản chính) cập nhật lần cuối ngày 01/06/2025, "
            "đã quá 365 ngày; hãy rà soát.") in run.stdout


def test_raw_html_never_reaches_the_page(tiny):
    # Markdown is allowed; any HTML the sanitiser does not allow is dropped.
    edit(tiny, "procedures/1.001193.yaml", "  - Nhận Giấy khai sinh.\n",
         "  - Nhận Giấy khai sinh tại [trang này](https://example.org/a\"onmouseover=\"x).\n")
    page = (build(tiny) / "thu-tuc/1.001193/index.html").read_text(encoding="utf-8")
    assert 'onmouseover="' not in page
    scripts = re.findall(r"<script[^>]*>", page)
    # The structured data block is data for search engines, never run.
    assert scripts == ['<script type="application/ld+json">', '<script src="../../static/cases.js" defer>']


def test_a_second_build_in_one_process_uses_the_new_data(tiny):
    # pelican --autoreload runs several builds with one Pelican object: nothing rendered before may stay.
    from pelican import Pelican

    from helpers import project_settings

    pelican = Pelican(project_settings(tiny))
    pelican.run()
    edit(tiny, "procedures/1.001193.yaml", "ten_thuong_goi: Làm giấy khai sinh\n", "ten_thuong_goi: Khai sinh cho bé\n")
    pelican.run()
    page = (tiny / "output/linh-vuc/ho-tich/index.html").read_text(encoding="utf-8")
    assert "Khai sinh cho bé" in page and "Làm giấy khai sinh</p>" not in page


def test_the_garbage_collector_runs_rarely_during_a_build_and_as_before_after_it(tiny):
    import gc

    from pelican import signals

    from congkhai.build.session import BUILD_GC_THRESHOLDS

    before = gc.get_threshold()
    during = []

    def look(path, context):
        during.append(gc.get_threshold())

    signals.content_written.connect(look)
    try:
        build(tiny)
    finally:
        signals.content_written.disconnect(look)
    assert during and set(during) == {BUILD_GC_THRESHOLDS}
    assert gc.get_threshold() == before
    # A build stopped by a data error puts them back too.
    edit(tiny, "procedures/2.000815.yaml", "\nten:", "\ntenn:")
    with pytest.raises(DataErrors):
        build(tiny)
    assert gc.get_threshold() == before
