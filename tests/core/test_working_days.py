"""Working days per nation, checked against the known 2025 bank holidays."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenantvoice.core.models import Nation
from tenantvoice.core.working_days import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)

ENG, SCT, NIR = Nation.ENGLAND_AND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND


def test_easter_monday_2025_is_a_holiday_in_england_and_wales_but_not_scotland() -> None:
    easter_monday = dt.date(2025, 4, 21)
    assert easter_monday in bank_holidays(ENG, 2025)
    assert easter_monday not in bank_holidays(SCT, 2025)
    assert is_working_day(easter_monday, SCT)


def test_scotland_has_2_january_and_st_andrews_day_substitute() -> None:
    assert dt.date(2025, 1, 2) in bank_holidays(SCT, 2025)
    assert dt.date(2025, 1, 2) not in bank_holidays(ENG, 2025)
    # 30 November 2025 is a Sunday, so the holiday moves to Monday 1 December.
    assert dt.date(2025, 12, 1) in bank_holidays(SCT, 2025)


def test_summer_bank_holiday_differs_between_scotland_and_england() -> None:
    assert dt.date(2025, 8, 4) in bank_holidays(SCT, 2025)
    assert dt.date(2025, 8, 25) in bank_holidays(ENG, 2025)
    assert dt.date(2025, 8, 25) not in bank_holidays(SCT, 2025)


def test_northern_ireland_has_st_patricks_day_and_the_boyne() -> None:
    assert dt.date(2025, 3, 17) in bank_holidays(NIR, 2025)
    assert dt.date(2025, 7, 14) in bank_holidays(NIR, 2025)  # 12 July 2025 is a Saturday
    assert dt.date(2025, 3, 17) not in bank_holidays(ENG, 2025)


def test_ten_working_days_across_easter_2025_in_england() -> None:
    # Thursday 17 April 2025; Good Friday 18, Easter Monday 21 and the early May bank
    # holiday (Monday 5 May) are holidays in England and Wales.
    assert add_working_days(dt.date(2025, 4, 17), 10, ENG) == dt.date(2025, 5, 6)
    # Scotland has Good Friday and 5 May but works on Easter Monday: Friday 2 May.
    assert add_working_days(dt.date(2025, 4, 17), 10, SCT) == dt.date(2025, 5, 2)


def test_christmas_2025_in_england() -> None:
    # Christmas Day (Thu) and Boxing Day (Fri) 2025, then the weekend.
    assert add_working_days(dt.date(2025, 12, 24), 1, ENG) == dt.date(2025, 12, 29)


def test_notice_deadline_counts_backwards() -> None:
    # A meeting on Monday 2 June 2025 needs 10 working days' notice: Friday 16 May
    # (26 May is the spring bank holiday).
    assert add_working_days(dt.date(2025, 6, 2), -10, ENG) == dt.date(2025, 5, 16)


def test_counting_between_dates() -> None:
    assert working_days_between(dt.date(2025, 4, 17), dt.date(2025, 5, 6), ENG) == 10
    assert working_days_between(dt.date(2025, 5, 6), dt.date(2025, 4, 17), ENG) == -10
    assert working_days_between(dt.date(2025, 1, 6), dt.date(2025, 1, 6), ENG) == 0


def test_unknown_nation_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="Unknown nation"):
        bank_holidays("wales-only", 2025)


@given(
    start=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
    days=st.integers(min_value=0, max_value=60),
    nation=st.sampled_from([ENG, SCT, NIR]),
)
def test_adding_then_counting_gives_back_the_same_number(start: dt.date, days: int, nation: str) -> None:
    end = add_working_days(start, days, nation)
    assert working_days_between(start, end, nation) == days
    if days:
        assert is_working_day(end, nation)
