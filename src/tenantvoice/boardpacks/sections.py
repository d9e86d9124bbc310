"""The kinds of section a Board pack is made of: each a small :class:`SectionKind` named here
by the key ``PackSection.kind`` holds (the shape of ``indicators.sources``, decision 0036).

Every kind draws its figures with the report its own app already shows (decision 0052): the
pack and that report cannot disagree, and every count of people has been through the same
suppression (``core.suppression``) as the report. None counts anything itself; a kind only
picks the tables, draws a chart of a table's column with ``core.charts`` and says where the
figures came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.module_loading import import_string

from tenantvoice.core.charts import Bar, BarChart, Line, bar_chart
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.suppression import Hidden
from tenantvoice.core.tables import Table

# PackSection.kind -> the class that draws it, in the order officers are offered them (dotted
# paths: each kind imports its own app's report only when used).
SECTIONS: dict[str, str] = {
    "indicators": "tenantvoice.boardpacks.sections.IndicatorsSection",
    "involvement": "tenantvoice.boardpacks.sections.InvolvementSection",
    "standards": "tenantvoice.boardpacks.sections.StandardsSection",
    "survey": "tenantvoice.boardpacks.sections.SurveySection",
    "scrutiny": "tenantvoice.boardpacks.sections.ScrutinySection",
    "complaints": "tenantvoice.boardpacks.sections.ComplaintsSection",
    "representation": "tenantvoice.boardpacks.sections.RepresentationSection",
}


@dataclass
class Drawn:
    """A section's figures as drawn, and where they came from."""

    tables: list[Table]
    charts: list[BarChart]
    what: str
    period: str
    filters: list[str] = field(default_factory=list)


def _number(cell: object) -> float | None:
    if isinstance(cell, Hidden | bool) or not isinstance(cell, int | float):
        return None
    return float(cell)


def column_chart(table: Table, column: int, *, title: str = "", unit: str = "") -> BarChart:
    """A chart of one column of ``table`` against its first: a hidden cell is not drawn."""
    return bar_chart(
        title or table.title,
        [(str(row[0]), _number(row[column])) for row in table.rows],
        unit=unit,
        scale_max=100 if unit == "%" else None,
    )


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _as_at(end: dt.date, today: dt.date) -> dt.date:
    """A figure "on a date" is drawn as at the period's end, or today if that is still ahead."""
    return min(end, today)


class SectionKind:
    """What a Board pack needs from one kind of section."""

    key = ""
    label = ""
    # Whether an officer must choose something beyond the period (a survey).
    needs: str = ""

    def offered(self, start: dt.date, end: dt.date) -> bool:
        """Whether the kind is offered for a pack of this period (complaints only when there
        are complaints)."""
        return True

    def choices(self, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
        """What an officer chooses from when ``needs`` is set."""
        return []

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        raise NotImplementedError


class IndicatorsSection(SectionKind):
    key = "indicators"
    label = "Indicators against targets"

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.indicators.models import Unit
        from tenantvoice.indicators.selectors import indicator_lines, indicator_table

        year = ReportingYear.of(end)
        lines = indicator_lines(year)
        table = indicator_table(year, lines)
        percent = [
            (line.indicator.name, float(line.value.value))
            for line in lines
            if line.value is not None and line.indicator.unit == Unit.PERCENT
        ]
        charts = (
            [bar_chart(f"Indicators in per cent, {year.label}", percent, unit="%", scale_max=100)]
            if percent
            else []
        )
        return Drawn(
            [table],
            charts,
            "Indicators and targets (Reports, Indicators and targets): each indicator's latest value "
            "in the reporting year, its target, the year before and peers",
            f"Reporting year {year.label} ({year.words}), the year holding the pack's last day",
            ["Every indicator"],
        )


class InvolvementSection(SectionKind):
    key = "involvement"
    label = "Involvement in numbers"

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.involvement.reports import involvement_numbers, involvement_tables

        on = _as_at(end, today)
        tables = involvement_tables(involvement_numbers(on))
        charts = [column_chart(tables[0], 1), column_chart(tables[1], 4, title=f"Vacant seats on {_day(on)}")]
        return Drawn(
            tables,
            charts,
            "Involvement in numbers (Reports): residents at each level, group members and vacant seats",
            f"On {_day(on)}",
            ["Every level and group"],
        )


class StandardsSection(SectionKind):
    key = "standards"
    label = "Service standards"

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.activities.selectors import service_standards

        results = service_standards(start, end)
        table = Table(
            f"Service standards, {_day(start)} to {_day(end)}",
            ["Standard", "What it asks", "Due in the period", "Met", "Met (%)", "Missed or overdue"],
            [[r.name, r.standard, r.total, r.on_time, r.percent, len(r.breaches)] for r in results],
            note="Meetings, minutes and requests for information against the strategy's service "
            "standards; each miss is listed with its reason on the Service standards report.",
        )
        return Drawn(
            [table],
            [column_chart(table, 4, title="Service standards met (%)", unit="%")],
            "Service standards (Reports): notice of meetings, minutes and requests for information "
            "against the strategy's standards",
            f"{_day(start)} to {_day(end)}",
            ["Every meeting and request in the period"],
        )


class SurveySection(SectionKind):
    key = "survey"
    label = "Survey results (including the tenant satisfaction measures)"
    needs = "survey"

    def _surveys(self, start: dt.date, end: dt.date) -> Any:
        from django.db.models import Q

        from tenantvoice.surveys.models import Survey, SurveyStatus

        # Surveys open at some time in the period: a short list whatever the number of surveys.
        return (
            Survey.objects.exclude(status=SurveyStatus.DRAFT)
            .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=end))
            .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=start))
            .order_by("-closes_on", "-pk")
        )

    def offered(self, start: dt.date, end: dt.date) -> bool:
        return bool(self._surveys(start, end).exists())

    def choices(self, start: dt.date, end: dt.date) -> list[tuple[str, str]]:
        return [(str(s.pk), s.title) for s in self._surveys(start, end)[:50]]

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.surveys.models import Survey
        from tenantvoice.surveys.report import short_label, survey_report

        survey = Survey.objects.get(pk=parameters["survey"])
        report = survey_report(survey)
        satisfied = [
            (short_label(r.question), round(r.positive.percent, 1))
            for r in report.results.questions
            if r.positive is not None and r.positive.percent is not None and not r.positive_hidden
        ]
        charts = (
            [bar_chart("% satisfied or agreeing, each question", satisfied, unit="%", scale_max=100)]
            if satisfied
            else []
        )
        window = ", ".join(
            part
            for part in (
                f"opened {_day(survey.opens_on)}" if survey.opens_on else "",
                f"closed {_day(survey.closes_on)}" if survey.closes_on else "",
            )
            if part
        )
        return Drawn(
            report.tables,
            charts,
            f"Survey results (Surveys, results of “{survey.title}”): every response, answers and "
            "the tenant satisfaction measures",
            window or "All responses",
            [f"Survey number {survey.pk}", "Not weighted", "No earlier wave or peer group compared"],
        )


class ScrutinySection(SectionKind):
    key = "scrutiny"
    label = "Scrutiny tracker and action plan"

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.plans.report import plan_reports
        from tenantvoice.scrutiny.report import tracker

        on = _as_at(end, today)
        figures = tracker(on)
        tables = list(figures.tables)
        charts = [
            column_chart(figures.tables[0], 1),
            column_chart(figures.tables[1], 1),
            bar_chart(
                "Shares (%)",
                [
                    ("Accepted or partly accepted", figures.accepted_share),
                    ("Awaiting a response", figures.awaiting_share),
                    ("Done by their due date", figures.on_time_share),
                ],
                unit="%",
                scale_max=100,
            ),
        ]
        for plan in plan_reports(on):
            tables += plan.tables()
            charts.append(plan.chart)
        return Drawn(
            tables,
            charts,
            "Scrutiny tracker and Strategy action plans (Reports): reviews, recommendations and their "
            "actions; each plan's actions with their RAG status",
            f"As at {_day(on)}",
            ["Every review", "Every loaded action plan"],
        )


class ComplaintsSection(SectionKind):
    key = "complaints"
    label = "Complaints"

    def offered(self, start: dt.date, end: dt.date) -> bool:
        from tenantvoice.complaints.models import Complaint

        return Complaint.objects.exists()

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.complaints.report import figures, measure_tables

        year = ReportingYear.of(end)
        tables = measure_tables(figures(year))
        charts = [column_chart(tables[0], 3, title="Stage 1 complaints per 1,000 homes")]
        return Drawn(
            tables,
            charts,
            "Complaints in numbers (Reports): the Complaint Handling Code's measures CH01 and CH02",
            f"Reporting year {year.label} ({year.words}), the year holding the pack's last day",
            ["Every complaint"],
        )


class RepresentationSection(SectionKind):
    key = "representation"
    label = "Who takes part (representativeness)"

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.representation.report import (
            everyone_involved,
            main_comparisons,
            shown,
            summary_table,
        )
        from tenantvoice.surveys.results import landlord_threshold

        on = _as_at(end, today)
        population = everyone_involved()
        comparisons = main_comparisons(population, on, landlord_threshold())
        blocks = shown(comparisons)
        return Drawn(
            [summary_table(population, on, comparisons), *(b.table for b in blocks)],
            [chart for b in blocks for _, chart in b.charts],
            "Who takes part, the Board's report (Reports): all involved residents against all "
            "residents on the main characteristics",
            f"On {_day(on)}",
            [f"Involved: {population.label}", "Compared with all residents living in our homes that day"],
        )


def section_kind(key: str) -> SectionKind:
    kind: type[SectionKind] = import_string(SECTIONS[key])
    return kind()


def kinds() -> list[SectionKind]:
    return [section_kind(key) for key in SECTIONS]


# --- Charts kept as drawn -------------------------------------------------------------------


def charts_to_json(charts: Sequence[BarChart]) -> list[dict[str, Any]]:
    return [asdict(chart) for chart in charts]


def charts_from_json(data: Sequence[dict[str, Any]]) -> list[BarChart]:
    return [
        BarChart(
            title=c["title"],
            description=c["description"],
            bars=[Bar(**{**b, "lines": [Line(**line) for line in b["lines"]]}) for b in c["bars"]],
            width=c["width"],
            height=c["height"],
            bar_height=c["bar_height"],
        )
        for c in data
    ]
