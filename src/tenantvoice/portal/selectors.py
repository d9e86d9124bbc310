"""Reads for the residents' pages: the sign-up check and my record.

Everything we hold about a resident is assembled by ``tenantvoice.core.personal_data``
from each app's ``subject_access.py`` (decision 0016).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.residents.models import (
    EqualityProfile,
    Resident,
    Tenancy,
    TenancyMember,
)
from tenantvoice.residents.normalise import postcode_key

# Children do not get their own account from the household check: a parent or carer
# speaks for them, and their data needs a different basis.
MIN_SIGN_UP_AGE = 16


def _current_member_filter(on: dt.date) -> Q:
    return (Q(start_date__isnull=True) | Q(start_date__lte=on)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )


def sign_up_candidates(*, tenancy_ref: str, date_of_birth: dt.date | None, postcode: str) -> list[Resident]:
    """The current household members who pass the check, oldest membership first.

    A date of birth picks out the person (or twins); the home's postcode proves only that
    the person knows the household, so every adult member is offered and they choose.
    An empty list means no match; callers must not say which part failed.
    """
    today = timezone.localdate()
    ref = tenancy_ref.strip()
    if not ref or (date_of_birth is None and not postcode.strip()):
        return []
    # hms_ref is matched exactly (a unique index); residents often type it in lower case.
    tenancy = (
        Tenancy.objects.current(today)
        .select_related("property")
        .filter(hms_ref__in={ref, ref.upper()})
        .first()
    )
    if tenancy is None:
        return []
    members = (
        TenancyMember.objects.filter(_current_member_filter(today), tenancy=tenancy)
        .select_related("resident")
        .order_by("pk")
    )
    residents = [m.resident for m in members]
    if date_of_birth is not None:
        matched = [r for r in residents if r.date_of_birth == date_of_birth]
    elif postcode_key(postcode) and postcode_key(postcode) == tenancy.property.postcode_key:
        matched = residents
    else:
        matched = []
    ages = [(r, r.age_on(today)) for r in matched]
    return [r for r, age in ages if age is None or age >= MIN_SIGN_UP_AGE]


def residents_with_accounts(resident_ids: list[int]) -> set[int]:
    return set(User.objects.filter(resident_id__in=resident_ids).values_list("resident_id", flat=True))


def email_in_use(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def current_memberships(resident: Resident) -> list[TenancyMember]:
    """The resident's current household memberships with tenancy, home and fellow members."""
    today = timezone.localdate()
    memberships = list(
        TenancyMember.objects.filter(
            _current_member_filter(today), resident=resident, tenancy__in=Tenancy.objects.current(today)
        )
        .select_related("tenancy__property__area")
        .order_by("-tenancy__start_date", "pk")
    )
    if not memberships:
        return []
    others = (
        TenancyMember.objects.filter(
            _current_member_filter(today), tenancy__in=[m.tenancy_id for m in memberships]
        )
        .exclude(resident=resident)
        .select_related("resident")
        .order_by("role", "pk")
    )
    by_tenancy: dict[int, list[TenancyMember]] = {}
    for other in others:
        by_tenancy.setdefault(other.tenancy_id, []).append(other)
    for membership in memberships:
        membership.other_members = by_tenancy.get(membership.tenancy_id, [])  # type: ignore[attr-defined]
    return memberships


def equality_profile_of(resident: Resident) -> EqualityProfile | None:
    return EqualityProfile.objects.filter(resident=resident).first()
