"""The report period: one calendar month, written "YYYY-MM" in the data (the ``ky`` of a results file).

The data, the addresses and the open data keep the month as that text; code
that computes with it (the month before or after, the months between two, the
first and last day, the Vietnamese label) parses it into a ``Month`` first.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
# What such a text looks like, as messages to editors say it.
MONTH_HINT = "kỳ báo cáo dạng YYYY-MM (ví dụ: 2026-10)"

_MONTH = re.compile(MONTH_PATTERN)


def is_month(text: str) -> bool:
    """Whether ``text`` is a report period "YYYY-MM", e.g. a folder's name."""
    return _MONTH.fullmatch(text) is not None


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month; ordered in time, immutable, ``str()`` gives "YYYY-MM" back."""

    year: int
    number: int  # 1 (January) to 12

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 12 or not 0 <= self.year <= 9999:
            raise ValueError(f"không có tháng {self.number} năm {self.year}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """The month of a "YYYY-MM" text; anything else is a ValueError that names the text."""
        if not isinstance(text, str) or not is_month(text):
            raise ValueError(f"{text!r} không phải {MONTH_HINT}")
        return cls(int(text[:4]), int(text[5:]))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        """The month a date falls in."""
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    def plus(self, months: int) -> Month:
        """The month ``months`` later (earlier when negative)."""
        year, index = divmod(self.year * 12 + self.number - 1 + months, 12)
        return Month(year, index + 1)

    def next(self) -> Month:
        return self.plus(1)

    def previous(self) -> Month:
        return self.plus(-1)

    def through(self, last: Month) -> list[Month]:
        """Every month from this one to ``last`` inclusive; empty when ``last`` is earlier."""
        count = (last.year - self.year) * 12 + last.number - self.number + 1
        return [self.plus(i) for i in range(max(0, count))]

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.number, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.number, calendar.monthrange(self.year, self.number)[1])

    @property
    def label(self) -> str:
        """The month as a sentence names it: 'tháng 10/2026'."""
        return f"tháng {self.number}/{self.year:04d}"


def months_between(first: str, last: str) -> list[str]:
    """['2025-10', '2025-11', ...] from ``first`` to ``last`` inclusive, for code that keeps months as text."""
    return [str(month) for month in Month.parse(first).through(Month.parse(last))]
