"""Open data downloads: each file parsed and checked against the YAML it comes from."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
from html.parser import HTMLParser

import jsonschema
import pytest
import yaml

from congkhai import text
from congkhai.schema import Agency, Domain, Procedure
from congkhai.where import is_commune_committee
from helpers import BUILD_DATE, ROOT, build

SAMPLE_PROCEDURES = sorted((ROOT / "procedures").glob("*.yaml"))
SAMPLE_REPORTS = sorted((ROOT / "content" / "ket-qua").glob("*/*.yaml"))
JSON_FILES = ["thu-tuc.json", "ket-qua.json", "ket-qua-co-quan.json", "co-quan.json", "linh-vuc.json"]
CSV_FILES = ["thu-tuc.csv", "thanh-phan-ho-so.csv", "ket-qua.csv", "ket-qua-co-quan.csv", "co-quan.csv",
             "linh-vuc.csv"]


def plain(value):
    """A YAML value as the JSON download writes it: ISO dates, NFC text without outer spaces."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def written(value):
    """A JSON value without the keys an editor left out (the download states them as null)."""
    if isinstance(value, dict):
        return {k: written(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [written(v) for v in value]
    return value


def load_json(out, name) -> dict:
    return json.loads((out / "du-lieu" / name).read_text(encoding="utf-8"))


def load_csv(out, name) -> list[dict]:
    raw = (out / "du-lieu" / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name} has no UTF-8 byte order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def tiny_out(tmp_path_factory):
    import shutil

    project = tmp_path_factory.mktemp("opendata") / "site"
    shutil.copytree(ROOT / "tests" / "data" / "tiny", project)
    return build(project)


# --- the sample site: every record of every source file ----------------------

def test_every_procedure_is_in_json_exactly_as_written(sample_site):
    data = load_json(sample_site, "thu-tuc.json")
    records = {r["ma"]: r for r in data["ban_ghi"]}
    assert data["so_ban_ghi"] == len(SAMPLE_PROCEDURES) == len(records)
    for path in SAMPLE_PROCEDURES:
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        record = records[path.stem]
        for key, value in source.items():
            assert written(record[key]) == plain(value), f"{path.name}: {key}"


def test_procedure_records_match_the_models_and_their_json_schema(sample_site):
    records = load_json(sample_site, "thu-tuc.json")["ban_ghi"]
    validator = jsonschema.Draft202012Validator(Procedure.model_json_schema())
    for record in records:
        validator.validate(record)
        # Read back through the strict model, the record is the procedure again.
        proc = Procedure.model_validate_json(json.dumps(record))
        assert proc.model_dump(mode="json") == record
    assert any(r["truong_hop"] for r in records), "the sample has procedures with cases"


def test_agency_and_field_records_match_their_models(sample_site):
    for name, model, source in (("co-quan.json", Agency, "co-quan.yaml"), ("linh-vuc.json", Domain, "linh-vuc.yaml")):
        records = load_json(sample_site, name)["ban_ghi"]
        entries = yaml.safe_load((ROOT / "content" / "data" / source).read_text(encoding="utf-8"))
        assert len(records) == len(entries)
        validator = jsonschema.Draft202012Validator(model.model_json_schema())
        by_slug = {r["slug"]: r for r in records}
        for entry in entries:
            validator.validate(by_slug[entry["slug"]])
            assert written(by_slug[entry["slug"]]) == plain(entry)


def test_agency_procedure_count_is_the_one_its_page_states(sample_site):
    """so_thu_tuc counts the procedures an agency receives dossiers for: for a commune every one
    filed at the commune desk, though its page lists only the common ones and links to the rest."""
    rows = load_csv(sample_site, "co-quan.csv")
    for row in rows:
        page = (sample_site / "co-quan" / row["slug"] / "index.html").read_text(encoding="utf-8")
        stated = re.search(r'<p class="count">[^<]*?([0-9.]+) thủ tục', page).group(1)
        assert row["so_thu_tuc"] == stated.replace(".", ""), row["slug"]
    data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in SAMPLE_PROCEDURES]
    commune_desk = [d for d in data if d.get("trang_thai", "hieu-luc") == "hieu-luc" and "xa" in d["cap_thuc_hien"]
                    and is_commune_committee(d["co_quan_thuc_hien"]["tham_quyen"])]
    assert {r["so_thu_tuc"] for r in rows if r["cap"] == "xa"} == {str(len(commune_desk))}


def test_every_result_row_is_in_csv_and_json_with_its_rates(sample_site):
    rows = load_csv(sample_site, "ket-qua.csv")
    records = load_json(sample_site, "ket-qua.json")["ban_ghi"]
    expected = []
    for path in SAMPLE_REPORTS:
        report = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected += [(str(report["ky"]), report["co_quan"], row) for row in report["ho_so"]]
    assert len(rows) == len(records) == len(expected)
    csv_index = {(r["ky"], r["co_quan"], r["linh_vuc"]): r for r in rows}
    json_index = {(r["ky"], r["co_quan"], r["linh_vuc"]): r for r in records}
    for ky, agency, row in expected:
        key = (ky, agency, row["linh_vuc"])
        for count in ("tu_ky_truoc", "truc_tuyen", "truc_tiep", "buu_chinh", "truoc_han", "dung_han", "qua_han",
                      "dang_trong_han", "dang_qua_han"):
            assert int(csv_index[key][count]) == json_index[key][count] == row[count], (key, count)
        resolved = row["truoc_han"] + row["dung_han"] + row["qua_han"]
        in_month = row["truc_tuyen"] + row["truc_tiep"] + row["buu_chinh"]
        on_time = round((row["truoc_han"] + row["dung_han"]) / resolved, 4) if resolved else None
        online = round(row["truc_tuyen"] / in_month, 4) if in_month else None
        assert json_index[key]["ty_le_dung_han"] == on_time
        assert json_index[key]["ty_le_truc_tuyen"] == online
        assert csv_index[key]["ty_le_dung_han"] == ("" if on_time is None else str(on_time))
        assert json_index[key]["da_giai_quyet"] == resolved
        assert json_index[key]["tiep_nhan_trong_ky"] == in_month


def test_agency_month_rows_count_apologies_and_surveys(sample_site):
    rows = {(r["ky"], r["co_quan"]): r for r in load_csv(sample_site, "ket-qua-co-quan.csv")}
    assert len(rows) == len(SAMPLE_REPORTS)
    for path in SAMPLE_REPORTS:
        report = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = rows[(str(report["ky"]), report["co_quan"])]
        late = sum(r["qua_han"] for r in report["ho_so"])
        assert int(row["xin_loi"]) == report["xin_loi"]
        assert int(row["thieu_thu_xin_loi"]) == max(0, late - report["xin_loi"])
        survey = report.get("hai_long")
        if survey:
            assert float(row["ty_le_hai_long"]) == round((survey["rat_hai_long"] + survey["hai_long"])
                                                         / survey["so_phieu"], 4)
        else:
            assert row["ty_le_hai_long"] == ""


def test_procedure_csv_opens_with_the_csv_module_and_keeps_diacritics(sample_site):
    rows = load_csv(sample_site, "thu-tuc.csv")
    assert len(rows) == len(SAMPLE_PROCEDURES)
    by_code = {r["ma"]: r for r in rows}
    for path in SAMPLE_PROCEDURES:
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        row = by_code[source["ma"]]
        assert row["ten"] == plain(source["ten"])
        assert row["cap_nhat"] == source["cap_nhat"].isoformat()
        assert row["cap_thuc_hien"].split("; ") == source["cap_thuc_hien"]
        assert int(row["so_thanh_phan_ho_so"]) == len(source["thanh_phan_ho_so"])
        for way in source["cach_thuc"]:
            assert plain(way["phi_le_phi"]) in row[f"{way['hinh_thuc']}_phi_le_phi"]
    assert any(re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", r["ten"]) for r in rows)


def test_documents_csv_has_every_document_of_every_procedure_and_case(sample_site):
    rows = load_csv(sample_site, "thanh-phan-ho-so.csv")
    expected = []
    for path in SAMPLE_PROCEDURES:
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected += [(source["ma"], "", d["ten"]) for d in source["thanh_phan_ho_so"]]
        for case in source.get("truong_hop", []):
            expected += [(source["ma"], plain(case["ten"]), d["ten"]) for d in case.get("thanh_phan_ho_so", [])]
    assert sorted((r["ma_thu_tuc"], r["truong_hop"], r["ten"]) for r in rows) == sorted(
        (ma, case, plain(name)) for ma, case, name in expected)


def test_every_json_file_states_licence_date_and_count(sample_site):
    for name in JSON_FILES:
        data = load_json(sample_site, name)
        assert data["giay_phep"] == {"ten": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"}
        assert data["so_ban_ghi"] == len(data["ban_ghi"]) > 0
        assert data["du_lieu_mau"] is True
        assert data["nguon"] == "http://localhost:8000/du-lieu/"


# --- the open data page -----------------------------------------------------

class _Rows(HTMLParser):
    """The cells of each body row of the downloads table, and the row's link."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.in_body = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append({"cells": [], "links": []})
        elif self.in_body and tag in ("th", "td"):
            self.cell = []
        elif self.in_body and tag == "a":
            self.rows[-1]["links"].append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif self.in_body and tag in ("th", "td"):
            self.rows[-1]["cells"].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def test_open_data_page_lists_each_file_with_licence_date_and_size(tiny_out):
    page = (tiny_out / "du-lieu" / "index.html").read_text(encoding="utf-8")
    parser = _Rows()
    parser.feed(page)
    files = sorted(p.name for p in (tiny_out / "du-lieu").iterdir() if p.name != "index.html")
    assert sorted(JSON_FILES + CSV_FILES) == files
    linked = {}
    for row in parser.rows:
        href = row["links"][0]
        assert href.startswith("../du-lieu/")
        linked[href.removeprefix("../du-lieu/")] = row["cells"]
    assert sorted(linked) == files
    build_date = dt.date.fromisoformat(BUILD_DATE).strftime("%d/%m/%Y")
    for name, cells in linked.items():
        size = (tiny_out / "du-lieu" / name).stat().st_size
        assert cells[1] == name.rsplit(".", 1)[1].upper()
        assert cells[3] == text.file_size(size)
        assert cells[4] == "CC BY 4.0"
        assert cells[5] == build_date


def test_tiny_results_have_the_reported_rates(tiny_out):
    rows = {(r["ky"], r["linh_vuc"]): r for r in load_json(tiny_out, "ket-qua.json")["ban_ghi"]}
    source = yaml.safe_load((ROOT / "tests/data/tiny/content/ket-qua/2026-10/so-tu-phap.yaml").read_text("utf-8"))
    row = source["ho_so"][0]
    record = rows[("2026-10", row["linh_vuc"])]
    assert record["co_quan_ten"] == "Sở Tư pháp thành phố Hà Nội"
    assert record["tong_so_ho_so"] == row["tu_ky_truoc"] + row["truc_tuyen"] + row["truc_tiep"] + row["buu_chinh"]
    assert record["ty_le_dung_han"] == round((row["truoc_han"] + row["dung_han"])
                                             / (row["truoc_han"] + row["dung_han"] + row["qua_han"]), 4)
    assert record["dang_giai_quyet"] == row["dang_trong_han"] + row["dang_qua_han"]
