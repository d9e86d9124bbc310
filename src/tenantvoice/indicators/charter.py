"""The Scottish Social Housing Charter's indicators (issue 19 item 2, decision 0053): what the
staff page, its downloads, the API and the report to tenants read.

Where each rule comes from:

- The Charter's outcomes this concerns, REGULATION.md ("Scotland"): "Outcome 2 communication;
  Outcome 3 participation"; Thenue's strategy (seed 001, 5.2) quotes both.
- The return's year and due date, REGULATION.md: "The Annual Return on the Charter goes to the
  Scottish Housing Regulator by 31 May"; the year is ``core.reporting_year.ReportingYear``
  (1 April to 31 March), so the return for 2025/26 is due on 31 May 2026.
- The numbers: REGULATION.md confirms only that "ARC indicators 3 and 4 are complaints" ("Other
  indicator numbers UNCONFIRMED"). An indicator's number is the landlord's strategy data; the
  platform marks a number confirmed only when it is 3 or 4 on a complaints figure it computes
  (``charter_sources``), and says "not confirmed" of every other.
- The comparison, REGULATION.md: "landlords report performance to tenants with comparisons";
  Thenue (seed 001, section 4): "providing a comparison with other similar landlords". Our
  figure, the Scottish average (the imported peer file's row flagged as the average) and our
  quartile among the peers (``status.peer_place``, the average not counted as a peer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from tenantvoice.core.models import Nation
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.tables import Table

from .models import CHARTER_OUTCOMES, Framework, Indicator, IndicatorPeerFigure
from .selectors import Line, figure_of, indicator_lines, peer_set_for, shown_value
from .status import Comparison, against_average


def charter_applies() -> bool:
    """Whether the landlord reports on the Charter: it is a Scottish landlord (the landlord's
    nation, from the strategy's ``[landlord] nation``; the same signal hides the Charter's menu
    entries, ``core.navigation``). Charter indicators are the landlord's own set-up, so having
    none says nothing; the Charter is Scotland's (REGULATION.md, "Scotland")."""
    return str(landlord_get().nation) == Nation.SCOTLAND


# REGULATION.md: "The Annual Return on the Charter goes to the Scottish Housing Regulator by 31 May".
RETURN_DUE_MONTH_DAY = (5, 31)
# REGULATION.md: "ARC indicators 3 and 4 are complaints". The only numbers the platform confirms.
CONFIRMED_NUMBERS = frozenset({"3", "4"})
COMPLAINTS_SOURCES = frozenset(
    {
        "arc_received_stage1",
        "arc_received_stage2",
        "arc_within_stage1",
        "arc_within_stage2",
        "arc_days_stage1",
        "arc_days_stage2",
    }
)
AVERAGE_NAME = "the Scottish average"

CHARTER_NOTE = (
    "The year runs from 1 April to 31 March; the Annual Return on the Charter goes to the "
    "Scottish Housing Regulator by 31 May after the year ends. Indicators 3 and 4 are the "
    "complaints indicators; a complaint that went from the first stage to the second counts at "
    "both. Other indicator numbers are from our strategy data and are not confirmed by "
    "TenantVoice. The Scottish average is the row of the imported peer figures flagged as the "
    "average; the quartile is among the other landlords in that file, boundaries by the "
    "inclusive quartile method, counted from the best end, with at least four peers. A survey "
    "measure whose margin of error takes in the Scottish average is about the same as it."
)


def return_due(year: ReportingYear) -> dt.date:
    """The day the year's Annual Return on the Charter is due with the Regulator."""
    month, day = RETURN_DUE_MONTH_DAY
    return dt.date(year.first + 1, month, day)


def charter_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(framework=Framework.CHARTER).order_by("outcome", "order", "name")


def number_confirmed(indicator: Indicator) -> bool:
    return indicator.number in CONFIRMED_NUMBERS and indicator.source in COMPLAINTS_SOURCES


def outcome_label(outcome: int | None) -> str:
    if outcome is None:
        return ""
    name = CHARTER_OUTCOMES.get(outcome)
    return f"Outcome {outcome}: {name}" if name else f"Outcome {outcome}"


@dataclass(frozen=True)
class CharterLine:
    line: Line
    average: float | None
    comparison: Comparison | None

    @property
    def indicator(self) -> Indicator:
        return self.line.indicator

    @property
    def confirmed(self) -> bool:
        return number_confirmed(self.indicator)

    @property
    def number_words(self) -> str:
        number = self.indicator.number
        if not number:
            return ""
        return number if self.confirmed else f"{number} (not confirmed)"

    @property
    def outcome(self) -> str:
        return outcome_label(self.indicator.outcome)

    @property
    def ours(self) -> str:
        value = self.line.value
        return "" if value is None else shown_value(value.value, self.indicator.unit)

    @property
    def last_year(self) -> str:
        value = self.line.previous
        return "" if value is None else shown_value(value.value, self.indicator.unit)

    @property
    def average_shown(self) -> str:
        if self.average is None:
            return ""
        return shown_value(Decimal(str(self.average)), self.indicator.unit)

    @property
    def comparison_words(self) -> str:
        """In words for residents: "Better than the Scottish average"."""
        if self.comparison is None:
            return ""
        return f"{self.comparison} {AVERAGE_NAME}"

    @property
    def direction_words(self) -> str:
        return "Higher is better" if self.indicator.higher_is_better else "Lower is better"


def averages_for(year: ReportingYear) -> dict[int, float]:
    """Each indicator's national average in the newest peer file of the year."""
    peer_set = peer_set_for(year)
    if peer_set is None:
        return {}
    return {
        indicator_id: float(value)
        for indicator_id, value in IndicatorPeerFigure.objects.filter(
            peer_set=peer_set, is_average=True
        ).values_list("indicator_id", "value")
    }


def charter_lines(year: ReportingYear) -> list[CharterLine]:
    """The Charter indicators for the year: ours, the year before, the Scottish average and the
    quartile among peers, in a fixed number of queries."""
    averages = averages_for(year)
    result = []
    for line in indicator_lines(year, charter_indicators()):
        average = averages.get(line.indicator.pk)
        comparison = None
        if line.value is not None and average is not None:
            comparison = against_average(
                figure_of(line.value), average, higher_is_better=line.indicator.higher_is_better
            )
        result.append(CharterLine(line, average, comparison))
    return result


def charter_table(year: ReportingYear, lines: list[CharterLine] | None = None) -> Table:
    """The Annual Return figures: the page's table, its CSV and XLSX, and the API's."""
    lines = charter_lines(year) if lines is None else lines
    rows: list[list[object]] = []
    for c in lines:
        value, previous = c.line.value, c.line.previous
        rows.append(
            [
                c.number_words,
                c.indicator.name,
                c.outcome,
                c.indicator.get_unit_display(),
                "Higher" if c.indicator.higher_is_better else "Lower",
                None if value is None else float(value.value),
                c.line.margin_words,
                None if previous is None else float(previous.value),
                "" if c.line.trend is None else str(c.line.trend),
                c.average,
                c.comparison_words,
                "" if c.line.peers is None else c.line.peers.label,
                "" if value is None else value.note,
            ]
        )
    return Table(
        f"Annual Return on the Charter {year.label} (due {return_due(year):%d/%m/%Y})",
        [
            "Indicator number",
            "Indicator",
            "Charter outcome",
            "Unit",
            "Better when",
            "Our figure",
            "Margin of error",
            "Year before",
            "Change",
            "Scottish average",
            "Against the Scottish average",
            "Among peers",
            "Where it came from",
        ],
        rows,
        note=CHARTER_NOTE,
    )
