"""What a build did and why: the pages it rendered, kept and removed, and the inputs that changed.

A page is rendered again for one reason, found by comparing what the last
build recorded (congkhai.build.reuse keeps it in its manifest) with this
build: the page is new; the code, the theme, the settings, the announcements,
the git history or the reference lists changed (every page depends on them);
a part of the data the page shows changed (``Page.deps``: one procedure, the
list of procedures, one month of results...); or only what names the page
(title, breadcrumbs, date of last change). The build prints one short summary
after Pelican's own, in Vietnamese, for the editor who just saved a file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..month import Month
from ..text import number

# What every page depends on (congkhai.build.keys.base_parts), as editors know it.
BASE_LABELS = {
    "code": "mã nguồn congkhai",
    "theme": "giao diện (theme/)",
    "settings": "cấu hình",
    "content": "bài viết, trang trong content/",
    "history": "lịch sử thay đổi thủ tục (git)",
    "reference": "danh mục cơ quan, lĩnh vực, sự kiện hoặc danh sách báo cáo",
}
FIRST = "chưa có bản dựng trước để so sánh"
NEW = "trang mới"
MISSING = "tệp không còn trong thư mục xuất bản"
NAMING = "tiêu đề, đường dẫn hoặc ngày cập nhật của trang"
EVERY_PROCEDURE = "danh sách mọi thủ tục"
# Inputs listed by name, at most; the rest are counted.
MAX_LISTED = 8


def part_label(part: str) -> str:
    """A part of the data (congkhai.build.keys.data_parts) as editors know it."""
    kind, _, name = part.partition(":")
    if kind == "procedure":
        return f"thủ tục {name}"
    if kind == "listed":
        return f"thủ tục {name} trong danh sách"
    if kind == "month":
        return f"kết quả {Month.parse(name).label}"
    if kind == "report":
        ky, _, agency = name.partition("/")
        return f"báo cáo {Month.parse(ky).label} của {agency}"
    if kind == "field_month":
        ky, _, domain = name.partition("/")
        return f"kết quả lĩnh vực {domain} {Month.parse(ky).label}"
    if kind == "agency_reports":
        return f"các báo cáo của {name}"
    return {
        "procedures": EVERY_PROCEDURE,
        "commune_desk": "các thủ tục nộp tại xã, phường",
        "months": "kết quả các tháng",
        "procedure_files": "các tệp thủ tục",
        "all": "các tệp dữ liệu",
    }.get(part, part)


@dataclass
class Changes:
    """The inputs of this build that differ from the last one's."""

    base: list[str] = field(default_factory=list)  # names of BASE_LABELS
    edited: list[str] = field(default_factory=list)  # data files, as editors see their paths
    added: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @classmethod
    def between(cls, old_base: dict, base: dict, old_inputs: dict, inputs: dict) -> "Changes":
        return cls(
            base=[name for name in base if old_base.get(name) != base[name]],
            edited=sorted(name for name in inputs if name in old_inputs and old_inputs[name] != inputs[name]),
            added=sorted(name for name in inputs if name not in old_inputs),
            deleted=sorted(name for name in old_inputs if name not in inputs),
        )

    def text(self) -> str:
        """"procedures/1.001193.yaml (sửa), giao diện (theme/)", or "" when nothing changed."""
        files = [*(f"{n} (sửa)" for n in self.edited), *(f"{n} (mới)" for n in self.added),
                 *(f"{n} (xoá)" for n in self.deleted)]
        if len(files) > MAX_LISTED:
            files = [*files[:MAX_LISTED], f"và {number(len(files) - MAX_LISTED)} tệp khác"]
        return ", ".join([*(BASE_LABELS[name] for name in self.base), *files])


@dataclass
class Report:
    """Counts and reasons of one build, for the summary it prints."""

    first: bool = True  # no earlier build of this output to compare with
    changes: Changes = field(default_factory=Changes)
    reasons: Counter = field(default_factory=Counter)  # reason → files (pages, downloads) rendered for it
    kept: int = 0  # files of the last build carried over
    removed: int = 0  # files of the last build no page produces any more

    @property
    def rendered(self) -> int:
        return sum(self.reasons.values())

    def lines(self) -> list[str]:
        if self.first:
            return [f"congkhai: đã tạo {number(self.rendered)} tệp ({FIRST})."]
        lines = [f"congkhai: tạo lại {number(self.rendered)} tệp, giữ nguyên {number(self.kept)} tệp "
                 f"của lần trước, xoá {number(self.removed)} tệp."]
        changed = self.changes.text()
        lines.append(f"  Thay đổi: {changed}." if changed else "  Không có dữ liệu, mã nguồn hay cấu hình nào thay đổi.")
        if self.reasons:
            why = "; ".join(f"{reason}: {number(count)} tệp" for reason, count in
                            sorted(self.reasons.items(), key=lambda item: (-item[1], item[0])))
            lines.append(f"  Tạo lại vì {why}.")
        return lines
