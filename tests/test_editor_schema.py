"""The JSON Schema for editors' tools: committed up to date, and in agreement with the validator.

The schema is read the way yaml-language-server reads YAML (1.2: a date is a
string), with the ``jsonschema`` package.  It sees one file at a time, so the
bad examples here are mistakes inside one file; references between files,
dates after the build date and file names are the validator's alone.  It cannot
tell a quoted date from a plain one either (both are strings in YAML 1.2).
"""

from __future__ import annotations

import copy
import fnmatch
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from congkhai import editor_schema
from congkhai.problems import Problems
from congkhai.validate import inner_model, validate
from congkhai.yamlsource import load_yaml
from helpers import REAL_CONTRACT, ROOT, TINY, edit
from test_validation import CASES

KINDS = {kind.name: kind for kind in editor_schema.FILE_KINDS}


class _Yaml12Loader(yaml.SafeLoader):
    """Safe YAML without the YAML 1.1 timestamp type, as editors' tools read files."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(relative: str) -> editor_schema.FileKind:
    matches = [kind for kind in editor_schema.FILE_KINDS if fnmatch.fnmatch(relative, kind.files)]
    assert len(matches) == 1, relative
    return matches[0]


def schema_errors(kind: editor_schema.FileKind, text: str) -> list[str]:
    """What yaml-language-server would flag, through the committed schema file."""
    try:
        data = yaml.load(text, Loader=_Yaml12Loader)
    except yaml.YAMLError as exc:
        return [f"YAML: {exc}"]
    schema = json.loads((ROOT / kind.schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def validator_errors(kind: editor_schema.FileKind, path: Path) -> list[str]:
    """What the validator says about this one file on its own (no cross-file checks)."""
    problems = Problems()
    source = load_yaml(path, path.name, problems, 256 * 1024)
    if source is not None:
        validate(source, kind.annotation, problems)
    return [str(p) for p in problems.sorted()]


def data_files(project: Path) -> list[str]:
    patterns = ["procedures/*.yaml", "content/data/*.yaml", "content/ket-qua/*/*.yaml"]
    return sorted(p.relative_to(project).as_posix() for pattern in patterns for p in project.glob(pattern))


# --- generated, committed, wired to the editor ------------------------------

def test_committed_schema_files_are_up_to_date():
    stale = [path for path, text in editor_schema.schema_files().items()
             if not (ROOT / path).exists() or (ROOT / path).read_text(encoding="utf-8") != text]
    assert stale == [], "run: ./dev schema, then commit schema/"


def test_vscode_settings_map_each_schema_to_its_files():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == editor_schema.yaml_schemas()
    for schema_path in settings["yaml.schemas"]:
        assert (ROOT / schema_path).is_file()


def test_schema_command_writes_files_and_keeps_other_settings(tmp_path):
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode/settings.json").write_text('{"editor.rulers": [100]}\n', encoding="utf-8")
    changed = editor_schema.write(tmp_path)
    assert sorted(changed) == sorted([*editor_schema.schema_files(), ".vscode/settings.json"])
    assert (tmp_path / "schema/procedure.schema.json").read_bytes() == (ROOT / "schema/procedure.schema.json").read_bytes()
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["editor.rulers"] == [100]
    assert settings["yaml.schemas"]["./schema/procedure.schema.json"] == ["procedures/*.yaml"]
    assert editor_schema.write(tmp_path) == []


@pytest.mark.parametrize("project", [ROOT, TINY, REAL_CONTRACT], ids=["sample", "tiny", "real"])
def test_every_data_file_has_exactly_one_schema(project):
    files = data_files(project)
    assert len(files) > 3
    for relative in files:
        kind_of(relative)


def test_editors_read_vietnamese_titles_and_descriptions():
    schema = json.loads((ROOT / "schema/procedure.schema.json").read_text(encoding="utf-8"))
    way = schema["$defs"]["Way"]
    assert way["title"] == "Cách thức thực hiện"
    assert "description" not in way  # the model's docstring is for developers
    assert way["properties"]["hinh_thuc"]["enum"] == ["truc_tiep", "truc_tuyen", "buu_chinh"]
    assert way["properties"]["phi_le_phi"]["title"] == "Phí, lệ phí"
    assert schema["properties"]["ma"]["patternErrorMessage"] == "Không đúng dạng; cần mã thủ tục dạng 1.001193."
    models = [inner_model(kind.annotation) for kind in editor_schema.FILE_KINDS]
    undocumented = []
    while models:
        model = models.pop()
        for name, info in model.model_fields.items():
            if not (info.title and info.description and info.description.endswith(".")):
                undocumented.append(f"{model.__name__}.{name}")
            if inner_model(info.annotation):
                models.append(inner_model(info.annotation))
    assert undocumented == []


# --- schema and validator agree ---------------------------------------------

@pytest.mark.parametrize("project", [ROOT, TINY, REAL_CONTRACT], ids=["sample", "tiny", "real"])
def test_all_data_is_valid_for_both(project):
    for relative in data_files(project):
        kind = kind_of(relative)
        path = project / relative
        assert validator_errors(kind, path) == [], relative
        assert schema_errors(kind, path.read_text(encoding="utf-8")) == [], relative


# Mistakes from test_validation that a schema can see: inside one file.
SINGLE_FILE = [
    "invalid YAML", "tab indentation", "unclosed quote", "value left empty", "choice left empty", "wrong type", "negative count", "missing required key", "unknown key", "value not allowed",
    "code not quoted", "impossible date", "date as text", "script in text", "javascript link in Markdown",
    "empty list", "case with an empty override", "bad email", "slug with capitals",
    "province's long code as the code", "province's long code as a replacement", "local code that is the national code",
    "level not in the contract", "reception with neither agency nor text", "reception with both agency and text",
    "phone written as words", "two phones in one", "e-mail with hidden recipients", "address with a user name",
]
BAD = [(c[0], c[1], c[2], c[3]) for c in CASES if c[0] in SINGLE_FILE] + [
    ("blank text", "procedures/1.001193.yaml", "ket_qua: Giấy khai sinh\n", 'ket_qua: "   "\n'),
    ("HTML tag in text", "content/data/linh-vuc.yaml", "  ten: Hộ tịch\n", "  ten: Hộ <b>tịch</b>\n"),
    ("plain http address", "content/data/co-quan.yaml", "website: https://", "website: http://"),
    ("fraction of a copy", "procedures/1.001193.yaml", "    ban_sao: 0\n    ghi_chu", "    ban_sao: 0.5\n    ghi_chu"),
    ("zero hours", "procedures/1.001193.yaml", "thoi_gian_gio: 2\n", "thoi_gian_gio: 0\n"),
    ("abolished spelled wrong", "procedures/1.001193.yaml", "trang_thai: hieu-luc\n", "trang_thai: bai_bo\n"),
    ("list instead of one value", "procedures/1.001193.yaml", "ket_qua: Giấy khai sinh\n", "ket_qua: [Giấy khai sinh]\n"),
    ("unknown key in a list file", "content/data/su-kien.yaml", "  ten: Có con", "  tieu_de: Có con"),
    ("phone with too few digits", "content/data/co-quan.yaml", 'dien_thoai: "024 3825 3536"', 'dien_thoai: "024"'),
    ("e-mail as a mailto link", "content/data/co-quan.yaml", "email: sotuphap@hanoi.gov.vn",
     "email: mailto:sotuphap@hanoi.gov.vn"),
    ("e-mail with a space", "content/data/co-quan.yaml", "email: sotuphap@hanoi.gov.vn", "email: so tuphap@hanoi.gov.vn"),
    ("website with a password", "content/data/co-quan.yaml", "website: https://sotuphap.hanoi.gov.vn",
     "website: https://admin:123@sotuphap.hanoi.gov.vn"),
    ("website with a quote", "content/data/co-quan.yaml", "website: https://sotuphap.hanoi.gov.vn",
     "website: 'https://sotuphap.hanoi.gov.vn/\"onmouseover=x'"),
    ("form address with a backslash", "procedures/1.001193.yaml", "mau: mau/to-khai-khai-sinh.docx",
     "mau: https://sotuphap.hanoi.gov.vn\\mau.docx"),
    ("online address with a control character", "procedures/1.001193.yaml", "url: https://dichvucong.hanoi.gov.vn/khai-sinh",
     'url: "https://dichvucong.hanoi.gov.vn/khai-sinh\\x07"'),
]


def test_the_bad_examples_are_the_intended_ones():
    assert {b[0] for b in BAD} >= set(SINGLE_FILE)


@pytest.mark.parametrize("name,file,old,new", BAD, ids=[b[0] for b in BAD])
def test_each_bad_example_is_rejected_by_both(tmp_path, name, file, old, new):
    project = tmp_path / "site"
    shutil.copytree(TINY, project)
    edit(project, file, old, new)
    kind = kind_of(file)
    path = project / file
    assert validator_errors(kind, path) != []
    assert schema_errors(kind, path.read_text(encoding="utf-8")) != []


def required_keys(model, data, path=()):
    """The path of every required key written in ``data``."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from required_keys(model, item, path + (i,))
    elif model is not None and isinstance(data, dict):
        for name, info in model.model_fields.items():
            if name in data:
                if info.is_required():
                    yield path + (name,)
                yield from required_keys(inner_model(info.annotation), data[name], path + (name,))


def without(data, path: tuple):
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return data


@pytest.mark.parametrize("relative,at_least", [("procedures/1.001193.yaml", 30), ("content/data/co-quan.yaml", 8)])
def test_removing_any_required_key_is_rejected_by_both(relative, at_least):
    kind = kind_of(relative)
    data = yaml.safe_load((TINY / relative).read_text(encoding="utf-8"))
    paths = list(required_keys(inner_model(kind.annotation), data))
    assert len(paths) >= at_least
    for path in paths:
        broken = without(data, path)
        with pytest.raises(ValidationError):
            TypeAdapter(kind.annotation).validate_python(broken)
        assert schema_errors(kind, yaml.safe_dump(broken, allow_unicode=True)) != [], path


REPORT = """\
co_quan: so-tu-phap
ky: 2026-10
ho_so:
  - linh_vuc: ho-tich
    tu_ky_truoc: 12
    truc_tuyen: 120
    truc_tiep: 30
    buu_chinh: 2
    truoc_han: 100
    dung_han: 40
    qua_han: 2
    dang_trong_han: 20
    dang_qua_han: 2
xin_loi: 2
hai_long: {so_phieu: 200, rat_hai_long: 150, hai_long: 40, chua_hai_long: 10}
"""


@pytest.mark.parametrize("old,new", [
    (None, None),
    ("ky: 2026-10", "ky: 2026-13"),
    ("ky: 2026-10", "ky: 10/2026"),
    ("    qua_han: 2", "    qua_han: -2"),
    ("xin_loi: 2", "xin_loi: hai"),
    ("hai_long: {so_phieu: 200,", "hai_long: {phieu: 200,"),
], ids=["valid", "month 13", "month as text", "negative count", "word for a number", "unknown key"])
def test_monthly_report_agrees(tmp_path, old, new):
    text = REPORT if old is None else REPORT.replace(old, new)
    assert text != REPORT or old is None
    path = tmp_path / "so-tu-phap.yaml"
    path.write_text(text, encoding="utf-8")
    kind = KINDS["report"]
    assert (validator_errors(kind, path) == []) == (old is None)
    assert (schema_errors(kind, text) == []) == (old is None)
