"""Reads of the involvement register shared by pages, the API and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from tenantvoice.core.access import first_or_404
from tenantvoice.core.age_bands import age_bands_text, validate_age_bands
from tenantvoice.core.summaries import summarised
from tenantvoice.residents.models import PRIMARY_ROLES, Area, Resident, TenancyMember

from .eligibility import Eligibility, ResidentFacts, age_on
from .models import (
    PLACE_STATUSES,
    Election,
    ElectionStatus,
    Group,
    HowChosen,
    Level,
    LevelMembership,
    MembershipStatus,
    RoleHolding,
    SeatCategory,
    SeatHolding,
)


def resident_facts(resident: Resident, on: dt.date | None = None) -> ResidentFacts:
    """What eligibility rules depend on, from the resident's current tenancies on ``on``."""
    on = on or timezone.localdate()
    memberships = (
        TenancyMember.objects.current(on).filter(resident=resident).select_related("tenancy__property__area")
    )
    tenures: set[str] = set()
    primary = managed_for = False
    area_ids: set[int] = set()
    for member in memberships:
        tenures.add(member.tenancy.tenure)
        primary = primary or member.role in PRIMARY_ROLES
        prop = member.tenancy.property
        managed_for = managed_for or bool(prop.managed_for)
        if prop.area is not None:
            area_ids.update(int(part) for part in prop.area.path.strip("/").split("/") if part)
            area_ids.add(prop.area.pk)
    names = frozenset(Area.objects.filter(pk__in=area_ids).values_list("full_name", flat=True))
    involved = (
        level_memberships_on(on)
        .filter(resident=resident, level__is_default=False, level__counts_as_involved=True)
        .exists()
        or seat_holdings_on(on).filter(resident=resident).exists()
    )
    return ResidentFacts(
        kind=resident.kind,
        age=age_on(resident.date_of_birth, on),
        tenures=frozenset(tenures),
        is_primary_tenant=primary,
        has_tenancy=bool(tenures),
        in_managed_for_home=managed_for,
        area_names=names,
        is_involved=involved,
    )


def level_places_taken(level: Level) -> int:
    return LevelMembership.objects.filter(level=level, status__in=PLACE_STATUSES).count()


def involvement_overview(on: dt.date) -> tuple[list[dict[str, Any]], list[tuple[Group, int]]]:
    """Each level with its members (places taken), waiting list and applications, and each
    group with its seats held on ``on``: one grouped count for the levels and one for the
    groups, however many levels and groups the strategy has."""
    by_status: dict[tuple[int, str], int] = {
        (row["level_id"], row["status"]): row["n"]
        for row in LevelMembership.objects.filter(
            status__in=[*PLACE_STATUSES, MembershipStatus.WAITING, MembershipStatus.APPLIED]
        )
        .values("level_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    levels = [
        {
            "level": level,
            "members": None
            if level.is_default
            else sum(by_status.get((level.pk, status), 0) for status in PLACE_STATUSES),
            "waiting": by_status.get((level.pk, MembershipStatus.WAITING), 0),
            "applied": by_status.get((level.pk, MembershipStatus.APPLIED), 0),
        }
        for level in Level.objects.all()
    ]
    held = dict(
        seat_holdings_on(on)
        .values_list("seat_category__group_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("seat_category__group_id", "n")
    )
    return levels, [(group, held.get(group.pk, 0)) for group in Group.objects.all()]


def level_has_place(level: Level) -> bool:
    return level.cap is None or level_places_taken(level) < level.cap


def waiting_position(membership: LevelMembership) -> int | None:
    """1 for the first in line; None when not waiting."""
    if membership.status != MembershipStatus.WAITING:
        return None
    ahead = (
        LevelMembership.objects.filter(level_id=membership.level_id, status=MembershipStatus.WAITING)
        .filter(
            Q(requested_at__lt=membership.requested_at)
            | Q(requested_at=membership.requested_at, pk__lt=membership.pk)
        )
        .count()
    )
    return ahead + 1


# --- Who was where on a date (decision 0023) ----------------------------------------------
# One dated query per fact; every page, report, audience and API list asks these.


def level_memberships_on(on: dt.date) -> QuerySet[LevelMembership]:
    """The memberships putting residents on a level on ``on``: at most one per resident."""
    return LevelMembership.objects.held_on(on)


def levels_held_during(start: dt.date, end: dt.date) -> QuerySet[LevelMembership]:
    """The memberships putting residents on a level on at least one day of the period."""
    return LevelMembership.objects.held_during(start, end)


def seat_holdings_on(on: dt.date) -> QuerySet[SeatHolding]:
    """The seats held on ``on`` (the first and the last day of a holding count)."""
    return SeatHolding.objects.held_on(on)


def roles_on(on: dt.date) -> QuerySet[RoleHolding]:
    """The offices (chair, vice chair ...) held on ``on``, by someone holding their seat then."""
    return RoleHolding.objects.held_on(on)


def level_held_on(resident: Any, day: Any) -> Subquery:
    """In SQL: the id of the level ``resident`` (a resident id, e.g. an ``OuterRef``) held on
    ``day`` (a date or a date expression); NULL when none was joined, i.e. the default level.
    The same rule as :func:`level_memberships_on`: the later-started membership wins a move day."""
    return Subquery(
        LevelMembership.objects.filter(resident=resident, started_on__isnull=False, started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("-started_on", "-pk")
        .values("level_id")[:1]
    )


def persons_at_levels(start: dt.date, end: dt.date) -> dict[int, int]:
    """How many people were at each level (by id) on at least one day from ``start`` to ``end``;
    a person at two levels in the period counts at both. The default level counts those living
    in one of the landlord's homes in the period who were at no higher level in it.

    For one day this is *Involvement in numbers*; for a quarter, the quarterly return: both
    read it, so the two give the same figure for the same level on the same day. The default
    level is a count over the whole register, so the figures come from the summary store,
    exact until the register or involvement next changes (decision 0040)."""
    counts = persons_at_levels_summary(start=start, end=end)
    return {int(pk): int(n) for pk, n in counts.items()}


@summarised(lambda **arguments: ["register", "involvement"])
def persons_at_levels_summary(start: str, end: str) -> dict[int, int]:
    """``persons_at_levels`` counted directly from the tables (dates as ISO text)."""
    return _persons_at_levels(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def _persons_at_levels(start: dt.date, end: dt.date) -> dict[int, int]:
    higher = levels_held_during(start, end).filter(level__is_default=False)
    counts = dict(higher.values_list("level").annotate(n=Count("resident", distinct=True)).order_by())
    default = Level.objects.filter(is_default=True).first()
    if default is not None:
        at_home = TenancyMember.objects.during(start, end).filter(resident=OuterRef("pk"))
        counts[default.pk] = (
            Resident.objects.filter(Exists(at_home))
            .exclude(Exists(higher.filter(resident=OuterRef("pk"))))
            .count()
        )
    return counts


def resident_level_on(resident: Resident, on: dt.date) -> Level | None:
    """The level the resident was on that day (the default level when none was joined)."""
    membership = level_memberships_on(on).filter(resident=resident).select_related("level").first()
    if membership is not None:
        return membership.level
    return Level.objects.filter(is_default=True).first()


def level_members_on(level: Level, on: dt.date) -> QuerySet[LevelMembership]:
    return level_memberships_on(on).filter(level=level).select_related("resident")


def resident_open_memberships(resident: Resident) -> QuerySet[LevelMembership]:
    return LevelMembership.objects.filter(
        resident=resident,
        status__in=[
            MembershipStatus.APPLIED,
            MembershipStatus.WAITING,
            MembershipStatus.OFFERED,
            MembershipStatus.ACTIVE,
        ],
    ).select_related("level")


def seat_holdings_current(category: SeatCategory, on: dt.date) -> QuerySet[SeatHolding]:
    return seat_holdings_on(on).filter(seat_category=category)


def resident_seats_current(resident: Resident, on: dt.date) -> list[SeatHolding]:
    """The seats a resident holds on ``on``, with the roles (chair ...) they hold then."""
    from django.db.models import Prefetch

    from .models import RoleHolding

    roles = RoleHolding.objects.filter(started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )
    return list(
        SeatHolding.objects.filter(resident=resident, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .select_related("seat_category__group")
        .prefetch_related(Prefetch("roles", queryset=roles, to_attr="current_roles"))
        .order_by("seat_category__group__name", "pk")
    )


def group_holdings_current(group_id: int, on: dt.date) -> QuerySet[SeatHolding]:
    return (
        seat_holdings_on(on)
        .filter(seat_category__group_id=group_id)
        .select_related("seat_category", "resident")
    )


def opportunities_menu(*, kind: str = "", style: str = "", influence: str = "", hours: str = "") -> list[Any]:
    """The open opportunities, filtered as residents choose on the menu page."""
    from .models import Opportunity

    items = Opportunity.objects.filter(is_open=True).select_related("level", "group").order_by("name")
    if kind:
        items = items.filter(kind=kind)
    if style in ("formal", "informal"):
        items = items.filter(formal=style == "formal")
    if style in ("individual", "collective"):
        items = items.filter(collective=style == "collective")
    if hours.isdigit():
        items = items.filter(Q(hours_per_month__isnull=True) | Q(hours_per_month__lte=int(hours)))
    found = list(items)
    if influence:
        # A short list: filtering the JSON list in Python keeps one query for both databases.
        found = [o for o in found if influence in o.influences]
    return found


def levels_for_comparison() -> list[dict[str, Any]]:
    levels = []
    for level in Level.objects.all():
        taken = level_places_taken(level) if level.cap else 0
        levels.append(
            {
                "level": level,
                "rules": level.rule.describe(),
                "places_left": None if level.cap is None else max(0, level.cap - taken),
            }
        )
    return levels


# --- "How we involve residents": every rule with where it comes from (decision 0022) -----

RULE_LABELS = {
    "name": "What it is",
    "cap": "Most members",
    "needs_application": "Joining",
    "eligibility": "Who can take part",
    "electorate": "Who can vote",
    "time_commitment": "Time it takes",
    "hours_per_month": "Hours a month",
    "counts_as_involved": "Counts as being involved",
    "age_bands": "Age bands in reports of who takes part",
    "suppression_threshold": "Smallest number of people a report shows",
    "min_members": "Fewest members",
    "max_members": "Most members",
    "attendance_commitment_percent": "Attendance members commit to",
    "min_commitment_months": "Commitment",
    "meetings_per_year": "Meetings",
    "meetings_min": "Fewest meetings a year",
    "meetings_max": "Most meetings a year",
    "is_level": "The group is a level",
    "how_chosen": "How members are chosen",
    "how_filled": "How seats are filled",
    "term_years": "Term of office",
    "max_consecutive_terms": "Most terms in a row",
    "term_break_days": "Break that ends a run of terms",
    "chair_term_years": "Chair's term",
    "consulted_on": "Consulted on",
    "terms_of_reference": "Terms of reference",
    "lead_officer": "Lead officer",
    "supporting_officers": "Supported by",
    "purpose": "What it does",
    "seats": "Seats",
    "voting": "Voting",
    "nominated_by": "Nominated by",
    "nominating_body": "Nominated by",
    "can_chair": "Chair",
    "frequency": "How often",
    "notice_working_days": "Notice of a meeting",
    "minutes_working_days": "Minutes and actions after a meeting",
    "info_request_working_days": "Answer to a request for information",
    "consultation_min_days": "Shortest time to reply to a consultation",
    "offer_working_days": "Time to accept a place offered from a waiting list",
    "attendance_window_months": "Attendance measured over",
    "surveys_per_year": "Surveys a year",
    "survey_cycle_weeks": "Weeks in each survey cycle",
    "feedback_working_days": '"You said, we did" after a survey closes',
    "scrutiny_reviews_per_year": "Services reviewed by the scrutiny panel each year",
    "equality_impact_assessment_months": "An equality impact assessment of the strategy every",
}
_UNITS = {
    "notice_working_days": "working days before",
    "minutes_working_days": "working days",
    "info_request_working_days": "working days",
    "consultation_min_days": "days",
    "offer_working_days": "working days",
    "attendance_window_months": "months",
    "equality_impact_assessment_months": "months",
    "survey_cycle_weeks": "weeks",
    "feedback_working_days": "working days",
    "term_years": "years",
    "chair_term_years": "years",
    "min_commitment_months": "months of involvement",
    "term_break_days": "days",
    "attendance_commitment_percent": "%",
}


def _shown(name: str, value: Any) -> str:
    """A rule's value as residents read it."""
    if value is None or value == "" or value == []:
        return "None" if name != "seats" else "No limit"
    if name in ("eligibility", "electorate"):
        return " ".join(Eligibility.from_data(value).describe()) or "Anyone"
    if name in ("how_chosen", "how_filled"):
        return str(HowChosen(value).label)
    if isinstance(value, bool):
        words = {
            "needs_application": ("By application and selection", "Open"),
            "voting": ("Can vote", "Cannot vote"),
            "can_chair": ("Can chair the group", "Does not chair"),
            "counts_as_involved": ("Yes", "No"),
            "is_level": ("Yes: a place on it needs the level and ends when the level does", "No"),
        }
        yes, no = words.get(name, ("Yes", "No"))
        return yes if value else no
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float | Decimal):
        # 1.0 hours reads "1", 2.5 stays "2.5".
        value = int(value) if value == int(value) else value
    if isinstance(value, int):
        value = f"{value:,}"
    unit = _UNITS.get(name)
    if unit == "%":
        return f"{value}%"
    return f"{value} {unit}" if unit else str(value)


def _rule_lines(values: dict[str, Any], sources: dict[str, Any]) -> list[dict[str, Any]]:
    lines = []
    for name, source in sources.items():
        if name == "name":
            continue
        lines.append(
            {
                "label": RULE_LABELS.get(name, name.replace("_", " ").capitalize()),
                "value": _shown(name, values.get(name)),
                "source": source,
                "default": _shown(name, source.get("default")) if source.get("chosen") else "",
            }
        )
    return lines


def involvement_rules() -> dict[str, Any]:
    """Every level, group, seat and standard with each rule and where it comes from."""
    from tenantvoice.core.selectors import landlord_get
    from tenantvoice.strategies.standards import standards_get

    landlord = landlord_get()
    standards = asdict(standards_get())
    standard_sources = {k: v for k, v in landlord.standards_sources.items() if k != "governance"}
    # The [landlord] values a strategy file sourced are rules of the strategy too.
    bands = age_bands_text(validate_age_bands(landlord.age_bands))
    standards["age_bands"] = bands or "The platform's default bands"
    standards["suppression_threshold"] = landlord.suppression_threshold
    levels = [
        {
            "item": level,
            "source": level.sources.get("name"),
            "rules": _rule_lines({f: getattr(level, f, None) for f in level.sources}, level.sources),
        }
        for level in Level.objects.all()
    ]
    groups = []
    for group in Group.objects.filter(is_active=True).prefetch_related("seat_categories", "consulted_on"):
        values: dict[str, Any] = {f: getattr(group, f, None) for f in group.sources if f != "consulted_on"}
        values["consulted_on"] = [a.name for a in group.consulted_on.all()] or ["Every service"]
        seats = []
        for seat in group.seat_categories.all():
            seat_values = {f: getattr(seat, f, None) for f in seat.sources}
            if seat.nominated_by_id:
                seat_values["nominated_by"] = seat.nominated_by.name if seat.nominated_by else ""
            seats.append(
                {
                    "item": seat,
                    "source": seat.sources.get("name"),
                    "rules": _rule_lines(seat_values, seat.sources),
                }
            )
        groups.append(
            {
                "item": group,
                "source": group.sources.get("name"),
                "rules": _rule_lines(values, group.sources),
                "seats": seats,
            }
        )
    return {
        "levels": levels,
        "groups": groups,
        "standards": _rule_lines(standards, standard_sources),
    }


# Fetch and check (decision 0038): the object or Http404, never 403. Officers' functions are
# called under the view's ``require_capability``, which is the whole check for them.


def access_group_for_anyone(slug: str) -> Group:
    """A group, whose public calendar anyone may read."""
    return first_or_404(Group.objects.all(), "There is no such group.", slug=slug)


def access_joinable_level_for_anyone(slug: str) -> Level:
    """A level residents may apply to join (not the default level everyone is on)."""
    return first_or_404(Level.objects.all(), "There is no such level.", slug=slug, is_default=False)


def access_membership_for_resident(resident: Resident, pk: object) -> LevelMembership:
    """The resident's own membership of a level, or their application to one."""
    return first_or_404(
        LevelMembership.objects.select_related("level"),
        "That is not one of your requests.",
        pk=pk,
        resident=resident,
    )


def access_election_ballot_for_resident(resident: Resident, pk: object, on: dt.date) -> Election:
    """An election whose voting is open on ``on`` and in which the resident may vote."""
    from .elections import elector_problems  # elections reads this module's resident_facts

    election = first_or_404(
        Election.objects.select_related("seat_category__group"),
        "There is no ballot for you in this election.",
        pk=pk,
    )
    if not election.is_voting_open(on) or elector_problems(election, resident, on):
        raise Http404("There is no ballot for you in this election.")
    return election


def access_election_results_for_anyone(pk: object) -> Election:
    """An election whose results are published."""
    return first_or_404(
        Election.objects.all(), "There are no results here.", pk=pk, status=ElectionStatus.PUBLISHED
    )


def access_membership_for_staff(pk: object) -> LevelMembership:
    """Any resident's membership of a level, for an officer who manages involvement."""
    return first_or_404(
        LevelMembership.objects.select_related("level", "resident"), "There is no such membership.", pk=pk
    )


def access_seat_holding_for_staff(pk: object) -> SeatHolding:
    """Any resident's seat on a group, for an officer who manages involvement."""
    return first_or_404(
        SeatHolding.objects.select_related("seat_category__group"), "There is no such seat.", pk=pk
    )
