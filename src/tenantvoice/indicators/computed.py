"""The computations behind ``sources.SOURCES``: each wraps the figure its own app's report
computes (complaints' CH01 and CH02, the quarterly return's hours and policies, the scrutiny
tracker), for one reporting year up to today."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tenantvoice.complaints.report import ch01, ch02
from tenantvoice.core.reporting_year import ReportingYear

from .models import Unit
from .sources import IndicatorSource, Reading

TWO_PLACES = Decimal("0.01")


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES)


def _last_day(year: ReportingYear, today: dt.date) -> dt.date:
    return min(year.end, today)


class _PerThousand(IndicatorSource):
    stage = 1
    unit = Unit.RATE
    higher_is_better = False

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        figures = ch01(year)
        rate = figures.rate(self.stage)
        if rate is None:
            return None
        homes = sum(figures.homes.values())
        count = figures.count(self.stage)
        note = f"{count} complaints at stage {self.stage}, {homes} homes (complaints in numbers, CH01)."
        return Reading(_decimal(rate), note)


class ComplaintsStage1PerThousand(_PerThousand):
    label = "Stage 1 complaints per 1,000 homes (CH01)"
    definition = (
        "Stage 1 complaints received in the year per 1,000 homes, as the complaints report counts them."
    )
    stage = 1


class ComplaintsStage2PerThousand(_PerThousand):
    label = "Stage 2 complaints per 1,000 homes (CH01)"
    definition = (
        "Stage 2 complaints asked for in the year per 1,000 homes, as the complaints report counts them."
    )
    stage = 2


class _OnTime(IndicatorSource):
    stage = 1
    unit = Unit.PERCENT

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        figures = ch02(year)
        value = figures.share(self.stage)
        if value is None:
            return None
        answered, on_time = figures.counts(self.stage)
        note = f"{on_time} of {answered} stage {self.stage} responses on time (complaints in numbers, CH02)."
        return Reading(_decimal(value), note)


class Stage1AnsweredOnTime(_OnTime):
    label = "Stage 1 complaints answered on time (CH02)"
    definition = "Of the stage 1 responses sent in the year, the share sent within the Code's timescale."
    stage = 1


class Stage2AnsweredOnTime(_OnTime):
    label = "Stage 2 complaints answered on time (CH02)"
    definition = "Of the stage 2 responses sent in the year, the share sent within the Code's timescale."
    stage = 2


class PoliciesConsulted(IndicatorSource):
    label = "Policies consulted on"
    definition = "Consultations on a policy that closed in the year (the quarterly return's count)."
    unit = Unit.COUNT

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        from tenantvoice.consultations.selectors import policies_consulted

        return Reading(
            Decimal(policies_consulted(year.start, _last_day(year, today))), "Quarterly return's count."
        )


class HoursOfInvolvement(IndicatorSource):
    label = "Hours of involvement"
    definition = (
        "Hours residents gave at activities they attended and hours logged, at every level, in the "
        "year (the quarterly return's hours)."
    )
    unit = Unit.HOURS

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        from tenantvoice.activities.returns import quarterly_return

        report = quarterly_return(year.start, _last_day(year, today))
        shown = report.shown_lines()
        # Hours a hidden level's few people gave are theirs: the total leaves them out only by
        # hiding it whole, or a reader could take the shown levels from it.
        if any(not isinstance(hours, Decimal) for _level, _persons, hours in shown):
            return None
        total = sum((line.hours for line in report.lines), Decimal(0))
        return Reading(total.quantize(TWO_PLACES), "Quarterly return's hours, all levels.")


class RecommendationsOnTime(IndicatorSource):
    label = "Scrutiny recommendations implemented on time"
    definition = (
        "Of the accepted scrutiny recommendations' actions due by the day drawn, the share done by "
        "their due date (the scrutiny tracker)."
    )
    unit = Unit.PERCENT

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        from tenantvoice.scrutiny.report import tracker

        figures = tracker(_last_day(year, today))
        if figures.on_time_share is None:
            return None
        note = f"{figures.on_time} of {figures.due} due on time (scrutiny tracker)."
        return Reading(Decimal(figures.on_time_share), note)


class ServiceStandardsMet(IndicatorSource):
    label = "Service standards met"
    definition = (
        "Of the meetings' notice, minutes and requests for information the strategy's standards "
        "cover in the year, the share that met their standard (the service standards report)."
    )
    unit = Unit.PERCENT

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        from tenantvoice.activities.selectors import service_standards

        results = service_standards(year.start, _last_day(year, today))
        total = sum(r.total for r in results)
        if not total:
            return None
        met = sum(r.on_time for r in results)
        note = f"{met} of {total} met their standard (service standards)."
        return Reading(_decimal(100 * met / total), note)


class RepresentationByAge(IndicatorSource):
    label = "Representation score by age"
    definition = (
        "All involved residents against all residents on the last day drawn, by age in the "
        "landlord's bands: the lowest band's participation rate as a share of the highest's "
        "(who takes part)."
    )
    unit = Unit.PERCENT

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        from tenantvoice.representation.characteristics import landlord_characteristics
        from tenantvoice.representation.compare import compare
        from tenantvoice.representation.populations import all_involved

        on = _last_day(year, today)
        score = compare(landlord_characteristics()["age"], all_involved(on), on).score
        # None: fewer than two bands with residents; hidden: a rate made from few people.
        if not isinstance(score, float | int):
            return None
        return Reading(_decimal(score), f"On {on:%d/%m/%Y}, all involved residents by age (who takes part).")
