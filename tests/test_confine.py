"""Nothing from outside the repository reaches the site (congkhai.confine, the form-template check, the cache).

Each attack is a real file in a copy of the tiny project: the check names it
(file, line, what), the build stops before writing anything, the last built
site stays as it was, and no byte of the outside file is shown or published.
"""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2.bccache import bc_magic

from congkhai.build import templates
from congkhai.build.cache import FILE_NAME, output_file
from congkhai.build.session import RECORDS
from congkhai.confine import DataReader, guard_static
from congkhai.config import from_settings
from congkhai.problems import DataErrors
from helpers import build, edit, problems_of, project_settings, tree

SECRET = "BI-MAT-CUA-MAY-XAY-DUNG token=ghp_0123456789"
SYMLINK = "là liên kết tượng trưng (symlink) tới tệp hoặc thư mục khác; hãy thay bằng tệp thật"
OUTSIDE = "liên kết phải trỏ tới một tệp có thật trong thư mục content/; không được trỏ ra ngoài thư mục này"
FORM_LINE = "procedures/1.001193.yaml:31: thanh_phan_ho_so[0].mau: "
# Messages the editors' guide shows (tests/test_guide.py checks it shows real ones).
GUIDE_EXAMPLES = [
    f"content/mau/to-khai.docx: {SYMLINK}",
    f"content/thong-bao/thong-bao-mau.md:6: {{attach}}../../../bi-mat.txt: {OUTSIDE}",
    f"{FORM_LINE}tệp mẫu phải là văn bản .pdf, .doc, .docx, .xls, .xlsx, .odt hoặc .ods",
]
ANNOUNCEMENT = "content/thong-bao/thong-bao-mau.md"
CONTROL_OK = "hồ sơ nộp trực tuyến vẫn được tiếp nhận"


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file of the build machine, outside the project (the project is tmp_path/site)."""
    path = tmp_path / "bi-mat.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


@pytest.fixture
def built(tiny) -> dict[str, bytes]:
    """The tiny project built once, as the site an attack must leave untouched."""
    return tree(build(tiny))


def refused(project: Path, before: dict[str, bytes]) -> None:
    """The build stops with a data error, leaves the output as it was and publishes no secret."""
    with pytest.raises(DataErrors):
        build(project)
    after = tree(project / "output")
    assert after == before
    assert not (project / ".output.building").exists()
    assert not any(SECRET.encode() in data for data in after.values())


def add_link(project: Path, link: str) -> None:
    edit(project, ANNOUNCEMENT, CONTROL_OK, f"[Tải tệp]({link}). {CONTROL_OK}")


@pytest.mark.parametrize("link", [
    "{attach}../../../../../../../../../../etc/passwd",
    "{attach}../../../bi-mat.txt",
    "{attach}/../../bi-mat.txt",
    "{static}/../../bi-mat.txt",
    "|static|../../../bi-mat.txt",
    "{filename}../../../bi-mat.txt",
    "{attach}../mau/khong-co.pdf",
])
def test_a_link_in_markdown_to_a_file_outside_content_is_refused(tiny, built, secret, link):
    add_link(tiny, link)
    assert problems_of(tiny) == [f"{ANNOUNCEMENT}:6: {link.replace('|static|', '{static}')}: {OUTSIDE}"]
    refused(tiny, built)


def test_a_link_to_a_form_inside_content_still_works(tiny):
    add_link(tiny, "{attach}../mau/to-khai-khai-sinh.docx")
    assert problems_of(tiny) == []
    output = build(tiny)
    assert (output / "thong-bao/lich-tiep-nhan-tet/to-khai-khai-sinh.docx").is_file()


@pytest.mark.parametrize("place", ["content/mau/to-khai.docx", "procedures/1.009999.yaml",
                                   "content/data/co-quan-moi.yaml", "content/thong-bao/bi-mat.md"])
def test_a_symlink_to_a_file_of_the_machine_is_named_and_never_read(tiny, built, secret, place):
    (tiny / place).symlink_to(secret)
    found = problems_of(tiny)
    assert found == [f"{place}: {SYMLINK}"]
    assert SECRET not in "\n".join(found)
    refused(tiny, built)


def test_a_folder_symlink_to_the_git_folder_is_refused(tiny, built):
    (tiny / ".git").mkdir()
    (tiny / ".git" / "config").write_text(f"[remote]\n  token = {SECRET}\n", encoding="utf-8")
    (tiny / "content/mau/git").symlink_to(Path("../../.git"))
    assert problems_of(tiny) == [f"content/mau/git: {SYMLINK}"]
    refused(tiny, built)


def test_folder_symlinks_in_a_loop_are_refused_without_hanging(tiny, built):
    (tiny / "content/thong-bao/a").symlink_to("b")
    (tiny / "content/thong-bao/b").symlink_to("a")
    (tiny / "content/mau/vong").symlink_to(".")
    assert problems_of(tiny) == [
        f"{name}: {SYMLINK}" for name in ("content/mau/vong", "content/thong-bao/a", "content/thong-bao/b")]
    refused(tiny, built)


def test_a_fifo_is_named_and_never_opened(tiny, built):
    os.mkfifo(tiny / "procedures/1.009999.yaml")
    assert problems_of(tiny) == [
        "procedures/1.009999.yaml: là một ống dẫn (FIFO), không phải tệp thông thường; hãy xóa nó"]
    refused(tiny, built)


def test_the_data_reader_reads_only_regular_files_reached_without_a_link(tiny, secret):
    """The loader's reader on its own: a link as the file or on the way gives nothing, a FIFO is not waited on."""
    reader = DataReader(from_settings(project_settings(tiny)))
    procedure = tiny / "procedures/1.001193.yaml"
    assert reader.read(procedure) == procedure.read_bytes()
    (tiny / "procedures/1.009999.yaml").symlink_to(secret)
    assert reader.read(tiny / "procedures/1.009999.yaml") is None
    os.mkfifo(tiny / "procedures/1.009998.yaml")
    assert reader.read(tiny / "procedures/1.009998.yaml") is None  # returns at once: nobody writes the FIFO
    # A folder inside content/ reached through a link: nothing in it is read, a real file included.
    shutil.copytree(tiny / "content/data", tiny / "that")
    (tiny / "content/data").rename(tiny / "content/data-real")
    (tiny / "content/data").symlink_to(tiny / "that")
    assert reader.read(tiny / "content/data/co-quan.yaml") is None
    with pytest.raises(FileNotFoundError):
        reader.read(tiny / "procedures/1.000000.yaml")


def test_the_command_line_names_a_symlinked_procedure_without_its_content(tiny, secret, tmp_path):
    (tiny / "procedures/1.009999.yaml").symlink_to(secret)
    conf = tmp_path / "conf.py"
    conf.write_text(f"from pelicanconf import *\nPATH = {str(tiny / 'content')!r}\n"
                    f"OUTPUT_PATH = {str(tiny / 'output')!r}\n", encoding="utf-8")
    for command in ("check", "build"):
        run = subprocess.run([sys.executable, "-m", "congkhai", command, "-s", str(conf)],
                             capture_output=True, text=True, timeout=120,
                             cwd=Path(__file__).resolve().parents[1])
        assert run.returncode == 1
        assert "procedures/1.009999.yaml: là liên kết tượng trưng (symlink)" in run.stderr
        assert SECRET not in run.stdout + run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("mau,message", [
    ("/etc/passwd", "đường dẫn '/etc/passwd' không hợp lệ; hãy ghi đường dẫn tính từ thư mục content/, "
                    "ví dụ mau/to-khai.docx (không bắt đầu bằng '/', không có '..')"),
    ("mau/../../bi-mat.txt", "đường dẫn 'mau/../../bi-mat.txt' không hợp lệ; hãy ghi đường dẫn tính từ thư mục "
                             "content/, ví dụ mau/to-khai.docx (không bắt đầu bằng '/', không có '..')"),
    ("data/co-quan.yaml", "tệp mẫu phải nằm trong thư mục được xuất bản: content/mau/"),
    ("mau/to-khai.sh", "tệp mẫu phải là văn bản .pdf, .doc, .docx, .xls, .xlsx, .odt hoặc .ods"),
    ("mau/khong-co.pdf", "không tìm thấy tệp mẫu 'content/mau/khong-co.pdf'"),
])
def test_a_form_template_must_be_a_document_published_from_content(tiny, mau, message):
    edit(tiny, "procedures/1.001193.yaml", "mau: mau/to-khai-khai-sinh.docx", f"mau: {mau}")
    assert problems_of(tiny) == [FORM_LINE + message]


def test_a_form_template_reached_through_a_symlink_is_refused(tiny, secret):
    (tiny / "content/mau/bi-mat.pdf").symlink_to(secret)
    edit(tiny, "procedures/1.001193.yaml", "mau: mau/to-khai-khai-sinh.docx", "mau: mau/bi-mat.pdf")
    found = problems_of(tiny)
    assert found == [f"content/mau/bi-mat.pdf: {SYMLINK}",
                     f"{FORM_LINE}không tìm thấy tệp mẫu 'content/mau/bi-mat.pdf'"]


class _Planted:
    """A pickle that would leave a mark if anything ever unpickled it."""

    def __init__(self, mark: Path):
        self.mark = mark

    def __reduce__(self):
        return (Path.write_text, (self.mark, "đã chạy"))


def test_a_committed_cache_is_never_loaded(tiny, tmp_path):
    mark = tmp_path / "da-chay.txt"
    for folder in (tiny / ".congkhai-cache", from_settings(project_settings(tiny)).cache):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FILE_NAME).write_bytes(pickle.dumps(_Planted(mark)))
        # In the user's cache folder, a file others may write is not trusted either.
        os.chmod(folder / FILE_NAME, 0o666)
    assert problems_of(tiny) == []
    build(tiny)
    assert not mark.exists()


def test_kept_download_records_others_may_write_are_never_loaded(tiny, tmp_path):
    """The records of the downloads (congkhai.opendata.Records) of procedures and of reports are pickles in the
    same folder."""
    mark = tmp_path / "da-chay.txt"
    build(tiny)
    for name in RECORDS.values():
        records = output_file(from_settings(project_settings(tiny)).cache, (tiny / "output").resolve(), name)
        assert records.is_file(), "a build keeps them"
        salt = pickle.loads(records.read_bytes())  # the first pickle: what the build checks before reading on
        records.write_bytes(pickle.dumps(salt) + pickle.dumps(_Planted(mark)))
        os.chmod(records, 0o666)
    edit(tiny, "procedures/1.001193.yaml", "Tờ khai đăng ký khai sinh", "Tờ khai khai sinh")
    edit(tiny, "content/ket-qua/2026-09/so-tu-phap.yaml", "xin_loi: ", "xin_loi: 1")
    build(tiny)
    assert not mark.exists()
    assert "Tờ khai khai sinh" in (tiny / "output/du-lieu/thanh-phan-ho-so.csv").read_text(encoding="utf-8-sig")


def _plant_bytecode(folder: Path, mark: Path, mode: int) -> None:
    """Replace every compiled template in ``folder`` by code that leaves a mark, keeping the source checksum."""
    for path in folder.iterdir():
        with path.open("rb") as source:
            magic = source.read(len(bc_magic))
            checksum = pickle.load(source)
        code = compile(f"with open({str(mark)!r}, 'w', encoding='utf-8') as out:\n    out.write('đã chạy')",
                       "planted", "exec")
        path.write_bytes(magic + pickle.dumps(checksum, 2) + marshal.dumps(code))
        os.chmod(path, mode)


def test_compiled_templates_others_may_write_are_never_loaded(tiny, tmp_path, monkeypatch):
    mark = tmp_path / "da-chay.txt"
    monkeypatch.setattr(templates, "_MEMORY", {})  # compiled by this build, not taken from an earlier test's
    build(tiny)
    compiled = list(from_settings(project_settings(tiny)).cache.glob("templates-*"))
    assert len(compiled) == 1 and any(compiled[0].iterdir())
    _plant_bytecode(compiled[0], mark, 0o666)
    monkeypatch.setattr(templates, "_MEMORY", {})  # as in a new process
    edit(tiny, "procedures/1.001193.yaml", "ten: Đăng ký khai sinh\n", "ten: Đăng ký khai sinh mới\n")
    build(tiny)
    assert not mark.exists()
    # The control: a private file is loaded, so the check above is what kept the planted code out.
    _plant_bytecode(compiled[0], mark, 0o600)
    monkeypatch.setattr(templates, "_MEMORY", {})
    edit(tiny, "procedures/1.001193.yaml", "ten: Đăng ký khai sinh mới\n", "ten: Đăng ký khai sinh\n")
    with pytest.raises(Exception):
        build(tiny)
    assert mark.read_text(encoding="utf-8") == "đã chạy"


def test_the_cache_folder_is_outside_the_project(tiny):
    cache = from_settings(project_settings(tiny)).cache
    assert tiny.resolve() not in cache.parents
    with pytest.raises(ValueError, match="cache_dir must be outside the project folder"):
        from_settings(project_settings(tiny, CONGKHAI={"cache_dir": ".congkhai-cache"}))


def test_the_static_guard_refuses_a_file_outside_content(tiny, secret):
    """What Pelican is about to copy is checked once more, whatever let it through."""
    def static(source_path: str):
        return SimpleNamespace(source_path=source_path)

    content = tiny / "content"
    guard_static(SimpleNamespace(path=str(content), staticfiles=[static("mau/to-khai-khai-sinh.docx")]))
    for source in ("../../bi-mat.txt", "mau/bi-mat.docx"):
        if source.startswith("mau/"):
            (content / source).symlink_to(secret)
        with pytest.raises(DataErrors) as caught:
            guard_static(SimpleNamespace(path=str(content), staticfiles=[static(source)]))
        assert [str(p) for p in caught.value.problems.items] == [
            f"{source}: tệp nằm ngoài thư mục content/ hoặc không phải tệp thông thường; không được xuất bản"]


def test_the_production_build_refuses_an_attach_outside_content_too(tiny, built, secret):
    add_link(tiny, "{attach}../../../bi-mat.txt")
    with pytest.raises(DataErrors):
        build(tiny, "publishconf.py")
    assert tree(tiny / "output") == built
    shutil.rmtree(tiny / "output")
