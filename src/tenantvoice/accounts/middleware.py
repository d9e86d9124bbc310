"""Staff must pass MFA before any page: set up an authenticator once, then a code each time."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tenantvoice.core.roles import STAFF_ROLES, mfa_passed

# Pages a staff member who has signed in with a password may reach before MFA.
_ALLOWED_BEFORE_MFA = ("/accounts/", "/static/", "/health/")


class StaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "role", None) in STAFF_ROLES
            and not mfa_passed(user)
            and not request.path.startswith(_ALLOWED_BEFORE_MFA)
            and not request.path.startswith("/api/")
        ):
            return redirect("accounts:mfa")
        return self.get_response(request)
