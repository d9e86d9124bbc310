"""Which identities a sign-in attempt counts against, and the "signed in here before" cookie.

A browser that has signed in to an account carries a signed cookie naming that account (as a
hash) and a random id. Its attempts at that account count only against that browser
("device"), so a stranger guessing the account's password from elsewhere can slow down other
newcomers to the account but never its owner on their own browser. Everyone else counts
against the account from this address ("pair"), the account from anywhere ("account") and
the address ("address"). Decision 0015 says why.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from tenantvoice.core.clientip import client_ip

COOKIE = "tv_signed_in_before"
_SALT = "tenantvoice.accounts.known-device"


def _account(email: str) -> str:
    return salted_hmac(_SALT, email.strip().lower()).hexdigest()[:32]


def _known_device(request: HttpRequest, email: str) -> str:
    """The id of this browser if it has signed in to ``email``'s account before, else ""."""
    raw = request.COOKIES.get(COOKIE, "")
    if not raw or not email:
        return ""
    try:
        value = signing.loads(raw, salt=_SALT, max_age=settings.TENANTVOICE_KNOWN_DEVICE_DAYS * 86400)
    except signing.BadSignature:
        return ""
    if not isinstance(value, dict) or value.get("a") != _account(email):
        return ""
    return str(value.get("d", ""))


def sign_in_identities(request: HttpRequest, email: str) -> dict[str, str]:
    email = email.strip().lower()
    device = _known_device(request, email)
    if device:
        return {"device": f"{email} {device}"}
    address = client_ip(request)
    return {"pair": f"{email} {address}" if email else "", "account": email, "address": address}


def remember_device(request: HttpRequest, response: HttpResponse, email: str) -> None:
    """Mark this browser as one that has signed in to ``email``'s account (after a right password)."""
    device = _known_device(request, email) or secrets.token_urlsafe(16)
    response.set_cookie(
        COOKIE,
        signing.dumps({"a": _account(email), "d": device}, salt=_SALT),
        max_age=settings.TENANTVOICE_KNOWN_DEVICE_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
