"""The statistics behind sampling and results, as plain functions (no database)."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tenantvoice.core.errors import DomainError

Z_95 = 1.959963984540054


def sample_size_for_margin(population: int, margin: float, *, p: float = 0.5, z: float = Z_95) -> int:
    """Responses needed for a percentage to be within ``margin`` (0.05 = 5 points) at 95%
    confidence, with the finite population correction: n = n0 / (1 + (n0 - 1) / N)."""
    if population <= 0:
        return 0
    if not 0 < margin < 1:
        raise DomainError("The margin of error is a fraction between 0 and 1, e.g. 0.05.", field="margin")
    n0 = z * z * p * (1 - p) / (margin * margin)
    return min(population, math.ceil(n0 / (1 + (n0 - 1) / population)))


def stratified_allocation(strata: Mapping[str, int], total: int) -> dict[str, int]:
    """Share ``total`` across strata in proportion to their sizes (largest remainder), never
    more than a stratum holds."""
    size = sum(strata.values())
    if size == 0 or total <= 0:
        return dict.fromkeys(strata, 0)
    total = min(total, size)
    exact = {key: total * n / size for key, n in strata.items()}
    shares = {key: min(strata[key], math.floor(value)) for key, value in exact.items()}
    remaining = total - sum(shares.values())
    for key in sorted(exact, key=lambda k: exact[k] - math.floor(exact[k]), reverse=True):
        if remaining <= 0:
            break
        if shares[key] < strata[key]:
            shares[key] += 1
            remaining -= 1
    return shares


def sample(ids: Sequence[int], size: int, seed: int) -> list[int]:
    """A simple random sample, repeatable with the same seed."""
    return sorted(random.Random(seed).sample(list(ids), min(size, len(ids))))


def stratified_sample(strata_of: Mapping[int, str], size: int, seed: int) -> tuple[list[int], dict[str, int]]:
    """A proportionate stratified sample: ``size`` shared across the strata in proportion to
    their sizes, then a simple random sample inside each. Returns the ids and each stratum's share."""
    members: dict[str, list[int]] = {}
    for pk, stratum in strata_of.items():
        members.setdefault(stratum, []).append(pk)
    shares = stratified_allocation({key: len(ids) for key, ids in members.items()}, size)
    chosen: list[int] = []
    for index, key in enumerate(sorted(members)):
        chosen += sample(sorted(members[key]), shares[key], seed + index)
    return sorted(chosen), shares


@dataclass(frozen=True)
class Proportion:
    positive: int
    base: int
    low: float  # 95% confidence interval, as fractions
    high: float

    @property
    def percent(self) -> float | None:
        return None if self.base == 0 else 100 * self.positive / self.base


def wilson(positive: int, base: int, z: float = Z_95) -> Proportion:
    """A proportion with its Wilson score interval (sound for small bases and for 0% or 100%)."""
    if base == 0:
        return Proportion(0, 0, 0.0, 0.0)
    low, high = wilson_interval(positive / base, base, z)
    # At 0% or 100% one end is exactly 0 or 1 (the formula gives it only to rounding error).
    return Proportion(positive, base, 0.0 if positive == 0 else low, 1.0 if positive == base else high)


def wilson_interval(p: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """The Wilson interval for a proportion ``p`` from ``n`` answers; ``n`` may be an effective
    sample size (respondents / design effect) for weighted results."""
    if n <= 0:
        return 0.0, 0.0
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Change:
    points: float  # percentage points, this wave minus the previous one
    p_value: float
    significant: bool  # at the 95% level


def change_test(now: Proportion, before: Proportion) -> Change | None:
    """Whether a change between two independent waves is more than chance: the two-proportion
    z-test with a pooled proportion, two-sided, at 95%. None when either wave has no answers."""
    if not now.base or not before.base:
        return None
    p1, p2 = now.positive / now.base, before.positive / before.base
    pooled = (now.positive + before.positive) / (now.base + before.base)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / now.base + 1 / before.base))
    if spread == 0:
        return Change(100 * (p1 - p2), 1.0, False)
    p_value = math.erfc(abs(p1 - p2) / spread / math.sqrt(2))
    return Change(100 * (p1 - p2), p_value, p_value < 0.05)
