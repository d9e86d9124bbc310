"""Writes for the residents' pages: creating a resident's own account."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from tenantvoice.accounts import identity
from tenantvoice.accounts.models import Invitation, User
from tenantvoice.accounts.services import email_confirmation_send, recorded_details_tell
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import Resident


class AccountNotCreated(DomainError):
    """The account could not be made; the message is safe to show to the resident."""


ALREADY_HAS_ACCOUNT = (
    "There is already an account for this person. Sign in instead. If you have forgotten "
    "your password, use 'Forgot your password?' on the sign-in page."
)
EMAIL_IN_USE = "An account already uses this email address. Sign in, or use a different email address."

# How the person proved who they are, in the words of the audit log and the notice they get.
PROOF_WORDS = {
    "date_of_birth": "giving the tenancy reference and your date of birth",
    "code_email": "entering a code we sent to your email address",
    "code_sms": "entering a code we sent to your mobile phone",
    "invitation": "using an invitation we sent you",
}


def _unconfirmed(account: User) -> bool:
    """An account nobody ever confirmed or used, which a new proven sign-up may replace."""
    return not account.is_active and account.email_confirmed_at is None and account.last_login is None


def resident_account_create(
    *,
    resident: Resident,
    email: str,
    password: str,
    proof: str,
    invitation: Invitation | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Make a resident's own account linked to ``resident``, not live until its email is confirmed.

    The caller has already proved who the person is (``proof``, a key of ``PROOF_WORDS``) or
    found a usable ``invitation``; an invitation is marked used in the same transaction, so it
    works only once. The account is inactive until the link sent to ``email`` is opened, and
    the resident's recorded contact details are told an account was made. An earlier account
    for the same person that was never confirmed (a mistyped address) is replaced.
    """
    if proof not in PROOF_WORDS:
        raise ValueError(f"Unknown proof {proof!r}")
    email = email.strip().lower()
    try:
        with transaction.atomic():
            if invitation is not None:
                # Locked and re-checked so two tabs cannot both use one invitation.
                invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
                if not invitation.is_usable() or invitation.resident_id != resident.pk:
                    raise AccountNotCreated("This invitation has already been used or has expired.")
            existing = User.objects.select_for_update().filter(resident=resident).first()
            if existing is not None:
                if not _unconfirmed(existing):
                    raise AccountNotCreated(ALREADY_HAS_ACCOUNT)
                audit_record(
                    actor=None,
                    action=AuditAction.DELETE,
                    object_type="account",
                    object_id=existing.pk,
                    resident_id=resident.pk,
                    summary="Removed an account that was never confirmed, replaced by a new sign-up",
                    via="sign-up",
                    request=request,
                )
                existing.delete()
            if User.objects.filter(email__iexact=email).exists():
                raise AccountNotCreated(EMAIL_IN_USE)
            user = User.objects.create_user(
                email,
                password,
                role=Role.RESIDENT,
                resident=resident,
                full_name=resident.display_name,
                is_active=False,
            )
            how = PROOF_WORDS[proof]
            summary = f"Resident created their own account after {how.replace('your', 'their')}"
            changes: dict[str, list[object]] = {}
            if invitation is not None:
                invitation.used_at = timezone.now()
                invitation.used_by = user
                invitation.save(update_fields=["used_at", "used_by"])
                inviter = invitation.created_by.email if invitation.created_by else "an account since closed"
                summary = (
                    f"Invitation {invitation.pk} (sent by {inviter}) redeemed: account {user.pk} created"
                )
                changes = {"invited_by": [None, inviter], "redeemed_by_account": [None, user.pk]}
            audit_record(
                actor=user,
                action=AuditAction.CREATE,
                object_type="invitation" if invitation is not None else "account",
                object_id=invitation.pk if invitation is not None else user.pk,
                resident_id=resident.pk,
                request=request,
                summary=summary + ("; not live until the email address is confirmed" if not changes else ""),
                changes=changes,
            )
            email_confirmation_send(user=user, address=email)
            recorded_details_tell(
                resident=resident,
                template="account_created_notice",
                key=f"account-created:{user.pk}",
                context={"how": how, "email": identity.mask_email(email)},
            )
    except IntegrityError as exc:
        # Another request made the account between the check and the insert.
        raise AccountNotCreated(ALREADY_HAS_ACCOUNT) from exc
    return user
