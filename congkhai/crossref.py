"""Checks that need more than one file: references, duplicates, dates, limits."""

from __future__ import annotations

import difflib
import re

from .config import Config
from .confine import confined
from .loader import RawData
from .problems import Problems
from .schema import LOCAL_CODE_PATTERN
from .text import hours, number

AGENCY_FILE = "content/data/co-quan.yaml"
DOMAIN_FILE = "content/data/linh-vuc.yaml"
_REFERENCES = {"agency": ("cơ quan", AGENCY_FILE), "domain": ("lĩnh vực", DOMAIN_FILE)}


def not_found(kind: str, slug: str, options) -> str:
    """The message for a reference to an agency or a field that does not exist."""
    what, file = _REFERENCES[kind]
    return f"không có {what} '{slug}' trong {file}{_suggest(slug, options)}"


def _suggest(value: str, options) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"; có phải ý bạn là '{close[0]}'?" if close else ""


def _unique(items, key, problems: Problems, what: str) -> dict:
    """Index items by ``key``; report the second and later uses of a key."""
    index: dict = {}
    for item, origin in items:
        value = getattr(item, key)
        if value in index:
            first = index[value][1]
            problems.add(
                origin.file, origin.line(key), origin.prefix + (key,),
                f"{what} '{value}' đã được dùng ở {first.file}:{first.line(key)}",
            )
            continue
        index[value] = (item, origin)
    return index


def check_references(config: Config, raw: RawData, problems: Problems) -> None:
    """Check everything that links one file to another; add problems found."""
    agencies = _unique(raw.agencies, "slug", problems, "mã cơ quan")
    domains = _unique(raw.domains, "slug", problems, "mã lĩnh vực")

    def agency_ref(origin, path: tuple, slug: str | None) -> None:
        if slug is not None and slug not in agencies and slug not in raw.known["agency"]:
            problems.add(origin.file, origin.line(*path), origin.prefix + path, not_found("agency", slug, agencies))

    def domain_ref(origin, path: tuple, slug: str) -> None:
        if slug not in domains and slug not in raw.known["domain"]:
            problems.add(origin.file, origin.line(*path), origin.prefix + path, not_found("domain", slug, domains))

    for domain, origin in raw.domains:
        agency_ref(origin, ("co_quan",), domain.co_quan)

    procedures = _unique(raw.procedures, "ma", problems, "mã thủ tục")
    for proc, origin in raw.procedures:
        _check_procedure(config, proc, origin, procedures, raw.known["procedure"], problems)
        domain_ref(origin, ("linh_vuc",), proc.linh_vuc)
        agency_ref(origin, ("dau_moi",), proc.dau_moi)
        for i, reception in enumerate(proc.noi_tiep_nhan or []):
            agency_ref(origin, ("noi_tiep_nhan", i, "co_quan"), reception.co_quan)

    _unique(raw.events, "slug", problems, "mã sự kiện")
    for event, origin in raw.events:
        for i, step in enumerate(event.buoc):
            path = ("buoc", i, "ma")
            target = procedures.get(step.ma)
            if target is None and step.ma in raw.known["procedure"]:
                continue
            if target is None:
                problems.add(origin.file, origin.line(*path), origin.prefix + path,
                             f"không có thủ tục mã '{step.ma}' trong thư mục procedures/")
            elif not target[0].in_force:
                replacement = target[0].ma_thay_the
                hint = f"; hãy dùng mã thay thế '{replacement}'" if replacement else ""
                problems.add(origin.file, origin.line(*path), origin.prefix + path,
                             f"thủ tục '{step.ma}' đã bị bãi bỏ{hint}")


def _check_procedure(config: Config, proc, origin, procedures: dict, known: set, problems: Problems) -> None:
    def add(path: tuple, message: str) -> None:
        problems.add(origin.file, origin.line(*path), path, message)

    expected = origin.source.path.stem
    if re.match(LOCAL_CODE_PATTERN, expected):
        add(("ma",), f"tên tệp '{expected}.yaml' là mã thủ tục của địa phương; hãy đổi tên tệp thành "
                     f"'{proc.ma}.yaml' (mã quốc gia, như trường ma) và ghi mã đầy đủ ở trường ma_dia_phuong")
    elif proc.ma != expected:
        add(("ma",), f"mã '{proc.ma}' khác tên tệp; tên tệp phải là '{proc.ma}.yaml' hoặc mã phải là '{expected}'")
    if proc.ma_dia_phuong:
        national = re.match(LOCAL_CODE_PATTERN, proc.ma_dia_phuong).group(1)
        if national != proc.ma:
            local = proc.ma + proc.ma_dia_phuong[len(national):]
            add(("ma_dia_phuong",), f"mã địa phương '{proc.ma_dia_phuong}' không bắt đầu bằng mã thủ tục "
                                    f"'{proc.ma}'; có phải ý bạn là '{local}'?")

    if proc.cap_nhat > config.build_date:
        add(("cap_nhat",), f"ngày {proc.cap_nhat.isoformat()} ở sau ngày xây dựng trang ({config.build_date.isoformat()})")
    for i, basis in enumerate(proc.can_cu_phap_ly):
        if basis.ngay_ban_hanh > config.build_date:
            add(("can_cu_phap_ly", i, "ngay_ban_hanh"),
                f"ngày {basis.ngay_ban_hanh.isoformat()} ở sau ngày xây dựng trang ({config.build_date.isoformat()})")
    if proc.quyet_dinh_cong_bo and proc.quyet_dinh_cong_bo.ngay and proc.quyet_dinh_cong_bo.ngay > config.build_date:
        add(("quyet_dinh_cong_bo", "ngay"),
            f"ngày {proc.quyet_dinh_cong_bo.ngay.isoformat()} ở sau ngày xây dựng trang ({config.build_date.isoformat()})")

    for docs_path, docs in _document_lists(proc):
        for i, doc in enumerate(docs):
            message = _form_problem(config, doc.mau) if doc.mau else None
            if message:
                add(docs_path + (i, "mau"), message)

    limit = proc.shortest_limit_days
    total = proc.internal_hours
    if limit is not None and total is not None and total > proc.shortest_limit_hours:
        add(("quy_trinh_noi_bo",),
            f"tổng thời gian các bước là {hours(total)} giờ, vượt thời hạn giải quyết "
            f"{number(limit, 0 if float(limit).is_integer() else 1)} ngày làm việc "
            f"({hours(proc.shortest_limit_hours)} giờ)")

    if proc.in_force:
        if proc.ngay_bai_bo:
            add(("ngay_bai_bo",), "chỉ dùng khi trang_thai là bai-bo")
        if proc.ma_thay_the:
            add(("ma_thay_the",), "chỉ dùng khi trang_thai là bai-bo")
    else:
        if proc.ngay_bai_bo and proc.ngay_bai_bo > config.build_date:
            add(("ngay_bai_bo",), f"ngày {proc.ngay_bai_bo.isoformat()} ở sau ngày xây dựng trang ({config.build_date.isoformat()})")
        if proc.ma_thay_the:
            target = procedures.get(proc.ma_thay_the)
            if proc.ma_thay_the == proc.ma:
                add(("ma_thay_the",), "thủ tục không thể thay thế chính nó")
            elif target is None and proc.ma_thay_the not in known:
                add(("ma_thay_the",), f"không có thủ tục mã '{proc.ma_thay_the}' trong thư mục procedures/")
            elif target is not None and not target[0].in_force:
                add(("ma_thay_the",), f"thủ tục thay thế '{proc.ma_thay_the}' cũng đã bị bãi bỏ; hãy trỏ tới thủ tục còn hiệu lực")


FORM_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods")


def _form_problem(config: Config, mau: str) -> str | None:
    """What is wrong with a form template's path, if anything: it must be a document published from content/."""
    if mau.startswith("https://"):
        return None
    parts = mau.split("/")
    if mau.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return (f"đường dẫn '{mau}' không hợp lệ; hãy ghi đường dẫn tính từ thư mục content/, "
                "ví dụ mau/to-khai.docx (không bắt đầu bằng '/', không có '..')")
    if not any(mau.startswith(folder + "/") for folder in config.static_paths):
        folders = ", ".join(f"content/{folder}/" for folder in config.static_paths)
        return f"tệp mẫu phải nằm trong thư mục được xuất bản: {folders}"
    if not mau.lower().endswith(FORM_SUFFIXES):
        return "tệp mẫu phải là văn bản " + ", ".join(FORM_SUFFIXES[:-1]) + f" hoặc {FORM_SUFFIXES[-1]}"
    if not confined(config.content / mau, config.content):
        return f"không tìm thấy tệp mẫu 'content/{mau}'"
    return None


def _document_lists(proc):
    yield ("thanh_phan_ho_so",), proc.thanh_phan_ho_so
    for i, case in enumerate(proc.truong_hop or []):
        if case.thanh_phan_ho_so:
            yield ("truong_hop", i, "thanh_phan_ho_so"), case.thanh_phan_ho_so
