"""The kinds of report a strategy can say go to someone on a timetable: each kind a small
:class:`ReportKind` subclass named here by the key ``ReportingDuty.kind`` holds (the shape of
``indicators.sources`` and ``actions.sources``, decision 0036). The timetable never asks which
kind a report is, so a new kind adds a key and a class, not a branch.

Every kind drafts its report from one of the project's existing reports, for the period: the
same tables (``core.tables.Table``) its own page and downloads show, suppressed as they are
there. None counts anything itself, so a report presented and the page it came from cannot
disagree.
"""

from __future__ import annotations

import datetime as dt

from django.utils.module_loading import import_string

from tenantvoice.core.tables import Table

# ReportingDuty.kind -> the class that drafts it (dotted paths: importing every app here would
# make each app that imports the timetable import all of them).
KINDS: dict[str, str] = {
    "involvement": "tenantvoice.reporting.kinds.InvolvementInNumbers",
    "standards": "tenantvoice.reporting.kinds.ServiceStandards",
    "indicators": "tenantvoice.reporting.kinds.Indicators",
    "complaints": "tenantvoice.reporting.kinds.Complaints",
    "representation": "tenantvoice.reporting.kinds.WhoTakesPart",
}


class ReportKind:
    """What the timetable needs from one kind of report."""

    title = ""
    summary = ""
    # Drawn only for a whole reporting year of 1 April to 31 March (its own report is by
    # core.reporting_year.ReportingYear): the strategy may then only send it annually, from April.
    whole_years_only = False

    def draft(self, start: dt.date, end: dt.date) -> list[Table]:
        """The report for the period ``start`` to ``end`` from the data as it is now."""
        raise NotImplementedError


class InvolvementInNumbers(ReportKind):
    title = "Involvement in numbers"
    summary = (
        "Persons engaged and hours of involvement at each level, and policies consulted on, in "
        "the period (the quarterly return); residents at each level and vacant seats at its end."
    )

    def draft(self, start: dt.date, end: dt.date) -> list[Table]:
        from tenantvoice.activities.returns import quarterly_return, return_table
        from tenantvoice.involvement.reports import involvement_numbers, involvement_tables

        return [return_table(quarterly_return(start, end)), *involvement_tables(involvement_numbers(end))]


class ServiceStandards(ReportKind):
    title = "Service standards"
    summary = "Notice of meetings, minutes and requests for information against the standards."

    def draft(self, start: dt.date, end: dt.date) -> list[Table]:
        from tenantvoice.activities.selectors import service_standards

        results = service_standards(start, end)
        rows: list[list[object]] = [
            [r.name, r.standard, r.total, r.on_time, r.percent, r.outstanding] for r in results
        ]
        missed: list[list[object]] = [[r.name, what, why] for r in results for what, why in r.breaches]
        return [
            Table(
                f"Service standards {start:%d/%m/%Y} to {end:%d/%m/%Y}",
                ["Standard", "What it says", "In the period", "Met", "Met (%)", "Overdue now"],
                rows,
                note="Meetings and requests of the period; no resident is named.",
            ),
            Table(
                f"Standards missed {start:%d/%m/%Y} to {end:%d/%m/%Y}",
                ["Standard", "Meeting or request", "Reason given"],
                missed,
            ),
        ]


class Indicators(ReportKind):
    title = "Indicators against targets"
    summary = "Each indicator's value for the reporting year against its target, the year before and peers."
    whole_years_only = True

    def draft(self, start: dt.date, end: dt.date) -> list[Table]:
        from tenantvoice.core.reporting_year import ReportingYear
        from tenantvoice.indicators.selectors import indicator_table

        return [indicator_table(ReportingYear.of(start))]


class Complaints(ReportKind):
    title = "Complaints in numbers"
    summary = "CH01 and CH02, and complaints by category, area and month, for the reporting year."
    whole_years_only = True

    def draft(self, start: dt.date, end: dt.date) -> list[Table]:
        from tenantvoice.complaints.report import figures, measure_tables, theme_tables
        from tenantvoice.core.reporting_year import ReportingYear

        found = figures(ReportingYear.of(start))
        return [*measure_tables(found), *theme_tables(found.themes)]


class WhoTakesPart(ReportKind):
    title = "Who takes part"
    summary = (
        "All involved residents against all residents by age, tenure, home and area on the "
        "period's last day (never by an equality characteristic)."
    )

    def draft(self, start: dt.date, end: dt.date) -> list[Table]:
        from tenantvoice.representation.report import (
            comparison_table,
            everyone_involved,
            main_comparisons,
            summary_table,
        )
        from tenantvoice.surveys.results import landlord_threshold

        population = everyone_involved()
        comparisons = main_comparisons(population, end, landlord_threshold())
        return [summary_table(population, end, comparisons), *(comparison_table(c) for c in comparisons)]


def report_kind(key: str) -> ReportKind:
    kind: type[ReportKind] = import_string(KINDS[key])
    return kind()


def kind_choices() -> list[tuple[str, str]]:
    return [(key, report_kind(key).title) for key in KINDS]
