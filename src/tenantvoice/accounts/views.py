"""Sign in, sign out, MFA for staff, and "Forgot your password?" for everyone."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from tenantvoice.core.audit import audit_record
from tenantvoice.core.http import posted
from tenantvoice.core.models import AuditAction
from tenantvoice.core.roles import Role
from tenantvoice.core.throttle import attempt_failed, attempts_clear, attempts_exceeded

from . import services
from .forms import CodeForm, NewPasswordForm, PasswordResetRequestForm, SignInForm
from .models import User
from .tokens import email_links, new_staff_links, password_links, uid_parse


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


SIGN_IN_LIMIT = 10
SIGN_IN_WINDOW_SECONDS = 15 * 60


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, posted(request))
    if request.method == "POST":
        identities = [request.POST.get("email", "").strip().lower(), request.META.get("REMOTE_ADDR", "")]
        if attempts_exceeded(scope="sign-in", identities=identities, limit=SIGN_IN_LIMIT):
            form = SignInForm(request)
            form.cleaned_data = {}  # an unbound form has none; add_error needs it
            form.add_error(
                None,
                "There have been too many tries to sign in. Wait 15 minutes and "
                "try again, or ask us to reset your password.",
            )
            return render(
                request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)}, status=429
            )
        if form.is_valid() and form.user is not None:
            attempts_clear(scope="sign-in", identities=identities[:1])
            login(request, form.user)
            audit_record(
                actor=form.user,
                action=AuditAction.SIGN_IN,
                object_type="account",
                object_id=form.user.pk,
                request=request,
            )
            if form.user.is_staff_role:
                return redirect(f"/accounts/mfa/?next={_next_url(request)}")
            return redirect(_next_url(request))
        attempt_failed(scope="sign-in", identities=identities, window_seconds=SIGN_IN_WINDOW_SECONDS)
        audit_record(
            actor=None,
            action=AuditAction.SIGN_IN_FAILED,
            object_type="account",
            summary=f"Failed sign-in for {request.POST.get('email', '')[:200]}",
            request=request,
        )
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})


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
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        ok = (
            services.mfa_device_confirm(device=device, token=code)
            if setting_up
            else device.verify_token(code.strip().replace(" ", ""))
        )
        if ok:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", "That code is not right or has expired. Enter the code your app shows now.")
    context: dict[str, object] = {"form": form, "setting_up": setting_up, "next": _next_url(request)}
    if setting_up:
        context["qr_svg"] = segno.make(device.config_url).svg_inline(
            scale=4, title="QR code for your authenticator app"
        )
        context["secret"] = _group(_b32_secret(device.bin_key))
    return render(request, "accounts/mfa.html", context)


def _b32_secret(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


def _group(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


PASSWORD_RESET_SCOPE = "password-reset"  # noqa: S105 (a throttle name, not a password)
PASSWORD_RESET_LIMIT = 5
PASSWORD_RESET_WINDOW_SECONDS = 60 * 60


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same whether or not an account uses the address."""
    form = PasswordResetRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        identities = [f"email:{email}", f"ip:{request.META.get('REMOTE_ADDR', '')}"]
        # Every request counts (not only failures): it caps how many emails anyone can cause.
        if not attempts_exceeded(
            scope=PASSWORD_RESET_SCOPE, identities=identities, limit=PASSWORD_RESET_LIMIT
        ):
            attempt_failed(
                scope=PASSWORD_RESET_SCOPE,
                identities=identities,
                window_seconds=PASSWORD_RESET_WINDOW_SECONDS,
            )
            services.password_reset_request(email=email, request=request)
        return render(request, "accounts/password_reset_sent.html", {"email": email})
    return render(request, "accounts/password_reset.html", {"form": form})


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
    form = NewPasswordForm(posted(request), user=user)
    if request.method == "POST" and form.is_valid():
        services.password_set(user=user, password=form.cleaned_data["password"], request=request)
        if request.user.is_authenticated:
            logout(request)
        attempts_clear(scope="sign-in", identities=[user.email])
        return render(request, "accounts/password_reset_done.html", {"first": first})
    return render(request, "accounts/password_reset_confirm.html", {"form": form, "first": first})


@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link sent to an email address: a button confirms it (a mail scanner's GET does not)."""
    pk = uid_parse(uidb64)
    user = User.objects.filter(pk=pk, role=Role.RESIDENT).first() if pk else None
    if user is None or not email_links.check_token(user, token):
        return render(request, "accounts/confirm_email.html", {"unusable": True}, status=404)
    if request.method == "POST":
        try:
            outcome = services.account_email_confirm(user=user, request=request)
        except services.NotAllowed as exc:
            return render(
                request, "accounts/confirm_email.html", {"unusable": True, "problem": str(exc)}, status=409
            )
        if outcome == "activated":
            messages.success(
                request, "Thank you: your email address is confirmed and your account is ready. Sign in."
            )
            return redirect("accounts:sign-in")
        messages.success(request, "Your sign-in email address has changed.")
        return redirect("portal:home" if request.user.is_authenticated else "accounts:sign-in")
    address = user.pending_email or user.email
    return render(
        request, "accounts/confirm_email.html", {"address": address, "changing": bool(user.pending_email)}
    )
