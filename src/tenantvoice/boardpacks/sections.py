"""The kinds of report section TenantVoice draws: each a small :class:`SectionKind` named here by
the key a Board pack's ``PackSection.kind`` and a reporting duty's ``ReportingDuty.kind`` hold
(the shape of ``indicators.sources``, decision 0036). One registry for both (decision 0058), so
a report presented on the timetable and the same report in a Board pack are the same tables.

Every kind draws its figures with the report its own app already shows (decisions 0051, 0052):
the pack, the timetable's draft and that report cannot disagree, and every count of people has
been through the same suppression (``core.suppression``) as the report. None counts anything
itself; a kind only picks the tables, draws a chart of a table's column with ``core.charts`` and
says where the figures came from.
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

# PackSection.kind and ReportingDuty.kind -> the class that draws it, in the order officers are
# offered them (dotted paths: each kind imports its own app's report only when used).
SECTIONS: dict[str, str] = {
    "indicators": "tenantvoice.boardpacks.sections.IndicatorsSection",
    "involvement": "tenantvoice.boardpacks.sections.InvolvementSection",
    "standards": "tenantvoice.boardpacks.sections.StandardsSection",
    "survey": "tenantvoice.boardpacks.sections.SurveySection",
    "scrutiny": "tenantvoice.boardpacks.sections.ScrutinySection",
    "complaints": "tenantvoice.boardpacks.sections.ComplaintsSection",
    "representation": "tenantvoice.boardpacks.sections.RepresentationSection",
    "annual_report": "tenantvoice.boardpacks.sections.AnnualReportSection",
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
    """What a Board pack and the reporting timetable need from one kind of section."""

    key = ""
    label = ""
    # What the report is, in a sentence (a duty's page and its draft say it).
    summary = ""
    # Whether an officer must choose something beyond the period (a survey). A kind that needs
    # something is never a reporting duty's: the strategy names no survey.
    needs: str = ""
    # Drawn only for a whole reporting year of 1 April to 31 March (its own report is by
    # core.reporting_year.ReportingYear): a strategy may then only report it annually, from
    # April. A pack of any period draws the reporting year holding its last day.
    whole_years_only = False
    # Offered to officers making a Board pack.
    in_packs = True

    @property
    def for_duties(self) -> bool:
        """Whether a strategy's reporting duty may name the kind."""
        return not self.needs

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
    summary = "Each indicator's value for the reporting year against its target, the year before and peers."
    whole_years_only = True

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
            f"Reporting year {year.label} ({year.words}), the year holding the period's last day",
            ["Every indicator"],
        )


class InvolvementSection(SectionKind):
    key = "involvement"
    label = "Involvement in numbers"
    summary = (
        "Persons engaged and hours of involvement at each level, and policies consulted on, in "
        "the period (the quarterly return); residents at each level, group members and vacant "
        "seats at its end."
    )

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.activities.returns import quarterly_return, return_table
        from tenantvoice.involvement.reports import involvement_numbers, involvement_tables

        on = _as_at(end, today)
        numbers = involvement_tables(involvement_numbers(on))
        tables = [return_table(quarterly_return(start, end)), *numbers]
        charts = [
            column_chart(numbers[0], 1),
            column_chart(numbers[1], 4, title=f"Vacant seats on {_day(on)}"),
        ]
        return Drawn(
            tables,
            charts,
            "The quarterly return and Involvement in numbers (Reports): persons engaged and hours "
            "at each level and policies consulted on in the period; residents at each level, group "
            "members and vacant seats",
            f"{_day(start)} to {_day(end)}; residents and seats on {_day(on)}",
            ["Every level and group"],
        )


class StandardsSection(SectionKind):
    key = "standards"
    label = "Service standards"
    summary = (
        "Notice of meetings, minutes and requests for information against the standards, and "
        "each standard missed with the reason given."
    )

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.activities.selectors import service_standards

        results = service_standards(start, end)
        table = Table(
            f"Service standards, {_day(start)} to {_day(end)}",
            ["Standard", "What it asks", "Due in the period", "Met", "Met (%)", "Missed or overdue"]
            + ["Overdue now"],
            [
                [r.name, r.standard, r.total, r.on_time, r.percent, len(r.breaches), r.outstanding]
                for r in results
            ],
            note="Meetings, minutes and requests for information against the strategy's service "
            "standards; each miss is listed with its reason below. No resident is named.",
        )
        missed = Table(
            f"Standards missed, {_day(start)} to {_day(end)}",
            ["Standard", "Meeting or request", "Reason given"],
            [[r.name, what, why] for r in results for what, why in r.breaches],
            note="" if any(r.breaches for r in results) else "No standard was missed in the period.",
        )
        return Drawn(
            [table, missed],
            [column_chart(table, 4, title="Service standards met (%)", unit="%")],
            "Service standards (Reports): notice of meetings, minutes and requests for information "
            "against the strategy's standards, and each miss with its reason",
            f"{_day(start)} to {_day(end)}",
            ["Every meeting and request in the period"],
        )


class SurveySection(SectionKind):
    key = "survey"
    label = "Survey results (including the tenant satisfaction measures)"
    summary = "One survey's answers and the tenant satisfaction measures, unweighted."
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
    summary = (
        "Scrutiny reviews, their recommendations and actions, and each strategy action plan's "
        "actions with their RAG status, on the period's last day."
    )

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
    label = "Complaints in numbers"
    summary = "CH01 and CH02, and complaints by category, area and month, for the reporting year."
    whole_years_only = True

    def offered(self, start: dt.date, end: dt.date) -> bool:
        from tenantvoice.complaints.models import Complaint

        return Complaint.objects.exists()

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.complaints.report import figures, measure_tables, theme_tables

        year = ReportingYear.of(end)
        found = figures(year)
        measures = measure_tables(found)
        charts = [column_chart(measures[0], 3, title="Stage 1 complaints per 1,000 homes")]
        return Drawn(
            [*measures, *theme_tables(found.themes)],
            charts,
            "Complaints in numbers (Reports): the Complaint Handling Code's measures CH01 and CH02, "
            "and complaints by category, area and month received",
            f"Reporting year {year.label} ({year.words}), the year holding the period's last day",
            ["Every complaint"],
        )


class RepresentationSection(SectionKind):
    key = "representation"
    label = "Who takes part (representativeness)"
    summary = (
        "All involved residents against all residents by age, tenure, home and area on the "
        "period's last day (never by an equality characteristic)."
    )

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


class AnnualReportSection(SectionKind):
    """The year's annual report to residents as drawn (decision 0057), for a duty to report to
    residents every year (Tower Hamlets Homes' "Annual Report"). Not offered for a Board pack:
    its chapters are drawn from the same reports as the pack's own sections, so in a pack they
    would only repeat them, and the report is approved and published on its own pages."""

    key = "annual_report"
    label = "Annual report to residents"
    summary = (
        "The chapters of the year's annual report to residents, with their figures as drawn, "
        "whether it is still a draft or published."
    )
    whole_years_only = True
    in_packs = False

    def draw(self, start: dt.date, end: dt.date, today: dt.date, parameters: dict[str, Any]) -> Drawn:
        from tenantvoice.annual_reports.models import AnnualReport
        from tenantvoice.annual_reports.selectors import report_chapters

        year = ReportingYear.of(start)
        period = f"Reporting year {year.label} ({year.words})"
        report = AnnualReport.objects.filter(year=year.first).first()
        if report is None:
            return Drawn(
                [
                    Table(
                        f"Annual report to residents, {year.label}",
                        ["Chapter", "Figures"],
                        [],
                        note=f"No annual report to residents exists for {year.label} yet: "
                        "make one under Reports, Annual report to residents.",
                    )
                ],
                [],
                "Annual report to residents (Reports): none made for the year yet",
                period,
            )
        chapters = report_chapters(report)
        tables = [
            Table(
                f"{report.title} ({report.get_status_display().lower()})",
                ["Chapter", "Headlines"],
                [[f"{shown.number}. {shown.heading}", " ".join(shown.headlines)] for shown in chapters],
                note="The chapters as drawn for the report; "
                + (
                    f"published on {_day(report.published_on)}."
                    if report.is_published and report.published_on
                    else "not published yet: its figures may still be drawn again."
                ),
            ),
            *(
                Table(f"{shown.heading}: {table.title}", table.headers, table.rows, table.note)
                for shown in chapters
                for table in shown.tables
            ),
        ]
        return Drawn(
            tables,
            [chart for shown in chapters for chart in shown.charts],
            f"Annual report to residents (Reports, “{report.title}”): each chapter's figures as "
            "drawn for the report",
            period,
            ["The chapters included in the report"],
        )


def section_kind(key: str) -> SectionKind:
    kind: type[SectionKind] = import_string(SECTIONS[key])
    return kind()


def pack_kinds() -> list[SectionKind]:
    """The kinds an officer may add to a Board pack, in the order offered."""
    return [kind for kind in map(section_kind, SECTIONS) if kind.in_packs]


def duty_kinds() -> list[SectionKind]:
    """The kinds a strategy's reporting duty may name (decision 0058)."""
    return [kind for kind in map(section_kind, SECTIONS) if kind.for_duties]


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
