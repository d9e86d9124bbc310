"""API permissions: the same capabilities as the pages."""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from tenantvoice.core.roles import Capability, has_capability


class DenyAll(BasePermission):
    """The default: an endpoint that forgets to name its capability is closed."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return False


def _api_has(request: Request, capability: Capability) -> bool:
    # A token is issued by an administrator to a named system account and stands in for
    # the second factor; a browser session must have passed MFA like any staff page.
    token_auth = isinstance(request.auth, Token)
    return has_capability(request.user, capability, mfa_verified=True if token_auth else None)


class CapabilityPermission(BasePermission):
    """Reads need ``read_capability``; writes need ``write_capability`` (on the view)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return _api_has(request, view.read_capability)
        return _api_has(request, view.write_capability)
