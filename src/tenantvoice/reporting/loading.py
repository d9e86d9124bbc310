"""Loading a strategy's reporting timetable (``[[reporting]]`` in ``strategies/data/*.toml``),
called by ``strategies.loader`` inside its transaction (decision 0051).

Each entry says which report goes to whom and how often. The audience and the cadence are the
strategy's own words, so each needs the strategy's section and an exact quote (decision 0022),
and so does the kind of report (how the strategy's words were read as one of the report sections
``boardpacks.sections.SECTIONS`` a duty may name, decision 0058).
The month the reporting year starts, the days after a period's end the report is due and the
day the timetable starts are rules too: sourced, the landlord's choice (``chosen``), or left
out for TenantVoice's default, which the duty records as such. Loading again updates each duty
by its slug and never touches the presentations recorded; a duty taken out of the file stays,
with its record, but no longer falls due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from tenantvoice.boardpacks.sections import duty_kinds
from tenantvoice.involvement.models import Group

from .models import ReportingDuty
from .periods import DEFAULT_DUE_DAYS, DEFAULT_YEAR_STARTS, Cadence, year_start_of

FIELDS = frozenset({"slug", "kind", "audience", "group", "cadence", "year_starts", "due_days", "starts_on"})
NEEDS = frozenset({"kind", "audience", "cadence"})
RULES = frozenset({"year_starts", "due_days", "starts_on"})


def reporting_load(name: str, data: Mapping[str, Any], *, by: Any = None) -> dict[str, int]:
    """Load the strategy's reporting duties; how many it holds."""
    from tenantvoice.strategies.loader import StrategyError, _traced

    today = timezone.localdate()
    kinds = {kind.key: kind for kind in duty_kinds()}
    loaded: list[int] = []
    for order, item in enumerate(data.get("reporting", [])):
        where = f"reporting duty '{item.get('slug') if isinstance(item, Mapping) else item}'"
        values, traced = _traced(
            item, where, known=FIELDS, rules=RULES, defaults={}, needs=NEEDS
        )  # fmt: skip
        slug = str(values.get("slug", "")).strip()
        if not slug:
            raise StrategyError(f"{where} field 'slug': give the duty a slug, e.g. involvement-to-the-board.")
        kind = values["kind"]
        if kind not in kinds:
            raise StrategyError(f"{where} field 'kind': '{kind}' is not one of {', '.join(kinds)}.")
        cadence = values["cadence"]
        if cadence not in Cadence.values:
            raise StrategyError(
                f"{where} field 'cadence': '{cadence}' is not one of {', '.join(Cadence.values)}."
            )
        audience = str(values["audience"]).strip()
        if not audience:
            raise StrategyError(f"{where} field 'audience': say to whom the report goes.")
        year_starts = values.get("year_starts", DEFAULT_YEAR_STARTS)
        if not isinstance(year_starts, int) or not 1 <= year_starts <= 12:
            raise StrategyError(f"{where} field 'year_starts': the month the reporting year starts, 1 to 12.")
        due_days = values.get("due_days", DEFAULT_DUE_DAYS[Cadence(cadence)])
        if not isinstance(due_days, int) or not 1 <= due_days <= 366:
            raise StrategyError(f"{where} field 'due_days': days after the period's end, 1 to 366.")
        starts_on = values.get("starts_on")
        if starts_on is not None and (
            not isinstance(starts_on, dt.date) or isinstance(starts_on, dt.datetime)
        ):
            raise StrategyError(f"{where} field 'starts_on': a date, e.g. 2026-04-01.")
        if kinds[kind].whole_years_only and (cadence != Cadence.ANNUALLY or year_starts != 4):
            raise StrategyError(
                f"{where} field 'cadence': “{kinds[kind].label}” is drawn for a reporting year of "
                "1 April to 31 March only: send it annually, with the year starting in April (4)."
            )
        group = None
        if values.get("group"):
            group = Group.objects.filter(slug=values["group"]).first()
            if group is None:
                raise StrategyError(f"{where} field 'group': no group '{values['group']}' in the strategy.")
        for rule, default in (("year_starts", year_starts), ("due_days", due_days)):
            traced.setdefault(rule, {"default": default})
        duty = ReportingDuty.objects.filter(slug=slug).first()
        if starts_on is None:
            # The platform's choice: the start of the reporting year the strategy is first
            # loaded in, so the periods already ended this year are on the timetable.
            starts_on = duty.starts_on if duty is not None else year_start_of(year_starts, today)
            traced.setdefault("starts_on", {"default": starts_on.isoformat()})
        duty, _ = ReportingDuty.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "audience": audience[:200],
                "group": group,
                "cadence": cadence,
                "year_starts": year_starts,
                "due_days": due_days,
                "starts_on": starts_on,
                "sources": traced,
                "order": order,
                "active": True,
            },
        )
        loaded.append(duty.pk)
    ReportingDuty.objects.exclude(pk__in=loaded).filter(active=True).update(active=False)
    return {"reporting duties": len(loaded)} if loaded else {}
