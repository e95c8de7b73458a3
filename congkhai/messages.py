"""Vietnamese messages for validation errors reported by the models."""

from __future__ import annotations

import difflib
import re

from pydantic import BaseModel

from .month import MONTH_HINT, MONTH_PATTERN
from .schema import (
    CODE_PATTERN, DOCUMENT_PATTERN, EMAIL_PATTERN, HTTPS_URL_PATTERN, LOCAL_CODE_PATTERN, PHONE_PATTERN,
    SLUG_PATTERN, TEXT_PATTERN,
)
from .text import number

_TYPE_NAMES = {
    "string_type": "một chuỗi văn bản",
    "int_type": "một số nguyên",
    "float_type": "một số",
    "bool_type": "true hoặc false",
    "list_type": "một danh sách (mỗi mục bắt đầu bằng '- ')",
    "dict_type": "một nhóm trường (các dòng 'tên: giá trị' thụt lề bên dưới)",
    "model_type": "một nhóm trường (các dòng 'tên: giá trị' thụt lề bên dưới)",
    "model_attributes_type": "một nhóm trường (các dòng 'tên: giá trị' thụt lề bên dưới)",
    "date_type": "một ngày dạng YYYY-MM-DD, không đặt trong dấu ngoặc kép",
}

_HTTPS = ("địa chỉ đầy đủ bắt đầu bằng https:// rồi tên miền (ví dụ: https://dichvucong.gov.vn/...), "
          "không có dấu cách, dấu ngoặc kép, dấu \\ hay tên đăng nhập")
_PHONE = "một số điện thoại gồm 4 đến 15 chữ số, chỉ có chữ số, dấu cách và + - . ( ) (ví dụ: 024 3825 3536)"

_PATTERNS = {
    SLUG_PATTERN: "mã viết thường không dấu, nối bằng dấu gạch ngang (ví dụ: ho-tich)",
    CODE_PATTERN: "mã thủ tục dạng 1.001193",
    LOCAL_CODE_PATTERN: "mã thủ tục của địa phương dạng 1.001193.000.00.00.H26 (mã quốc gia ghi ở trường ma)",
    MONTH_PATTERN: MONTH_HINT,
    EMAIL_PATTERN: "địa chỉ thư điện tử (ví dụ: sotuphap@hanoi.gov.vn)",
    HTTPS_URL_PATTERN: _HTTPS,
    DOCUMENT_PATTERN: "đường dẫn tệp trong content/ (chữ không dấu, không dấu cách) hoặc " + _HTTPS,
    # Only editors' tools meet these two: the validator has its own messages for them.
    PHONE_PATTERN: _PHONE,
    TEXT_PATTERN: "văn bản không để trống, không chứa mã HTML hay JavaScript",
}

# The national part of a province's code: 1.013562 of 1.013562.000.00.00.H19.
_LOCAL_CODE = re.compile(LOCAL_CODE_PATTERN)


_CLOCK = re.compile(r"[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?")


def pattern_hint(pattern: str) -> str:
    """What a value matching one of the models' patterns looks like, in Vietnamese."""
    return _PATTERNS[pattern]


def _describe(value) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (dict, list)):
        return "một " + ("nhóm trường" if isinstance(value, dict) else "danh sách")
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'"


def _allowed_keys(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model else []


def _local_code(value: str, national: str, own: bool) -> str:
    """A province's long code where a national code goes: name the code to use instead.

    ``own`` is true for the procedure's own code, whose long form has a key of its own.
    """
    if own:
        return (f"'{value}' là mã thủ tục của địa phương; trường ma ghi mã quốc gia '{national}' "
                f"(tên tệp là {national}.yaml), còn mã đầy đủ ghi ở trường ma_dia_phuong")
    return f"'{value}' là mã thủ tục của địa phương; hãy ghi mã quốc gia '{national}'"


def translate(error: dict, model_at_parent: type[BaseModel] | None = None) -> str:
    """Turn one pydantic error into a Vietnamese sentence saying what is allowed."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        allowed = _allowed_keys(model_at_parent)
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
        return f"trường không có trong mẫu dữ liệu (có thể gõ nhầm){hint}; các trường hợp lệ: {', '.join(allowed)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = ", ".join(part.strip().strip("'") for part in expected.replace(" or ", ", ").split(","))
        if value is None:
            return f"chưa điền; chọn một trong: {options}"
        return f"giá trị {_describe(value)} không hợp lệ; chọn một trong: {options}"
    if kind == "string_pattern_mismatch":
        local = _LOCAL_CODE.match(value) if ctx.get("pattern") == CODE_PATTERN else None
        if local:
            own = error["loc"][-1] == "ma" and "ma_dia_phuong" in _allowed_keys(model_at_parent)
            return _local_code(value, local.group(1), own)
        return f"giá trị {_describe(value)} không đúng dạng; cần {pattern_hint(ctx.get('pattern', ''))}"
    if kind == "phone_words":
        return (f"giá trị {_describe(value)} không phải số điện thoại; không có số thì bỏ hẳn trường này, "
                "đừng ghi chữ thay cho số")
    if kind == "phone_pattern":
        return f"giá trị {_describe(value)} không đúng dạng; cần {_PHONE}"
    if kind == "reception_empty":
        return ("cần một trong hai trường: co_quan (mã cơ quan trong content/data/co-quan.yaml) "
                "hoặc mo_ta (nơi tiếp nhận như văn bản công bố)")
    if kind == "reception_both":
        return "chỉ ghi một trong hai trường co_quan hoặc mo_ta; hai nơi tiếp nhận thì ghi thành hai mục"
    if kind == "string_too_short":
        return "không được để trống"
    if kind == "string_too_long":
        return (f"văn bản dài {number(len(value))} ký tự, quá giới hạn {number(ctx['max_length'])} ký tự "
                "của một trường; hãy rút gọn, hoặc chia thành nhiều mục")
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} mục"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        sign = ">=" if kind == "greater_than_equal" else ">"
        return f"giá trị {_describe(value)} không hợp lệ; phải {sign} {bound}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        sign = "<=" if kind == "less_than_equal" else "<"
        return f"giá trị {_describe(value)} quá lớn; phải {sign} {number(bound)}"
    if kind == "no_html":
        return error["msg"]
    if kind == "date_from_datetime_inexact" or kind == "date_type" and isinstance(value, str):
        return f"giá trị {_describe(value)} không phải ngày hợp lệ; cần ngày dạng YYYY-MM-DD (ví dụ: 2026-10-15), không đặt trong dấu ngoặc kép"
    if kind in _TYPE_NAMES and value is None:
        # A key with nothing after the colon, e.g. a required key of a new file not filled yet.
        return f"chưa điền; cần {_TYPE_NAMES[kind]}"
    if kind in ("int_type", "float_type") and isinstance(value, str) and _CLOCK.fullmatch(value):
        # YAML 1.1 read 1:30 as 90 (base 60); YAML 1.2 and editors' tools read text.
        return (f"giá trị {_describe(value)} viết dạng giờ:phút, mà các công cụ YAML đọc khác nhau; "
                "hãy viết một số, ví dụ 1 hoặc 1.5")
    if kind in _TYPE_NAMES:
        if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"giá trị {_describe(value)} phải là chuỗi văn bản; hãy đặt trong dấu ngoặc kép, ví dụ: \"{value}\""
        return f"giá trị {_describe(value)} không đúng kiểu; cần {_TYPE_NAMES[kind]}"
    return f"giá trị {_describe(value)} không hợp lệ ({error['msg']})"
