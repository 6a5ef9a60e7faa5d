"""value_range: the calendar interval of a TIMEX3 value, one value per row."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.temporal.ranges import value_range

D = dt.date


@pytest.mark.parametrize(
    "value, first, last",
    [
        # days, with and without a time or part of day
        ("2019-11-07", D(2019, 11, 7), D(2019, 11, 7)),
        ("2019-11-07T15:00", D(2019, 11, 7), D(2019, 11, 7)),
        ("2019-11-07T15:00:30+03:00", D(2019, 11, 7), D(2019, 11, 7)),
        ("2019-11-07TMO", D(2019, 11, 7), D(2019, 11, 7)),
        ("2019-11-07TNI", D(2019, 11, 7), D(2019, 11, 7)),
        ("2020-02-29", D(2020, 2, 29), D(2020, 2, 29)),
        (" 2019-11-07 ", D(2019, 11, 7), D(2019, 11, 7)),
        # months
        ("2019-11", D(2019, 11, 1), D(2019, 11, 30)),
        ("2019-12", D(2019, 12, 1), D(2019, 12, 31)),
        ("2019-02", D(2019, 2, 1), D(2019, 2, 28)),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29)),
        # years, decades, centuries, millennia
        ("2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("0001", D(1, 1, 1), D(1, 12, 31)),
        ("197", D(1970, 1, 1), D(1979, 12, 31)),
        ("200", D(2000, 1, 1), D(2009, 12, 31)),
        ("19", D(1900, 1, 1), D(1999, 12, 31)),
        ("20", D(2000, 1, 1), D(2099, 12, 31)),
        ("1", D(1000, 1, 1), D(1999, 12, 31)),
        ("2", D(2000, 1, 1), D(2999, 12, 31)),
        # ISO weeks, weekends and week days
        ("2019-W44", D(2019, 10, 28), D(2019, 11, 3)),
        ("2019-W01", D(2018, 12, 31), D(2019, 1, 6)),
        ("2020-W53", D(2020, 12, 28), D(2021, 1, 3)),
        ("2019-W44-WE", D(2019, 11, 2), D(2019, 11, 3)),
        ("2019-W44-4", D(2019, 10, 31), D(2019, 10, 31)),
        # quarters and halves
        ("2019-Q1", D(2019, 1, 1), D(2019, 3, 31)),
        ("2019-Q2", D(2019, 4, 1), D(2019, 6, 30)),
        ("2019-Q3", D(2019, 7, 1), D(2019, 9, 30)),
        ("2019-Q4", D(2019, 10, 1), D(2019, 12, 31)),
        ("2019-H1", D(2019, 1, 1), D(2019, 6, 30)),
        ("2019-H2", D(2019, 7, 1), D(2019, 12, 31)),
        # seasons (winter runs into the next year)
        ("2019-SP", D(2019, 3, 1), D(2019, 5, 31)),
        ("2019-SU", D(2019, 6, 1), D(2019, 8, 31)),
        ("2019-FA", D(2019, 9, 1), D(2019, 11, 30)),
        ("2019-AU", D(2019, 9, 1), D(2019, 11, 30)),
        ("2019-WI", D(2019, 12, 1), D(2020, 2, 29)),
        ("2020-WI", D(2020, 12, 1), D(2021, 2, 28)),
    ],
)
def test_value_covers_its_calendar_interval(value, first, last):
    assert value_range(value) == (first, last)


@pytest.mark.parametrize(
    "value",
    [
        # not a fixed stretch of the calendar
        "PRESENT_REF", "PAST_REF", "FUTURE_REF",
        "P2Y", "P3D", "PT2H", "PXY",
        "XXXX-SU",
        # unresolved parts
        "XXXX-11-07", "2019-XX-07", "2019-11-XX", "XXXX", "19XX", "XXXX-WXX",
        "XXXX-XX-XXT15:00",
        # before the common era, year zero
        "BC0500", "BC05", "-0500", "0000", "0", "00", "000",
        # time only, impossible or malformed dates
        "T15:00", "TMO", "2019-02-29", "2019-13", "2019-00", "2019-11-31", "2019-W53",
        "2019-W00", "2019-W44-8", "2019-Q5", "2019-H3", "2019-11-07T", "2019-11-7",
        "20190", "2019-WE", "", "   ", "yesterday", "２０１９",
    ],
)  # fmt: skip
def test_values_without_a_calendar_interval(value):
    assert value_range(value) is None


@pytest.mark.parametrize(
    "value, mod, first, last",
    [
        ("2019", "START", D(2019, 1, 1), D(2019, 4, 30)),
        ("2019", "MID", D(2019, 5, 1), D(2019, 8, 31)),
        ("2019", "END", D(2019, 9, 1), D(2019, 12, 31)),
        ("197", "START", D(1970, 1, 1), D(1973, 4, 30)),
        ("197", "MID", D(1973, 5, 1), D(1976, 8, 31)),
        ("197", "END", D(1976, 9, 1), D(1979, 12, 31)),
        ("19", "START", D(1900, 1, 1), D(1933, 4, 30)),
        ("19", "END", D(1966, 9, 1), D(1999, 12, 31)),
        ("1", "MID", D(1333, 5, 1), D(1666, 8, 31)),
        # finer values and other modifiers keep the whole interval
        ("2019-11", "START", D(2019, 11, 1), D(2019, 11, 30)),
        ("2019-11-07", "END", D(2019, 11, 7), D(2019, 11, 7)),
        ("2019-Q3", "MID", D(2019, 7, 1), D(2019, 9, 30)),
        ("2019", "APPROX", D(2019, 1, 1), D(2019, 12, 31)),
        ("2019", "BEFORE", D(2019, 1, 1), D(2019, 12, 31)),
        ("2019", None, D(2019, 1, 1), D(2019, 12, 31)),
    ],
)
def test_start_mid_end_keep_a_third_of_coarse_values(value, mod, first, last):
    assert value_range(value, mod) == (first, last)


def test_thirds_of_a_value_tile_it():
    for value in ("2019", "197", "19", "1"):
        whole = value_range(value)
        thirds = [value_range(value, mod) for mod in ("START", "MID", "END")]
        assert whole is not None and None not in thirds
        assert thirds[0][0] == whole[0] and thirds[2][1] == whole[1]
        for (_, hi), (lo, _) in zip(thirds, thirds[1:], strict=False):
            assert lo - hi == dt.timedelta(days=1)


def test_unresolved_values_stay_unresolved_with_a_mod():
    assert value_range("XXXX", "START") is None
