"""Sign in, sign out, MFA for staff, and "Forgot your password?" for everyone."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.core import throttle
from tenantvoice.core.audit import audit_record
from tenantvoice.core.clientip import client_ip
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Role

from .. import services
from ..forms import CodeForm, NewPasswordForm, PasswordResetRequestForm, SignInForm
from ..models import User
from ..sign_in_throttle import remember_device, sign_in_identities
from ..tokens import email_links, new_staff_links, password_links, uid_parse


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing in: a path on this site only. Anything else (another site,
    "1:2", which redirect() would take for a URL name, control characters) goes home."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and target.isprintable()
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return "/"


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, posted(request))

    def sign_in_page(form: SignInForm) -> HttpResponse:
        return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})

    if request.method != "POST":
        return sign_in_page(form)
    # The address as typed, before the form checks it: guesses are counted per account.
    email = request.POST.get("email", "").strip().lower()
    with throttle.attempt("sign-in", sign_in_identities(request, email)) as attempt:
        if attempt.wait_seconds:
            form = SignInForm(request)
            form.cleaned_data = {}  # an unbound form has none; add_error needs it
            form.add_error(
                None,
                f"There have been too many tries to sign in to this account. Wait "
                f"{attempt.wait_text} and try again.",
            )
            return throttle.too_many(sign_in_page(form), attempt.wait_seconds)

        def signed_in(data: dict[str, Any]) -> HttpResponse:
            user = form.user
            assert user is not None  # the form is valid only with the right password
            # The right password: this account and address (or browser) start afresh; the
            # account's count from elsewhere and the address's count stay.
            attempt.succeeded(clear=["pair", "device"])
            login(request, user)
            audit_record(
                actor=user,
                action=AuditAction.SIGN_IN,
                object_type="account",
                object_id=user.pk,
                request=request,
            )
            if user.is_staff_role:
                response = redirect(f"/accounts/mfa/?{urlencode({'next': _next_url(request)})}")
            else:
                response = redirect(_next_url(request))
            remember_device(request, response, email)
            return response

        response = form_action(request, form, signed_in, success=lambda response: response, page=sign_in_page)
        if form.errors and form.cleaned_data.get("email") and form.cleaned_data.get("password"):
            attempt.failed()  # only a password that was checked counts
            audit_record(
                actor=None,
                action=AuditAction.SIGN_IN_FAILED,
                object_type="account",
                summary=f"Failed sign-in for {request.POST.get('email', '')[:200]}",
                request=request,
            )
        return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


@login_required
def mfa(request: HttpRequest) -> HttpResponse:
    """Ask for a code; the first time, show the authenticator set-up first."""
    user = request.user
    if not user.is_staff_role:  # type: ignore[union-attr]
        return redirect("home")
    device = services.mfa_confirmed_device(user=user)  # type: ignore[arg-type]
    setting_up = device is None
    if setting_up:
        device = services.mfa_device_for_setup(user=user)  # type: ignore[arg-type]
    assert device is not None
    form = CodeForm(posted(request))

    def mfa_page(form: CodeForm) -> HttpResponse:
        context: dict[str, object] = {"form": form, "setting_up": setting_up, "next": _next_url(request)}
        return render(request, "accounts/mfa.html", _mfa_context(context, device))

    def verify(data: dict[str, Any]) -> HttpResponse:
        code = data["code"]
        with throttle.attempt("mfa", {"account": str(user.pk)}) as attempt:
            if attempt.wait_seconds:
                form.add_error(
                    "code",
                    f"There have been too many wrong codes. Wait {attempt.wait_text}, then enter "
                    "the code your app shows at that time.",
                )
                return throttle.too_many(mfa_page(form), attempt.wait_seconds)
            ok = (
                services.mfa_device_confirm(device=device, token=code)
                if setting_up
                else device.verify_token(code.strip().replace(" ", ""))
            )
            if ok:
                attempt.succeeded(clear=["account"])
                otp_login(request, device)
                return redirect(_next_url(request))
            attempt.failed()
        with refusal_on("code", services.NotAllowed):
            raise services.NotAllowed(
                "That code is not right or has expired. Enter the code your app shows now."
            )

    return form_action(
        request,
        form,
        verify,
        success=lambda response: response,
        page=mfa_page,
        refusals=(services.NotAllowed,),
    )


def _mfa_context(context: dict[str, object], device: TOTPDevice) -> dict[str, object]:
    if context["setting_up"]:
        context["qr_svg"] = segno.make(device.config_url).svg_inline(
            scale=4, title="QR code for your authenticator app"
        )
        context["secret"] = _group(_b32_secret(device.bin_key))
    return context


def _b32_secret(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


def _group(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


PASSWORD_RESET_SCOPE = "password-reset"  # noqa: S105 (a throttle name, not a password)


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same whether or not an account uses the address."""

    def ask(data: dict[str, Any]) -> str:
        email = str(data["email"]).strip().lower()
        identities = {"email": email, "address": client_ip(request)}
        # Every request counts (not only failures): it caps how many emails anyone can cause.
        # The answer is the same either way, so a wait says nothing about the account.
        if not throttle.wait_seconds(PASSWORD_RESET_SCOPE, identities):
            throttle.record_failure(PASSWORD_RESET_SCOPE, identities)
            services.password_reset_request(email=email, request=request)
        return email

    return form_action(
        request,
        PasswordResetRequestForm(posted(request)),
        ask,
        success=lambda email: render(request, "accounts/password_reset_sent.html", {"email": email}),
        page=lambda form: render(request, "accounts/password_reset.html", {"form": form}),
    )


def _link_user(uidb64: str, token: str) -> User | None:
    """The account a reset or first-password link is for, if the link still works."""
    pk = uid_parse(uidb64)
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None:
        return None
    if password_links.check_token(user, token):
        return user
    # A new member of staff's first link lives longer; only while no password is set.
    if not user.has_usable_password() and new_staff_links.check_token(user, token):
        return user
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Choose a new password by the link. It works once: setting the password spends it."""
    user = _link_user(uidb64, token)
    if user is None:
        return render(request, "accounts/password_reset_confirm.html", {"unusable": True}, status=404)
    first = not user.has_usable_password()

    def set_password(data: dict[str, Any]) -> None:
        services.password_set(user=user, password=data["password"], request=request)
        if request.user.is_authenticated:
            logout(request)
        # A new password proves the owner: guesses at the old one stop slowing the account.
        throttle.clear("sign-in", {"account": user.email.lower()})

    return form_action(
        request,
        NewPasswordForm(posted(request), user=user),
        set_password,
        success=lambda _: render(request, "accounts/password_reset_done.html", {"first": first}),
        page=lambda form: render(
            request, "accounts/password_reset_confirm.html", {"form": form, "first": first}
        ),
    )


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link sent to an email address: a button confirms it (a mail scanner's GET does not)."""
    pk = uid_parse(uidb64)
    user = User.objects.filter(pk=pk, role=Role.RESIDENT).first() if pk else None
    if user is None or not email_links.check_token(user, token):
        return render(request, "accounts/confirm_email.html", {"unusable": True}, status=404)

    def confirmed_page(outcome: str) -> HttpResponse:
        if outcome == "activated":
            text = "Thank you: your email address is confirmed and your account is ready. Sign in."
            return redirect_with_message(request, text, "accounts:sign-in")
        to = "portal:home" if request.user.is_authenticated else "accounts:sign-in"
        return redirect_with_message(request, "Your sign-in email address has changed.", to)

    def confirm_page(form: ButtonForm) -> HttpResponse:
        if form.errors:  # the link cannot be used (any more): said with the reason, as a conflict
            problem = " ".join(str(error) for error in form.non_field_errors())
            return render(
                request, "accounts/confirm_email.html", {"unusable": True, "problem": problem}, status=409
            )
        address = user.pending_email or user.email
        return render(
            request, "accounts/confirm_email.html", {"address": address, "changing": bool(user.pending_email)}
        )

    return form_action(
        request,
        ButtonForm(posted(request)),
        lambda data: services.account_email_confirm(user=user, request=request),
        success=confirmed_page,
        page=confirm_page,
        refusals=(services.NotAllowed,),
    )
