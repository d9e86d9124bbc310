"""Single-use, expiring links for accounts: password reset, a new staff member's first
password, and confirming an email address (decision 0014).

Each is Django's ``PasswordResetTokenGenerator``: an HMAC of the account's state with a
timestamp, so nothing is stored, a link stops working once used (the state it hashed has
changed) and after its lifetime (a setting).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.management.base import CommandError
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode


class _ExpiringGenerator(PasswordResetTokenGenerator):
    """A generator whose lifetime is its own setting rather than PASSWORD_RESET_TIMEOUT."""

    timeout_setting = "PASSWORD_RESET_TIMEOUT"

    @property
    def timeout_seconds(self) -> int:
        return int(getattr(settings, self.timeout_setting))

    def check_token(self, user: Any, token: Any) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _ = str(token).split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= self.timeout_seconds


class PasswordLinkGenerator(_ExpiringGenerator):
    """Reset and set-password links: spent once the password changes or the user signs in."""

    key_salt = "tenantvoice.accounts.password"


class NewStaffLinkGenerator(PasswordLinkGenerator):
    """A new member of staff's first password: the same hash, a longer life."""

    timeout_setting = "TENANTVOICE_NEW_STAFF_LINK_SECONDS"


class EmailLinkGenerator(_ExpiringGenerator):
    """Confirming an email address: spent once confirmed (the confirmed time or pending address changes)."""

    key_salt = "tenantvoice.accounts.email"
    timeout_setting = "TENANTVOICE_EMAIL_LINK_SECONDS"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        confirmed = "" if user.email_confirmed_at is None else user.email_confirmed_at.replace(microsecond=0)
        return f"{user.pk}{user.email}{user.pending_email}{confirmed}{user.is_active}{timestamp}"


password_links = PasswordLinkGenerator()
new_staff_links = NewStaffLinkGenerator()
email_links = EmailLinkGenerator()


def uid_for(user: Any) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def uid_parse(uidb64: str) -> int | None:
    try:
        value = force_str(urlsafe_base64_decode(uidb64))
    except (ValueError, TypeError):
        return None
    return int(value) if value.isdigit() else None


class TokenNotAllowed(CommandError):
    """An API token for an account that may not hold one (a resident's).

    A ``CommandError`` so that ``tenantvoice drf_create_token`` prints the reason plainly;
    anywhere else it is an ordinary exception that stops the save.
    """


def refuse_resident_tokens(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``pre_save`` of DRF's Token: residents' accounts cannot hold an API token."""
    from tenantvoice.core.roles import STAFF_ROLES

    if getattr(instance.user, "role", None) not in STAFF_ROLES:
        raise TokenNotAllowed(
            f"{instance.user.email} is a resident's account, which cannot hold an API token. "
            "Issue tokens to a staff or system account with the role the system needs."
        )
