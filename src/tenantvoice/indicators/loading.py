"""Loading a strategy's indicators and their baselines (``[[indicators]]`` in
``strategies/data/*.toml``), called by ``strategies.loader`` inside its transaction.

Each baseline is a value the strategy itself reports (Winchester's STAR results): its value
needs the strategy's section and an exact quote (decision 0022), which become the value's
note, so a reader sees where the figure came from. Loading again updates the baselines it
loaded and never touches values typed in, imported or computed, nor an indicator's wording an
officer has changed since.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from tenantvoice.core.reporting_year import ReportingYear

from .models import Indicator, IndicatorValue, Unit
from .services import IndicatorError, framework_check
from .sources import SOURCES, source_kind

INDICATOR_FIELDS = frozenset(
    {"name", "definition", "unit", "better", "survey", "source", "baselines", "question", "framework",
     "outcome", "number"}
)  # fmt: skip
# The framework, its outcome, the number in its return and the survey question a source reads
# are rules: each needs a source (the strategy's words, a regulation) or is the landlord's
# choice (``chosen``), as any rule is (decision 0053).
INDICATOR_RULES = frozenset({"framework", "outcome", "number", "question"})
BASELINE_FIELDS = frozenset({"year", "value", "sample_size", "peer_quartile"})
BASELINE_RULES = frozenset({"value", "sample_size", "peer_quartile"})
DIRECTIONS = {"higher": True, "lower": False}


def _note(source: Mapping[str, Any]) -> str:
    if "regulation" in source:
        return str(source["regulation"])
    words = f"Strategy, section {source['section']}: “{source['quote']}”."
    return f"{words} {source['note']}" if source.get("note") else words


def indicators_load(name: str, data: Mapping[str, Any], *, by: Any = None) -> dict[str, int]:
    """Load the strategy's indicators and baselines; how many of each it holds."""
    from tenantvoice.strategies.loader import StrategyError, _traced

    indicators = 0
    baselines = 0
    for item in data.get("indicators", []):
        where = f"indicator '{item.get('name') if isinstance(item, Mapping) else item}'"
        values, indicator_traced = _traced(
            item, where, known=INDICATOR_FIELDS - {"baselines"}, rules=INDICATOR_RULES, defaults={},
            nested=frozenset({"baselines"}),
        )  # fmt: skip
        if not str(values.get("name", "")).strip():
            raise StrategyError(f"{where} field 'name': give the indicator's name.")
        unit = values.get("unit", "")
        if unit not in Unit.values:
            raise StrategyError(f"{where} field 'unit': '{unit}' is not one of {', '.join(Unit.values)}.")
        better = values.get("better", "higher")
        if better not in DIRECTIONS:
            raise StrategyError(f"{where} field 'better': 'higher' or 'lower'.")
        source = values.get("source", "")
        if source and source not in SOURCES:
            raise StrategyError(f"{where} field 'source': '{source}' is not one of {', '.join(SOURCES)}.")
        question = str(values.get("question", "")).strip()
        if source and source_kind(source).needs_parameter and not question:
            raise StrategyError(
                f"{where} field 'question': the source '{source}' reads "
                f"{source_kind(source).parameter_label}."
            )
        if question and not (source and source_kind(source).needs_parameter):
            raise StrategyError(
                f"{where} field 'question': only a source that reads a survey question takes one."
            )
        framework = values.get("framework", "")
        outcome = values.get("outcome")
        if outcome is not None and not isinstance(outcome, int):
            raise StrategyError(f"{where} field 'outcome': the outcome's number, e.g. 3.")
        number = str(values.get("number", "")).strip()
        try:
            framework_check(framework, outcome, number)
        except IndicatorError as exc:
            raise StrategyError(f"{where} field '{exc.field or 'framework'}': {exc.message}") from exc
        is_survey_source = bool(source and source_kind(source).is_survey)
        indicator, _made = Indicator.objects.get_or_create(
            name=values["name"].strip(),
            defaults={
                "definition": str(values.get("definition", "")).strip(),
                "unit": unit,
                "higher_is_better": DIRECTIONS[better],
                "is_survey": bool(values.get("survey", False)) or is_survey_source,
                "source": source,
                "source_parameter": question,
                "framework": framework,
                "outcome": outcome,
                "number": number,
                "sources": indicator_traced,
                "order": indicators,
            },
        )
        indicators += 1
        for baseline in values.get("baselines", []):
            here = f"{where} baseline {baseline.get('year') if isinstance(baseline, Mapping) else baseline}"
            b_values, traced = _traced(
                baseline, here, known=BASELINE_FIELDS, rules=BASELINE_RULES, defaults={},
                needs=frozenset({"value"}),
            )  # fmt: skip
            year = b_values.get("year")
            if not isinstance(year, int) or not 1990 <= year <= 2100:
                raise StrategyError(f"{here} field 'year': the year the reporting year starts, e.g. 2015.")
            try:
                value = Decimal(str(b_values["value"]))
            except (InvalidOperation, KeyError) as exc:
                raise StrategyError(f"{here} field 'value': a number.") from exc
            notes = [_note(traced["value"])]
            if "peer_quartile" in b_values:
                notes.append(f"Among peers: {b_values['peer_quartile']} ({_note(traced['peer_quartile'])}).")
            sample = b_values.get("sample_size")
            if sample is not None and not indicator.is_survey:
                raise StrategyError(f"{here} field 'sample_size': only a survey measure has one.")
            reporting = ReportingYear(year)
            IndicatorValue.objects.update_or_create(
                indicator=indicator,
                period_start=reporting.start,
                period_end=reporting.end,
                origin=IndicatorValue.Origin.STRATEGY,
                defaults={"value": value, "sample_size": sample, "note": " ".join(notes)},
            )
            baselines += 1
    return {"indicators": indicators, "indicator baselines": baselines} if indicators else {}
