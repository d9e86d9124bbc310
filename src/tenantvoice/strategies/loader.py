"""Loading a landlord's way of working from a strategy file in ``data/``.

A strategy is a TOML file (one per landlord; the format is in docs/strategies.md) holding
the levels of engagement, service areas, groups with their seats and terms, the menu of
opportunities and the service standards. Loading is idempotent: loading the same strategy
again updates what changed, matched on each item's slug. Loading a *different* strategy is
only allowed into a database where nobody has joined anything yet.

Every value that is a rule (a cap, a seat count, a term, eligibility, a standard, a period,
a frequency, hours) carries where it comes from (decision 0022): a ``sources`` entry naming
the strategy's section with a short exact quote, or a regulation; or it sits in the item's
``chosen`` block, the landlord's own choice where its strategy is silent. A rule with
neither, an unknown key or a contradiction is refused, naming the file, item and field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from importlib import resources
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from tenantvoice.core.age_bands import AgeBandsError, age_bands_data, parse_age_bands
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction, Nation
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.summaries import bump
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


class StrategyError(DomainError):
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


# Keys of one source: the strategy's section and an exact quote, or a regulation (with an
# optional quote of it); a note says how the value was read from the words, if not obvious.
SOURCE_KEYS = frozenset({"section", "quote", "regulation", "note"})
# "A short exact quote": enough words to find the place, not a passage (the platform's choice;
# the longest quote in the shipped strategies is 218 characters).
QUOTE_MAX_CHARACTERS = 250

# The fields of each kind of item, and which of them are rules that need a source.
LEVEL_FIELDS = frozenset(
    {"order", "slug", "name", "default", "description", "benefits", "time_commitment", "hours_per_month",
     "cap", "needs_application", "eligibility", "counts_as_involved"}
)  # fmt: skip
LEVEL_RULES = frozenset(
    {"cap", "needs_application", "eligibility", "time_commitment", "hours_per_month", "counts_as_involved"}
)
GROUP_FIELDS = frozenset(
    {"slug", "name", "kind", "purpose", "level", "min_members", "max_members",
     "attendance_commitment_percent", "min_commitment_months", "meetings_per_year", "how_chosen",
     "term_years", "max_consecutive_terms", "term_break_days", "chair_term_years", "recognition",
     "terms_of_reference", "lead_officer", "supporting_officers", "consulted_on", "is_level",
     "meetings_min", "meetings_max"}
)  # fmt: skip
GROUP_RULES = frozenset(
    {"min_members", "max_members", "attendance_commitment_percent", "min_commitment_months",
     "meetings_per_year", "how_chosen", "term_years", "max_consecutive_terms", "term_break_days",
     "chair_term_years", "consulted_on", "is_level", "meetings_min", "meetings_max"}
)  # fmt: skip
SEAT_FIELDS = frozenset(
    {"slug", "name", "seats", "voting", "how_filled", "nominated_by", "nominating_body", "for_residents",
     "eligibility", "electorate", "term_years", "can_chair"}
)  # fmt: skip
SEAT_RULES = frozenset(
    {"seats", "voting", "how_filled", "nominated_by", "nominating_body", "eligibility", "electorate",
     "term_years", "can_chair"}
)  # fmt: skip
OPPORTUNITY_FIELDS = frozenset(
    {"slug", "name", "kind", "summary", "formal", "collective", "frequency", "hours_per_month",
     "influences", "eligibility", "level", "group", "how_to_join", "open"}
)  # fmt: skip
OPPORTUNITY_RULES = frozenset({"frequency", "hours_per_month", "eligibility"})
AREA_FIELDS = frozenset({"slug", "name"})
GOVERNANCE_FIELDS = frozenset({"slug", "name", "from", "days", "weekday", "before", "snap"})
GOVERNANCE_RULES = frozenset({"days", "weekday", "before", "snap"})
SECTIONS = frozenset(
    {"strategy", "landlord", "standards", "service_areas", "levels", "groups", "opportunities", "governance",
     "action_plan", "reviews", "indicators", "reporting"}
)  # fmt: skip
STRATEGY_FIELDS = frozenset({"title", "source", "seed"})
LANDLORD_FIELDS = frozenset({"name", "nation", "suppression_threshold", "age_bands", "sources"})
# [landlord] values that may (and, for age bands, must) say where they come from.
LANDLORD_SOURCED = frozenset({"suppression_threshold", "age_bands"})
# Where the key in the file differs from the model's field.
_MODEL_FIELD = {"default": "is_default", "open": "is_open"}


def _model_defaults(model: Any, names: frozenset[str]) -> dict[str, Any]:
    """The platform's default for each field: what it would be if the file left it out."""
    found: dict[str, Any] = {}
    for name in names:
        field = model._meta.get_field(_MODEL_FIELD.get(name, name))
        default = field.get_default() if field.has_default() else None
        found[name] = default if default not in ("", [], {}) else None
    return found


def _source(value: Any, where: str, name: str) -> dict[str, str]:
    here = f"{where} field '{name}'"
    if not isinstance(value, Mapping):
        raise StrategyError(
            f"{here}: a source is a table: {{ section = ..., quote = ... }} or {{ regulation = ... }}."
        )
    unknown = set(value) - SOURCE_KEYS
    if unknown:
        raise StrategyError(
            f"{here}: unknown key(s) in its source: {', '.join(sorted(unknown))}. "
            f"Known: {', '.join(sorted(SOURCE_KEYS))}."
        )
    if not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise StrategyError(f"{here}: each part of a source is some words, not empty.")
    if not value.get("regulation") and not (value.get("section") and value.get("quote")):
        raise StrategyError(
            f"{here}: a source needs the strategy's section and a quote from it, or a regulation."
        )
    quote = str(value.get("quote", "")).strip()
    if len(quote) > QUOTE_MAX_CHARACTERS:
        raise StrategyError(
            f"{here}: the quote is {len(quote)} characters; quote at most {QUOTE_MAX_CHARACTERS}, "
            "the words that state the rule, and say more in a note."
        )
    return {k: str(v).strip() for k, v in value.items()}


def _traced(
    item: Any,
    where: str,
    *,
    known: frozenset[str],
    rules: frozenset[str],
    defaults: Mapping[str, Any],
    nested: frozenset[str] = frozenset(),
    needs: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One item's values, with the landlord's choices merged in, and where each rule comes from.

    Refuses unknown keys, a source for a value that is not there, a value both sourced and
    chosen, and a rule with neither."""
    if not isinstance(item, Mapping):
        raise StrategyError(f"{where}: must be a table of fields.")
    unknown = set(item) - known - nested - {"sources", "chosen"}
    if unknown:
        raise StrategyError(
            f"{where} field '{sorted(unknown)[0]}': unknown key. Known: {', '.join(sorted(known | nested))}, "
            "sources, chosen."
        )
    given_sources = item.get("sources", {})
    chosen = item.get("chosen", {})
    for label, table in (("sources", given_sources), ("chosen", chosen)):
        if not isinstance(table, Mapping):
            raise StrategyError(f"{where} field '{label}': must be a table keyed by field name.")
    for name in chosen:
        if name not in rules:
            raise StrategyError(
                f"{where} field '{name}': only rules can be the landlord's choice "
                f"({', '.join(sorted(rules))})."
            )
        if name in item:
            raise StrategyError(
                f"{where} field '{name}': set both in the item and in its landlord's choices."
            )
    values = {k: v for k, v in item.items() if k not in ("sources", "chosen")} | dict(chosen)
    traced: dict[str, Any] = {}
    for name, value in given_sources.items():
        if name not in known:
            raise StrategyError(f"{where} field '{name}': has a source but is not a field of this item.")
        if name in chosen:
            raise StrategyError(
                f"{where} field '{name}': has a source and is also the landlord's choice; give one."
            )
        if name not in values:
            raise StrategyError(f"{where} field '{name}': has a source but no value.")
        traced[name] = _source(value, where, name)
    for name in chosen:
        traced[name] = {"chosen": True, "default": defaults.get(name)}
    for name in sorted(needs):
        if name not in traced:
            raise StrategyError(
                f"{where} field '{name}': no source. Say where the strategy names it: its section and an "
                "exact quote under sources."
            )
    for name in sorted(rules):
        if name in values and name not in traced:
            raise StrategyError(
                f"{where} field '{name}': no source. Give the strategy's section and an exact quote "
                f"(or a regulation) under sources, or move it to the landlord's choices (chosen)."
            )
    return values, traced


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
        return _load(name, data, landlord, by=by)
    except StrategyError as exc:
        raise StrategyError(f"{name}.toml: {exc}") from exc


def _landlord_sources(meta: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Where the [landlord] values come from. Age bands group residents in reports of who
    takes part, so a file that sets them says whose bands they are."""
    sources = meta.get("sources", {})
    if not isinstance(sources, Mapping):
        raise StrategyError("[landlord.sources]: a table of { section = ..., quote = ... } by field.")
    unknown = set(sources) - LANDLORD_SOURCED
    if unknown:
        raise StrategyError(
            f"[landlord.sources] field '{sorted(unknown)[0]}': unknown key. "
            f"Known: {', '.join(sorted(LANDLORD_SOURCED))}."
        )
    for name in sources:
        if name not in meta:
            raise StrategyError(
                f"[landlord.sources] field '{name}': has a source but no value in [landlord]."
            )
    if "age_bands" in meta and "age_bands" not in sources:
        raise StrategyError(
            "[landlord] field 'age_bands': say where the bands come from under [landlord.sources]."
        )
    return {name: _source(value, "[landlord]", name) for name, value in sources.items()}


def _load(name: str, data: dict[str, Any], landlord: Any, *, by: Any = None) -> dict[str, int]:
    unknown = set(data) - SECTIONS
    if unknown:
        raise StrategyError(f"unknown section [{sorted(unknown)[0]}]. Known: {', '.join(sorted(SECTIONS))}.")
    for section, known in (("strategy", STRATEGY_FIELDS), ("landlord", LANDLORD_FIELDS)):
        extra = set(data.get(section, {})) - known
        if extra:
            raise StrategyError(
                f"[{section}] field '{sorted(extra)[0]}': unknown key. Known: {', '.join(sorted(known))}."
            )
    standard_names = frozenset(f.name for f in fields(ServiceStandards))
    standard_values, standard_sources = _traced(
        data.get("standards", {}),
        "[standards]",
        known=standard_names,
        rules=standard_names,
        defaults={f.name: f.default for f in fields(ServiceStandards)},
    )
    try:
        standards = ServiceStandards.from_data(standard_values)
    except StandardsError as exc:
        raise StrategyError(f"[standards]: {exc}") from exc
    governance: list[dict[str, Any]] = []
    for item in data.get("governance", []):
        values, traced = _traced(
            item,
            f"governance rule '{item.get('slug')}'",
            known=GOVERNANCE_FIELDS,
            rules=GOVERNANCE_RULES,
            defaults={},
        )
        governance.append(values)
        if traced:
            standard_sources.setdefault("governance", {})[str(values.get("slug"))] = traced
    meta = data.get("landlord", {})
    nation = _choice(meta.get("nation", landlord.nation), Nation, "[landlord] nation")
    landlord.nation = nation
    landlord.standards = standards.as_data()
    landlord.standards_sources = standard_sources
    try:
        from tenantvoice.activities.governance import TimetableError, rules_from_data

        rules_from_data(governance)
    except TimetableError as exc:
        raise StrategyError(f"[[governance]]: {exc}") from exc
    landlord.governance = governance
    landlord.strategy = name
    if meta.get("name") and landlord.name == settings.TENANTVOICE_LANDLORD_NAME:
        landlord.name = meta["name"]  # only a landlord still under its placeholder name is renamed
    if "suppression_threshold" in meta:
        landlord.suppression_threshold = int(meta["suppression_threshold"])
    standard_sources.update(_landlord_sources(meta))
    if "age_bands" in meta:
        try:
            landlord.age_bands = age_bands_data(parse_age_bands(str(meta["age_bands"])))
        except AgeBandsError as exc:
            raise StrategyError(f"[landlord] field 'age_bands': {exc}") from exc
    landlord.save()

    areas = {}
    for item in data.get("service_areas", []):
        values, _ = _traced(
            item, f"service area '{item.get('slug')}'", known=AREA_FIELDS, rules=frozenset(), defaults={}
        )
        areas[values["slug"]] = _upsert(ServiceArea, values["slug"], {"name": values["name"]})
    levels = _load_levels(data.get("levels", []))
    groups = _load_groups(data.get("groups", []), levels, areas)
    opportunities = _load_opportunities(data.get("opportunities", []), levels, groups)
    counts = {
        "levels": len(levels),
        "service areas": len(areas),
        "groups": len(groups),
        "seat categories": SeatCategory.objects.filter(group__in=groups.values()).count(),
        "opportunities": len(opportunities),
    }
    from tenantvoice.plans.loading import plans_load

    counts |= plans_load(name, data, by=by)
    from tenantvoice.indicators.loading import indicators_load

    counts |= indicators_load(name, data, by=by)
    from tenantvoice.reporting.loading import reporting_load

    counts |= reporting_load(name, data, by=by)
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
    traced_items = []
    for item in items:
        where = f"level '{item.get('slug') if isinstance(item, Mapping) else item}'"
        values, traced = _traced(
            item,
            where,
            known=LEVEL_FIELDS,
            rules=LEVEL_RULES,
            defaults=_model_defaults(Level, LEVEL_RULES),
            needs=frozenset({"name"}),
        )
        if values.get("default"):
            for name in ("cap", "needs_application", "counts_as_involved"):
                if values.get(name):
                    raise StrategyError(
                        f"{where} field '{name}': the default level is everyone's, so it cannot have one."
                    )
        traced_items.append((values, traced))
    if items and sum(1 for item, _ in traced_items if item.get("default")) != 1:
        raise StrategyError(
            "[[levels]]: exactly one level must have default = true (the level everyone is on)."
        )
    orders = [item.get("order") for item in items]
    if len(set(orders)) != len(orders) or not all(isinstance(o, int) and o > 0 for o in orders):
        raise StrategyError("[[levels]]: each level needs its own order: 1, 2, 3 ...")
    # Orders are unique, so move existing ones out of the way before renumbering.
    for level in Level.objects.all():
        Level.objects.filter(pk=level.pk).update(order=10000 + level.pk, is_default=False)
    bump("involvement")  # the default level may change; update() sends no signal (decision 0040)
    levels = {}
    for item, traced in traced_items:
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
                "counts_as_involved": bool(item.get("counts_as_involved", not item.get("default", False))),
                "sources": traced,
            },
        )
    return levels


def _load_groups(
    items: list[dict[str, Any]], levels: dict[str, Level], areas: dict[str, ServiceArea]
) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    traced_items = []
    for item in items:  # first the groups themselves, so that seats can name any of them
        where = f"group '{item.get('slug') if isinstance(item, Mapping) else item}'"
        item, traced = _traced(
            item,
            where,
            known=GROUP_FIELDS,
            rules=GROUP_RULES,
            defaults=_model_defaults(Group, GROUP_RULES),
            nested=frozenset({"seats"}),
            needs=frozenset({"name"}),
        )
        traced_items.append((item, traced))
        _group_contradictions(item, where)
        officers = item.get("supporting_officers", [])
        if not isinstance(officers, list) or not all(isinstance(o, str) for o in officers):
            raise StrategyError(f"{where} field 'supporting_officers': a list of job titles.")
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
                "meetings_min": item.get("meetings_min"),
                "meetings_max": item.get("meetings_max"),
                "is_level": bool(item.get("is_level", False)),
                "how_chosen": _choice(item.get("how_chosen", "open"), HowChosen, f"{where} how_chosen"),
                "term_years": item.get("term_years"),
                "max_consecutive_terms": item.get("max_consecutive_terms"),
                "term_break_days": item.get("term_break_days", 365),
                "chair_term_years": item.get("chair_term_years"),
                "recognition": _choice(item.get("recognition", ""), Recognition, f"{where} recognition"),
                "terms_of_reference": item.get("terms_of_reference", ""),
                "lead_officer": item.get("lead_officer", ""),
                "supporting_officers": list(officers),
                "sources": traced,
            },
        )
        scope = item.get("consulted_on", [])
        if not isinstance(scope, list):
            raise StrategyError(f"{where} field 'consulted_on': a list of service areas' slugs.")
        groups[item["slug"]].consulted_on.set(
            [_lookup(areas, slug, f"{where} field 'consulted_on'", "service area") for slug in scope]
        )
    for item, _ in traced_items:
        group = groups[item["slug"]]
        seats = {}
        for seat in item.get("seats", []):
            where = f"group '{group.slug}' seat '{seat.get('slug') if isinstance(seat, Mapping) else seat}'"
            seat, traced = _traced(
                seat,
                where,
                known=SEAT_FIELDS,
                rules=SEAT_RULES,
                defaults=_model_defaults(SeatCategory, SEAT_RULES),
            )
            _seat_contradictions(seat, where, group)
            count = seat.get("seats")
            if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
                raise StrategyError(
                    f"{where} field 'seats': a whole number of seats, or left out for no limit."
                )
            seats[seat["slug"]] = _upsert(
                SeatCategory,
                seat["slug"],
                {
                    "name": seat["name"],
                    "seats": count,
                    "voting": bool(seat.get("voting", True)),
                    "how_filled": _choice(seat.get("how_filled", "open"), HowChosen, f"{where} how_filled"),
                    "nominated_by": _lookup(groups, seat.get("nominated_by"), where, "group"),
                    "nominating_body": seat.get("nominating_body", ""),
                    "for_residents": bool(seat.get("for_residents", True)),
                    "eligibility": _rule(seat.get("eligibility"), where),
                    "electorate": _rule(seat.get("electorate"), f"{where} electorate"),
                    "term_years": seat.get("term_years"),
                    "can_chair": bool(seat.get("can_chair", False)),
                    "sources": traced,
                },
                group=group,
            )
        limited = [s.seats for s in seats.values() if s.seats is not None]
        if seats and len(limited) == len(seats):
            total = sum(limited)
            if total < (group.min_members or 0):
                raise StrategyError(
                    f"group '{group.slug}' field 'min_members': its seats ({total}) are fewer than its "
                    "minimum membership."
                )
    return groups


def _group_contradictions(item: Mapping[str, Any], where: str) -> None:
    low, high = item.get("min_members"), item.get("max_members")
    if low is not None and high is not None and low > high:
        raise StrategyError(f"{where} field 'min_members': {low} is more than max_members ({high}).")
    fewest, most = item.get("meetings_min"), item.get("meetings_max")
    if fewest is not None and most is not None and fewest > most:
        raise StrategyError(f"{where} field 'meetings_min': {fewest} is more than meetings_max ({most}).")
    if item.get("is_level") and not item.get("level"):
        raise StrategyError(f"{where} field 'is_level': the group is a level, so name it in 'level'.")
    seat_terms = any(isinstance(s, Mapping) and s.get("term_years") for s in item.get("seats", []))
    for name in ("max_consecutive_terms", "chair_term_years", "term_break_days"):
        if item.get(name) is not None and item.get("term_years") is None and not seat_terms:
            raise StrategyError(f"{where} field '{name}': needs a term of office (term_years) to count from.")


def _seat_contradictions(seat: Mapping[str, Any], where: str, group: Group) -> None:
    how = seat.get("how_filled", "open")
    if seat.get("electorate") and how != HowChosen.ELECTION:
        raise StrategyError(f"{where} field 'electorate': the seat is filled by {how}, not by election.")
    if (seat.get("nominated_by") or seat.get("nominating_body")) and how != HowChosen.NOMINATION:
        name = "nominated_by" if seat.get("nominated_by") else "nominating_body"
        raise StrategyError(f"{where} field '{name}': the seat is filled by {how}, not by nomination.")
    if seat.get("nominated_by") == group.slug:
        raise StrategyError(f"{where} field 'nominated_by': a group cannot nominate to its own seats.")
    if seat.get("can_chair") and seat.get("for_residents") is False:
        raise StrategyError(f"{where} field 'can_chair': the chair is chosen from residents' seats.")
    count = seat.get("seats")
    if group.max_members is not None and isinstance(count, int) and count > group.max_members:
        raise StrategyError(
            f"{where} field 'seats': {count} seats on a group of at most {group.max_members} members."
        )


def _load_opportunities(
    items: list[dict[str, Any]], levels: dict[str, Level], groups: dict[str, Group]
) -> dict[str, Opportunity]:
    found = {}
    for item in items:
        where = f"opportunity '{item.get('slug') if isinstance(item, Mapping) else item}'"
        item, traced = _traced(
            item,
            where,
            known=OPPORTUNITY_FIELDS,
            rules=OPPORTUNITY_RULES,
            defaults=_model_defaults(Opportunity, OPPORTUNITY_RULES),
        )
        level = _lookup(levels, item.get("level"), where, "level")
        group = _lookup(groups, item.get("group"), where, "group")
        if (
            group is not None
            and group.level_id is not None
            and level is not None
            and group.level_id != level.pk
        ):
            raise StrategyError(
                f"{where} field 'level': needs level '{level.slug}', but its group '{group.slug}' is on "
                f"level '{group.level.slug}'."
            )
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
                "level": level,
                "group": group,
                "how_to_join": item.get("how_to_join", ""),
                "is_open": bool(item.get("open", True)),
                "sources": traced,
            },
        )
    return found


def _lookup(items: dict[str, Any], slug: str | None, where: str, noun: str) -> Any:
    if slug is None:
        return None
    if slug not in items:
        raise StrategyError(f"{where}: there is no {noun} '{slug}' in this strategy.")
    return items[slug]
