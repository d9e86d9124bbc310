"""Sample sizes, stratified allocation and the Wilson interval, against worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenantvoice.surveys.statistics import sample, sample_size_for_margin, stratified_allocation, wilson


def test_sample_size_with_the_finite_population_correction() -> None:
    # n0 = 1.96^2 * 0.25 / 0.05^2 = 384.1; with N = 7,271: 384.1 / (1 + 383.1 / 7271) = 364.9 -> 365.
    assert sample_size_for_margin(7271, 0.05) == 365
    assert sample_size_for_margin(100_000_000, 0.05) == 385  # a huge population: about n0
    assert sample_size_for_margin(50, 0.05) == 45
    assert sample_size_for_margin(0, 0.05) == 0
    with pytest.raises(ValueError, match="between 0 and 1"):
        sample_size_for_margin(100, 5)


def test_stratified_allocation_is_proportional_and_adds_up() -> None:
    assert stratified_allocation({"north": 600, "south": 300, "east": 100}, 100) == {
        "north": 60,
        "south": 30,
        "east": 10,
    }
    assert stratified_allocation({"a": 1, "b": 1, "c": 1}, 2) == {"a": 1, "b": 1, "c": 0}
    assert stratified_allocation({"a": 3}, 10) == {"a": 3}


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 500), min_size=1, max_size=6),
    st.integers(0, 2000),
)
def test_allocation_never_exceeds_a_stratum_and_totals_the_sample(strata: dict[str, int], total: int) -> None:
    shares = stratified_allocation(strata, total)
    assert all(0 <= shares[k] <= strata[k] for k in strata)
    assert sum(shares.values()) == min(total, sum(strata.values()))


def test_wilson_interval_worked_example() -> None:
    # 40 of 50 satisfied: Wilson 95% interval is 67.0% to 88.8%.
    result = wilson(40, 50)
    assert result.percent == 80
    assert round(result.low * 100, 1) == 67.0 and round(result.high * 100, 1) == 88.8
    assert wilson(0, 10).low == 0 and wilson(10, 10).high == 1
    assert wilson(0, 0).percent is None


@given(st.integers(0, 1000), st.integers(1, 1000))
def test_the_interval_holds_the_estimate(positive: int, base: int) -> None:
    positive = min(positive, base)
    result = wilson(positive, base)
    assert 0 <= result.low <= positive / base <= result.high <= 1


def test_samples_repeat_with_the_same_seed() -> None:
    assert sample(range(100), 10, seed=3) == sample(range(100), 10, seed=3)
    assert len(sample(range(5), 10, seed=1)) == 5


def test_a_stratified_sample_is_proportionate_repeatable_and_never_repeats_anyone() -> None:
    from tenantvoice.surveys.statistics import stratified_sample

    strata = {pk: ("a" if pk < 600 else "b" if pk < 900 else "") for pk in range(1000)}
    chosen, shares = stratified_sample(strata, 100, seed=7)
    assert shares == {"a": 60, "b": 30, "": 10}
    assert len(chosen) == len(set(chosen)) == 100
    assert sum(1 for pk in chosen if pk < 600) == 60
    assert stratified_sample(strata, 100, seed=7)[0] == chosen
    assert stratified_sample(strata, 100, seed=8)[0] != chosen
