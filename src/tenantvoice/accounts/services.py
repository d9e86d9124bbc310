"""Account writes: MFA, invitations, sign-up codes, email confirmation, password reset, and
administrators' management of staff accounts and API tokens. Each change writes one audit row."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tenantvoice.comms.models import MessageChannel
from tenantvoice.comms.services import message_queue, message_queue_to
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import STAFF_ROLES, Role
from tenantvoice.residents.models import Resident

from . import identity
from .models import Invitation, SignUpCode, User
from .tokens import email_links, new_staff_links, password_links, uid_for

INVITATION_DAYS = 28


class NotAllowed(DomainError):
    """The change is refused; the message is safe to show to the person asking."""


def _link(name: str, **kwargs: str) -> str:
    # The configured public address, never the request's Host header, which a caller can set
    # (a reset link must not point anywhere else).
    return settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def _days(seconds: int) -> str:
    return str(max(1, round(seconds / 86400)))


# --- MFA ---------------------------------------------------------------------------------


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
    audit_record(
        actor=device.user,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=device.user_id,
        summary="Set up the second step of sign-in (an authenticator app)",
    )
    return True


# --- Invitations -------------------------------------------------------------------------


def invitation_route(resident: Resident) -> str:
    """An invitation goes to the recorded email address if it works, otherwise by letter."""
    if resident.email and resident.email_problem_at is None:
        return MessageChannel.EMAIL
    return MessageChannel.LETTER


@transaction.atomic
def invitation_create(
    *, resident_id: int, created_by: User, request: HttpRequest | None = None
) -> Invitation:
    """Make an invitation and send its one-time link to the resident only.

    The link goes to the recorded email address, or in a printed letter; only the token's
    hash is stored and nothing returns it, so the officer never sees the link.
    """
    resident = Resident.objects.select_for_update().get(pk=resident_id)
    if User.objects.filter(resident=resident).exists():
        raise NotAllowed("This resident already has an account on the website.")
    token = secrets.token_urlsafe(24)
    channel = invitation_route(resident)
    invitation = Invitation.objects.create(
        resident=resident,
        token_hash=identity.digest(token),
        created_by=created_by,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
        sent_by=channel,
    )
    message_queue_to(
        channel=channel,
        to=resident.email if channel == MessageChannel.EMAIL else "post",
        recipient=resident,
        template="portal_invitation",
        context={"link": _link("portal:invitation", token=token)},
        key=f"portal-invitation:{invitation.pk}",
    )
    audit_record(
        actor=created_by,
        action=AuditAction.CREATE,
        object_type="invitation",
        object_id=invitation.pk,
        resident_id=resident.pk,
        summary=(
            "Invited the resident to create an account "
            + ("by email to their recorded address" if channel == MessageChannel.EMAIL else "by letter")
        ),
        request=request,
    )
    return invitation


def invitation_find(*, token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("resident", "created_by")
        .filter(token_hash=identity.digest(token))
        .first()
    )
    if invitation is None or not invitation.is_usable():
        return None
    return invitation


# --- Sign-up codes -----------------------------------------------------------------------


def _code_minutes() -> int:
    return int(settings.TENANTVOICE_SIGN_UP_CODE_MINUTES)


@transaction.atomic
def sign_up_code_send(
    *, resident: Resident, channel: str, session_key: str, request: HttpRequest | None = None
) -> SignUpCode:
    """Send a one-time code to the detail on ``resident``'s record for ``channel``.

    Refused (``NotAllowed``) for a channel the resident has no working detail for, and after
    ``TENANTVOICE_SIGN_UP_CODES_PER_DAY`` codes in a day, so nobody can flood their inbox.
    """
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    routes = {r.channel: r for r in identity.code_routes(resident)}
    if channel not in routes:
        raise NotAllowed("We cannot send a code that way. Choose another way.")
    since = timezone.now() - dt.timedelta(days=1)
    if SignUpCode.objects.filter(resident=resident, created_at__gte=since).count() >= int(
        settings.TENANTVOICE_SIGN_UP_CODES_PER_DAY
    ):
        raise NotAllowed(
            "We have already sent several codes today. Use the last one we sent, try again "
            "tomorrow, or contact us and we can send you an invitation."
        )
    # Earlier codes for this person stop working: only the newest can be used.
    SignUpCode.objects.filter(resident=resident, used_at__isnull=True).update(used_at=timezone.now())
    code = identity.new_code()
    row = SignUpCode.objects.create(
        resident=resident,
        channel=channel,
        code_hash=identity.digest(code),
        session_hash=identity.digest(session_key),
        expires_at=timezone.now() + dt.timedelta(minutes=_code_minutes()),
    )
    message_queue_to(
        channel=channel,
        to=resident.email if channel == MessageChannel.EMAIL else resident.mobile_phone,
        recipient=resident,
        template="sign_up_code",
        context={"code": code, "minutes": str(_code_minutes())},
        key=f"sign-up-code:{row.pk}",
    )
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        object_type="sign_up_code",
        object_id=row.pk,
        resident_id=resident.pk,
        summary=f"Sent a code to create an account, to the {routes[channel].masked}"
        if channel == "sms"
        else f"Sent a code to create an account, by email to {routes[channel].masked}",
        via="sign-up",
        request=request,
    )
    return row


@transaction.atomic
def sign_up_code_check(
    *, resident_id: int, session_key: str, typed: str, request: HttpRequest | None = None
) -> bool:
    """Whether ``typed`` is the newest unused, unexpired code sent for this session.

    Every wrong try counts against the code; after ``TENANTVOICE_SIGN_UP_CODE_TRIES`` it
    stops working, so six digits cannot be guessed. A right code is used up.
    """
    row = (
        SignUpCode.objects.select_for_update()
        .filter(
            resident_id=resident_id,
            session_hash=identity.digest(session_key),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-pk")
        .first()
    )
    if row is None or row.attempts >= int(settings.TENANTVOICE_SIGN_UP_CODE_TRIES):
        return False
    if not identity.code_matches(row.code_hash, typed):
        row.attempts += 1
        row.save(update_fields=["attempts"])
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            object_type="sign_up_code",
            object_id=row.pk,
            resident_id=resident_id,
            summary=f"A wrong code was entered to create an account (try {row.attempts})",
            via="sign-up",
            request=request,
        )
        return False
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="sign_up_code",
        object_id=row.pk,
        resident_id=resident_id,
        summary="The code to create an account was entered correctly",
        via="sign-up",
        request=request,
    )
    return True


# --- Email addresses: confirming, changing, and telling the recorded details ---------------


def email_confirmation_send(*, user: User, address: str) -> None:
    """Queue the confirmation link to ``address`` (the new account's, or a pending new one)."""
    seconds = int(settings.TENANTVOICE_EMAIL_LINK_SECONDS)
    link = _link("accounts:confirm-email", uidb64=uid_for(user), token=email_links.make_token(user))
    message_queue_to(
        channel=MessageChannel.EMAIL,
        to=address,
        recipient=user.resident,
        name=user.full_name,
        template="account_confirm_email",
        context={"link": link, "days": _days(seconds)},
        key=f"confirm-email:{user.pk}:{secrets.token_hex(8)}",
    )


def recorded_details_tell(*, resident: Resident, template: str, key: str, context: dict[str, str]) -> None:
    """Tell the resident, by the contact details on their record, about a change to their account."""
    message_queue(recipients=[resident], template=template, key=key, context=context)


@transaction.atomic
def account_email_change_request(*, user: User, new_email: str, request: HttpRequest | None = None) -> None:
    """Ask to sign in with ``new_email``: nothing changes until the link sent to it is opened."""
    new_email = new_email.strip().lower()
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise NotAllowed("An account already uses this email address. Use a different email address.")
    user.pending_email = new_email
    user.save(update_fields=["pending_email"])
    email_confirmation_send(user=user, address=new_email)
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=user.pk,
        resident_id=user.resident_id,
        summary="Asked to change the sign-in email address; a link was sent to the new address",
        request=request,
    )


@transaction.atomic
def account_email_confirm(*, user: User, request: HttpRequest | None = None) -> str:
    """Apply a confirmation link already checked by the caller; returns what it did.

    "activated": a new account's address is confirmed and the account is live.
    "changed": the pending new address replaces the old one.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    if user.pending_email:
        old = user.email
        if User.objects.filter(email__iexact=user.pending_email).exclude(pk=user.pk).exists():
            raise NotAllowed("Another account now uses that email address, so it cannot be yours as well.")
        user.email, user.pending_email, user.email_confirmed_at = user.pending_email, "", now
        user.save(update_fields=["email", "pending_email", "email_confirmed_at"])
        audit_record(
            actor=user,
            action=AuditAction.UPDATE,
            object_type="account",
            object_id=user.pk,
            resident_id=user.resident_id,
            summary="Confirmed a new sign-in email address",
            changes={"email": [old, user.email]},
            request=request,
        )
        if user.resident is not None:
            recorded_details_tell(
                resident=user.resident,
                template="account_email_changed_notice",
                key=f"account-email-changed:{user.pk}:{now.timestamp():.0f}",
                context={"email": identity.mask_email(user.email)},
            )
        return "changed"
    user.email_confirmed_at = now
    user.is_active = True
    user.save(update_fields=["email_confirmed_at", "is_active"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=user.pk,
        resident_id=user.resident_id,
        summary="Confirmed the account's email address; the account is now live",
        request=request,
    )
    return "activated"


# --- Passwords ---------------------------------------------------------------------------


def password_reset_request(*, email: str, request: HttpRequest | None = None) -> None:
    """Send a reset link if an active account signs in with ``email``; otherwise nothing.

    The caller shows the same answer either way, so the page says nothing about who has an
    account. An account still waiting for its email to be confirmed gets that link again.
    """
    user = User.objects.select_related("resident").filter(email__iexact=email.strip()).first()
    if user is None:
        return
    with transaction.atomic():
        if not user.is_active:
            if user.role == Role.RESIDENT and user.email_confirmed_at is None:
                email_confirmation_send(user=user, address=user.email)
            return
        seconds = int(settings.PASSWORD_RESET_TIMEOUT)
        link = _link(
            "accounts:password-reset-confirm", uidb64=uid_for(user), token=password_links.make_token(user)
        )
        message_queue_to(
            channel=MessageChannel.EMAIL,
            to=user.email,
            recipient=user.resident,
            name=user.full_name,
            template="password_reset",
            context={"link": link, "hours": str(max(1, round(seconds / 3600)))},
            key=f"password-reset:{user.pk}:{secrets.token_hex(8)}",
        )
        audit_record(
            actor=None,
            action=AuditAction.CREATE,
            object_type="password_reset",
            object_id=user.pk,
            resident_id=user.resident_id,
            summary="Sent a link to reset the password to the account's email address",
            request=request,
        )


@transaction.atomic
def password_set(*, user: User, password: str, request: HttpRequest | None = None) -> None:
    """Set a new password from a reset or first-password link the caller has checked.

    Changing the password changes the session hash Django keeps, so every other session of
    this account is signed out on its next request.
    """
    user.set_password(password)
    fields = ["password"]
    if user.role in STAFF_ROLES and user.email_confirmed_at is None:
        # A new member of staff proves the address by using the link sent to it.
        user.email_confirmed_at = timezone.now()
        fields.append("email_confirmed_at")
    user.save(update_fields=fields)
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=user.pk,
        resident_id=user.resident_id,
        summary="Chose a new password by the link sent to the account's email; other sessions signed out",
        request=request,
    )


# --- Staff accounts (administrators) -------------------------------------------------------


def _staff_role(role: str) -> str:
    if role not in STAFF_ROLES:
        raise NotAllowed("Choose a staff role.")
    return role


@transaction.atomic
def staff_account_create(
    *, email: str, full_name: str, role: str, by: User, request: HttpRequest | None = None
) -> User:
    """A new staff account with no password: its owner chooses one by the link emailed to them."""
    email = email.strip().lower()
    _staff_role(role)
    if User.objects.filter(email__iexact=email).exists():
        raise NotAllowed("An account already uses this email address.")
    user = User.objects.create_user(email, None, full_name=full_name.strip(), role=role)
    seconds = int(settings.TENANTVOICE_NEW_STAFF_LINK_SECONDS)
    link = _link(
        "accounts:password-reset-confirm", uidb64=uid_for(user), token=new_staff_links.make_token(user)
    )
    message_queue_to(
        channel=MessageChannel.EMAIL,
        to=user.email,
        name=user.full_name,
        template="staff_account_created",
        context={"link": link, "days": _days(seconds), "role": str(Role(role).label)},
        key=f"staff-account-created:{user.pk}",
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        object_type="account",
        object_id=user.pk,
        summary=f"Created a staff account ({Role(role).label}) for {email}; emailed them a password link",
        request=request,
    )
    return user


def _not_self(account: User, by: User, what: str) -> None:
    if account.pk == by.pk:
        raise NotAllowed(f"You cannot {what} your own account. Ask another administrator.")
    if account.role not in STAFF_ROLES:
        raise NotAllowed("This page manages staff accounts only.")


@transaction.atomic
def staff_account_role_change(
    *, account: User, role: str, by: User, request: HttpRequest | None = None
) -> None:
    _not_self(account, by, "change the role of")
    old = account.role
    account.role = _staff_role(role)
    account.save(update_fields=["role"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=account.pk,
        summary=f"Changed {account.email}'s role to {Role(role).label}",
        changes={"role": [old, role]},
        request=request,
    )


@transaction.atomic
def staff_account_active_set(
    *, account: User, active: bool, by: User, request: HttpRequest | None = None
) -> None:
    """Deactivate (signs them out everywhere and stops their API token) or reactivate."""
    _not_self(account, by, "deactivate or reactivate")
    account.is_active = active
    account.save(update_fields=["is_active"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="account",
        object_id=account.pk,
        summary=f"{'Reactivated' if active else 'Deactivated'} {account.email}'s account",
        changes={"is_active": [not active, active]},
        request=request,
    )


@transaction.atomic
def staff_mfa_reset(*, account: User, by: User, request: HttpRequest | None = None) -> int:
    """Remove a lost authenticator: at the next sign-in the owner sets up a new one."""
    _not_self(account, by, "reset the authenticator of")
    removed, _ = TOTPDevice.objects.filter(user=account).delete()
    audit_record(
        actor=by,
        action=AuditAction.DELETE,
        object_type="mfa_device",
        object_id=account.pk,
        summary=f"Reset {account.email}'s authenticator app; they set up a new one at next sign-in",
        request=request,
    )
    return removed


# --- API tokens --------------------------------------------------------------------------


def api_token_expires_at(token: Token) -> dt.datetime:
    return token.created + dt.timedelta(days=int(settings.TENANTVOICE_API_TOKEN_DAYS))


@transaction.atomic
def api_token_revoke(*, account: User, by: User, request: HttpRequest | None = None) -> bool:
    deleted, _ = Token.objects.filter(user=account).delete()
    if deleted:
        audit_record(
            actor=by,
            action=AuditAction.DELETE,
            object_type="api_token",
            object_id=account.pk,
            summary=f"Revoked the API token of {account.email}",
            request=request,
        )
    return bool(deleted)


# --- A resident's own account ------------------------------------------------------------


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
