"""Reads for the residents' pages: the sign-up check and my record.

Everything we hold about a resident is assembled by ``tenantvoice.core.personal_data``
from each app's ``subject_access.py`` (decision 0016).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from tenantvoice.accounts import identity
from tenantvoice.accounts.models import User
from tenantvoice.residents.models import (
    EqualityProfile,
    Resident,
    Tenancy,
    TenancyMember,
)
from tenantvoice.residents.normalise import postcode_key


def _household(tenancy_ref: str) -> tuple[Tenancy | None, list[Resident]]:
    """The current tenancy with this reference and its current adult members, oldest first."""
    today = timezone.localdate()
    ref = tenancy_ref.strip()
    if not ref:
        return None, []
    # hms_ref is matched exactly (a unique index); residents often type it in lower case.
    tenancy = (
        Tenancy.objects.current(today)
        .select_related("property")
        .filter(hms_ref__in={ref, ref.upper()})
        .first()
    )
    if tenancy is None:
        return None, []
    members = (
        TenancyMember.objects.current(today).filter(tenancy=tenancy)
        .select_related("resident")
        .order_by("pk")
    )
    return tenancy, [m.resident for m in members if identity.may_have_own_account(m.resident, today)]


def sign_up_by_date_of_birth(*, tenancy_ref: str, date_of_birth: dt.date | None) -> list[Resident]:
    """The current adult members of the tenancy whose own date of birth this is (twins: two).

    This proves the person (decision 0014). An empty list means no match; callers must not
    say which part failed.
    """
    _, adults = _household(tenancy_ref)
    return identity.matching_date_of_birth(adults, date_of_birth)


def sign_up_by_postcode(*, tenancy_ref: str, postcode: str) -> list[Resident]:
    """The current adult members a code could be sent to, if the postcode is the home's.

    The postcode proves only that someone knows the household, so this never proves the
    person: it offers who to send a one-time code to, at a detail already on their record.
    """
    tenancy, adults = _household(tenancy_ref)
    key = postcode_key(postcode)
    if tenancy is None or not key or key != tenancy.property.postcode_key:
        return []
    return [r for r in adults if identity.code_routes(r)]


def residents_with_accounts(resident_ids: list[int]) -> set[int]:
    """Residents whose account is live or was ever used (an unconfirmed one may be replaced)."""
    return set(
        User.objects.filter(resident_id__in=resident_ids)
        .filter(Q(is_active=True) | Q(email_confirmed_at__isnull=False) | Q(last_login__isnull=False))
        .values_list("resident_id", flat=True)
    )


def email_in_use(email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def current_memberships(resident: Resident) -> list[TenancyMember]:
    """The resident's current household memberships with tenancy, home and fellow members."""
    today = timezone.localdate()
    memberships = list(
        TenancyMember.objects.current(today).filter(resident=resident)
        .select_related("tenancy__property__area")
        .order_by("-tenancy__start_date", "pk")
    )
    if not memberships:
        return []
    others = (
        TenancyMember.objects.current(today).filter(tenancy__in=[m.tenancy_id for m in memberships])
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
