"""Administrators manage staff accounts: list, create (the new member of staff chooses their
own password by an emailed link), change role, deactivate or reactivate, reset a lost
authenticator, and see and revoke API tokens. Every change is audited by its service."""

from __future__ import annotations

from django.conf import settings
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability

from .. import selectors, services
from ..forms import AccountActiveForm, RoleForm, StaffAccountForm
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
    return form_action(
        request,
        StaffAccountForm(posted(request)),
        lambda data: services.staff_account_create(
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            by=_admin(request),
            request=request,
        ),
        success=lambda account: redirect_with_message(
            request,
            f"Account created. We have emailed {account.email} a link to choose a password; "
            "at their first sign-in they set up an authenticator app.",
            "staff:account-detail",
            pk=account.pk,
        ),
        page=lambda form: render(request, "accounts/staff/new.html", {"form": form}),
        refusals=(services.NotAllowed,),
    )


@require_capability(Capability.MANAGE_ACCOUNTS)
@never_cache
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _account_or_404(pk))


def _detail_page(request: HttpRequest, account: User, action_form: BaseForm | None = None) -> HttpResponse:
    """The account's page; ``action_form`` is a form posted from it that was refused."""
    token = Token.objects.filter(user=account).first()
    role_form = action_form if isinstance(action_form, RoleForm) else RoleForm(initial={"role": account.role})
    return render(
        request,
        "accounts/staff/detail.html",
        {
            "account": account,
            "role_form": role_form,
            "action_form": action_form,
            "is_me": account.pk == request.user.pk,
            "token_expires": services.api_token_expires_at(token) if token else None,
            "token": token,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def account_role(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    return form_action(
        request,
        RoleForm(request.POST),
        lambda data: services.staff_account_role_change(
            account=account, role=data["role"], by=_admin(request), request=request
        ),
        success=lambda _: redirect_with_message(
            request, f"{account.email} is now: {account.get_role_display()}.", "staff:account-detail", pk=pk
        ),
        page=lambda form: _detail_page(request, account, form),
        refusals=(services.NotAllowed,),
    )


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def account_active(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)

    def done(_: None) -> HttpResponse:
        if account.is_active:
            text = f"{account.email} can sign in again."
        else:
            text = f"{account.email} is deactivated: signed out everywhere, and any API token stops working."
        return redirect_with_message(request, text, "staff:account-detail", pk=pk)

    return form_action(
        request,
        AccountActiveForm(request.POST),
        lambda data: services.staff_account_active_set(
            account=account, active=data["active"], by=_admin(request), request=request
        ),
        success=done,
        page=lambda form: _detail_page(request, account, form),
        refusals=(services.NotAllowed,),
    )


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def account_mfa_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: services.staff_mfa_reset(account=account, by=_admin(request), request=request),
        success=lambda _: redirect_with_message(
            request,
            f"{account.email}'s authenticator app is removed. They set up a new one when they next sign in.",
            "staff:account-detail",
            pk=pk,
        ),
        page=lambda form: _detail_page(request, account, form),
        refusals=(services.NotAllowed,),
    )


@require_capability(Capability.MANAGE_ACCOUNTS)
@never_cache
def token_list(request: HttpRequest) -> HttpResponse:
    return _tokens_page(request)


def _tokens_page(request: HttpRequest, action_form: ButtonForm | None = None) -> HttpResponse:
    return render(
        request,
        "accounts/staff/tokens.html",
        {
            "tokens": selectors.api_tokens_list(),
            "days": settings.TENANTVOICE_API_TOKEN_DAYS,
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_ACCOUNTS)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    account = User.objects.filter(pk=pk).first()
    if account is None:
        raise Http404("There is no account with that number.")

    def revoke(data: dict[str, object]) -> None:
        if not services.api_token_revoke(account=account, by=_admin(request), request=request):
            raise services.NotAllowed(f"{account.email} has no API token.")

    return form_action(
        request,
        ButtonForm(request.POST),
        revoke,
        success=lambda _: redirect_with_message(
            request,
            f"The API token of {account.email} is revoked: it stops working at once.",
            "staff:api-tokens",
        ),
        page=lambda form: _tokens_page(request, form),
        refusals=(services.NotAllowed,),
    )
