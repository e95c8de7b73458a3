"""Old procedure codes (``ma_cu``): their checks, and where each old address now leads.

When a procedure's code changes, editors rename its file and list the old code
under ``ma_cu``; the site then keeps a small page at the old address that sends
readers to the new one.  An old code may not be the code of any procedure file,
so an old address never leads to another old address (no chains).
"""

from __future__ import annotations

from collections.abc import Iterable

from .loader import RawData
from .problems import Problems
from .schema import Procedure


def moved_codes(procedures: Iterable[Procedure]) -> dict[str, Procedure]:
    """Each old code with the procedure that now carries it, in code order."""
    moved = {old: proc for proc in procedures for old in proc.ma_cu}
    return dict(sorted(moved.items()))


def check_redirects(raw: RawData, problems: Problems) -> None:
    """Report old codes that are still in use, repeated, or the procedure's own code."""
    first: dict[str, tuple[str, int]] = {}
    for proc, origin in raw.procedures:
        for i, old in enumerate(proc.ma_cu):
            path = ("ma_cu", i)
            line = origin.line(*path)
            if old == proc.ma:
                message = "mã cũ trùng với mã hiện tại của thủ tục"
            elif old in raw.known["procedure"]:
                message = (f"mã '{old}' vẫn là mã của một thủ tục trong thư mục procedures/; "
                           "chỉ ghi mã đã thôi dùng")
            elif old in first:
                file, at = first[old]
                message = f"mã cũ '{old}' đã được ghi ở {file}:{at}"
            else:
                first[old] = (origin.file, line)
                continue
            problems.add(origin.file, line, path, message)
