"""Where a value stands: against its year's target, against the period before, and among
peers. Plain functions (no database); the method of each is written in decision 0050 and on
the pages.

- **Against a target.** A value for the whole reporting year is *met* or *not met*; a value
  for part of the year is *on track* or *not on track*, comparing counts, hours and money with
  the target shared pro rata over the days of the year so far (a rate, percentage or number of
  days is compared as it stands). Direction-aware: for a "lower is better" indicator, met means
  at or below the target.
- **Survey measures** carry a margin of error: the value's 95% interval is its Wilson interval
  from the sample size (``surveys.statistics.wilson_interval``), or the typed margin either
  side when no sample size was given. A target inside the interval is *within the margin of
  error*: the survey cannot tell met from not met.
- **Against the period before.** Survey measures with sample sizes both times: the
  two-proportion z-test at 95% (``surveys.statistics.change_test``); a change it does not find
  significant is "no clear change", never a fall. With margins only, a change smaller than the
  two margins combined (square root of the sum of squares) is "no clear change". Other
  measures: up, down or the same as computed.
- **Among peers**: quartile boundaries of the peers' figures by ``statistics.quantiles(n=4,
  method="inclusive")`` (as ``surveys.peers``), at least ``MIN_PEERS`` peers; for "higher is
  better" at or above the upper boundary is the top quartile; for "lower is better" at or
  below the lower boundary is.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.surveys.peers import MIN_PEERS
from tenantvoice.surveys.statistics import change_test, wilson, wilson_interval

from .models import Unit

ADDITIVE_UNITS = {Unit.COUNT, Unit.HOURS, Unit.MONEY}


class Status(StrEnum):
    MET = "Met"
    NOT_MET = "Not met"
    ON_TRACK = "On track"
    OFF_TRACK = "Not on track"
    WITHIN_MARGIN = "Within the margin of error"
    NO_TARGET = "No target set"


class Trend(StrEnum):
    BETTER = "Better"
    WORSE = "Worse"
    SAME = "No change"
    NO_CLEAR_CHANGE = "No clear change (within the margin of error)"


@dataclass(frozen=True)
class Figure:
    """What the status needs of one value."""

    value: float
    start: dt.date
    end: dt.date
    sample_size: int | None = None
    margin: float | None = None  # percentage points either side, at 95%

    def interval(self) -> tuple[float, float] | None:
        """The 95% interval in the value's own unit (None: not a survey figure)."""
        if self.sample_size:
            low, high = wilson_interval(self.value / 100, self.sample_size)
            return 100 * low, 100 * high
        if self.margin is not None:
            return self.value - self.margin, self.value + self.margin
        return None

    def half_width(self) -> float | None:
        bounds = self.interval()
        return None if bounds is None else (bounds[1] - bounds[0]) / 2


def _better(a: float, b: float, higher_is_better: bool) -> bool:
    """Whether ``a`` is at least as good as ``b``."""
    return a >= b if higher_is_better else a <= b


def against_target(
    figure: Figure, target: Decimal | float | None, *, unit: str, higher_is_better: bool
) -> Status:
    if target is None:
        return Status.NO_TARGET
    year = ReportingYear.of(figure.start)
    whole_year = figure.start <= year.start and figure.end >= year.end
    goal = float(target)
    if not whole_year and unit in ADDITIVE_UNITS:
        days = (year.end - year.start).days + 1
        so_far = (min(figure.end, year.end) - max(figure.start, year.start)).days + 1
        goal = goal * so_far / days
    bounds = figure.interval()
    if bounds is not None:
        low, high = bounds
        sure_met = _better(low if higher_is_better else high, goal, higher_is_better)
        sure_missed = not _better(high if higher_is_better else low, goal, higher_is_better)
        if not sure_met and not sure_missed:
            return Status.WITHIN_MARGIN
        met = sure_met
    else:
        met = _better(figure.value, goal, higher_is_better)
    if whole_year:
        return Status.MET if met else Status.NOT_MET
    return Status.ON_TRACK if met else Status.OFF_TRACK


def against_previous(now: Figure, before: Figure, *, higher_is_better: bool) -> Trend:
    if now.sample_size and before.sample_size:
        change = change_test(
            wilson(round(now.value * now.sample_size / 100), now.sample_size),
            wilson(round(before.value * before.sample_size / 100), before.sample_size),
        )
        if change is None or not change.significant:
            return Trend.NO_CLEAR_CHANGE
    else:
        widths = [w for w in (now.half_width(), before.half_width()) if w is not None]
        if widths and abs(now.value - before.value) <= math.sqrt(sum(w * w for w in widths)):
            return Trend.NO_CLEAR_CHANGE
    if now.value == before.value:
        return Trend.SAME
    return Trend.BETTER if _better(now.value, before.value, higher_is_better) else Trend.WORSE


@dataclass(frozen=True)
class PeerPlace:
    peers: int
    lower: float
    median: float
    upper: float
    ours: float
    higher_is_better: bool

    @property
    def label(self) -> str:
        # Counted from the best end: for "lower is better" the lowest figures are the top.
        if self.higher_is_better:
            steps = [self.ours >= self.upper, self.ours >= self.median, self.ours >= self.lower]
        else:
            steps = [self.ours <= self.lower, self.ours <= self.median, self.ours <= self.upper]
        for words, reached in zip(("Top quartile", "Second quartile", "Third quartile"), steps, strict=True):
            if reached:
                return words
        return "Bottom quartile"


def peer_place(ours: float, peers: list[float], *, higher_is_better: bool) -> PeerPlace | None:
    """Where ``ours`` falls among the peers' figures (None: fewer than ``MIN_PEERS``)."""
    if len(peers) < MIN_PEERS:
        return None
    lower, median, upper = statistics.quantiles(peers, n=4, method="inclusive")
    return PeerPlace(len(peers), lower, median, upper, ours, higher_is_better)


class Comparison(StrEnum):
    BETTER = "Better than"
    WORSE = "Worse than"
    SAME = "The same as"
    ABOUT_SAME = "About the same as"


def against_average(figure: Figure, average: float, *, higher_is_better: bool) -> Comparison:
    """Our figure against the national average (decision 0053): a survey measure whose 95%
    interval takes in the average is about the same as it; otherwise by direction."""
    bounds = figure.interval()
    if bounds is not None and bounds[0] <= average <= bounds[1]:
        return Comparison.ABOUT_SAME
    if figure.value == average:
        return Comparison.SAME
    return Comparison.BETTER if _better(figure.value, average, higher_is_better) else Comparison.WORSE
