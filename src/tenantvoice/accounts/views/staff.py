"""Administrators manage staff accounts: list, create (the new member of staff chooses their
own password by an emailed link), change role, deactivate or reactivate, reset a lost
authenticator, and see and revoke API tokens. Every change is audited by its service."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from tenantvoice.core.access import require_capability
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, Role

from .. import selectors, services
from ..forms import RoleForm, StaffAccountForm
from ..models import User


def _admin(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _account_or_404(pk: int) -> User:
    try:
        return selectors.staff_account_get(pk)
    except User.DoesNotExist:
        raise Http404("There is no staff account with that number.") from None


@require_capability(Capability.MANAGE_ACCOUNTS)
@never_cache
def account_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/staff/list.html", {"accounts": selectors.staff_accounts_list()})


@require_capability(Capability.MANAGE_ACCOUNTS)
@require_http_methods(["GET", "POST"])
def account_new(request: HttpRequest) -> HttpResponse:
    form = StaffAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            account = services.staff_account_create(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=form.cleaned_data["role"],
                by=_admin(request),
                request=request,
            )
        except services.NotAllowed as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Account created. We have emailed {account.email} a link to choose a password; "
                "at their first sign-in they set up an authenticator app.",
            )
            return redirect("staff:account-detail", pk=account.pk)
    return render(request, "accounts/staff/new.html", {"form": form})


@require_capability(Capability.MANAGE_ACCOUNTS)
@never_cache
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    token = Token.objects.filter(user=account).first()
    return render(
        request,
        "accounts/staff/detail.html",
        {
            "account": account,
            "role_form": RoleForm(initial={"role": account.role}),
            "is_me": account.pk == request.user.pk,
            "token_expires": services.api_token_expires_at(token) if token else None,
            "token": token,
        },
    )


def _done(request: HttpRequest, pk: int, action: object) -> HttpResponse:
    try:
        text = action() if callable(action) else str(action)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, text)
    return redirect("staff:account-detail", pk=pk)


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def account_role(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a staff role.")
        return redirect("staff:account-detail", pk=pk)
    role = form.cleaned_data["role"]

    def change() -> str:
        services.staff_account_role_change(account=account, role=role, by=_admin(request), request=request)
        return f"{account.email} is now: {Role(role).label}."

    return _done(request, pk, change)


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def account_active(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    active = request.POST.get("active") == "1"

    def change() -> str:
        services.staff_account_active_set(account=account, active=active, by=_admin(request), request=request)
        if active:
            return f"{account.email} can sign in again."
        return f"{account.email} is deactivated: signed out everywhere, and any API token stops working."

    return _done(request, pk, change)


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def account_mfa_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)

    def change() -> str:
        services.staff_mfa_reset(account=account, by=_admin(request), request=request)
        return (
            f"{account.email}'s authenticator app is removed. They set up a new one when they next sign in."
        )

    return _done(request, pk, change)


@require_capability(Capability.MANAGE_ACCOUNTS)
@never_cache
def token_list(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    return render(
        request,
        "accounts/staff/tokens.html",
        {"tokens": selectors.api_tokens_list(), "days": settings.TENANTVOICE_API_TOKEN_DAYS},
    )


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    account = User.objects.filter(pk=pk).first()
    if account is None:
        raise Http404("There is no account with that number.")
    if services.api_token_revoke(account=account, by=_admin(request), request=request):
        messages.success(request, f"The API token of {account.email} is revoked: it stops working at once.")
    else:
        messages.error(request, f"{account.email} has no API token.")
    return redirect("staff:api-tokens")
