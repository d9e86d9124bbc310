"""What accounts hold about a resident: their sign-in account and invitations (decision 0016)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tenantvoice.core.personal_data import Context, Record, Value, not_exported, section

from .models import Invitation, SignUpCode, User

not_exported(
    Invitation, "created_by", reason="The staff account that sent the invitation; shown by role in the trail."
)
not_exported(
    Invitation, "used_by", reason="The account that used the invitation: the resident's own, shown above."
)


@section(
    key="account",
    title="Your account on this website",
    why="We keep your account so that you can sign in and see and change your own details.",
    empty="You do not have an account on this website.",
    order=200,
    # An authenticator app or an API key would be on the account: shown as yes or no, never the secret.
    covers=[User, TOTPDevice, Token],
)
def account(ctx: Context) -> list[Record]:
    user = (
        User.objects.filter(resident=ctx.resident)
        .annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"))),
            has_token=Exists(Token.objects.filter(user=OuterRef("pk"))),
        )
        .first()
    )
    if user is None:
        return []
    rows: list[tuple[str, Value]] = [
        ("Email address you sign in with", user.email),
        ("Name on the account", user.full_name),
        ("Account open", user.is_active),
        ("Account created", user.date_joined),
        ("Last signed in", user.last_login),
    ]
    if user.has_device:
        rows.append(("Authenticator app set up", True))
    if user.has_token:
        rows.append(("Key for another computer system (API token)", True))
    return [Record(rows)]


@section(
    key="account_invitations",
    title="Invitations to set up an account",
    why=(
        "We keep when we invited you to set up an account, and whether you used it, so an invitation "
        "cannot be used twice."
    ),
    empty="We have not sent you an invitation to set up an account.",
    order=210,
    covers=[Invitation],
    layout="table",
)
def account_invitations(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Sent", i.created_at),
                ("Sent by", {"email": "Email", "letter": "Letter"}.get(i.sent_by, i.sent_by)),
                ("Expires", i.expires_at),
                ("Used", i.used_at),
            ]
        )
        for i in Invitation.objects.filter(resident=ctx.resident).order_by("-created_at")
    ]


@section(
    key="sign_up_codes",
    title="Codes we sent you to set up an account",
    why=(
        "When someone asks to set up an account in your name, we send a code to the email address "
        "or mobile number we hold for you, to check it is you. We keep when it was sent, how and "
        "whether it was used (never the code itself)."
    ),
    empty="We have not sent you a code to set up an account.",
    order=215,
    covers=[SignUpCode],
    layout="table",
)
def sign_up_codes(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Sent", c.created_at),
                ("Sent by", "Text message" if c.channel == "sms" else "Email"),
                ("Wrong tries", c.attempts),
                ("Used", c.used_at),
            ]
        )
        for c in SignUpCode.objects.filter(resident=ctx.resident).order_by("-created_at")
    ]
