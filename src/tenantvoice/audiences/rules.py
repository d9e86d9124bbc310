"""The audience builder shared by campaigns (comms) and surveys: rules -> residents.

Each criterion that is filled in narrows the audience (AND); the choices inside one criterion
widen it (OR): "tenures: secure or assured" AND "areas: North". Nothing chosen means everyone
with a current tenancy, plus applicants and service users on the register. Saved segments are
unioned (a resident in any chosen segment) and then narrowed by the other criteria.

Every criterion is one condition on the resident (a column, or one EXISTS / IN subquery), so the
audience stays one query however large the landlord is (a 100,000-resident campaign counts and
queues without loading lists).

The criteria about the person (age, preferred language and channel, support needs, contact
details on file, whether they are involved) mean what the representation tables mean by the
same words (decision 0048): support needs are read through the very expression
``representation.characteristics.SUPPORT_NEEDS`` counts with, and "involved" is
``representation.populations.all_involved``. Equality characteristics are never criteria: no
one is chosen for anything by special category data (UK GDPR Article 9).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tenantvoice.core.languages import language_name
from tenantvoice.core.text import one_of
from tenantvoice.residents.models import (
    PRIMARY_ROLES,
    Area,
    Channel,
    Location,
    Resident,
    ResidentKind,
    TenancyMember,
)

# Opportunity kind whose level holds the register's survey group (Winchester's TenantLink).
SURVEY_GROUP_KIND = "survey_group"

# The code, in ``age_bands`` and ``languages``, for "not known" (no date of birth, no language
# recorded): the representation tables' code for the same category.
NOT_KNOWN = "not_known"

# Support needs, as the representation tables' categories (SUPPORT_NEEDS), and "any" of the
# first two.
SUPPORT_CHOICES = (
    ("format", "Needs an interpreter or an accessible format"),
    ("other", "Other support needs recorded (no interpreter or accessible format)"),
    ("any", "Any support need recorded"),
    ("none", "No support needs recorded"),
)
CONTACT_MISSING_CHOICES = (
    ("email", "No email address on file"),
    ("mobile", "No mobile number on file"),
    ("both", "Neither an email address nor a mobile number on file"),
)
INVOLVEMENT_CHOICES = (
    ("none", "Not involved at all"),
    ("involved", "Involved (on a level that counts as involved, or on a group)"),
)


def age_band_range(code: str) -> tuple[int | None, int | None] | None:
    """An age band's code as the representation tables write it ("16-24", "75-", "under-16")
    as (lowest age, highest age), None for an open end; None for a code that is not a band."""
    if code.startswith("under-") and code[6:].isdigit():
        return None, int(code[6:]) - 1
    low, dash, high = code.partition("-")
    if not dash or not low.isdigit() or not (high.isdigit() or high == ""):
        return None
    return int(low), int(high) if high else None


def age_band_label(code: str) -> str:
    """ "16 to 24", "75 and over", "Under 16", "Date of birth not known"."""
    if code == NOT_KNOWN:
        return "Date of birth not known"
    found = age_band_range(code)
    if found is None:
        return code
    low, high = found
    if low is None:
        return f"Under {(high or 0) + 1}"
    return f"{low} and over" if high is None else f"{low} to {high}"


def _aged(on: dt.date, low: int | None, high: int | None) -> Q:
    """Aged ``low`` to ``high`` (either open) on ``on``, by date of birth, as the
    representation tables' age bands count it."""
    from tenantvoice.surveys.population import years_before

    condition = Q(date_of_birth__isnull=False)
    if low is not None:
        condition &= Q(date_of_birth__lte=years_before(on, low))
    if high is not None:
        condition &= Q(date_of_birth__gt=years_before(on, high + 1))
    return condition


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
    # About the person (decision 0048). Age: in any of these bands (codes as the representation
    # tables write them, NOT_KNOWN for no date of birth) or from age_min to age_max on the day.
    age_bands: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    languages: tuple[str, ...] = ()  # language codes, NOT_KNOWN for none recorded
    channels: tuple[str, ...] = ()  # preferred channel
    support: tuple[str, ...] = ()  # SUPPORT_CHOICES
    contact_missing: str = ""  # CONTACT_MISSING_CHOICES
    locations: tuple[str, ...] = ()  # urban or rural home
    involvement: str = ""  # INVOLVEMENT_CHOICES
    at_home: bool = False  # only residents living in one of the landlord's homes on the day
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # kept, not used

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in data.items()
            # An age of 0 is a rule; nothing chosen (None, empty, False) is not.
            if value is not None and value is not False and value != () and value != ""
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
            values[name] = value if value is None or isinstance(value, bool | int | str) else tuple(value)
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
    if audience.at_home:
        residents = residents.filter(Exists(current_members))
    if audience.tenures:
        tenancy_rules &= Q(tenancy__tenure__in=audience.tenures)
    if audience.locations:
        tenancy_rules &= Q(tenancy__property__location__in=audience.locations)
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
    return _person_rules(residents, audience, on)


def _person_rules(residents: QuerySet[Resident], audience: Audience, on: dt.date) -> QuerySet[Resident]:
    """The criteria about the person: each one condition on the resident's row or one subquery."""
    if audience.age_bands or audience.age_min is not None or audience.age_max is not None:
        age = Q(pk__in=[])
        for code in audience.age_bands:
            if code == NOT_KNOWN:
                age |= Q(date_of_birth__isnull=True)
            elif (band := age_band_range(code)) is not None:
                age |= _aged(on, *band)
        if audience.age_min is not None or audience.age_max is not None:
            age |= _aged(on, audience.age_min, audience.age_max)
        residents = residents.filter(age)
    if audience.languages:
        language = Q(language__in=[c for c in audience.languages if c != NOT_KNOWN])
        if NOT_KNOWN in audience.languages:
            language |= Q(language="")
        residents = residents.filter(language)
    if audience.channels:
        residents = residents.filter(preferred_channel__in=audience.channels)
    if audience.support:
        from tenantvoice.representation.characteristics import SUPPORT_NEEDS

        wanted = set(audience.support) - {"any"}
        if "any" in audience.support:
            wanted |= {"format", "other"}
        residents = residents.alias(support_category=SUPPORT_NEEDS.expression(on)).filter(
            support_category__in=sorted(wanted)
        )
    if audience.contact_missing in ("email", "both"):
        residents = residents.filter(email="")
    if audience.contact_missing in ("mobile", "both"):
        residents = residents.filter(mobile_phone="")
    if audience.involvement:
        from tenantvoice.representation.populations import all_involved

        involved = Q(pk__in=all_involved(on))
        residents = residents.filter(involved if audience.involvement == "involved" else ~involved)
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
    if audience.at_home:
        lines.append("Living in one of our homes")
    if audience.locations:
        places = [str(Location(t).label).lower() for t in audience.locations if t in Location.values]
        lines.append("Home: " + one_of(places))
    return lines + _person_lines(audience)


def _person_lines(audience: Audience) -> list[str]:
    lines = []
    ages = [age_band_label(code) for code in audience.age_bands if code != NOT_KNOWN]
    if audience.age_min is not None and audience.age_max is not None:
        ages.append(f"{audience.age_min} to {audience.age_max}")
    elif audience.age_min is not None:
        ages.append(f"{audience.age_min} and over")
    elif audience.age_max is not None:
        ages.append(f"{audience.age_max} or under")
    if ages or NOT_KNOWN in audience.age_bands:
        said = "Aged " + one_of(ages) + " on the day" if ages else ""
        if NOT_KNOWN in audience.age_bands:
            said = f"{said}, or date of birth not known" if said else "Date of birth not known"
        lines.append(said)
    if audience.languages:
        lines.append(
            "Preferred language: "
            + one_of(
                "not recorded" if code == NOT_KNOWN else language_name(code) for code in audience.languages
            )
        )
    if audience.channels:
        lines.append(
            "Prefers to hear from us by: "
            + one_of(str(Channel(c).label).lower() for c in audience.channels if c in Channel.values)
        )
    if audience.support:
        needs = dict(SUPPORT_CHOICES)
        lines.append("Support needs: " + one_of(needs[c].lower() for c in audience.support if c in needs))
    if audience.contact_missing:
        lines.append(dict(CONTACT_MISSING_CHOICES).get(audience.contact_missing, ""))
    if audience.involvement:
        lines.append(dict(INVOLVEMENT_CHOICES).get(audience.involvement, ""))
    return [line for line in lines if line]
