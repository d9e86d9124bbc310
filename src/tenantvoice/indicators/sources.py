"""What TenantVoice computes an indicator from: each kind a small :class:`IndicatorSource`
subclass named here by the key ``Indicator.source`` holds (the shape of ``actions.sources`` and
``outcomes.sources``, decision 0036). The indicators app never asks which kind a source is, so
a new computation adds a key and a class, not a branch.

Every class wraps a figure another app already computes for its own report, so an indicator
and that report cannot disagree; none counts anything itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.module_loading import import_string

from tenantvoice.core.reporting_year import ReportingYear

from .models import Unit

# Indicator.source -> the class that computes it (dotted paths: importing every app here would
# make each app that imports indicators import all of them).
SOURCES: dict[str, str] = {
    "ch01_stage1": "tenantvoice.indicators.computed.ComplaintsStage1PerThousand",
    "ch01_stage2": "tenantvoice.indicators.computed.ComplaintsStage2PerThousand",
    "ch02_stage1": "tenantvoice.indicators.computed.Stage1AnsweredOnTime",
    "ch02_stage2": "tenantvoice.indicators.computed.Stage2AnsweredOnTime",
    "policies_consulted": "tenantvoice.indicators.computed.PoliciesConsulted",
    "hours_of_involvement": "tenantvoice.indicators.computed.HoursOfInvolvement",
    "scrutiny_on_time": "tenantvoice.indicators.computed.RecommendationsOnTime",
    "standards_met": "tenantvoice.indicators.computed.ServiceStandardsMet",
    "representation_age": "tenantvoice.indicators.computed.RepresentationByAge",
    # The Scottish Charter's annual return on complaints (decision 0053): complaints.report.arc.
    "arc_received_stage1": "tenantvoice.indicators.charter_sources.ArcReceivedStage1",
    "arc_received_stage2": "tenantvoice.indicators.charter_sources.ArcReceivedStage2",
    "arc_within_stage1": "tenantvoice.indicators.charter_sources.ArcWithinStage1",
    "arc_within_stage2": "tenantvoice.indicators.charter_sources.ArcWithinStage2",
    "arc_days_stage1": "tenantvoice.indicators.charter_sources.ArcDaysStage1",
    "arc_days_stage2": "tenantvoice.indicators.charter_sources.ArcDaysStage2",
    # A survey question's satisfied share, the question's code the indicator's parameter.
    "survey_measure": "tenantvoice.indicators.charter_sources.SurveyMeasure",
}


@dataclass(frozen=True)
class Reading:
    """One computed value, and what it was computed from."""

    value: Decimal
    note: str
    sample_size: int | None = None


class IndicatorSource:
    """What the indicators app needs from one kind of computation."""

    label = ""
    definition = ""
    unit: str = Unit.COUNT
    higher_is_better = True
    is_survey = False
    # A source that reads something the indicator names (``Indicator.source_parameter``), and
    # what that is, in words for the form and the strategy loader's errors.
    needs_parameter = False
    parameter_label = ""

    def __init__(self, parameter: str = "") -> None:
        self.parameter = parameter

    def reading(self, year: ReportingYear, today: dt.date) -> Reading | None:
        """The value for the reporting ``year`` as far as ``today`` (None: nothing to divide
        by, or hidden because it would show too few people)."""
        raise NotImplementedError


def source_kind(key: str, parameter: str = "") -> IndicatorSource:
    kind: type[IndicatorSource] = import_string(SOURCES[key])
    return kind(parameter)


def source_choices() -> list[tuple[str, str]]:
    return [(key, source_kind(key).label) for key in SOURCES]
