"""Where a value stands (decision 0050): met and not met for a whole year, on track for part of
it with counts shared pro rata, survey margins that keep a target inside the noise from being
called missed, changes within the margin not called falls, and quartiles counted from the best
end whichever way is better."""

from __future__ import annotations

import datetime as dt

from tenantvoice.indicators.models import Unit
from tenantvoice.indicators.status import Figure, Status, Trend, against_previous, against_target, peer_place

YEAR = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))


def whole(value: float, **kwargs: object) -> Figure:
    return Figure(value, *YEAR, **kwargs)  # type: ignore[arg-type]


def test_a_whole_year_value_meets_or_misses_its_target_by_direction() -> None:
    assert against_target(whole(80), 75, unit=Unit.PERCENT, higher_is_better=True) == Status.MET
    assert against_target(whole(70), 75, unit=Unit.PERCENT, higher_is_better=True) == Status.NOT_MET
    assert against_target(whole(30), 35, unit=Unit.RATE, higher_is_better=False) == Status.MET
    assert against_target(whole(40), 35, unit=Unit.RATE, higher_is_better=False) == Status.NOT_MET
    assert against_target(whole(40), None, unit=Unit.RATE, higher_is_better=False) == Status.NO_TARGET


def test_a_part_year_count_is_compared_with_the_target_shared_over_the_days_so_far() -> None:
    half = Figure(55, dt.date(2025, 4, 1), dt.date(2025, 9, 30))  # 183 of 365 days
    # A yearly target of 100 is about 50 by the end of September: 55 is on track.
    assert against_target(half, 100, unit=Unit.COUNT, higher_is_better=True) == Status.ON_TRACK
    assert (
        against_target(Figure(45, *half_period()), 100, unit=Unit.COUNT, higher_is_better=True)
        == Status.OFF_TRACK
    )
    # A percentage is not shared out: 55% against 100% is not on track.
    assert against_target(half, 100, unit=Unit.PERCENT, higher_is_better=True) == Status.OFF_TRACK


def half_period() -> tuple[dt.date, dt.date]:
    return dt.date(2025, 4, 1), dt.date(2025, 9, 30)


def test_a_survey_target_inside_the_margin_of_error_is_neither_met_nor_missed() -> None:
    # 71% of 400 answers: the Wilson interval is about 66.4% to 75.2%.
    assert (
        against_target(whole(71, sample_size=400), 74, unit=Unit.PERCENT, higher_is_better=True)
        == Status.WITHIN_MARGIN
    )
    assert (
        against_target(whole(71, sample_size=400), 80, unit=Unit.PERCENT, higher_is_better=True)
        == Status.NOT_MET
    )
    assert (
        against_target(whole(71, sample_size=400), 65, unit=Unit.PERCENT, higher_is_better=True) == Status.MET
    )
    # A typed margin does the same without a sample size.
    assert (
        against_target(whole(71, margin=4), 74, unit=Unit.PERCENT, higher_is_better=True)
        == Status.WITHIN_MARGIN
    )
    assert against_target(whole(71, margin=2), 74, unit=Unit.PERCENT, higher_is_better=True) == Status.NOT_MET


def test_a_fall_within_the_noise_is_no_clear_change() -> None:
    before = Figure(74, dt.date(2024, 4, 1), dt.date(2025, 3, 31), sample_size=300)
    assert (
        against_previous(whole(71, sample_size=300), before, higher_is_better=True) == Trend.NO_CLEAR_CHANGE
    )
    # The same fall with thousands of answers is a real one.
    big_before = Figure(74, dt.date(2024, 4, 1), dt.date(2025, 3, 31), sample_size=5000)
    assert against_previous(whole(71, sample_size=5000), big_before, higher_is_better=True) == Trend.WORSE
    # Winchester's 66% to 71% (seed 003, 10.3) with 1,000 answers each is a rise.
    star_2015 = Figure(66, dt.date(2015, 4, 1), dt.date(2016, 3, 31), sample_size=1000)
    assert against_previous(whole(71, sample_size=1000), star_2015, higher_is_better=True) == Trend.BETTER


def test_margins_only_compare_the_change_with_both_margins_together() -> None:
    before = Figure(74, dt.date(2024, 4, 1), dt.date(2025, 3, 31), margin=3)
    assert against_previous(whole(71, margin=3), before, higher_is_better=True) == Trend.NO_CLEAR_CHANGE
    assert against_previous(whole(64, margin=3), before, higher_is_better=True) == Trend.WORSE


def test_other_measures_go_up_or_down_by_direction() -> None:
    before = Figure(40, dt.date(2024, 4, 1), dt.date(2025, 3, 31))
    assert against_previous(whole(30), before, higher_is_better=False) == Trend.BETTER
    assert against_previous(whole(50), before, higher_is_better=False) == Trend.WORSE
    assert against_previous(whole(40), before, higher_is_better=False) == Trend.SAME


def test_quartiles_count_from_the_best_end() -> None:
    peers = [10.0, 20.0, 30.0, 40.0, 50.0]  # inclusive quartiles: 20, 30, 40
    assert peer_place(45, peers, higher_is_better=True).label == "Top quartile"  # type: ignore[union-attr]
    assert peer_place(15, peers, higher_is_better=True).label == "Bottom quartile"  # type: ignore[union-attr]
    assert peer_place(15, peers, higher_is_better=False).label == "Top quartile"  # type: ignore[union-attr]
    assert peer_place(35, peers, higher_is_better=False).label == "Third quartile"  # type: ignore[union-attr]
    assert peer_place(25, peers, higher_is_better=True).label == "Third quartile"  # type: ignore[union-attr]
    assert peer_place(25, peers[:3], higher_is_better=True) is None
