"""Validation models, one per file kind of the data contract.

These models are the single description of what editors may write: the
validator uses them, and the JSON Schema for editors' tools is exported from
them.  They check one file at a time; references between files are checked in
``crossref``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[0-9]+\.[0-9]{6}$"
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|javascript\s*:", re.IGNORECASE)


def _no_html(value: str) -> str:
    match = _HTML.search(value)
    if match:
        raise PydanticCustomError(
            "no_html",
            "không được chứa mã HTML hay JavaScript (thấy '{found}'); hãy viết văn bản thường hoặc Markdown",
            {"found": match.group(0)[:40]},
        )
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_no_html)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$")]
Count = Annotated[int, Field(ge=0)]

Level = Literal["tinh", "xa"]
Audience = Literal["cong-dan", "to-chuc", "doanh-nghiep", "nguoi-nuoc-ngoai"]
Channel = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]
OnlineLevel = Literal["toan-trinh", "mot-phan"]
Status = Literal["hieu-luc", "bai-bo"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- content/data/*.yaml -------------------------------------------------

class Agency(Strict):
    """An agency (cơ quan) from ``content/data/co-quan.yaml``."""

    slug: Slug
    ten: Text
    cap: Level
    dia_chi: Text
    dien_thoai: Text
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$")]
    gio_lam_viec: Text | None = None
    website: HttpsUrl | None = None


class Domain(Strict):
    """A field (lĩnh vực) from ``content/data/linh-vuc.yaml``."""

    slug: Slug
    ten: Text
    co_quan: Slug | None = None
    mo_ta: Text | None = None


class EventStep(Strict):
    ma: Code
    ghi_chu: Text | None = None


class LifeEvent(Strict):
    """A life event (sự kiện) from ``content/data/su-kien.yaml``."""

    slug: Slug
    ten: Text
    mo_ta: Text | None = None
    buoc: Annotated[list[EventStep], Field(min_length=1)]


# --- procedures/<ma>.yaml ------------------------------------------------

class Authorities(Strict):
    tham_quyen: Text
    duoc_uy_quyen: Text | None = None
    phoi_hop: Text | None = None


class Way(Strict):
    """One channel (cách thức) with its own time limit and fee."""

    hinh_thuc: Channel
    thoi_han: Text
    thoi_han_ngay: Annotated[float, Field(ge=0)] | None = None
    phi_le_phi: Text
    mo_ta: Text | None = None


class Document(Strict):
    """One document (thành phần hồ sơ) to submit."""

    ten: Text
    ban_chinh: Count
    ban_sao: Count
    mau: Annotated[str, StringConstraints(pattern=r"^(https://[^\s<>\"']+|[A-Za-z0-9._/-]+)$")] | None = None
    ghi_chu: Text | None = None


class LegalBasis(Strict):
    so_hieu: Text
    trich_yeu: Text
    ngay_ban_hanh: dt.date
    co_quan_ban_hanh: Text


class InternalStep(Strict):
    """A step of the internal process (quy trình nội bộ)."""

    buoc: Text
    bo_phan: Text
    vai_tro: Text
    thoi_gian_gio: Annotated[float, Field(gt=0)]


class OnlineService(Strict):
    muc_do: OnlineLevel
    url: HttpsUrl


class Decision(Strict):
    so_hieu: Text
    ngay: dt.date


class Case(Strict):
    """A case (trường hợp): overrides some keys; the rest is inherited."""

    ten: Text
    mo_ta: Text | None = None
    yeu_cau_dieu_kien: Text | None = None
    cach_thuc: Annotated[list[Way], Field(min_length=1)] | None = None
    thanh_phan_ho_so: Annotated[list[Document], Field(min_length=1)] | None = None


class Procedure(Strict):
    """One administrative procedure, from ``procedures/<ma>.yaml``."""

    ma: Code
    ten: Text
    ten_thuong_goi: Text | None = None
    tu_khoa: list[Text] = []
    linh_vuc: Slug
    cap_thuc_hien: Annotated[list[Level], Field(min_length=1)]
    doi_tuong: Annotated[list[Audience], Field(min_length=1)]
    co_quan_thuc_hien: Authorities
    dau_moi: Slug | None = None
    cach_thuc: Annotated[list[Way], Field(min_length=1)]
    trinh_tu: Annotated[list[Text], Field(min_length=1)]
    thanh_phan_ho_so: Annotated[list[Document], Field(min_length=1)]
    so_bo_ho_so: Annotated[int, Field(ge=1)] | None = None
    ket_qua: Text
    can_cu_phap_ly: Annotated[list[LegalBasis], Field(min_length=1)]
    yeu_cau_dieu_kien: Text
    quy_trinh_noi_bo: Annotated[list[InternalStep], Field(min_length=1)] | None = None
    dich_vu_cong: OnlineService | None = None
    quyet_dinh_cong_bo: Decision | None = None
    cap_nhat: dt.date
    trang_thai: Status = "hieu-luc"
    thuong_gap: bool = False
    ngay_bai_bo: dt.date | None = None
    ma_thay_the: Code | None = None
    truong_hop: Annotated[list[Case], Field(min_length=1)] | None = None

    @property
    def in_force(self) -> bool:
        return self.trang_thai == "hieu-luc"

    @property
    def internal_hours(self) -> float | None:
        """Total working hours of the internal process, if it is published."""
        if not self.quy_trinh_noi_bo:
            return None
        return sum(step.thoi_gian_gio for step in self.quy_trinh_noi_bo)

    @property
    def shortest_limit_days(self) -> float | None:
        """The strictest legal time limit in working days over all channels."""
        days = [w.thoi_han_ngay for w in self.cach_thuc if w.thoi_han_ngay is not None]
        return min(days) if days else None


# --- content/ket-qua/<YYYY-MM>/<co-quan>.yaml -----------------------------

class ResultRow(Strict):
    """One row of the monthly report: one field handled by the agency."""

    linh_vuc: Slug
    tu_ky_truoc: Count
    truc_tuyen: Count
    truc_tiep: Count
    buu_chinh: Count
    truoc_han: Count
    dung_han: Count
    qua_han: Count
    dang_trong_han: Count
    dang_qua_han: Count


class Feedback(Strict):
    tu_ky_truoc: Count
    tiep_nhan: Count
    da_xu_ly: Count
    dang_xu_ly: Count


class Satisfaction(Strict):
    so_phieu: Count
    rat_hai_long: Count
    hai_long: Count
    chua_hai_long: Count


class MonthlyReport(Strict):
    """One agency's results for one month."""

    co_quan: Slug
    ky: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
    ho_so: list[ResultRow]
    xin_loi: Count
    phan_anh_kien_nghi: Feedback | None = None
    hai_long: Satisfaction | None = None
    ghi_chu: Text | None = None


FILE_KINDS = {
    "procedure": Procedure,
    "agency": Agency,
    "domain": Domain,
    "event": LifeEvent,
    "report": MonthlyReport,
}
