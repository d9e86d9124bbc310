"""Fetch-and-check helpers so that no view can forget the permission check."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .roles import STAFF_ROLES, Capability, has_capability, mfa_passed

if TYPE_CHECKING:
    from tenantvoice.residents.models import Resident


def require_capability(capability: Capability) -> Callable[..., Any]:
    """View decorator: anonymous visitors go to sign in, others without it get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(user, "role", None) in STAFF_ROLES and not mfa_passed(user):
                # The MFA middleware normally catches this first; kept here so a view is
                # safe even if the middleware is removed from settings.
                return redirect_to_login(request.get_full_path())
            if not has_capability(user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_capability = capability  # type: ignore[attr-defined]
        return wrapped

    return decorator


ResidentView = Callable[..., HttpResponse]


def resident_required(view: ResidentView) -> Callable[..., HttpResponse]:
    """Guard a portal page: USE_PORTAL, a linked record, no caching; passes ``resident``."""

    @require_capability(Capability.USE_PORTAL)
    @never_cache  # personal data must not stay in a shared computer's cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        resident: Resident | None = getattr(request.user, "resident", None)
        if resident is None:
            return render(request, "portal/no_record.html")
        return view(request, resident, *args, **kwargs)

    return wrapped
