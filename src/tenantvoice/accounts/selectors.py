"""Reads for administrators' account pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tenantvoice.core.roles import STAFF_ROLES

from .models import User


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


def staff_account_get(pk: int) -> User:
    """A staff account by id, or ``User.DoesNotExist`` (residents' accounts are not managed here)."""
    return staff_accounts_list().get(pk=pk)


def api_tokens_list() -> list[dict[str, Any]]:
    """Every API token's holder, when it was issued and when it expires; never the key itself."""
    from .services import api_token_expires_at

    return [
        {"account": token.user, "created": token.created, "expires": api_token_expires_at(token)}
        for token in Token.objects.select_related("user").order_by("user__email")
    ]
