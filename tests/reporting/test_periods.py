"""Reporting periods (decision 0051): a cadence and the month the reporting year starts give
periods of whole months that follow each other without gaps, named as a reader says them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenantvoice.reporting.periods import Cadence, period_of, period_starting, periods_between


def test_quarters_run_from_april_by_default_and_are_named_by_the_reporting_year() -> None:
    first = period_of(Cadence.QUARTERLY, 4, dt.date(2026, 5, 17))
    assert (first.start, first.end, first.label) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 6, 30),
        "Quarter 1 of 2026/27",
    )
    last = period_of(Cadence.QUARTERLY, 4, dt.date(2027, 2, 1))
    assert (last.start, last.end, last.label) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 3, 31),
        "Quarter 4 of 2026/27",
    )
    assert last.words == "1 January 2027 to 31 March 2027"


@pytest.mark.parametrize(
    ("cadence", "starts", "day", "expected"),
    [
        (
            Cadence.TWICE_A_YEAR,
            4,
            dt.date(2026, 12, 7),
            (dt.date(2026, 10, 1), dt.date(2027, 3, 31), "Half 2 of 2026/27"),
        ),
        (Cadence.ANNUALLY, 4, dt.date(2026, 3, 31), (dt.date(2025, 4, 1), dt.date(2026, 3, 31), "2025/26")),
        (Cadence.ANNUALLY, 1, dt.date(2026, 3, 31), (dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026")),
        (
            Cadence.MONTHLY,
            4,
            dt.date(2024, 2, 10),
            (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "February 2024"),
        ),
    ],
)
def test_each_cadence_gives_whole_months(
    cadence: str, starts: int, day: dt.date, expected: tuple[dt.date, dt.date, str]
) -> None:
    period = period_of(cadence, starts, day)
    assert (period.start, period.end, period.label) == expected


def test_a_day_that_starts_no_period_is_not_a_period() -> None:
    assert period_starting(Cadence.QUARTERLY, 4, dt.date(2026, 5, 1)) is None
    assert period_starting(Cadence.QUARTERLY, 4, dt.date(2026, 7, 1)) is not None


@given(
    st.sampled_from(list(Cadence)),
    st.integers(1, 12),
    st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)),
    st.integers(0, 1500),
)
def test_periods_follow_each_other_without_gaps(cadence: str, starts: int, since: dt.date, days: int) -> None:
    until = since + dt.timedelta(days=days)
    periods = periods_between(cadence, starts, since, until)
    assert periods[0].start <= since <= periods[0].end and periods[-1].start <= until <= periods[-1].end
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)
    assert all(p.start.day == 1 and (p.end + dt.timedelta(days=1)).day == 1 for p in periods)
    assert all(period_starting(cadence, starts, p.start) == p for p in periods)
