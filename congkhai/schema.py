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

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .month import MONTH_PATTERN

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[0-9]+\.[0-9]{6}$"
# A province's instance of a national code, e.g. 1.013562.000.00.00.H19; the group is the national code.
LOCAL_CODE_PATTERN = r"^([0-9]+\.[0-9]{6})(\.[0-9A-Za-z]+)+$"
# A real https address: a host name right after https:// (no user name or password
# before it), then a path, query or fragment without spaces, quotes, backslashes,
# angle brackets or control characters.
_URL = r'''https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]{1,5})?([/?#][^\s"'<>\\\x00-\x1f\x7f]*)?'''
HTTPS_URL_PATTERN = f"^{_URL}$"
# A form template: a file under content/, or an https address.
DOCUMENT_PATTERN = f"^({_URL}|[A-Za-z0-9._/-]+)$"
# A plain address: no mailto:, no ?subject= or &bcc=, no spaces, one @.
EMAIL_PATTERN = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
# One phone number: digits, spaces and + - . ( ), with 4 (a hotline such as 1022) to 15 digits.
PHONE_PATTERN = r"^(?=([^0-9]*[0-9]){4,15}[^0-9]*$)\+?[0-9 .()-]+$"

# Longest text of one field: national records' longest conditions are a few thousand characters.
MAX_TEXT = 20_000
# Largest count or number of copies: more is a typo, and sums of such numbers stay exact.
MAX_COUNT = 1_000_000_000
# Longest time limit in days; ten years is more than any procedure allows.
MAX_DAYS = 3650
# Hours in a working day: a time limit in working days, as hours of an internal process.
WORKING_DAY_HOURS = 8

# Written without inline flags so that the same pattern works in Python and in
# the JSON Schema (ECMA-262 regular expressions) that editors' tools read.
def _any_case(word: str) -> str:
    return "".join(f"[{ch}{ch.upper()}]" for ch in word)


# A tag, a script address anywhere, or a data: address as a Markdown link's target.
_SCRIPT_LINK = (rf"(?:{_any_case('javascript')}|{_any_case('vbscript')})\s*:"
                rf"|\](?:\s*\(|:)\s*(?:<\s*)?{_any_case('data')}\s*:")
HTML_PATTERN = r"<\s*(?:/\s*)?[A-Za-z!][^>]*>|" + _SCRIPT_LINK
# Text as the JSON Schema sees it: not blank, no HTML or JavaScript anywhere.
TEXT_PATTERN = rf"^(?!\s*$)(?![\s\S]*(?:{HTML_PATTERN}))"
_TAG_START = re.compile(r"<\s*(?:/\s*)?[A-Za-z!]")
_SCRIPT = re.compile(_SCRIPT_LINK)


def find_markup(value: str) -> str | None:
    """What ``HTML_PATTERN`` finds first in ``value``, in time linear in its length.

    The pattern's ``[^>]*>`` would make a regular expression engine scan to the
    end of the text from every '<' (quadratic on '<a<a<a...'); the first tag
    start with a '>' anywhere after it is the same match.
    """
    found = []
    tag = _TAG_START.search(value)
    if tag:
        end = value.find(">", tag.end())
        if end != -1:
            found.append((tag.start(), value[tag.start(): end + 1]))
    link = _SCRIPT.search(value)
    if link:
        text = link.group(0)
        found.append((link.start(), text[text.lower().rindex("data"):] if text.startswith("]") else text))
    return min(found)[1] if found else None


MARKUP_MESSAGE = "không được chứa mã HTML hay JavaScript (thấy '{found}'); hãy viết văn bản thường hoặc Markdown"


def _no_html(value: str) -> str:
    found = find_markup(value)
    if found:
        raise PydanticCustomError("no_html", MARKUP_MESSAGE, {"found": found[:40]})
    return value


def _phone(value: str) -> str:
    if not re.fullmatch(PHONE_PATTERN, value):
        # A letter means words written where the number goes ("Không có thông tin").
        kind = "phone_words" if any(ch.isalpha() for ch in value) else "phone_pattern"
        raise PydanticCustomError(kind, "not a phone number")
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_html),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": TEXT_PATTERN}),
]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
# A report period as the data writes it, "YYYY-MM"; code computes with ``month.Month``.
MonthText = Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_URL_PATTERN)]
Phone = Annotated[str, AfterValidator(_phone), WithJsonSchema({"type": "string", "pattern": PHONE_PATTERN})]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]

# bo (a ministry or central agency) and khac (another body: a border post, a
# court...) come from records of the national procedure database.
Level = Literal["tinh", "xa", "bo", "khac"]
# The first four are the contract's own; the others are the national database's categories.
Audience = Literal[
    "cong-dan", "to-chuc", "doanh-nghiep", "nguoi-nuoc-ngoai",
    "nguoi-viet-nam-o-nuoc-ngoai", "can-bo-cong-chuc", "doanh-nghiep-fdi", "to-chuc-nuoc-ngoai", "hop-tac-xa",
]
Channel = Literal["truc_tiep", "truc_tuyen", "buu_chinh"]
OnlineLevel = Literal["toan-trinh", "mot-phan"]
Status = Literal["hieu-luc", "bai-bo"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# Every field has a Vietnamese title and description: editors read them in the
# JSON Schema (hover and completion in their editor), in the comments of new
# files, and in the change history of a page.

# --- content/data/*.yaml -------------------------------------------------

class Agency(Strict, title="Cơ quan"):
    """An agency (cơ quan) from ``content/data/co-quan.yaml``."""

    slug: Slug = Field(
        title="Mã cơ quan",
        description="Chữ thường không dấu, nối bằng dấu gạch ngang, ví dụ so-tu-phap; các tệp khác dùng mã này để chỉ cơ quan.",
    )
    ten: Text = Field(title="Tên cơ quan", description="Tên đầy đủ, ví dụ Sở Tư pháp thành phố Hà Nội.")
    cap: Level = Field(
        title="Cấp",
        description="Cấp của cơ quan: tinh là cấp tỉnh, xa là cấp xã, phường, bo là bộ, cơ quan trung ương, khac là cơ quan khác.",
    )
    dia_chi: Text = Field(title="Địa chỉ", description="Địa chỉ Bộ phận Một cửa, nơi tiếp nhận hồ sơ và trả kết quả.")
    dien_thoai: Phone | None = Field(
        None, title="Điện thoại",
        description="Một số điện thoại hướng dẫn, tiếp nhận hồ sơ, ví dụ \"024 3825 3536\" (đặt trong dấu ngoặc kép); "
                    "không có số thì bỏ hẳn trường này.",
    )
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] | None = Field(
        None, title="Thư điện tử",
        description="Một địa chỉ thư điện tử, ví dụ sotuphap@hanoi.gov.vn, không ghi mailto:; không có thì bỏ hẳn trường này.",
    )
    gio_lam_viec: Text | None = Field(None, title="Giờ làm việc", description="Giờ tiếp nhận hồ sơ trong tuần.")
    website: HttpsUrl | None = Field(
        None, title="Trang thông tin điện tử", description="Địa chỉ bắt đầu bằng https://.",
    )


class Domain(Strict, title="Lĩnh vực"):
    """A field (lĩnh vực) from ``content/data/linh-vuc.yaml``."""

    slug: Slug = Field(
        title="Mã lĩnh vực",
        description="Chữ thường không dấu, nối bằng dấu gạch ngang, ví dụ ho-tich; thủ tục ghi mã này ở trường linh_vuc.",
    )
    ten: Text = Field(title="Tên lĩnh vực", description="Tên lĩnh vực, ví dụ Hộ tịch.")
    co_quan: Slug | None = Field(
        None, title="Cơ quan quản lý",
        description="Mã cơ quan cấp tỉnh quản lý lĩnh vực (trong content/data/co-quan.yaml); "
                    "là đầu mối của thủ tục không ghi dau_moi.",
    )
    mo_ta: Text | None = Field(None, title="Mô tả", description="Giới thiệu ngắn về lĩnh vực; viết được Markdown.")


class EventStep(Strict, title="Bước của sự kiện"):
    ma: Code = Field(title="Mã thủ tục", description="Mã thủ tục của bước này, đặt trong dấu ngoặc kép, ví dụ \"1.001193\".")
    ghi_chu: Text | None = Field(None, title="Ghi chú", description="Lưu ý cho người dân ở bước này.")


class LifeEvent(Strict, title="Sự kiện trong đời"):
    """A life event (sự kiện) from ``content/data/su-kien.yaml``."""

    slug: Slug = Field(title="Mã sự kiện", description="Chữ thường không dấu, nối bằng dấu gạch ngang, ví dụ co-con.")
    ten: Text = Field(title="Tên sự kiện", description="Tên sự kiện như người dân nói, ví dụ Có con nhỏ mới sinh.")
    mo_ta: Text | None = Field(None, title="Mô tả", description="Giới thiệu ngắn; viết được Markdown.")
    buoc: Annotated[list[EventStep], Field(min_length=1)] = Field(
        title="Các bước", description="Các thủ tục cần làm, theo thứ tự; mỗi bước một mục.",
    )


# --- procedures/<ma>.yaml ------------------------------------------------

class Authorities(Strict, title="Cơ quan thực hiện"):
    tham_quyen: Text = Field(title="Cơ quan có thẩm quyền", description="Cơ quan có thẩm quyền quyết định.")
    duoc_uy_quyen: Text | None = Field(None, title="Cơ quan được ủy quyền", description="Cơ quan được ủy quyền thực hiện, nếu có.")
    phoi_hop: Text | None = Field(None, title="Cơ quan phối hợp", description="Các cơ quan phối hợp, nếu có.")
    thuc_hien: Text | None = Field(
        None, title="Cơ quan thực hiện",
        description="Cơ quan trực tiếp tiếp nhận, giải quyết hồ sơ khi khác cơ quan có thẩm quyền, "
                    "như Cơ sở dữ liệu quốc gia về thủ tục hành chính công bố.",
    )


class Reception(Strict, title="Nơi tiếp nhận hồ sơ"):
    """Where the citizen hands in the dossier: an agency of co-quan.yaml, or the place as published."""

    co_quan: Slug | None = Field(
        None, title="Cơ quan tiếp nhận",
        description="Mã cơ quan trong content/data/co-quan.yaml; trang thủ tục hiện địa chỉ, điện thoại, giờ làm việc "
                    "của cơ quan. Mỗi mục ghi co_quan hoặc mo_ta, không ghi cả hai.",
    )
    mo_ta: Text | None = Field(
        None, title="Địa chỉ tiếp nhận",
        description="Nơi tiếp nhận hồ sơ như văn bản công bố, khi không phải một cơ quan trong danh sách. "
                    "Mỗi mục ghi co_quan hoặc mo_ta, không ghi cả hai.",
    )

    # Editors' tools: exactly one of the two keys holds a value (the open data
    # writes the other one as null).
    model_config = ConfigDict(json_schema_extra={"oneOf": [
        {"required": [key], "properties": {key: {"type": "string"}}} for key in ("co_quan", "mo_ta")
    ]})

    @model_validator(mode="after")
    def _one_place(self):
        if self.co_quan is None and self.mo_ta is None:
            raise PydanticCustomError("reception_empty", "neither co_quan nor mo_ta")
        if self.co_quan is not None and self.mo_ta is not None:
            raise PydanticCustomError("reception_both", "both co_quan and mo_ta")
        return self


class Way(Strict, title="Cách thức thực hiện"):
    """One channel (cách thức) with its own time limit and fee."""

    hinh_thuc: Channel = Field(
        title="Hình thức nộp",
        description="truc_tiep: nộp trực tiếp; truc_tuyen: nộp trực tuyến; buu_chinh: nộp qua bưu chính.",
    )
    thoi_han: Text = Field(title="Thời hạn giải quyết", description="Thời hạn như văn bản công bố, viết bằng lời.")
    thoi_han_ngay: Annotated[float, Field(ge=0, le=MAX_DAYS)] | None = Field(
        None, title="Số ngày làm việc",
        description="Thời hạn tính bằng ngày làm việc, là một số (ví dụ 1 hoặc 0.5); "
                    "dùng để kiểm tra quy trình nội bộ và để sắp xếp.",
    )
    phi_le_phi: Text = Field(
        title="Phí, lệ phí", description="Mức phí, lệ phí; ghi \"Không\" hoặc \"Miễn lệ phí\" nếu không thu.",
    )
    mo_ta: Text | None = Field(None, title="Ghi chú", description="Lưu ý thêm về cách nộp này; viết được Markdown.")


class Document(Strict, title="Giấy tờ"):
    """One document (thành phần hồ sơ) to submit."""

    ten: Text = Field(title="Tên giấy tờ", description="Tên giấy tờ phải nộp.")
    ban_chinh: Count = Field(title="Số bản chính", description="Số nguyên từ 0 trở lên.")
    ban_sao: Count = Field(title="Số bản sao", description="Số nguyên từ 0 trở lên.")
    mau: Annotated[str, StringConstraints(pattern=DOCUMENT_PATTERN)] | None = Field(
        None, title="Mẫu đơn, tờ khai",
        description="Tệp mẫu trong thư mục content/, ví dụ mau/to-khai-khai-sinh.docx, hoặc địa chỉ https://.",
    )
    ghi_chu: Text | None = Field(None, title="Ghi chú", description="Lưu ý về giấy tờ này.")


class LegalBasis(Strict, title="Văn bản pháp lý"):
    so_hieu: Text = Field(title="Số hiệu", description="Số, ký hiệu văn bản, ví dụ 60/2014/QH13.")
    trich_yeu: Text = Field(title="Trích yếu", description="Tên hoặc trích yếu văn bản, ví dụ Luật Hộ tịch.")
    ngay_ban_hanh: dt.date = Field(
        title="Ngày ban hành", description="Dạng YYYY-MM-DD, ví dụ 2014-11-20, không đặt trong dấu ngoặc kép.",
    )
    co_quan_ban_hanh: Text | None = Field(
        None, title="Cơ quan ban hành", description="Ví dụ Quốc hội, Chính phủ; để trống khi văn bản công bố không ghi.",
    )


class InternalStep(Strict, title="Bước xử lý nội bộ"):
    """A step of the internal process (quy trình nội bộ)."""

    buoc: Text = Field(title="Công việc", description="Việc làm ở bước này, ví dụ Tiếp nhận, kiểm tra hồ sơ.")
    bo_phan: Text = Field(title="Bộ phận", description="Bộ phận thực hiện, ví dụ Bộ phận Một cửa.")
    vai_tro: Text = Field(title="Người thực hiện", description="Chức danh người thực hiện.")
    thoi_gian_gio: Annotated[float, Field(gt=0, le=MAX_DAYS * 8)] = Field(
        title="Số giờ làm việc", description="Thời gian tối đa cho bước này, tính bằng giờ làm việc (ví dụ 2 hoặc 1.5).",
    )


class OnlineService(Strict, title="Dịch vụ công trực tuyến"):
    muc_do: OnlineLevel = Field(
        title="Mức độ", description="toan-trinh: làm toàn bộ trên mạng; mot-phan: nộp trên mạng, có bước phải đến cơ quan.",
    )
    url: HttpsUrl = Field(title="Địa chỉ", description="Địa chỉ nộp hồ sơ trực tuyến, bắt đầu bằng https://.")


class Decision(Strict, title="Quyết định công bố"):
    so_hieu: Text = Field(title="Số hiệu", description="Số, ký hiệu quyết định, ví dụ 3456/QĐ-UBND.")
    ngay: dt.date | None = Field(
        None, title="Ngày", description="Ngày quyết định, dạng YYYY-MM-DD; để trống khi chỉ biết số hiệu.",
    )


class Case(Strict, title="Trường hợp"):
    """A case (trường hợp): overrides some keys; the rest is inherited."""

    ten: Text = Field(title="Tên trường hợp", description="Ví dụ Đăng ký khai sinh có yếu tố nước ngoài.")
    mo_ta: Text | None = Field(None, title="Mô tả", description="Khi nào áp dụng trường hợp này; viết được Markdown.")
    yeu_cau_dieu_kien: Text | None = Field(
        None, title="Yêu cầu, điều kiện riêng", description="Chỉ ghi khi khác thủ tục chung.",
    )
    cach_thuc: Annotated[list[Way], Field(min_length=1)] | None = Field(
        None, title="Cách thức thực hiện riêng", description="Chỉ ghi khi khác thủ tục chung.",
    )
    thanh_phan_ho_so: Annotated[list[Document], Field(min_length=1)] | None = Field(
        None, title="Thành phần hồ sơ riêng", description="Chỉ ghi khi khác thủ tục chung.",
    )


class Procedure(Strict, title="Thủ tục hành chính"):
    """One administrative procedure, from ``procedures/<ma>.yaml``."""

    ma: Code = Field(
        title="Mã thủ tục",
        description="Mã số trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, đặt trong dấu ngoặc kép, "
                    "ví dụ \"1.001193\"; trùng với tên tệp.",
    )
    ten: Text = Field(title="Tên thủ tục", description="Tên chính thức, đúng như trong quyết định công bố.")
    ma_dia_phuong: Annotated[str, StringConstraints(pattern=LOCAL_CODE_PATTERN)] | None = Field(
        None, title="Mã thủ tục của địa phương",
        description="Mã đầy đủ như cổng dịch vụ công của tỉnh hiển thị, đặt trong dấu ngoặc kép, "
                    "ví dụ \"1.001193.000.00.00.H26\"; trường ma vẫn là mã quốc gia ngắn.",
    )
    ten_thuong_goi: Text | None = Field(
        None, title="Tên thường gọi", description="Tên người dân hay gọi; hiện dưới tên chính thức và dùng để tìm kiếm.",
    )
    tu_khoa: list[Text] = Field(
        [], title="Từ khóa tìm kiếm", description="Những cách gọi khác người dân dùng để tìm thủ tục này.",
    )
    linh_vuc: Slug = Field(title="Lĩnh vực", description="Mã lĩnh vực trong content/data/linh-vuc.yaml, ví dụ ho-tich.")
    cap_thuc_hien: Annotated[list[Level], Field(min_length=1)] = Field(
        title="Cấp thực hiện",
        description="Cấp giải quyết thủ tục, một hoặc nhiều: tinh (cấp tỉnh), xa (cấp xã), "
                    "bo (cấp bộ, cơ quan trung ương), khac (cơ quan khác, ví dụ đồn biên phòng, tòa án).",
    )
    doi_tuong: Annotated[list[Audience], Field(min_length=1)] = Field(
        title="Đối tượng thực hiện", description="Ai được làm thủ tục này; ít nhất một.",
    )
    co_quan_thuc_hien: Authorities = Field(title="Cơ quan thực hiện", description="Cơ quan giải quyết thủ tục.")
    noi_tiep_nhan: Annotated[list[Reception], Field(min_length=1)] | None = Field(
        None, title="Nơi tiếp nhận hồ sơ",
        description="Nơi người dân nộp hồ sơ; mỗi nơi một mục, ghi co_quan (mã cơ quan) hoặc mo_ta (nơi tiếp nhận như văn bản công bố).",
    )
    dau_moi: Slug | None = Field(
        None, title="Đầu mối",
        description="Mã cơ quan (trong content/data/co-quan.yaml) là đầu mối duy nhất theo dõi thủ tục; "
                    "không ghi thì dùng cơ quan quản lý lĩnh vực.",
    )
    cach_thuc: Annotated[list[Way], Field(min_length=1)] = Field(
        title="Cách thức thực hiện",
        description="Mỗi cách nộp hồ sơ một mục, mỗi cách có thời hạn và phí, lệ phí riêng.",
    )
    trinh_tu: Annotated[list[Text], Field(min_length=1)] = Field(
        title="Trình tự thực hiện", description="Các bước người dân làm, theo thứ tự; mỗi bước một mục, viết được Markdown.",
    )
    thanh_phan_ho_so: Annotated[list[Document], Field(min_length=1)] = Field(
        title="Thành phần hồ sơ", description="Mỗi giấy tờ phải nộp một mục.",
    )
    so_bo_ho_so: Annotated[int, Field(ge=1, le=MAX_COUNT)] | None = Field(
        None, title="Số bộ hồ sơ", description="Số bộ hồ sơ phải nộp, số nguyên từ 1 trở lên.",
    )
    ket_qua: Text = Field(title="Kết quả thực hiện", description="Giấy tờ hoặc kết quả người dân nhận được.")
    can_cu_phap_ly: Annotated[list[LegalBasis], Field(min_length=1)] = Field(
        title="Căn cứ pháp lý", description="Các văn bản quy định thủ tục; mỗi văn bản một mục.",
    )
    yeu_cau_dieu_kien: Text = Field(
        title="Yêu cầu, điều kiện", description="Yêu cầu, điều kiện để làm thủ tục; ghi \"Không\" nếu không có.",
    )
    quy_trinh_noi_bo: Annotated[list[InternalStep], Field(min_length=1)] | None = Field(
        None, title="Quy trình nội bộ",
        description="Các bước xử lý hồ sơ trong cơ quan, ai làm, trong bao nhiêu giờ; "
                    "tổng số giờ không được vượt thời hạn giải quyết.",
    )
    dich_vu_cong: OnlineService | None = Field(
        None, title="Dịch vụ công trực tuyến", description="Mức độ và địa chỉ nộp trực tuyến, nếu có.",
    )
    quyet_dinh_cong_bo: Decision | None = Field(
        None, title="Quyết định công bố", description="Quyết định công bố thủ tục: số hiệu và ngày.",
    )
    cap_nhat: dt.date = Field(
        title="Ngày cập nhật",
        description="Ngày thay đổi thông tin gần nhất, dạng YYYY-MM-DD, không đặt trong dấu ngoặc kép.",
    )
    trang_thai: Status = Field(
        "hieu-luc", title="Tình trạng",
        description="hieu-luc: còn hiệu lực (mặc định); bai-bo: đã bãi bỏ, trang vẫn còn và ghi rõ đã bãi bỏ.",
    )
    thuong_gap: bool = Field(
        False, title="Thủ tục thường gặp",
        description="true nếu nhiều người làm: hiện ở trang chủ, đứng đầu các danh sách; "
                    "thủ tục cấp xã thường gặp hiện trên trang của từng xã, phường.",
    )
    ngay_bai_bo: dt.date | None = Field(
        None, title="Ngày bãi bỏ", description="Chỉ dùng khi trang_thai là bai-bo: ngày thủ tục thôi áp dụng.",
    )
    ma_thay_the: Code | None = Field(
        None, title="Mã thủ tục thay thế",
        description="Chỉ dùng khi trang_thai là bai-bo: mã thủ tục thay thế, còn hiệu lực, đặt trong dấu ngoặc kép.",
    )
    truong_hop: Annotated[list[Case], Field(min_length=1)] | None = Field(
        None, title="Các trường hợp",
        description="Trường hợp có điều kiện, giấy tờ hoặc cách nộp khác; trường nào không ghi thì lấy theo thủ tục chung.",
    )
    ma_cu: list[Code] = Field(
        [], title="Mã cũ",
        description="Các mã trước đây của thủ tục, khi mã đã đổi và tệp đã được đổi tên theo mã mới; "
                    "địa chỉ cũ sẽ chuyển tới trang này. Mỗi mã đặt trong dấu ngoặc kép.",
    )

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

    @property
    def shortest_limit_hours(self) -> float | None:
        """``shortest_limit_days`` in working hours."""
        days = self.shortest_limit_days
        return None if days is None else days * WORKING_DAY_HOURS


# --- content/ket-qua/<YYYY-MM>/<co-quan>.yaml -----------------------------

class ResultRow(Strict, title="Hồ sơ của một lĩnh vực"):
    """One row of the monthly report: one field handled by the agency."""

    linh_vuc: Slug = Field(title="Lĩnh vực", description="Mã lĩnh vực trong content/data/linh-vuc.yaml.")
    tu_ky_truoc: Count = Field(
        title="Từ kỳ trước chuyển sang", description="Hồ sơ chưa giải quyết xong của tháng trước.",
    )
    truc_tuyen: Count = Field(title="Tiếp nhận trực tuyến", description="Hồ sơ nhận trong tháng qua mạng.")
    truc_tiep: Count = Field(title="Tiếp nhận trực tiếp", description="Hồ sơ nhận trong tháng tại Bộ phận Một cửa.")
    buu_chinh: Count = Field(title="Tiếp nhận qua bưu chính", description="Hồ sơ nhận trong tháng qua bưu điện.")
    truoc_han: Count = Field(title="Giải quyết trước hạn", description="Hồ sơ đã giải quyết trước hạn.")
    dung_han: Count = Field(title="Giải quyết đúng hạn", description="Hồ sơ đã giải quyết đúng hạn.")
    qua_han: Count = Field(title="Giải quyết quá hạn", description="Hồ sơ đã giải quyết nhưng quá hạn.")
    dang_trong_han: Count = Field(title="Đang giải quyết, trong hạn", description="Hồ sơ chưa xong, còn trong hạn.")
    dang_qua_han: Count = Field(title="Đang giải quyết, quá hạn", description="Hồ sơ chưa xong, đã quá hạn.")


class Feedback(Strict, title="Phản ánh, kiến nghị"):
    tu_ky_truoc: Count = Field(title="Từ kỳ trước chuyển sang", description="Phản ánh, kiến nghị chưa xử lý xong của tháng trước.")
    tiep_nhan: Count = Field(title="Tiếp nhận", description="Phản ánh, kiến nghị nhận trong tháng.")
    da_xu_ly: Count = Field(title="Đã xử lý", description="Phản ánh, kiến nghị đã xử lý xong.")
    dang_xu_ly: Count = Field(title="Đang xử lý", description="Phản ánh, kiến nghị còn đang xử lý.")


class Satisfaction(Strict, title="Khảo sát sự hài lòng"):
    so_phieu: Count = Field(title="Số phiếu", description="Số phiếu khảo sát thu về trong tháng.")
    rat_hai_long: Count = Field(title="Rất hài lòng", description="Số phiếu rất hài lòng.")
    hai_long: Count = Field(title="Hài lòng", description="Số phiếu hài lòng.")
    chua_hai_long: Count = Field(title="Chưa hài lòng", description="Số phiếu chưa hài lòng.")


class MonthlyReport(Strict, title="Kết quả giải quyết thủ tục hành chính trong tháng"):
    """One agency's results for one month."""

    co_quan: Slug = Field(
        title="Cơ quan", description="Mã cơ quan trong content/data/co-quan.yaml; trùng với tên tệp.",
    )
    ky: MonthText = Field(
        title="Kỳ báo cáo", description="Tháng báo cáo dạng YYYY-MM, ví dụ 2026-10; trùng với tên thư mục.",
    )
    ho_so: list[ResultRow] = Field(title="Hồ sơ theo lĩnh vực", description="Mỗi lĩnh vực đã giải quyết một dòng.")
    xin_loi: Count = Field(
        title="Thư xin lỗi", description="Số thư xin lỗi đã gửi trong tháng vì trả kết quả quá hạn.",
    )
    phan_anh_kien_nghi: Feedback | None = Field(
        None, title="Phản ánh, kiến nghị", description="Kết quả tiếp nhận, xử lý phản ánh, kiến nghị trong tháng.",
    )
    hai_long: Satisfaction | None = Field(
        None, title="Khảo sát sự hài lòng", description="Kết quả khảo sát sự hài lòng tại Bộ phận Một cửa trong tháng.",
    )
    ghi_chu: Text | None = Field(None, title="Ghi chú", description="Giải thích thêm; viết được Markdown.")


FILE_KINDS = {
    "procedure": Procedure,
    "agency": Agency,
    "domain": Domain,
    "event": LifeEvent,
    "report": MonthlyReport,
}
