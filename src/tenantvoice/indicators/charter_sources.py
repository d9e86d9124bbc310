"""Computed sources for the Scottish Social Housing Charter's annual return (decision 0053).

The complaints figures wrap ``complaints.report.arc``, the annual return's complaints table the
complaints report already shows, so the indicator and that report cannot disagree. REGULATION.md
("Scotland"): "ARC indicators 3 and 4 are complaints (a stage 1 complaint that goes to stage 2
counts in both)": each stage is counted at its own stage, as ``arc`` does. Which of these
figures the landlord reports as indicator 3 or 4 is its strategy data (``[[indicators]]``), not
a number the platform writes here.

The survey measure reads one question of the newest survey closed in the year, named by its
code (``Indicator.source_parameter``), as the share of satisfied (or agreeing) answers, the TSM
rule (surveys.results.scale_counts_by_cell), so the landlord maps its own "kept informed" or
"opportunities to participate" question to its Charter indicator in the strategy data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tenantvoice.complaints.report import ArcStage, arc
from tenantvoice.core.reporting_year import ReportingYear

from .computed import TWO_PLACES, _decimal, _last_day
from .models import Unit
from .sources import IndicatorSource, Reading

STAGE_WORDS = {1: "first", 2: "second"}


class _Arc(IndicatorSource):
    stage = 1

    def _stage(self, year: ReportingYear) -> ArcStage | None:
        return next((s for s in arc(year) if s.number == self.stage), None)

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        figures = self._stage(year)
        return None if figures is None else self.from_stage(figures)

    def from_stage(self, figures: ArcStage) -> Reading | None:
        raise NotImplementedError


class _Received(_Arc):
    unit = Unit.COUNT
    higher_is_better = False

    def from_stage(self, figures: ArcStage) -> Reading | None:
        note = (
            f"{figures.received} complaints at the {figures.name} stage (complaints in numbers, "
            "Scottish Charter annual return; a complaint that went on to the next stage counts at both)."
        )
        return Reading(Decimal(figures.received), note)


class ArcReceivedStage1(_Received):
    label = "Complaints received at the first stage (annual return on the Charter)"
    definition = "Complaints received at the first stage in the year, as the complaints report counts them."
    stage = 1


class ArcReceivedStage2(_Received):
    label = "Complaints received at the second stage (annual return on the Charter)"
    definition = (
        "Complaints whose second stage began in the year, including those that began at the first "
        "stage, as the complaints report counts them."
    )
    stage = 2


class _Within(_Arc):
    unit = Unit.PERCENT

    def from_stage(self, figures: ArcStage) -> Reading | None:
        share = figures.within_share
        if share is None:
            return None
        note = (
            f"{figures.within} of {figures.responded} {figures.name} stage responses within the "
            "timescale (complaints in numbers, Scottish Charter annual return)."
        )
        return Reading(_decimal(share), note)


class ArcWithinStage1(_Within):
    label = "First stage complaints answered within the timescale (annual return on the Charter)"
    definition = (
        "Of the first stage responses sent in the year, the share sent within the procedure's timescale."
    )
    stage = 1


class ArcWithinStage2(_Within):
    label = "Second stage complaints answered within the timescale (annual return on the Charter)"
    definition = (
        "Of the second stage responses sent in the year, the share sent within the procedure's timescale."
    )
    stage = 2


class _Days(_Arc):
    unit = Unit.DAYS
    higher_is_better = False

    def from_stage(self, figures: ArcStage) -> Reading | None:
        if figures.average_working_days is None:
            return None
        note = (
            f"Average over {figures.responded} {figures.name} stage responses, in working days from "
            "the day the stage began to the full response (complaints in numbers)."
        )
        return Reading(_decimal(figures.average_working_days), note)


class ArcDaysStage1(_Days):
    label = "Average working days to answer a first stage complaint (annual return on the Charter)"
    definition = (
        "Average working days from the first stage's start to the full response, for responses sent "
        "in the year."
    )
    stage = 1


class ArcDaysStage2(_Days):
    label = "Average working days to answer a second stage complaint (annual return on the Charter)"
    definition = (
        "Average working days from the second stage's start to the full response, for responses sent "
        "in the year."
    )
    stage = 2


class SurveyMeasure(IndicatorSource):
    label = "A survey question's satisfied share"
    definition = (
        "Of the residents who answered the question (named by its code) in the newest survey that "
        "closed in the year, the share very or fairly satisfied, or agreeing."
    )
    unit = Unit.PERCENT
    is_survey = True
    needs_parameter = True
    parameter_label = "the survey question's code"

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        from tenantvoice.surveys.models import Question, SurveyStatus
        from tenantvoice.surveys.results import landlord_threshold, scale_counts_by_cell

        question = (
            Question.objects.filter(
                code=self.parameter,
                survey__status=SurveyStatus.CLOSED,
                survey__closed_on__gte=year.start,
                survey__closed_on__lte=_last_day(year, today),
            )
            .select_related("survey")
            .order_by("-survey__closed_on", "-survey__pk")
            .first()
        )
        if question is None:
            return None
        base, positive = scale_counts_by_cell(question.survey, [question], []).get((question.pk, ()), (0, 0))
        # A share made from fewer answers than the landlord's threshold is not shown.
        if not base or base < landlord_threshold():
            return None
        value = (Decimal(100) * positive / base).quantize(TWO_PLACES)
        note = (
            f"{positive} of {base} answers satisfied or agreeing, “{question.survey.title}” "
            f"({question.code})."
        )
        return Reading(value, note, sample_size=base)
