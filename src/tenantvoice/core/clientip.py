"""The address of the person making a request, through the reverse proxies this deployment trusts.

``X-Forwarded-For`` is a list that each proxy appends the address it was reached from to, so
anything to the left of what our own proxies wrote may have been typed by the caller. With
``TENANTVOICE_TRUSTED_PROXIES = N`` the client is the N-th address from the right: the one the
outermost of our N proxies saw. With 0 (no proxy, the default) the header is ignored and the
socket's ``REMOTE_ADDR`` is the client. See decision 0015.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    """``text`` as a normalised IP address, without a port; None if it is not one."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's IP address, or "" when there is none to be had."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or ""
    trusted = int(getattr(settings, "TENANTVOICE_TRUSTED_PROXIES", 0))
    if trusted <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        # Reached the application without passing our proxies (or a proxy that does not set the
        # header): the socket is all there is.
        return remote
    # Fewer entries than proxies means the request skipped the outer ones; the left-most entry
    # is then the furthest address any of ours saw.
    chosen = forwarded[-trusted] if len(forwarded) >= trusted else forwarded[0]
    return _address(chosen) or remote
