"""Reads of the involvement register shared by pages, the API and reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tenantvoice.residents.models import PRIMARY_ROLES, Area, Resident, TenancyMember

from .eligibility import ResidentFacts, age_on
from .models import (
    PLACE_STATUSES,
    Level,
    LevelMembership,
    MembershipStatus,
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
        LevelMembership.objects.active_on(on).filter(resident=resident, level__is_default=False).exists()
        or SeatHolding.objects.filter(resident=resident, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .exists()
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


def resident_level_on(resident: Resident, on: dt.date) -> Level | None:
    """The level the resident was on that day (the default level when none was joined)."""
    membership = (
        LevelMembership.objects.active_on(on)
        .filter(resident=resident)
        .select_related("level")
        .order_by("-started_on", "-pk")
        .first()
    )
    if membership is not None:
        return membership.level
    return Level.objects.filter(is_default=True).first()


def level_members_on(level: Level, on: dt.date) -> QuerySet[LevelMembership]:
    return LevelMembership.objects.active_on(on).filter(level=level).select_related("resident")


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
    return SeatHolding.objects.filter(seat_category=category, started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )


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
        SeatHolding.objects.filter(seat_category__group_id=group_id, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
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
