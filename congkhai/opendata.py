"""Open data: the catalog and the monthly results as JSON and CSV files, made at build time.

Every JSON file has the same envelope (title, source page, licence, date,
record count) around ``ban_ghi``, its records.  Procedures, agencies and fields
are the validated data exactly as the models hold it (dates in ISO form), so
each record matches the published JSON Schema of its file kind.  CSV files are
UTF-8 with a byte order mark, so spreadsheet programs show the diacritics; one
row per record, lists joined with "; ".
"""

from __future__ import annotations

import csv
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from .urls import absolute, url_for

LIST_SEPARATOR = "; "


class Download:
    """One file to download. Its bytes are made when first needed: a build that keeps
    the last build's file (congkhai.build.reuse) never makes them. ``deps`` are the
    parts of the data it holds (congkhai.build.keys); agencies and fields are in every key.

    ``make`` gives the file as pieces of bytes (a record or a row each, mostly), which may be
    made as they are written, and its record count; the pieces are written one after the other,
    never joined: at national size a file is a hundred megabytes."""

    def __init__(self, name: str, title: str, description: str, make: Callable[[], tuple[Iterable[bytes], int]],
                 deps: tuple[str, ...]):
        self.name, self.title, self.description = name, title, description
        self._make = make
        self.deps = deps
        # Its record count and size when known without making it: noted by the build that made the
        # same file (congkhai.build.session.Build.note); the open data page shows them.
        self.known: dict | None = None

    @property
    def data(self) -> bytes:
        return b"".join(self._make()[0])

    @property
    def records(self) -> int:
        return self.known["records"] if self.known else self._make()[1]

    def write(self, path: Path) -> dict:
        """Write the file into ``path``; its record count and size are kept as ``known``."""
        pieces, count = self._make()
        size = 0
        with open(path, "wb") as out:
            for piece in pieces:
                size += out.write(piece)
        self.known = {"records": count, "size": size}
        return self.known

    @property
    def url(self) -> str:
        return url_for("download", self.name)

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[1].upper()

    @property
    def size(self) -> int:
        return self.known["size"] if self.known else len(self.data)


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _record(record: dict) -> bytes:
    """One record of a JSON file, on one line."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": ")).encode("utf-8")


def _json(cat, title: str, records: Iterable[bytes], count: int) -> Iterator[bytes]:
    """The envelope, then one record (``_record``) per line: easy to read and to diff, and fast to write at any size.

    ``count``: the number of records (an item of ``records`` may hold several lines of them)."""
    envelope = {
        "tieu_de": title,
        "nguon": absolute(cat.config.public_url, url_for("open_data")),
        "giay_phep": {"ten": cat.config.licence["name"], "url": cat.config.licence["url"]},
        "ngay_cap_nhat": cat.config.build_date.isoformat(),
        "du_lieu_mau": cat.config.sample_data,
        "so_ban_ghi": count,
    }
    head = json.dumps(envelope, ensure_ascii=False, indent=1)[:-2]
    yield f'{head},\n "ban_ghi": [\n'.encode("utf-8")
    for number, record in enumerate(records):
        if number:
            yield b",\n"
        yield record
    yield b"\n ]\n}\n"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _csv_lines(rows) -> bytes:
    """Rows (each a list of values) as lines of a CSV file."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _csv_rows(rows: list[dict]) -> bytes:
    return _csv_lines([_cell(v) for v in row.values()] for row in rows)


def _csv_file(header, lines: Iterable[bytes], rows: int) -> Iterator[bytes]:
    """A CSV file: the byte order mark, then, when it has ``rows``, the header and the lines (``_csv_rows``)."""
    yield "\ufeff".encode("utf-8") + (_csv_lines([header]) if rows else b"")
    yield from lines


def _csv(rows: list[dict]) -> Iterator[bytes]:
    return _csv_file(list(rows[0]) if rows else [], [_csv_rows(rows)], len(rows))


class Records:
    """What each data file of one kind gives the downloads (JSON records, CSV rows), by its key.

    The build keeps them between builds (congkhai.build.session), each with the
    hash of the file it came from, so a download of every procedure (or every
    report) makes again only the records of the files that changed. They are
    kept only while the code, settings, agencies and fields stay the same,
    which rows read too. ``load`` gives the last build's, when first needed.
    """

    def __init__(self, load: Callable[[], dict] = dict):
        self._load = load
        # This build's, by key (ProcedureEntry, ReportEntry).
        self.made: dict[str, tuple] = {}
        # The header of each kind of row (the keys of procedure_row, of document_rows...), once one was made.
        self.headers: dict[str, list[str]] = {}

    @cached_property
    def known(self) -> dict:
        kept = self._load()
        self.headers = kept.get("headers", {})
        return kept.get("records", {})

    def saved(self) -> dict:
        """What the next build loads."""
        return {"records": self.made, "headers": self.headers}

    def entry(self, key: str, file_digest: str | None, make: Callable[[str | None], tuple]) -> tuple:
        """The last build's entry of ``key`` when its file is the same, else ``make(file_digest)``; an entry's
        first item is the hash of its file."""
        entry = self.known.get(key)
        if file_digest is None or entry is None or entry[0] != file_digest:
            entry = make(file_digest)
        self.made[key] = entry
        return entry


def _pack(piece: bytes) -> bytes:
    """A piece of a download as an entry keeps it: compressed (a record or a row alone shrinks two to three
    times; at national size the records would otherwise hold hundreds of megabytes until written)."""
    return zlib.compress(piece, 1)


def _unpacked(entries, piece: str) -> Iterator[bytes]:
    """One piece of each entry, as written."""
    return (zlib.decompress(getattr(entry, piece)) for entry in entries)


class ProcedureEntry(NamedTuple):
    """What a procedure gives the downloads of procedures (its pieces ``_pack``-ed)."""

    digest: str | None  # of its file
    record: bytes  # in thu-tuc.json
    row: bytes  # in thu-tuc.csv
    documents: bytes  # its rows in thanh-phan-ho-so.csv
    document_count: int


class ReportEntry(NamedTuple):
    """What an agency's report of a month gives the downloads of results (its pieces ``_pack``-ed)."""

    digest: str | None  # of its file
    records: bytes  # its records by field in ket-qua.json
    rows: bytes  # its rows in ket-qua.csv
    row_count: int
    month_record: bytes  # in ket-qua-co-quan.json
    month_row: bytes  # in ket-qua-co-quan.csv


def procedure_entry(records: Records, cat, proc) -> ProcedureEntry:
    def make(file_digest):
        row, documents = procedure_row(cat, proc), document_rows(cat, proc)
        records.headers["procedures"] = list(row)
        if documents:
            records.headers["documents"] = list(documents[0])
        return ProcedureEntry(file_digest, _pack(_record(proc.model_dump(mode="json"))), _pack(_csv_rows([row])),
                              _pack(_csv_rows(documents)), len(documents))
    return records.entry(proc.ma, cat.sources.procedures.get(proc.ma), make)


def report_entry(records: Records, report, file_digest: str | None) -> ReportEntry:
    def make(file_digest):
        rows, month = report_rows(report), agency_month_row(report)
        if rows:
            records.headers["results"] = list(rows[0])
        records.headers["agency_months"] = list(month)
        return ReportEntry(file_digest, _pack(b",\n".join(map(_record, rows))), _pack(_csv_rows(rows)), len(rows),
                           _pack(_record(month)), _pack(_csv_rows([month])))
    return records.entry(f"{report.ky}/{report.agency.slug}", file_digest, make)


# --- rows ------------------------------------------------------------------

def _channels(proc) -> dict:
    row = {}
    for channel in ("truc_tiep", "truc_tuyen", "buu_chinh"):
        ways = [w for w in proc.cach_thuc if w.hinh_thuc == channel]
        row[f"{channel}_thoi_han"] = LIST_SEPARATOR.join(w.thoi_han for w in ways) or None
        days = [w.thoi_han_ngay for w in ways if w.thoi_han_ngay is not None]
        row[f"{channel}_thoi_han_ngay"] = min(days) if days else None
        row[f"{channel}_phi_le_phi"] = LIST_SEPARATOR.join(w.phi_le_phi for w in ways) or None
    return row


def procedure_row(cat, proc) -> dict:
    """One procedure flattened for a spreadsheet."""
    focal = cat.focal(proc)
    authorities = proc.co_quan_thuc_hien
    decision = proc.quyet_dinh_cong_bo
    return {
        "ma": proc.ma,
        "ma_dia_phuong": proc.ma_dia_phuong,
        "ten": proc.ten,
        "ten_thuong_goi": proc.ten_thuong_goi,
        "linh_vuc": proc.linh_vuc,
        "linh_vuc_ten": cat.domain(proc).ten,
        "cap_thuc_hien": proc.cap_thuc_hien,
        "doi_tuong": proc.doi_tuong,
        "co_quan_tham_quyen": authorities.tham_quyen,
        "co_quan_duoc_uy_quyen": authorities.duoc_uy_quyen,
        "co_quan_phoi_hop": authorities.phoi_hop,
        "co_quan_thuc_hien": authorities.thuc_hien,
        # As published: the site's agency by name, or the place as written.
        "noi_tiep_nhan": [place.text for place in cat.where_to_go(proc).places] if proc.noi_tiep_nhan else None,
        "dau_moi": focal.slug if focal else None,
        "dau_moi_ten": focal.ten if focal else None,
        **_channels(proc),
        "so_thanh_phan_ho_so": len(proc.thanh_phan_ho_so),
        "so_bo_ho_so": proc.so_bo_ho_so,
        "trinh_tu": "\n".join(proc.trinh_tu),
        "ket_qua": proc.ket_qua,
        "yeu_cau_dieu_kien": proc.yeu_cau_dieu_kien,
        "can_cu_phap_ly": [b.so_hieu for b in proc.can_cu_phap_ly],
        "dich_vu_cong_muc_do": proc.dich_vu_cong.muc_do if proc.dich_vu_cong else None,
        "dich_vu_cong_url": proc.dich_vu_cong.url if proc.dich_vu_cong else None,
        "truong_hop": [c.ten for c in proc.truong_hop or []],
        "quyet_dinh_cong_bo": decision.so_hieu if decision else None,
        "quyet_dinh_cong_bo_ngay": decision.ngay.isoformat() if decision and decision.ngay else None,
        "thuong_gap": proc.thuong_gap,
        "tu_khoa": proc.tu_khoa,
        "trang_thai": proc.trang_thai,
        "ngay_bai_bo": proc.ngay_bai_bo.isoformat() if proc.ngay_bai_bo else None,
        "ma_thay_the": proc.ma_thay_the,
        "ma_cu": proc.ma_cu,
        "cap_nhat": proc.cap_nhat.isoformat(),
        "url": absolute(cat.config.public_url, url_for("procedure", proc.ma)),
    }


def document_rows(cat, proc) -> list[dict]:
    """The documents of a procedure, then those of each case that lists its own."""
    lists = [(None, proc.thanh_phan_ho_so)]
    lists += [(c.case.ten, c.case.thanh_phan_ho_so) for c in cat.cases(proc) if c.case.thanh_phan_ho_so]
    rows = []
    for case, docs in lists:
        for number, doc in enumerate(docs, start=1):
            form = doc.mau
            if form and not form.startswith("https://"):
                form = absolute(cat.config.public_url, form)
            rows.append({
                "ma_thu_tuc": proc.ma,
                "ten_thu_tuc": proc.ten,
                "truong_hop": case,
                "stt": number,
                "ten": doc.ten,
                "ban_chinh": doc.ban_chinh,
                "ban_sao": doc.ban_sao,
                "mau": form,
                "ghi_chu": doc.ghi_chu,
            })
    return rows


def _figures(figures) -> dict:
    return {
        **figures.counts(),
        "tiep_nhan_trong_ky": figures.received_in_month,
        "tong_so_ho_so": figures.received,
        "da_giai_quyet": figures.resolved,
        "dang_giai_quyet": figures.pending,
        "ty_le_dung_han": _rate(figures.on_time_rate),
        "ty_le_truc_tuyen": _rate(figures.online_share),
    }


def _by_month(cat) -> list:
    """The reports in the order of the results' downloads: by month, then agency."""
    return sorted(cat.results.reports, key=lambda r: (r.ky, r.agency.slug))


def report_rows(report) -> list[dict]:
    """One agency's month: one row per field, the reported counts and the derived figures."""
    return [{"ky": report.ky, "co_quan": report.agency.slug, "co_quan_ten": report.agency.ten,
             "linh_vuc": domain.slug, "linh_vuc_ten": domain.ten, **_figures(figures)}
            for domain, figures in report.rows]


def agency_month_row(report) -> dict:
    """One agency's month: totals, apology letters, feedback and satisfaction."""
    feedback = report.report.phan_anh_kien_nghi
    survey = report.report.hai_long
    return {
        "ky": report.ky, "co_quan": report.agency.slug, "co_quan_ten": report.agency.ten,
        **_figures(report.total),
        "xin_loi": report.apologies,
        "thieu_thu_xin_loi": report.missing_apologies,
        "pakn_tu_ky_truoc": feedback.tu_ky_truoc if feedback else None,
        "pakn_tiep_nhan": feedback.tiep_nhan if feedback else None,
        "pakn_da_xu_ly": feedback.da_xu_ly if feedback else None,
        "pakn_dang_xu_ly": feedback.dang_xu_ly if feedback else None,
        "so_phieu_khao_sat": survey.so_phieu if survey else None,
        "rat_hai_long": survey.rat_hai_long if survey else None,
        "hai_long": survey.hai_long if survey else None,
        "chua_hai_long": survey.chua_hai_long if survey else None,
        "ty_le_hai_long": _rate(report.satisfaction_rate),
    }


def _agency_row(cat, agency) -> dict:
    return {**agency.model_dump(mode="json"), "so_thu_tuc": len(cat.of_agency(agency.slug)),
            "url": absolute(cat.config.public_url, url_for("agency", agency.slug))}


def _domain_row(cat, domain) -> dict:
    return {**domain.model_dump(mode="json"), "so_thu_tuc": len(cat.in_domain(domain.slug)),
            "url": absolute(cat.config.public_url, url_for("domain", domain.slug))}


# --- files -----------------------------------------------------------------

def downloads(cat, procedures: Records | None = None, reports: Records | None = None) -> list[Download]:
    """Every download, in the order the open data page lists them; each file is made when first needed.

    ``procedures``, ``reports``: the records of the last build (``Records``), which those files take."""
    procedures, reports = procedures or Records(), reports or Records()
    procs = sorted(cat.procedures, key=lambda p: p.ma)
    agencies = sorted(cat.agencies.values(), key=lambda a: a.slug)
    domains = sorted(cat.domains.values(), key=lambda d: d.slug)
    of_procedures = cache(lambda: [procedure_entry(procedures, cat, p) for p in procs])
    report_files = {(ky, agency): file_digest for ky, agency, file_digest in cat.sources.reports}
    of_reports = cache(lambda: [report_entry(reports, r, report_files.get((r.ky, r.agency.slug)))
                                for r in _by_month(cat)])

    def as_json(title, rows):
        def make():
            made = rows()
            return _json(cat, title, map(_record, made), len(made)), len(made)
        return make

    def as_csv(rows):
        def make():
            made = rows()
            return _csv(made), len(made)
        return make

    def json_of(title: str, entries, piece: str, count: str | None = None):
        """A JSON file of one ``piece`` of each entry; ``count``: the field of an entry that counts its records
        (entries without any are left out), else one record each."""
        def make():
            made = [e for e in entries() if count is None or getattr(e, count)]
            records = sum(getattr(e, count) for e in made) if count else len(made)
            return _json(cat, title, _unpacked(made, piece), records), records
        return make

    def csv_of(kept: Records, header: str, entries, piece: str, count: str | None = None):
        """The same as a CSV file, with the ``header`` of its kind of row."""
        def make():
            made = [e for e in entries() if count is None or getattr(e, count)]
            records = sum(getattr(e, count) for e in made) if count else len(made)
            return _csv_file(kept.headers.get(header, []), _unpacked(made, piece), records), records
        return make

    files = [
        ("thu-tuc.json", "Thủ tục hành chính",
         "Toàn bộ dữ liệu của mỗi thủ tục, kể cả các trường hợp riêng, theo đúng mẫu dữ liệu.",
         json_of("Thủ tục hành chính", of_procedures, "record")),
        ("thu-tuc.csv", "Thủ tục hành chính (bảng)",
         "Mỗi thủ tục một dòng: tên, mã, lĩnh vực, cơ quan, thời hạn và phí theo từng cách nộp.",
         csv_of(procedures, "procedures", of_procedures, "row")),
        ("thanh-phan-ho-so.csv", "Thành phần hồ sơ (bảng)",
         "Mỗi giấy tờ một dòng, theo mã thủ tục; giấy tờ riêng của từng trường hợp ghi tên trường hợp.",
         csv_of(procedures, "documents", of_procedures, "documents", count="document_count")),
        ("ket-qua.json", "Kết quả giải quyết theo lĩnh vực",
         "Mỗi cơ quan, mỗi tháng, mỗi lĩnh vực một bản ghi: số hồ sơ đã báo cáo và các tỷ lệ tính từ đó.",
         json_of("Kết quả giải quyết thủ tục hành chính theo lĩnh vực", of_reports, "records",
                 count="row_count")),
        ("ket-qua.csv", "Kết quả giải quyết theo lĩnh vực (bảng)",
         "Cùng dữ liệu với ket-qua.json, mỗi bản ghi một dòng.",
         csv_of(reports, "results", of_reports, "rows", count="row_count")),
        ("ket-qua-co-quan.json", "Kết quả giải quyết theo cơ quan",
         "Mỗi cơ quan, mỗi tháng một bản ghi: tổng số hồ sơ, thư xin lỗi, phản ánh kiến nghị, sự hài lòng.",
         json_of("Kết quả giải quyết thủ tục hành chính theo cơ quan", of_reports, "month_record")),
        ("ket-qua-co-quan.csv", "Kết quả giải quyết theo cơ quan (bảng)",
         "Cùng dữ liệu với ket-qua-co-quan.json, mỗi bản ghi một dòng.",
         csv_of(reports, "agency_months", of_reports, "month_row")),
        ("co-quan.json", "Cơ quan giải quyết thủ tục",
         "Địa chỉ, điện thoại, thư điện tử, giờ làm việc của mỗi cơ quan, theo đúng mẫu dữ liệu.",
         as_json("Cơ quan giải quyết thủ tục hành chính", lambda: [a.model_dump(mode="json") for a in agencies])),
        ("co-quan.csv", "Cơ quan giải quyết thủ tục (bảng)",
         "Mỗi cơ quan một dòng, kèm số thủ tục cơ quan giải quyết (xã, phường: mọi thủ tục cấp xã).",
         as_csv(lambda: [_agency_row(cat, a) for a in agencies])),
        ("linh-vuc.json", "Lĩnh vực",
         "Các lĩnh vực thủ tục và cơ quan quản lý, theo đúng mẫu dữ liệu.",
         as_json("Lĩnh vực thủ tục hành chính", lambda: [d.model_dump(mode="json") for d in domains])),
        ("linh-vuc.csv", "Lĩnh vực (bảng)", "Mỗi lĩnh vực một dòng, kèm số thủ tục còn hiệu lực.",
         as_csv(lambda: [_domain_row(cat, d) for d in domains])),
    ]
    # What each file holds: every procedure's file; the reports; the counts of procedures.
    deps = {"thu-tuc": ("procedure_files",), "thanh-phan-ho-so": ("procedure_files",), "ket-qua": ("months",),
            "ket-qua-co-quan": ("months",), "co-quan": ("procedures",), "linh-vuc": ("procedures",)}
    return [Download(name, title, description, make, deps[name.rsplit(".", 1)[0]])
            for name, title, description, make in files]
