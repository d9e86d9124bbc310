"""Writes for the residents' pages: creating a resident's own account."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from tenantvoice.accounts.models import Invitation, User
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import Resident


class AccountNotCreated(Exception):
    """The account could not be made; the message is safe to show to the resident."""


ALREADY_HAS_ACCOUNT = (
    "There is already an account for this person. Sign in instead. If you "
    "have forgotten your password, contact us."
)
EMAIL_IN_USE = "An account already uses this email address. Sign in, or use a different email address."


def resident_account_create(
    *,
    resident: Resident,
    email: str,
    password: str,
    invitation: Invitation | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Make a resident's own account linked to ``resident`` and audit it.

    The caller has already done the tenancy check or found a usable ``invitation``;
    an invitation is marked used in the same transaction, so it works only once.
    """
    email = email.strip().lower()
    try:
        with transaction.atomic():
            if invitation is not None:
                # Locked and re-checked so two tabs cannot both use one invitation.
                invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
                if not invitation.is_usable():
                    raise AccountNotCreated("This invitation has already been used or has expired.")
            if User.objects.filter(resident=resident).exists():
                raise AccountNotCreated(ALREADY_HAS_ACCOUNT)
            if User.objects.filter(email__iexact=email).exists():
                raise AccountNotCreated(EMAIL_IN_USE)
            user = User.objects.create_user(
                email, password, role=Role.RESIDENT, resident=resident, full_name=resident.display_name
            )
            if invitation is not None:
                invitation.used_at = timezone.now()
                invitation.save(update_fields=["used_at"])
            how = "an invitation" if invitation is not None else "the tenancy check"
            audit_record(
                actor=user,
                action=AuditAction.CREATE,
                object_type="account",
                object_id=user.pk,
                resident_id=resident.pk,
                request=request,
                summary=f"Resident created their own account after {how}",
            )
    except IntegrityError as exc:
        # Another request made the account between the check and the insert.
        raise AccountNotCreated(ALREADY_HAS_ACCOUNT) from exc
    return user
