"""Incremental builds: after any kind of change, a rebuild gives exactly what a clean build gives.

A rebuild renders only the pages whose key changed (congkhai.build.reuse) and
hard-links the others from the last build, so a file that was carried over
keeps its inode. The tests compare whole output trees byte for byte with a
clean build of the same data, and use inodes to see what was rendered again.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest
import yaml
from pelican import Pelican

from congkhai.config import from_settings
from congkhai.build.keys import OWN_ONLY
from congkhai.schema import Procedure

from helpers import ROOT, build, edit, problems_of, project_settings, project_with_tasks, run_task, tree

EDITED = "1.001193"  # the tiny procedure that has every optional field
NOVEMBER = """co_quan: so-tu-phap
ky: 2026-11
ho_so:
  - linh_vuc: ho-tich
    tu_ky_truoc: 30
    truc_tuyen: 100
    truc_tiep: 20
    buu_chinh: 0
    truoc_han: 90
    dung_han: 40
    qua_han: 0
    dang_trong_han: 20
    dang_qua_han: 0
  - linh_vuc: chung-thuc
    tu_ky_truoc: 4
    truc_tuyen: 5
    truc_tiep: 20
    buu_chinh: 0
    truoc_han: 20
    dung_han: 9
    qua_han: 0
    dang_trong_han: 0
    dang_qua_han: 0
xin_loi: 0
phan_anh_kien_nghi:
  tu_ky_truoc: 1
  tiep_nhan: 2
  da_xu_ly: 3
  dang_xu_ly: 0
"""


def _add_procedure(project: Path) -> None:
    text = (project / "procedures/2.000815.yaml").read_text(encoding="utf-8")
    text = text.replace('ma: "2.000815"', 'ma: "2.000999"').replace("Chứng thực bản sao từ bản chính",
                                                                    "Chứng thực bản sao điện tử từ bản chính")
    (project / "procedures/2.000999.yaml").write_text(text, encoding="utf-8")


def _add_month(project: Path) -> None:
    folder = project / "content/ket-qua/2026-11"
    folder.mkdir()
    (folder / "so-tu-phap.yaml").write_text(NOVEMBER, encoding="utf-8")


CHANGES = {
    "procedure documents edited": lambda p: edit(p, f"procedures/{EDITED}.yaml", "Tờ khai đăng ký khai sinh",
                                                 "Tờ khai đăng ký khai sinh (theo mẫu)"),
    # What the procedure gives is indexed text (its documents are not).
    "procedure result edited": lambda p: edit(p, f"procedures/{EDITED}.yaml", "ket_qua: Giấy khai sinh",
                                              "ket_qua: Giấy khai sinh (bản chính)"),
    "procedure renamed": lambda p: edit(p, "procedures/2.000815.yaml", "ten: Chứng thực bản sao từ bản chính",
                                        "ten: Chứng thực bản sao giấy tờ từ bản chính"),
    # The A–Z list shows every alias (the search without JavaScript leads there).
    "procedure alias edited": lambda p: edit(p, f"procedures/{EDITED}.yaml", "khai sinh cho con", "khai sinh cho bé"),
    "procedure added": _add_procedure,
    "procedure deleted": lambda p: (p / "procedures/1.000001.yaml").unlink(),
    "month added": _add_month,
    "report edited": lambda p: edit(p, "content/ket-qua/2026-09/so-tu-phap.yaml", "xin_loi: ", "xin_loi: 1"),
    "agency renamed": lambda p: edit(p, "content/data/co-quan.yaml", "ten: Sở Tư pháp thành phố Hà Nội",
                                     "ten: Sở Tư pháp Hà Nội"),
    "announcement edited": lambda p: edit(p, "content/thong-bao/thong-bao-mau.md", "\n\n", "\n\nCập nhật.\n\n"),
}


def _clean_build(project: Path) -> dict[str, bytes]:
    """The output of a build from nothing: no cache, no earlier output."""
    shutil.rmtree(from_settings(project_settings(project)).cache, ignore_errors=True)
    shutil.rmtree(project / "output")
    return tree(build(project))


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def _snapshot(output: Path, target: Path) -> dict[str, int]:
    """Keep the last build's files alive (hard links) so their inodes cannot be reused; return the inodes."""
    for path in output.rglob("*"):
        if path.is_file():
            copy_to = target / path.relative_to(output)
            copy_to.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, copy_to)
    return _inodes(output)


def _rendered_again(before: dict[str, int], output: Path) -> set[str]:
    """The files of ``output`` that are not the last build's files carried over."""
    return {name for name, inode in _inodes(output).items() if before.get(name) != inode}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_rebuild_after_a_change_equals_a_clean_build(tiny, tmp_path, change):
    build(tiny)
    CHANGES[change](tiny)
    incremental = tree(build(tiny))
    clean = _clean_build(tiny)
    assert incremental.keys() == clean.keys()
    differing = sorted(name for name in clean if incremental[name] != clean[name])
    assert differing == []


def test_rebuild_with_nothing_changed_renders_nothing(tiny, tmp_path):
    before = _snapshot(build(tiny), tmp_path / "last")
    again = _rendered_again(before, build(tiny))
    pages = {name for name in again if name.endswith(".html")}
    # Pelican renders its own pages (home, announcements) every time; none of the plugin's pages is rendered.
    ours = {name for name in pages if name.split("/")[0] in {"thu-tuc", "linh-vuc", "co-quan", "cap", "doi-tuong",
                                                               "ket-qua", "su-kien", "tim-kiem", "cap-nhat", "du-lieu"}}
    assert ours == set()
    assert not any(name.startswith("pagefind/") for name in again), "the search index is carried over"


def test_editing_documents_renders_only_that_procedures_pages(tiny, tmp_path):
    before = _snapshot(build(tiny), tmp_path / "last")
    CHANGES["procedure documents edited"](tiny)
    again = _rendered_again(before, build(tiny))
    pages = {name for name in again if name.endswith("index.html") and name.split("/")[0] in {
        "thu-tuc", "linh-vuc", "co-quan", "cap", "doi-tuong", "ket-qua", "su-kien", "cap-nhat", "tim-kiem"}}
    assert pages == {f"thu-tuc/{EDITED}/index.html", f"thu-tuc/{EDITED}/to-niem-yet/index.html"}


def test_editing_one_report_leaves_other_months_alone(tiny, tmp_path):
    before = _snapshot(build(tiny), tmp_path / "last")
    CHANGES["report edited"](tiny)
    again = _rendered_again(before, build(tiny))
    assert "ket-qua/2026-09/co-quan/so-tu-phap/index.html" in again
    assert not any(name.startswith("ket-qua/2026-10/") for name in again)
    assert not any(name.startswith("thu-tuc/") for name in again)
    assert not any(name.startswith("pagefind/") for name in again), "no page with indexed text changed"


def test_editing_one_report_leaves_the_other_agencies_pages_of_that_month_alone(tiny, tmp_path):
    """An agency's page, its page of the month, its results over the months and a field's page of the month show
    only their own reports: another agency's edit in the same month leaves them as they were."""
    ward = (NOVEMBER.replace("co_quan: so-tu-phap", "co_quan: phuong-hoan-kiem").replace("ky: 2026-11", "ky: 2026-09")
            .split("  - linh_vuc: ho-tich")[0] + "  - linh_vuc: chung-thuc" + NOVEMBER.split("  - linh_vuc: chung-thuc")[1])
    (tiny / "content/ket-qua/2026-09/phuong-hoan-kiem.yaml").write_text(ward, encoding="utf-8")
    before = _snapshot(build(tiny), tmp_path / "last")
    CHANGES["report edited"](tiny)  # so-tu-phap's report of 2026-09, whose rows are of ho-tich only
    again = _rendered_again(before, build(tiny))
    assert {"ket-qua/2026-09/co-quan/so-tu-phap/index.html", "co-quan/so-tu-phap/ket-qua/index.html",
            "ket-qua/2026-09/linh-vuc/ho-tich/index.html", "ket-qua/2026-09/index.html"} <= again
    assert not again & {"ket-qua/2026-09/co-quan/phuong-hoan-kiem/index.html", "co-quan/phuong-hoan-kiem/index.html",
                        "co-quan/phuong-hoan-kiem/ket-qua/index.html", "ket-qua/2026-09/linh-vuc/chung-thuc/index.html"}
    assert tree(tiny / "output") == _clean_build(tiny)


def _mutated(value):
    """The same value with its first text (or number) changed, so a page that shows it changes."""
    if isinstance(value, str):
        return value + " (sửa)"
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, list):
        return [_mutated(value[0]), *value[1:]]
    if isinstance(value, dict):
        key = next(k for k, v in value.items() if isinstance(v, (str, int, list, dict)) and not isinstance(v, bool)
                   and k not in {"ma", "linh_vuc", "hinh_thuc", "ngay_ban_hanh", "ngay"})
        return {**value, key: _mutated(value[key])}
    raise AssertionError(f"no text to change in {value!r}")


@pytest.mark.parametrize("field", sorted(OWN_ONLY))
def test_own_only_fields_show_on_the_procedures_own_pages_only(tiny, field):
    """The claim incremental builds rest on, checked with two clean builds: such a field changes
    the procedure's page, its desk sheet, the downloads and the search index, and nothing else."""
    path = tiny / "procedures" / f"{EDITED}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert field in Procedure.model_fields and field in data, f"the tiny procedure {EDITED} must have {field}"
    first = tree(build(tiny))
    changed = copy.deepcopy(data)
    changed[field] = _mutated(data[field])
    path.write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    second = _clean_build(tiny)
    index = "pagefind/"  # its file names are hashes of what it holds
    assert {n for n in first if not n.startswith(index)} == {n for n in second if not n.startswith(index)}
    differing = {name for name in first if name in second and first[name] != second[name]}
    assert f"thu-tuc/{EDITED}/index.html" in differing, f"{field} must show on the procedure's page"
    allowed = {f"thu-tuc/{EDITED}/index.html", f"thu-tuc/{EDITED}/to-niem-yet/index.html"}
    assert {name for name in differing
            if name not in allowed and not name.startswith(("du-lieu/", "pagefind/"))} == set()


def _report(project: Path, settings_file: str = "pelicanconf.py", **override):
    """Build ``project``; return what the build says it did (congkhai.build.report)."""
    pelican = Pelican(project_settings(project, settings_file, **override))
    pelican.run()
    return pelican.congkhai_build.report


def _ours(names) -> set[str]:
    """The plugin's pages among ``names`` (Pelican renders its own pages every time)."""
    return {name for name in names if name.endswith("index.html") and name.split("/")[0] in {
        "thu-tuc", "linh-vuc", "co-quan", "cap", "doi-tuong", "ket-qua", "su-kien", "cap-nhat", "tim-kiem"}}


def test_the_build_says_what_it_rendered_and_which_input_changed(tiny, tmp_path, capsys):
    first = _report(tiny)
    assert first.first and first.rendered > 0
    assert "chưa có bản dựng trước" in capsys.readouterr().out
    before = _snapshot(tiny / "output", tmp_path / "last")
    CHANGES["procedure documents edited"](tiny)
    report = _report(tiny)
    again = _rendered_again(before, tiny / "output")
    assert not report.first
    assert report.changes.edited == [f"procedures/{EDITED}.yaml"]
    assert report.changes.base == report.changes.added == report.changes.deleted == []
    # Its own pages, for the procedure; the downloads of procedures, and the open data page that gives
    # every download's size. The downloads of agencies, fields and results are kept.
    assert report.reasons[f"thủ tục {EDITED}"] == len(_ours(again)) == 2
    downloads = {n for n in again if n.startswith("du-lieu/")}
    assert downloads == {"du-lieu/index.html", "du-lieu/thu-tuc.json", "du-lieu/thu-tuc.csv",
                         "du-lieu/thanh-phan-ho-so.csv"}
    assert report.reasons["các tệp thủ tục"] == 3 and report.reasons["các tệp dữ liệu"] == 1
    assert set(report.reasons) == {f"thủ tục {EDITED}", "các tệp thủ tục", "các tệp dữ liệu"}
    carried = set(_inodes(tiny / "output")) - again
    # A procedure's documents are not indexed text: the search index is kept as well.
    assert not any(name.startswith("pagefind/") for name in again)
    assert report.kept == len(carried) > 0
    printed = capsys.readouterr().out
    assert f"Thay đổi: procedures/{EDITED}.yaml (sửa)." in printed
    assert f"thủ tục {EDITED}: 2 tệp" in printed


def test_a_renamed_procedure_renders_the_lists_and_says_so(tiny):
    build(tiny)
    CHANGES["procedure renamed"](tiny)
    report = _report(tiny)
    assert report.changes.edited == ["procedures/2.000815.yaml"]
    # Its own pages; the lists it is on, then the pages that show every procedure.
    assert report.reasons["thủ tục 2.000815"] == 2
    assert report.reasons["thủ tục 2.000815 trong danh sách"] > 0
    assert report.reasons["danh sách mọi thủ tục"] > 0


def test_a_deleted_procedure_is_named_and_its_pages_removed(tiny):
    build(tiny)
    CHANGES["procedure deleted"](tiny)
    report = _report(tiny)
    assert report.changes.deleted == ["procedures/1.000001.yaml"]
    assert report.removed >= 1 and not (tiny / "output/thu-tuc/1.000001").exists()


def test_a_template_change_renders_every_page_again(tiny, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    before = _snapshot(build(tiny, THEME=str(theme)), tmp_path / "last")
    footer = theme / "templates/base.html"
    text = footer.read_text(encoding="utf-8")
    assert text.count("</footer>") == 1
    footer.write_text(text.replace("</footer>", "<p>Đã đổi giao diện.</p></footer>"), encoding="utf-8")
    report = _report(tiny, THEME=str(theme))
    again = _rendered_again(before, tiny / "output")
    assert report.changes.base == ["theme"] and report.changes.edited == []
    assert set(report.reasons) == {"giao diện (theme/)"}
    assert _ours(again) == _ours(before), "every page shows the footer"
    assert all("Đã đổi giao diện." in (tiny / "output" / name).read_text(encoding="utf-8") for name in _ours(again))


def test_a_settings_change_renders_every_page_again(tiny, tmp_path):
    before = _snapshot(build(tiny), tmp_path / "last")
    report = _report(tiny, SITENAME="Cổng công khai thủ tục (thử)")
    again = _rendered_again(before, tiny / "output")
    assert report.changes.base == ["settings"] and set(report.reasons) == {"cấu hình"}
    assert _ours(again) == _ours(before)
    incremental = tree(tiny / "output")
    shutil.rmtree(from_settings(project_settings(tiny)).cache, ignore_errors=True)
    shutil.rmtree(tiny / "output")
    assert tree(build(tiny, SITENAME="Cổng công khai thủ tục (thử)")) == incremental


def test_build_command_skips_a_build_when_nothing_changed_and_not_after_a_failed_one(tmp_path):
    project = project_with_tasks(tmp_path / "site")
    first = run_task(project, "build")
    assert first.returncode == 0, first.stdout + first.stderr
    before = _inodes(project / "output")
    again = run_task(project, "build")
    assert again.returncode == 0 and "Không có thay đổi nào" in again.stdout
    assert _inodes(project / "output") == before
    # A broken file fails the build and leaves the site; fixing it back must build again, not skip.
    good = (project / "procedures/2.000815.yaml").read_text(encoding="utf-8")
    (project / "procedures/2.000815.yaml").write_text(good.replace("ten:", "tenn:", 1), encoding="utf-8")
    failed = run_task(project, "build")
    assert failed.returncode != 0 and _inodes(project / "output") == before
    (project / "procedures/2.000815.yaml").write_text(good, encoding="utf-8")
    fixed = run_task(project, "build")
    assert fixed.returncode == 0 and "Không có thay đổi nào" not in fixed.stdout
    edit(project, "procedures/2.000815.yaml", "ten: Chứng thực bản sao từ bản chính",
         "ten: Chứng thực bản sao giấy tờ từ bản chính")
    renamed = run_task(project, "build")
    assert "Không có thay đổi nào" not in renamed.stdout
    assert "Chứng thực bản sao giấy tờ từ bản chính" in (project / "output/thu-tuc/index.html").read_text("utf-8")


def test_a_page_deleted_from_the_output_by_hand_is_written_again(tiny):
    build(tiny)
    page = tiny / "output/thu-tuc/2.000815/index.html"
    expected = page.read_bytes()
    page.unlink()
    build(tiny)
    assert page.read_bytes() == expected


def test_the_next_process_takes_valid_files_from_the_cache_without_reading_them(tiny, monkeypatch):
    from congkhai import loader
    from congkhai.build import cache as buildcache
    from helpers import problems_of

    assert problems_of(tiny) == []
    buildcache._OPEN.clear()  # as in a new process: the cache comes from its file

    def no_parsing(path, *args, **kwargs):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(loader, "load_yaml", no_parsing)
    assert problems_of(tiny) == []


def test_a_build_keeps_the_validated_files_for_the_next_process_even_when_it_fails(tiny, monkeypatch):
    """A build writes the cache while Pagefind runs (or when it stops on a data error), not while reading."""
    from congkhai import loader
    from congkhai.build import cache as buildcache
    from congkhai.problems import DataErrors

    build(tiny)
    buildcache._OPEN.clear()
    parsed = []
    real = loader.load_yaml
    monkeypatch.setattr(loader, "load_yaml", lambda path, *a, **k: parsed.append(path.name) or real(path, *a, **k))
    assert problems_of(tiny) == [] and parsed == []
    edit(tiny, "procedures/1.001193.yaml", "ten: Đăng ký khai sinh\n", "ten: 12\n")
    edit(tiny, "procedures/2.000815.yaml", "ten: Chứng thực bản sao từ bản chính\n", "ten: Chứng thực bản sao\n")
    with pytest.raises(DataErrors):
        build(tiny)
    buildcache._OPEN.clear()
    parsed.clear()
    assert len(problems_of(tiny)) == 1
    # The file with a problem is read again; the other edited file was kept by the failed build.
    assert parsed == ["1.001193.yaml"]


def _cache_file(project: Path) -> Path:
    from congkhai.build.cache import FILE_NAME
    return from_settings(project_settings(project)).cache / FILE_NAME


def _parsed_in_a_new_process(project: Path, monkeypatch) -> list[str]:
    """The data files a new process parses to check ``project`` (the others come from the cache file)."""
    from congkhai import loader
    from congkhai.build import cache as buildcache

    buildcache._OPEN.clear()
    parsed = []
    real = loader.load_yaml
    monkeypatch.setattr(loader, "load_yaml", lambda path, *a, **k: parsed.append(path.name) or real(path, *a, **k))
    assert problems_of(project) == []
    monkeypatch.undo()
    return parsed


def test_a_build_adds_the_changed_files_entries_to_the_cache_file_instead_of_writing_it_whole(tiny, monkeypatch):
    build(tiny)
    cache = _cache_file(tiny)
    before = cache.stat()
    CHANGES["procedure renamed"](tiny)
    CHANGES["procedure deleted"](tiny)
    build(tiny)
    after = cache.stat()
    assert after.st_ino == before.st_ino and after.st_size > before.st_size
    assert after.st_mode & 0o077 == 0
    # A new process takes the renamed procedure from the cache, and not the deleted one.
    assert _parsed_in_a_new_process(tiny, monkeypatch) == []
    assert tree(tiny / "output") == _clean_build(tiny)


def test_the_cache_file_is_written_whole_again_once_many_entries_were_added(tiny, monkeypatch):
    from congkhai.build import cache as buildcache

    monkeypatch.setattr(buildcache, "COMPACT_AFTER", 1)
    monkeypatch.setattr(buildcache, "COMPACT_SHARE", 0)
    build(tiny)
    first = _cache_file(tiny).stat().st_ino
    CHANGES["procedure renamed"](tiny)  # one entry added: 1 of at most 1
    build(tiny)
    assert _cache_file(tiny).stat().st_ino == first
    CHANGES["report edited"](tiny)  # a second: written whole
    build(tiny)
    assert _cache_file(tiny).stat().st_ino != first
    monkeypatch.undo()
    assert _parsed_in_a_new_process(tiny, monkeypatch) == []


def test_a_cache_file_cut_short_keeps_its_whole_entries_and_is_written_whole_next(tiny, monkeypatch):
    """A build stopped while adding entries leaves the last one cut short: the files before it still come from
    the cache, the one cut is parsed again, and nothing is ever added after the cut."""
    build(tiny)
    CHANGES["procedure renamed"](tiny)
    build(tiny)
    cache = _cache_file(tiny)
    with cache.open("r+b") as data:
        data.truncate(cache.stat().st_size - 10)
    cut = cache.stat().st_ino
    assert _parsed_in_a_new_process(tiny, monkeypatch) == ["2.000815.yaml"]
    assert cache.stat().st_ino != cut  # the check wrote it whole
    assert _parsed_in_a_new_process(tiny, monkeypatch) == []
    assert tree(tiny / "output") == _clean_build(tiny)


def test_the_publishing_build_reuses_the_last_one_like_the_workflow_does(tiny):
    """The workflow keeps the output and the cache folder between runs (.github/workflows/site.yml) and
    builds with publishconf.py, which deletes Pelican's output folder: that folder is the staging one."""
    public = {"SITEURL": "https://thutuc.example.gov.vn", "FEED_DOMAIN": "https://thutuc.example.gov.vn"}
    build(tiny, "publishconf.py", **public)
    CHANGES["procedure documents edited"](tiny)
    report = _report(tiny, "publishconf.py", **public)
    assert not report.first and report.kept > 0
    assert report.reasons[f"thủ tục {EDITED}"] == 2
    assert set(report.reasons) == {f"thủ tục {EDITED}", "các tệp thủ tục", "các tệp dữ liệu"}


def _newer_month_of_another_agency(project: Path) -> None:
    """The commune reports November: the department's newest results stay October's, older than the site's."""
    folder = project / "content/ket-qua/2026-11"
    folder.mkdir()
    (folder / "phuong-hoan-kiem.yaml").write_text(NOVEMBER.replace("co_quan: so-tu-phap", "co_quan: phuong-hoan-kiem"),
                                                 encoding="utf-8")


def _two_late_dossiers_more(project: Path) -> None:
    """October's department: two dossiers late that were on time (its page shows the on-time rate)."""
    edit(project, "content/ket-qua/2026-10/so-tu-phap.yaml", "dung_han: 40", "dung_han: 38")
    edit(project, "content/ket-qua/2026-10/so-tu-phap.yaml", "    qua_han: 2\n    dang", "    qua_han: 4\n    dang")


def _set(field: str, value):
    def change(project: Path, ma: str) -> None:
        path = project / "procedures" / f"{ma}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data[field] = value(data.get(field)) if callable(value) else value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return change


# Changes of the data: (what to change, on which project, parts of the data it must change).
PART_CHANGES = {
    # The tiny abolished procedure 1.000001 names 1.001193 as its replacement.
    "replacement renamed": (lambda p: _set("ten", lambda name: name + " (sửa)")(p, EDITED), None,
                            {f"listed:{EDITED}", f"procedure:{EDITED}"}),
    "levels changed": (lambda p: _set("cap_thuc_hien", ["tinh"])(p, "2.000815"), None,
                       {"listed:2.000815", "procedure:2.000815"}),
    "field changed": (lambda p: _set("linh_vuc", "ho-tich")(p, "2.000815"), None,
                      {"listed:2.000815", "procedure:2.000815"}),
    "made common": (lambda p: _set("thuong_gap", lambda common: not common)(p, "2.000815"), None,
                    {"listed:2.000815", "procedure:2.000815"}),
    # From every commune's desk to the department's: the commune's page counts one fewer, the department lists it.
    "filed at the department instead": (lambda p: _set("noi_tiep_nhan", [{"co_quan": "so-tu-phap"}])(p, EDITED),
                                        None, {f"listed:{EDITED}", f"procedure:{EDITED}", "commune_desk"}),
    "older month edited": (lambda p: edit(p, "content/ket-qua/2026-09/so-tu-phap.yaml", "xin_loi: ", "xin_loi: 1"),
                           None, {"month:2026-09", "months"}),
    "newest month edited": (lambda p: edit(p, "content/ket-qua/2026-10/so-tu-phap.yaml", "xin_loi: ", "xin_loi: 1"),
                            None, {"month:2026-10", "months"}),
    "an agency's last month, older than the newest, edited": (
        _two_late_dossiers_more, _newer_month_of_another_agency, {"month:2026-10", "months"}),
}


def _build_with_deps(project: Path) -> tuple[dict[str, bytes], dict[str, tuple[str, ...]], dict[str, str]]:
    """A clean build's files, the parts of the data each file of the plugin names, and their digests."""
    shutil.rmtree(from_settings(project_settings(project)).cache, ignore_errors=True)
    shutil.rmtree(project / "output", ignore_errors=True)
    pelican = Pelican(project_settings(project))
    pelican.run()
    return tree(project / "output"), dict(pelican.congkhai_build.deps), dict(pelican.congkhai_build.parts)


@pytest.mark.parametrize("change", sorted(PART_CHANGES))
def test_a_page_changes_only_when_a_part_of_the_data_it_names_changes(tiny, change):
    """The claim page keys rest on (congkhai.build.keys), checked with two clean builds: every file of the
    plugin that differs names, among the parts it depends on, one that the change changed."""
    apply, setup, changed = PART_CHANGES[change]
    if setup:
        setup(tiny)
    first, deps, parts = _build_with_deps(tiny)
    apply(tiny)
    second, deps_now, parts_now = _build_with_deps(tiny)
    # The search index's file names are hashes of what it holds; a list may gain or lose a page.
    differing = {name for name in first.keys() & second.keys() if first[name] != second[name]}
    assert differing & set(deps), "the change shows on some page"
    assert parts["base"] == parts_now["base"], "agencies, fields and events are in every key"
    moved = {part for part in parts.keys() | parts_now.keys() if parts.get(part) != parts_now.get(part)}
    assert changed <= moved
    changed = moved
    # A page that names other parts now (a list that gains a procedure) has another key anyway.
    unexplained = {name: deps[name] for name in differing
                   if deps.get(name) == deps_now.get(name) and name in deps and not changed & set(deps[name])}
    assert unexplained == {}


def test_the_site_keeps_its_search_index_while_the_new_one_is_built(tiny, monkeypatch):
    """A rebuild publishes its pages, then indexes the site again beside the old index and swaps it in."""
    from congkhai.build import session

    build(tiny)
    old = sorted(p.relative_to(tiny / "output").as_posix() for p in (tiny / "output/pagefind").rglob("*"))
    seen = []

    def index_and_look(*args, **kwargs):
        indexing = start_index(*args, **kwargs)
        wait = indexing.wait

        def look_then_wait():
            site = tiny / "output"
            seen.append(sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")))
            return wait()

        indexing.wait = look_then_wait
        return indexing

    start_index = session.start_index
    monkeypatch.setattr(session, "start_index", index_and_look)
    CHANGES["procedure result edited"](tiny)
    report = _report(tiny)
    assert seen == [old], "the last build's index is still published while the new one is built"
    assert report.removed == 0, "an index built again removes no page"


def test_an_edit_that_changes_no_indexed_text_keeps_the_search_index_without_running_pagefind(tiny, monkeypatch):
    """A procedure's documents are on its page but not in the feed Pagefind reads: the feed pages the edit
    rendered again hash as the last build noted them, so its index is kept (byte-identical to a clean build)."""
    from congkhai.build import session

    build(tiny)
    started = []
    start_index = session.start_index

    def note_start(*args, **kwargs):
        indexing = start_index(*args, **kwargs)
        started.append(indexing.process is not None)
        return indexing

    monkeypatch.setattr(session, "start_index", note_start)
    CHANGES["report edited"](tiny)  # no page with indexed text: the index is kept by its key
    build(tiny)
    CHANGES["procedure documents edited"](tiny)
    build(tiny)
    CHANGES["procedure result edited"](tiny)
    build(tiny)
    assert started == [False, True], "Pagefind runs for the result, not for the documents (nor the report)"
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)


def test_a_feed_written_by_a_failed_build_does_not_pass_for_the_published_index(tiny, monkeypatch):
    """A build that wrote the feed and failed (Pagefind stopped, or the process was killed) published no index;
    the next build compares the feed with what the last published build noted, so it indexes again."""
    from congkhai.search import index

    build(tiny)
    command = index.pagefind_command
    monkeypatch.setattr(index, "pagefind_command", lambda *a, **k: (["false"], command(*a, **k)[1]))
    CHANGES["procedure result edited"](tiny)
    with pytest.raises(SystemExit):
        build(tiny)
    monkeypatch.undo()
    build(tiny)
    assert tree(tiny / "output") == _clean_build(tiny)


def test_a_rebuild_publishes_an_edited_page_before_it_makes_the_downloads(tiny, monkeypatch):
    """The live preview shows an edit as soon as its page is rendered; the rest of the build follows."""
    from congkhai.disclosure import DisclosureGenerator

    build(tiny)
    page = tiny / "output/thu-tuc/1.001193/index.html"
    seen = []
    write = DisclosureGenerator._write

    def look_then_write(self, url, data):
        seen.append((url, "Đăng ký khai sinh (sửa)" in page.read_text(encoding="utf-8")))
        write(self, url, data)

    monkeypatch.setattr(DisclosureGenerator, "_write", look_then_write)
    edit(tiny, "procedures/1.001193.yaml", "ten: Đăng ký khai sinh\n", "ten: Đăng ký khai sinh (sửa)\n")
    build(tiny)
    assert seen and all(published for _, published in seen), seen
    # Nothing left beside the output, and the same bytes as a clean build.
    assert not list(tiny.rglob("*.early"))
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)


def test_a_rebuild_renders_the_edited_procedures_own_pages_before_the_lists(tiny, monkeypatch):
    from congkhai.build.reuse import Reuse

    build(tiny)
    published = []
    publish_now = Reuse.publish_now

    def record(self, name, own=False):
        published.append(name)
        publish_now(self, name, own)

    monkeypatch.setattr(Reuse, "publish_now", record)
    edit(tiny, "procedures/1.001193.yaml", "ten: Đăng ký khai sinh\n", "ten: Đăng ký khai sinh (sửa)\n")
    build(tiny)
    assert published[0] == f"thu-tuc/{EDITED}/index.html"
    assert "linh-vuc/ho-tich/index.html" in published[1:], "the lists that show its name come after"
    published.clear()
    CHANGES["report edited"](tiny)
    build(tiny)
    assert published[0] == "ket-qua/2026-09/co-quan/so-tu-phap/index.html", "the edited report's own page first"
    assert "ket-qua/2026-09/index.html" in published[1:], "the month's other pages come after"
    assert tree(tiny / "output") == _clean_build(tiny)


def _noting(monkeypatch, owner, name: str, note) -> list:
    """Make ``owner.name`` also append ``note(*args)`` to the list returned, each time it is called."""
    calls, real = [], getattr(owner, name)

    def noted(*args, **kwargs):
        calls.append(note(*args))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, noted)
    return calls


def test_the_downloads_a_change_leaves_alone_are_not_made_again(tiny, monkeypatch):
    """Editing a procedure makes the procedures' downloads again; the results' are kept, and the open data
    page gives their size and record count from the build that made them (byte-identical: the test above)."""
    from congkhai import opendata

    build(tiny)
    CHANGES["procedure documents edited"](tiny)

    def no_results(report):
        raise AssertionError("the results' downloads were made again")

    monkeypatch.setattr(opendata, "report_rows", no_results)
    monkeypatch.setattr(opendata, "agency_month_row", no_results)
    report = _report(tiny)
    assert report.reasons["các tệp thủ tục"] == 3 and report.reasons["các tệp dữ liệu"] == 1


def test_the_downloads_of_procedures_make_again_only_the_edited_procedures_records(tiny, monkeypatch):
    """The records of the procedures whose file did not change are the last build's (opendata.Records), also in
    a new process; the files are byte-identical to a clean build's."""
    from congkhai import opendata

    build(tiny)
    made = _noting(monkeypatch, opendata, "procedure_row", lambda cat, proc: proc.ma)
    CHANGES["procedure documents edited"](tiny)
    report = _report(tiny)
    assert report.reasons["các tệp thủ tục"] == 3
    assert made == [EDITED]
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)


def test_the_downloads_of_results_make_again_only_the_edited_reports_records(tiny, monkeypatch):
    """The same for the results' downloads: a report whose file did not change gives the last build's records."""
    from congkhai import opendata

    build(tiny)
    made = _noting(monkeypatch, opendata, "report_rows", lambda report: f"{report.ky}/{report.agency.slug}")
    CHANGES["report edited"](tiny)
    build(tiny)
    assert made == ["2026-09/so-tu-phap"]
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)


def test_a_new_process_takes_what_lists_show_of_unchanged_procedures_from_the_last_build(tiny, monkeypatch):
    """The ``listed`` part of a procedure whose file did not change is the last build's (same code), not made
    again from the validated object; the edited one's is made, and the output is a clean build's."""
    from congkhai.build import keys

    build(tiny)
    keys._LISTED.clear()  # as in a new process
    made = []
    dump = Procedure.model_dump_json

    def note_dump(self, **kwargs):
        if kwargs.get("exclude") == OWN_ONLY:
            made.append(self.ma)
        return dump(self, **kwargs)

    monkeypatch.setattr(Procedure, "model_dump_json", note_dump)
    CHANGES["procedure renamed"](tiny)
    report = _report(tiny)
    assert made == ["2.000815"]
    assert report.reasons  # the lists were rendered again
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)


def test_the_search_index_starts_before_the_lists_are_rendered(tiny, monkeypatch):
    """Pelican's pages and the plugin's procedure and event pages are every page with indexed text: the
    index starts once they are written, while the lists that show a renamed procedure are still to come."""
    from congkhai.build import session
    from congkhai.build.reuse import Reuse

    build(tiny)
    events = []
    start_index, publish_now = session.start_index, Reuse.publish_now

    def start_then_note(*args, **kwargs):
        events.append("index started")
        return start_index(*args, **kwargs)

    def note_then_publish(self, name, own=False):
        events.append(name)
        publish_now(self, name, own)

    monkeypatch.setattr(session, "start_index", start_then_note)
    monkeypatch.setattr(Reuse, "publish_now", note_then_publish)
    CHANGES["procedure renamed"](tiny)
    build(tiny)
    started = events.index("index started")
    assert "thu-tuc/2.000815/index.html" in events[:started]
    assert "linh-vuc/chung-thuc/index.html" in events[started:], "the lists come after"
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)


def test_the_search_index_is_made_while_the_downloads_are_written(tiny, monkeypatch):
    """Pagefind starts once the pages with indexed text are written, and runs in its own process while the
    build writes the downloads, desk sheets and sitemap; the site is the same as a clean build's."""
    from congkhai.build import session
    from congkhai.disclosure import DisclosureGenerator

    build(tiny)
    events = []
    start_index, write = session.start_index, DisclosureGenerator._write_download

    def start_then_note(*args, **kwargs):
        indexing = start_index(*args, **kwargs)
        events.append(("index started", indexing.process is not None))
        return indexing

    def note_then_write(self, download):
        events.append(("written", download.url))
        return write(self, download)

    monkeypatch.setattr(session, "start_index", start_then_note)
    monkeypatch.setattr(DisclosureGenerator, "_write_download", note_then_write)
    CHANGES["procedure result edited"](tiny)
    build(tiny)
    assert events[0] == ("index started", True), "Pagefind is started before the first download is written"
    assert ("written", "du-lieu/thu-tuc.csv") in events[1:]
    monkeypatch.undo()
    assert tree(tiny / "output") == _clean_build(tiny)
