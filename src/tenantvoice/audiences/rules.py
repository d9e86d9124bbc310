"""The audience builder shared by campaigns (comms) and surveys: rules -> residents.

Each criterion that is filled in narrows the audience (AND); the choices inside one criterion
widen it (OR): "tenures: secure or assured" AND "areas: North". Nothing chosen means everyone
with a current tenancy, plus applicants and service users on the register. Saved segments are
unioned (a resident in any chosen segment) and then narrowed by the other criteria.

Every criterion is an EXISTS subquery on the resident, so the audience stays one query however
large the landlord is (a 100,000-resident campaign counts and queues without loading lists).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tenantvoice.core.text import one_of
from tenantvoice.residents.models import PRIMARY_ROLES, Area, Resident, ResidentKind, TenancyMember

# Opportunity kind whose level holds the register's survey group (Winchester's TenantLink).
SURVEY_GROUP_KIND = "survey_group"


@dataclass(frozen=True)
class Audience:
    levels: tuple[str, ...] = ()  # level slugs: current members
    groups: tuple[str, ...] = ()  # group slugs: current seat holders
    areas: tuple[int, ...] = ()  # area ids, each with every area inside it
    tenures: tuple[str, ...] = ()
    property_types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # household members, applicants, service users
    survey_group: bool = False  # on a level that has a survey-group opportunity
    primary_tenants_only: bool = False
    segments: tuple[int, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # kept, not used

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return {
            key: list(value) if isinstance(value, tuple) else value for key, value in data.items() if value
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Audience:
        data = dict(data or {})
        known = {f.name for f in fields(cls)} - {"extra"}
        values: dict[str, Any] = {}
        for name in known:
            if name not in data:
                continue
            value = data.pop(name)
            values[name] = value if isinstance(value, bool) else tuple(value)
        return cls(**values, extra=data)

    @property
    def is_everyone(self) -> bool:
        return not self.to_json()


def audience_residents(audience: Audience, on: dt.date | None = None) -> QuerySet[Resident]:
    """The residents in ``audience`` on ``on`` (today by default), each once."""
    from tenantvoice.audiences.models import Segment
    from tenantvoice.involvement.models import Opportunity
    from tenantvoice.involvement.selectors import level_memberships_on, seat_holdings_on

    on = on or timezone.localdate()
    current_members = TenancyMember.objects.current(on).filter(resident=OuterRef("pk"))
    residents = Resident.objects.all()
    if audience.segments:
        union = Q(pk__in=[])
        for segment in Segment.objects.filter(pk__in=audience.segments):
            union |= Q(pk__in=audience_residents(Audience.from_json(segment.rules), on).values("pk"))
        residents = residents.filter(union)
    if audience.kinds:
        residents = residents.filter(kind__in=audience.kinds)
    else:
        # Visitors recorded at an activity are not on the register (decision 0026): only an
        # audience that names them reaches them.
        residents = residents.exclude(kind=ResidentKind.VISITOR)
    # Household members count only while their tenancy is current; applicants and service
    # users are on the register without one.
    residents = residents.filter(Exists(current_members) | ~Q(kind=ResidentKind.HOUSEHOLD))
    tenancy_rules = Q()
    if audience.tenures:
        tenancy_rules &= Q(tenancy__tenure__in=audience.tenures)
    if audience.property_types:
        tenancy_rules &= Q(tenancy__property__property_type__in=audience.property_types)
    if audience.areas:
        area_ids = _areas_within(audience.areas)
        tenancy_rules &= Q(tenancy__property__area_id__in=area_ids)
    if audience.primary_tenants_only:
        tenancy_rules &= Q(role__in=PRIMARY_ROLES)
    if tenancy_rules:
        residents = residents.filter(Exists(current_members.filter(tenancy_rules)))
    if audience.levels:
        residents = residents.filter(
            Exists(level_memberships_on(on).filter(resident=OuterRef("pk"), level__slug__in=audience.levels))
        )
    if audience.survey_group:
        levels = Opportunity.objects.filter(kind=SURVEY_GROUP_KIND).values("level_id")
        residents = residents.filter(
            Exists(level_memberships_on(on).filter(resident=OuterRef("pk"), level_id__in=levels))
        )
    if audience.groups:
        residents = residents.filter(
            Exists(
                seat_holdings_on(on).filter(
                    resident=OuterRef("pk"), seat_category__group__slug__in=audience.groups
                )
            )
        )
    return residents


def _areas_within(area_ids: tuple[int, ...]) -> list[int]:
    condition = Q(pk__in=[])
    for area in Area.objects.filter(pk__in=area_ids):
        condition |= Q(path__startswith=area.path)
    return list(Area.objects.filter(condition).values_list("pk", flat=True))


def audience_describe(audience: Audience) -> list[str]:
    """The rules in plain words, one line each, for the page that confirms a send."""
    from tenantvoice.audiences.models import Segment
    from tenantvoice.involvement.models import Group, Level
    from tenantvoice.residents.models import PropertyType, Tenure

    if audience.is_everyone:
        return [
            "Everyone on the register: current tenants and their households, applicants and service users."
        ]
    lines = []
    if audience.segments:
        lines.append("In the saved group: " + one_of(Segment.objects.filter(pk__in=audience.segments)))
    if audience.levels:
        levels = Level.objects.filter(slug__in=audience.levels)
        lines.append("Involved at: " + one_of(lv.name for lv in levels))
    if audience.survey_group:
        lines.append("In the survey group")
    if audience.groups:
        lines.append("Sitting on: " + one_of(g.name for g in Group.objects.filter(slug__in=audience.groups)))
    if audience.areas:
        lines.append("Living in: " + one_of(a.full_name for a in Area.objects.filter(pk__in=audience.areas)))
    if audience.tenures:
        tenures = [str(Tenure(t).label) for t in audience.tenures if t in Tenure.values]
        lines.append("Tenure: " + one_of(tenures))
    if audience.property_types:
        lines.append(
            "Home: "
            + one_of(str(PropertyType(t).label) for t in audience.property_types if t in PropertyType.values)
        )
    if audience.kinds:
        lines.append(
            "Who: " + one_of(str(ResidentKind(k).label) for k in audience.kinds if k in ResidentKind.values)
        )
    if audience.primary_tenants_only:
        lines.append("Named tenants only")
    return lines
