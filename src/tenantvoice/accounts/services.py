"""Account writes: MFA enrolment and invitations."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction

from .models import Invitation, User

INVITATION_DAYS = 28


def mfa_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator, made if there is none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def mfa_confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def mfa_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm an authenticator once the user has typed a code it shows."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, resident_id: int, created_by: User) -> str:
    """Make an invitation and return the one-time token (only its hash is stored)."""
    token = secrets.token_urlsafe(24)
    Invitation.objects.create(
        resident_id=resident_id,
        token_hash=_hash_token(token),
        created_by=created_by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    audit_record(
        actor=created_by,
        action=AuditAction.CREATE,
        object_type="invitation",
        resident_id=resident_id,
        summary="Invited the resident to create an account",
    )
    return token


def invitation_find(*, token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("resident").filter(token_hash=_hash_token(token)).first()
    if invitation is None or not invitation.is_usable():
        return None
    return invitation
