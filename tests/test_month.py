"""The report period: "YYYY-MM" text in, the same text out, and the arithmetic of months in between."""

import datetime as dt

import pytest

from congkhai.month import MONTH_HINT, Month, is_month, months_between
from congkhai.text import month as month_label


def test_parse_and_back_to_text():
    month = Month.parse("2026-10")
    assert (month.year, month.number) == (2026, 10)
    assert str(month) == "2026-10" and f"{month}" == "2026-10"
    assert str(Month(987, 3)) == "0987-03"
    assert Month.parse(str(Month(987, 3))) == Month(987, 3)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-1", "26-10", "2026/10", "2026-10-01", " 2026-10",
                                  "2026-10\n", "", "tháng 10"])
def test_anything_else_is_refused_with_the_text_named(text):
    assert not is_month(text)
    with pytest.raises(ValueError) as error:
        Month.parse(text)
    assert str(error.value) == f"{text!r} không phải {MONTH_HINT}"


def test_not_text_is_refused():
    with pytest.raises(ValueError):
        Month.parse(202610)


@pytest.mark.parametrize("year, number", [(2026, 0), (2026, 13), (-1, 5), (10000, 1)])
def test_no_such_month(year, number):
    with pytest.raises(ValueError):
        Month(year, number)


def test_immutable_hashable_and_ordered_in_time():
    month = Month(2026, 10)
    with pytest.raises(AttributeError):
        month.number = 11
    assert Month(2025, 12) < Month(2026, 1) < Month(2026, 2)
    assert max([Month(2026, 2), Month(2025, 12), Month(2026, 1)]) == Month(2026, 2)
    assert {Month(2026, 1): "a"}[Month.parse("2026-01")] == "a"


def test_next_and_previous_cross_the_year():
    assert Month(2025, 12).next() == Month(2026, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2026, 5).next() == Month(2026, 6) and Month(2026, 5).previous() == Month(2026, 4)
    assert Month(2026, 10).plus(-22) == Month(2024, 12)
    assert Month(2026, 10).plus(27) == Month(2029, 1)
    assert Month(2026, 10).plus(0) == Month(2026, 10)


def test_through_gives_every_month_inclusive():
    assert Month(2025, 11).through(Month(2026, 2)) == [Month(2025, 11), Month(2025, 12), Month(2026, 1),
                                                       Month(2026, 2)]
    assert Month(2026, 2).through(Month(2026, 2)) == [Month(2026, 2)]
    assert Month(2026, 3).through(Month(2026, 2)) == []
    assert len(Month(2021, 11).through(Month(2026, 10))) == 60
    assert months_between("2025-12", "2026-01") == ["2025-12", "2026-01"]
    assert months_between("2026-01", "2025-12") == []


def test_days():
    assert Month.of(dt.date(2026, 10, 23)) == Month(2026, 10)
    assert Month(2026, 10).first_day == dt.date(2026, 10, 1)
    assert Month(2026, 2).last_day == dt.date(2026, 2, 28)
    assert Month(2028, 2).last_day == dt.date(2028, 2, 29)
    assert Month(2026, 12).last_day == dt.date(2026, 12, 31)


def test_vietnamese_label():
    assert Month(2026, 10).label == "tháng 10/2026"
    assert Month(2026, 3).label == "tháng 3/2026"
    # The templates' filter takes the text the data holds, or a Month.
    assert month_label("2026-03") == "tháng 3/2026"
    assert month_label(Month(2026, 3)) == "tháng 3/2026"
