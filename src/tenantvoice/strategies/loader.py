"""Loading a landlord's way of working from a strategy file in ``data/``.

A strategy is a TOML file (one per landlord; the format is in docs/strategies.md) holding
the levels of engagement, service areas, groups with their seats and terms, the menu of
opportunities and the service standards. Loading is idempotent: loading the same strategy
again updates what changed, matched on each item's slug. Loading a *different* strategy is
only allowed into a database where nobody has joined anything yet.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction, Nation
from tenantvoice.core.selectors import landlord_get
from tenantvoice.involvement.eligibility import Eligibility, RuleError
from tenantvoice.involvement.models import (
    Group,
    HowChosen,
    Influence,
    Level,
    LevelMembership,
    Opportunity,
    OpportunityKind,
    Recognition,
    SeatCategory,
    SeatHolding,
    ServiceArea,
)

from .standards import ServiceStandards, StandardsError


class StrategyError(Exception):
    """A strategy that cannot be loaded; the message says what and where."""


@dataclass(frozen=True)
class StrategyInfo:
    name: str
    title: str
    landlord: str
    source: str


def _data_dir() -> Any:
    return resources.files("tenantvoice.strategies") / "data"


def strategy_names() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in _data_dir().iterdir() if p.name.endswith(".toml"))


def strategy_read(name: str) -> dict[str, Any]:
    if name not in strategy_names():
        raise StrategyError(
            f"There is no strategy called '{name}'. Strategies: {', '.join(strategy_names())}."
        )
    try:
        return tomllib.loads((_data_dir() / f"{name}.toml").read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise StrategyError(f"The strategy file {name}.toml is not valid TOML: {exc}") from exc


def strategy_info(name: str) -> StrategyInfo:
    data = strategy_read(name)
    meta = data.get("strategy", {})
    return StrategyInfo(
        name=name,
        title=meta.get("title", name),
        landlord=data.get("landlord", {}).get("name", ""),
        source=meta.get("source", ""),
    )


def _choice(value: Any, choices: Any, where: str) -> str:
    if value not in choices.values:
        raise StrategyError(f"{where}: '{value}' is not one of {', '.join(choices.values)}.")
    return str(value)


def _rule(data: Any, where: str) -> dict[str, Any]:
    try:
        return Eligibility.from_data(data).as_data()
    except RuleError as exc:
        raise StrategyError(f"{where}: {exc}") from exc


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _upsert(model: Any, slug: str, values: dict[str, Any], **lookup: Any) -> Any:
    """Create or update one item, checked against the model's rules (lengths, choices ...)."""
    obj = model.objects.filter(slug=slug, **lookup).first() or model(slug=slug, **lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
        raise StrategyError(f"{model._meta.verbose_name} '{slug}': {problems}") from exc
    obj.save()
    return obj


@transaction.atomic
def strategy_load(name: str, *, by: Any = None) -> dict[str, int]:
    """Load (or reload) a strategy; returns how many of each thing it holds."""
    data = strategy_read(name)
    landlord = landlord_get()
    if (
        landlord.strategy
        and landlord.strategy != name
        and (LevelMembership.objects.exists() or SeatHolding.objects.exists())
    ):
        raise StrategyError(
            f"'{landlord.strategy}' is loaded and residents have joined its levels or groups, "
            f"so '{name}' cannot replace it. Load it into a fresh database."
        )
    try:
        standards = ServiceStandards.from_data(data.get("standards"))
    except StandardsError as exc:
        raise StrategyError(f"[standards]: {exc}") from exc
    meta = data.get("landlord", {})
    nation = _choice(meta.get("nation", landlord.nation), Nation, "[landlord] nation")
    landlord.nation = nation
    landlord.standards = standards.as_data()
    try:
        from tenantvoice.activities.governance import TimetableError, rules_from_data

        rules_from_data(data.get("governance", []))
    except TimetableError as exc:
        raise StrategyError(f"[[governance]]: {exc}") from exc
    landlord.governance = list(data.get("governance", []))
    landlord.strategy = name
    if meta.get("name") and landlord.name == settings.TENANTVOICE_LANDLORD_NAME:
        landlord.name = meta["name"]  # only a landlord still under its placeholder name is renamed
    if "suppression_threshold" in meta:
        landlord.suppression_threshold = int(meta["suppression_threshold"])
    landlord.save()

    areas = {
        a["slug"]: _upsert(ServiceArea, a["slug"], {"name": a["name"]}) for a in data.get("service_areas", [])
    }
    levels = _load_levels(data.get("levels", []))
    groups = _load_groups(data.get("groups", []), levels)
    opportunities = _load_opportunities(data.get("opportunities", []), levels, groups)
    counts = {
        "levels": len(levels),
        "service areas": len(areas),
        "groups": len(groups),
        "seat categories": SeatCategory.objects.filter(group__in=groups.values()).count(),
        "opportunities": len(opportunities),
    }
    audit_record(
        actor=by,
        action=AuditAction.IMPORT,
        object_type="strategy",
        object_id=name,
        summary=f"Loaded the strategy {name}: " + ", ".join(f"{n} {what}" for what, n in counts.items()),
        via="web" if by is not None else "command",
    )
    return counts


def _load_levels(items: list[dict[str, Any]]) -> dict[str, Level]:
    if items and sum(1 for item in items if item.get("default")) != 1:
        raise StrategyError(
            "[[levels]]: exactly one level must have default = true (the level everyone is on)."
        )
    orders = [item.get("order") for item in items]
    if len(set(orders)) != len(orders) or not all(isinstance(o, int) and o > 0 for o in orders):
        raise StrategyError("[[levels]]: each level needs its own order: 1, 2, 3 ...")
    # Orders are unique, so move existing ones out of the way before renumbering.
    for level in Level.objects.all():
        Level.objects.filter(pk=level.pk).update(order=10000 + level.pk, is_default=False)
    levels = {}
    for item in items:
        where = f"level '{item.get('slug')}'"
        cap = item.get("cap")
        if cap is not None and (not isinstance(cap, int) or cap < 1):
            raise StrategyError(f"{where}: cap must be a whole number of members, or left out for no limit.")
        levels[item["slug"]] = _upsert(
            Level,
            item["slug"],
            {
                "order": item["order"],
                "name": item["name"],
                "description": item.get("description", ""),
                "benefits": list(item.get("benefits", [])),
                "time_commitment": item.get("time_commitment", ""),
                "hours_per_month": _decimal(item.get("hours_per_month")),
                "cap": cap,
                "needs_application": bool(item.get("needs_application", False)),
                "is_default": bool(item.get("default", False)),
                "eligibility": _rule(item.get("eligibility"), where),
            },
        )
    return levels


def _load_groups(items: list[dict[str, Any]], levels: dict[str, Level]) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for item in items:  # first the groups themselves, so that seats can name any of them
        where = f"group '{item.get('slug')}'"
        groups[item["slug"]] = _upsert(
            Group,
            item["slug"],
            {
                "name": item["name"],
                "kind": _choice(item["kind"], OpportunityKind, f"{where} kind"),
                "purpose": item.get("purpose", ""),
                "level": _lookup(levels, item.get("level"), where, "level"),
                "min_members": item.get("min_members"),
                "max_members": item.get("max_members"),
                "attendance_commitment_percent": item.get("attendance_commitment_percent"),
                "min_commitment_months": item.get("min_commitment_months"),
                "meetings_per_year": item.get("meetings_per_year", ""),
                "how_chosen": _choice(item.get("how_chosen", "open"), HowChosen, f"{where} how_chosen"),
                "term_years": item.get("term_years"),
                "max_consecutive_terms": item.get("max_consecutive_terms"),
                "term_break_days": item.get("term_break_days", 365),
                "chair_term_years": item.get("chair_term_years"),
                "recognition": _choice(item.get("recognition", ""), Recognition, f"{where} recognition"),
            },
        )
    for item in items:
        group = groups[item["slug"]]
        seats = {}
        for seat in item.get("seats", []):
            where = f"group '{group.slug}' seat '{seat.get('slug')}'"
            seats[seat["slug"]] = _upsert(
                SeatCategory,
                seat["slug"],
                {
                    "name": seat["name"],
                    "seats": seat["seats"],
                    "voting": bool(seat.get("voting", True)),
                    "how_filled": _choice(seat.get("how_filled", "open"), HowChosen, f"{where} how_filled"),
                    "nominated_by": _lookup(groups, seat.get("nominated_by"), where, "group"),
                    "nominating_body": seat.get("nominating_body", ""),
                    "for_residents": bool(seat.get("for_residents", True)),
                    "eligibility": _rule(seat.get("eligibility"), where),
                    "electorate": _rule(seat.get("electorate"), f"{where} electorate"),
                    "term_years": seat.get("term_years"),
                    "can_chair": bool(seat.get("can_chair", False)),
                },
                group=group,
            )
        total = sum(s.seats for s in seats.values())
        if group.max_members is not None and seats and total < (group.min_members or 0):
            raise StrategyError(
                f"group '{group.slug}': its seats ({total}) are fewer than its minimum membership."
            )
    return groups


def _load_opportunities(
    items: list[dict[str, Any]], levels: dict[str, Level], groups: dict[str, Group]
) -> dict[str, Opportunity]:
    found = {}
    for item in items:
        where = f"opportunity '{item.get('slug')}'"
        influences = list(item.get("influences", []))
        for value in influences:
            _choice(value, Influence, f"{where} influences")
        found[item["slug"]] = _upsert(
            Opportunity,
            item["slug"],
            {
                "name": item["name"],
                "kind": _choice(item["kind"], OpportunityKind, f"{where} kind"),
                "summary": item.get("summary", ""),
                "formal": bool(item.get("formal", False)),
                "collective": bool(item.get("collective", True)),
                "frequency": item.get("frequency", ""),
                "hours_per_month": _decimal(item.get("hours_per_month")),
                "influences": influences,
                "eligibility": _rule(item.get("eligibility"), where),
                "level": _lookup(levels, item.get("level"), where, "level"),
                "group": _lookup(groups, item.get("group"), where, "group"),
                "how_to_join": item.get("how_to_join", ""),
                "is_open": bool(item.get("open", True)),
            },
        )
    return found


def _lookup(items: dict[str, Any], slug: str | None, where: str, noun: str) -> Any:
    if slug is None:
        return None
    if slug not in items:
        raise StrategyError(f"{where}: there is no {noun} '{slug}' in this strategy.")
    return items[slug]
