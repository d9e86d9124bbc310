"""Reads for administrators' account pages and for residents' sign-up checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tenantvoice.core.access import first_or_404
from tenantvoice.core.roles import STAFF_ROLES
from tenantvoice.residents.models import Resident, Tenancy, TenancyMember
from tenantvoice.residents.normalise import postcode_key

from . import identity
from .models import User


def staff_accounts_to_choose() -> QuerySet[User]:
    """Active staff accounts, by name, for a form's list of people (an action's owner, a review's
    officer lead): a landlord has tens of them, not thousands."""
    return User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by("full_name", "email")


def staff_accounts_list() -> QuerySet[User]:
    """Staff accounts (and system accounts, which have a staff role), with whether MFA is set up."""
    return (
        User.objects.filter(role__in=STAFF_ROLES)
        .annotate(
            has_mfa=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            has_token=Exists(Token.objects.filter(user=OuterRef("pk"))),
        )
        .order_by("email")
    )


def access_staff_account_for_admin(pk: object) -> User:
    """A staff account by id, or Http404 (residents' accounts are not managed here; decision 0038)."""
    return first_or_404(staff_accounts_list(), "There is no staff account with that number.", pk=pk)


def access_account_for_admin(pk: object) -> User:
    """Any account by id (an API token may be any account's), or Http404."""
    return first_or_404(User.objects.all(), "There is no account with that number.", pk=pk)


def api_tokens_list() -> list[dict[str, Any]]:
    """Every API token's holder, when it was issued and when it expires; never the key itself."""
    from .services import api_token_expires_at

    return [
        {"account": token.user, "created": token.created, "expires": api_token_expires_at(token)}
        for token in Token.objects.select_related("user").order_by("user__email")
    ]


# --- Residents' sign-up checks (decision 0014) ---------------------------------------------


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
        TenancyMember.objects.current(today).filter(tenancy=tenancy).select_related("resident").order_by("pk")
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
