"""Reads the indicator pages, the API and the downloads share: each indicator's value for a
reporting year with its target, status, change on the year before and place among peers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.tables import Table

from .models import Indicator, IndicatorPeerFigure, IndicatorPeerSet, IndicatorTarget, IndicatorValue, Unit
from .status import Figure, PeerPlace, Status, Trend, against_previous, against_target, peer_place

STATUS_NOTE = (
    "A value for the whole year is met or not met; for part of the year it is on track or not, "
    "with numbers, hours and money compared with the target shared over the days so far. A "
    "survey measure whose 95% margin of error takes in the target is within the margin of error. "
    "A change on the year before that a survey's margin of error could explain (a two-proportion "
    "test at 95%) is no clear change, not a rise or a fall. The quartile is among imported peer "
    "figures for the year, boundaries by the inclusive quartile method, counted from the best end "
    "(the lowest figures for an indicator where lower is better), with at least four peers."
)


def figure_of(row: IndicatorValue) -> Figure:
    return Figure(
        value=float(row.value),
        start=row.period_start,
        end=row.period_end,
        sample_size=row.sample_size,
        margin=None if row.margin is None else float(row.margin),
    )


def _latest_in(rows: list[IndicatorValue], year: ReportingYear) -> IndicatorValue | None:
    """The year's value among ``rows``: the one reaching furthest into the year (the whole
    year's when there is one)."""
    inside = [r for r in rows if r.period_start >= year.start and r.period_end <= year.end]
    return max(inside, key=lambda r: (r.period_end, -r.period_start.toordinal()), default=None)


@dataclass(frozen=True)
class Line:
    indicator: Indicator
    value: IndicatorValue | None
    target: IndicatorTarget | None
    status: Status | None
    previous: IndicatorValue | None
    trend: Trend | None
    peers: PeerPlace | None

    @property
    def margin_words(self) -> str:
        if self.value is None:
            return ""
        width = figure_of(self.value).half_width()
        return "" if width is None else f"± {width:.1f} points"


def _line(
    indicator: Indicator,
    value: IndicatorValue | None,
    target: IndicatorTarget | None,
    previous: IndicatorValue | None,
    peers: list[float],
    has_peers: bool,
) -> Line:
    status = trend = None
    place = None
    if value is not None:
        figure = figure_of(value)
        status = against_target(
            figure,
            None if target is None else target.value,
            unit=indicator.unit,
            higher_is_better=indicator.higher_is_better,
        )
        if previous is not None:
            trend = against_previous(figure, figure_of(previous), higher_is_better=indicator.higher_is_better)
        if has_peers:
            place = peer_place(figure.value, peers, higher_is_better=indicator.higher_is_better)
    return Line(indicator, value, target, status, previous, trend, place)


def peer_set_for(year: ReportingYear) -> IndicatorPeerSet | None:
    """The newest peer figures imported for the year."""
    return IndicatorPeerSet.objects.filter(year=year.first).order_by("-imported_at", "-pk").first()


def indicator_lines(year: ReportingYear, indicators: QuerySet[Indicator] | None = None) -> list[Line]:
    """Each indicator's line for the year, in a fixed number of queries however many there are."""
    chosen = list(indicators if indicators is not None else Indicator.objects.order_by("order", "name"))
    before = ReportingYear(year.first - 1)
    values: dict[int, list[IndicatorValue]] = defaultdict(list)
    for row in IndicatorValue.objects.filter(
        indicator__in=[i.pk for i in chosen], period_start__gte=before.start, period_end__lte=year.end
    ).order_by("pk"):
        values[row.indicator_id].append(row)
    targets = {
        t.indicator_id: t
        for t in IndicatorTarget.objects.filter(indicator__in=[i.pk for i in chosen], year=year.first)
    }
    peer_set = peer_set_for(year)
    peers: dict[int, list[float]] = defaultdict(list)
    if peer_set is not None:
        for indicator_id, figure in IndicatorPeerFigure.objects.filter(
            peer_set=peer_set, is_average=False
        ).values_list("indicator_id", "value"):
            peers[indicator_id].append(float(figure))
    return [
        _line(
            i,
            _latest_in(values[i.pk], year),
            targets.get(i.pk),
            _latest_in(values[i.pk], before),
            peers[i.pk],
            peer_set is not None,
        )
        for i in chosen
    ]


def shown_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    if unit == Unit.PERCENT:
        return f"{text}%"
    if unit == Unit.MONEY:
        return f"£{value:,.2f}"
    return text


def indicator_table(year: ReportingYear, lines: list[Line] | None = None) -> Table:
    lines = indicator_lines(year) if lines is None else lines
    rows: list[list[object]] = []
    for line in lines:
        i = line.indicator
        rows.append(
            [
                i.name,
                i.get_unit_display(),
                "Higher" if i.higher_is_better else "Lower",
                None if line.value is None else float(line.value.value),
                line.margin_words,
                None
                if line.value is None
                else f"{line.value.period_start:%d/%m/%Y} to {line.value.period_end:%d/%m/%Y}",
                None if line.target is None else float(line.target.value),
                "" if line.status is None else str(line.status),
                None if line.previous is None else float(line.previous.value),
                "" if line.trend is None else str(line.trend),
                "" if line.peers is None else line.peers.label,
                "" if line.value is None else line.value.note,
            ]
        )
    return Table(
        f"Indicators {year.label}",
        [
            "Indicator",
            "Unit",
            "Better when",
            "Value",
            "Margin of error",
            "Period",
            "Target",
            "Against target",
            "Year before",
            "Change",
            "Among peers",
            "Where it came from",
        ],
        rows,
        note=STATUS_NOTE,
    )
