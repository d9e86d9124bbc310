"""API token authentication with an expiry, and never for residents (decision 0014).

Tokens are DRF's ``authtoken`` tokens, issued by an administrator with
``tenantvoice drf_create_token EMAIL``; each stops working ``TENANTVOICE_API_TOKEN_DAYS``
after it was issued (``-r`` issues a new one). Residents' accounts cannot hold a token: one
is refused when it is made (``accounts.apps``) and, should one exist anyway, here.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from tenantvoice.accounts.services import api_token_expires_at
from tenantvoice.core.roles import STAFF_ROLES


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if getattr(user, "role", None) not in STAFF_ROLES:
            raise AuthenticationFailed("Residents' accounts cannot use the API.")
        if api_token_expires_at(token) <= timezone.now():
            raise AuthenticationFailed("This token has expired. Ask an administrator for a new one.")
        return user, token
