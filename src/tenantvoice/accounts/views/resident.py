"""Residents create their own account (the sign-up checks of decision 0014, or an officer's
invitation) and change the email address they sign in with; pages under /my/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tenantvoice.accounts import identity, selectors
from tenantvoice.accounts.forms import (
    AccountForm,
    ChooseMemberForm,
    CodeChannelForm,
    CodeEntryForm,
    EmailChangeForm,
    SignUpCheckForm,
)
from tenantvoice.accounts.models import User
from tenantvoice.accounts.services import (
    ALREADY_HAS_ACCOUNT,
    AccountNotCreated,
    NotAllowed,
    account_email_change_request,
    invitation_find,
    resident_account_create,
    sign_up_code_check,
    sign_up_code_send,
)
from tenantvoice.comms.services import quiet_until
from tenantvoice.core import throttle
from tenantvoice.core.access import resident_required
from tenantvoice.core.clientip import client_ip
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.http import posted
from tenantvoice.residents.models import Resident

# --- Creating an account -----------------------------------------------------------------
# Three ways to prove who you are (decision 0014): the tenancy reference with your own date of
# birth; the reference and postcode, then a code sent to a detail on your record; or an
# officer's invitation. Then choose an email and password; the account is live once the link
# sent to that email is opened. The session holds how far the person has got.

SIGN_UP_SESSION_KEY = "portal_sign_up"
SIGN_UP_SCOPE = "sign-up"  # each scope's rules: settings.TENANTVOICE_THROTTLES
SIGN_UP_CODE_SCOPE = "sign-up-code"
# How long a passed check lets the person finish creating the account.
SIGN_UP_CHECK_VALID_SECONDS = 30 * 60
NO_MATCH = (
    "We could not match those details to a tenancy. Check your tenancy reference (it is on "
    "your rent statement) and your date of birth or postcode, and try again. If it still "
    "does not work, contact us and we can send you an invitation to create an account."
)
TOO_MANY = (
    "You have tried too many times. For your security, wait {wait} and try again, or "
    "contact us and we can send you an invitation to create an account."
)
WRONG_CODE = (
    "That code is not right, or it has expired. Check the newest message we sent you and "
    "type the 6 numbers, or ask for a new code."
)


def _guess_identities(request: HttpRequest) -> dict[str, str]:
    if not request.session.session_key:
        request.session.save()  # an anonymous visitor needs a session to be counted by
    return {"session": request.session.session_key or "", "address": client_ip(request)}


def _signed_in_elsewhere(request: HttpRequest) -> HttpResponse | None:
    if request.user.is_authenticated:
        return redirect("home")
    return None


def _sign_up_state(request: HttpRequest) -> dict[str, Any] | None:
    state = request.session.get(SIGN_UP_SESSION_KEY)
    if not state or timezone.now().timestamp() - state.get("at", 0) > SIGN_UP_CHECK_VALID_SECONDS:
        request.session.pop(SIGN_UP_SESSION_KEY, None)
        return None
    return dict(state)


def _too_many(
    request: HttpRequest, template: str, form: Any, wait: int, context: dict[str, Any] | None = None
) -> HttpResponse:
    """The page again with "wait N minutes", as a 429 with Retry-After (decision 0015)."""
    form.cleaned_data = {}  # an unbound form has none; add_error needs it
    form.add_error(None, TOO_MANY.format(wait=throttle.wait_text(wait)))
    return throttle.too_many(render(request, template, {"form": form, **(context or {})}), wait)


def _next_step(request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
    request.session[SIGN_UP_SESSION_KEY] = state
    if state.get("proof"):
        return redirect("portal:sign-up-account")
    if state.get("resident_id") and state["route"] == "code":
        return redirect("portal:sign-up-code")
    return redirect("portal:sign-up-who")


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Step 1: the tenancy reference with a date of birth or a postcode. Failures never say
    which detail was wrong, and are counted."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    identities = _guess_identities(request) if request.method == "POST" else {}
    if request.method == "POST" and (wait := throttle.wait_seconds(SIGN_UP_SCOPE, identities)):
        return _too_many(request, "portal/sign_up.html", SignUpCheckForm(), wait)

    def check(data: dict[str, Any]) -> dict[str, Any]:
        if data["date_of_birth"] is not None:
            route = "dob"
            candidates = selectors.sign_up_by_date_of_birth(
                tenancy_ref=data["tenancy_reference"], date_of_birth=data["date_of_birth"]
            )
        else:
            route = "code"
            candidates = selectors.sign_up_by_postcode(
                tenancy_ref=data["tenancy_reference"], postcode=data["postcode"]
            )
        if not candidates:
            throttle.record_failure(SIGN_UP_SCOPE, identities)
            raise NotAllowed(NO_MATCH)
        with_accounts = selectors.residents_with_accounts([r.pk for r in candidates])
        if route == "dob" and all(r.pk in with_accounts for r in candidates):
            raise NotAllowed(ALREADY_HAS_ACCOUNT)
        request.session.cycle_key()  # a passed check gets a fresh session id
        one = candidates[0].pk if len(candidates) == 1 else None
        return {
            "at": timezone.now().timestamp(),
            "route": route,
            "candidates": [[r.pk, r.preferred_name or r.first_name] for r in candidates],
            "resident_id": one,
            # The date of birth proves the person; the postcode does not.
            "proof": "date_of_birth" if route == "dob" and one else None,
        }

    return form_action(
        request,
        SignUpCheckForm(posted(request)),
        check,
        success=lambda state: _next_step(request, state),
        page=lambda form: render(request, "portal/sign_up.html", {"form": form}),
        refusals=(NotAllowed,),
    )


@require_http_methods(["GET", "POST"])
def sign_up_who(request: HttpRequest) -> HttpResponse:
    """Step 2 when more than one person fits: which one are you, by first name only."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    state = _sign_up_state(request)
    if state is None:
        return redirect("portal:sign-up")
    members = [(str(pk), name) for pk, name in state["candidates"]]

    def choose(data: dict[str, Any]) -> dict[str, Any]:
        chosen = int(data["member"])
        if selectors.residents_with_accounts([chosen]):
            with refusal_on("member", NotAllowed):
                raise NotAllowed(ALREADY_HAS_ACCOUNT)
        # Twins who share a date of birth have both proved it; a household chosen by
        # postcode has proved nothing yet, so the code comes next.
        proof = "date_of_birth" if state["route"] == "dob" else None
        return {**state, "resident_id": chosen, "proof": proof}

    return form_action(
        request,
        ChooseMemberForm(posted(request), members=members),
        choose,
        success=lambda state: _next_step(request, state),
        page=lambda form: render(request, "portal/sign_up_who.html", {"form": form, "route": state["route"]}),
        refusals=(NotAllowed,),
    )


def _code_state(request: HttpRequest) -> tuple[dict[str, Any], Resident] | None:
    state = _sign_up_state(request)
    if state is None or state.get("route") != "code" or not state.get("resident_id"):
        return None
    if state["resident_id"] not in {pk for pk, _ in state["candidates"]}:
        return None
    resident = Resident.objects.filter(pk=state["resident_id"]).first()
    return (state, resident) if resident is not None else None


@require_http_methods(["GET", "POST"])
def sign_up_code(request: HttpRequest) -> HttpResponse:
    """Step 3 by postcode: where to send a one-time code (details on the record, partly hidden)."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    found = _code_state(request)
    if found is None:
        return redirect("portal:sign-up")
    state, resident = found
    if selectors.residents_with_accounts([resident.pk]):
        return redirect("portal:sign-up")
    routes = identity.code_routes(resident, texts_allowed_now=quiet_until(timezone.now()) is None)

    def send(data: dict[str, Any]) -> None:
        _guess_identities(request)
        sign_up_code_send(
            resident=resident,
            channel=data["channel"],
            session_key=str(request.session.session_key),
            request=request,
        )
        state["sent_to"] = dict(identity.masked_choices(routes))[data["channel"]]
        request.session[SIGN_UP_SESSION_KEY] = state

    return form_action(
        request,
        CodeChannelForm(posted(request), choices=identity.masked_choices(routes)),
        send,
        success=lambda _: redirect("portal:sign-up-code-enter"),
        page=lambda form: render(
            request,
            "portal/sign_up_code.html",
            {
                "form": form,
                "no_routes": not routes,
                "first_name": resident.preferred_name or resident.first_name,
            },
        ),
        refusals=(NotAllowed,),
    )


@require_http_methods(["GET", "POST"])
def sign_up_code_enter(request: HttpRequest) -> HttpResponse:
    """Step 4 by postcode: type the code. Wrong codes are counted, per code and per visitor."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    found = _code_state(request)
    if found is None or not found[0].get("sent_to"):
        return redirect("portal:sign-up")
    state, resident = found
    context = {"sent_to": state["sent_to"]}
    identities = (
        {**_guess_identities(request), "resident": str(resident.pk)} if request.method == "POST" else {}
    )
    if request.method == "POST" and (wait := throttle.wait_seconds(SIGN_UP_CODE_SCOPE, identities)):
        return _too_many(request, "portal/sign_up_code_enter.html", CodeEntryForm(), wait, context)

    def check(data: dict[str, Any]) -> dict[str, Any]:
        right = sign_up_code_check(
            resident_id=resident.pk,
            session_key=str(request.session.session_key),
            typed=data["code"],
            request=request,
        )
        if not right:
            throttle.record_failure(SIGN_UP_CODE_SCOPE, identities)
            with refusal_on("code", NotAllowed):
                raise NotAllowed(WRONG_CODE)
        throttle.clear(SIGN_UP_CODE_SCOPE, {"session": identities["session"]})
        return {**state, "proof": "code_sms" if state["sent_to"].startswith("Text") else "code_email"}

    return form_action(
        request,
        CodeEntryForm(posted(request)),
        check,
        success=lambda state: _next_step(request, state),
        page=lambda form: render(request, "portal/sign_up_code_enter.html", {"form": form, **context}),
        refusals=(NotAllowed,),
    )


@require_http_methods(["GET", "POST"])
def sign_up_account(request: HttpRequest) -> HttpResponse:
    """Last step: choose an email address and password; the account waits for the email link."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    state = _sign_up_state(request)
    if state is None or not state.get("resident_id") or not state.get("proof"):
        return redirect("portal:sign-up")
    resident = Resident.objects.filter(pk=state["resident_id"]).first()
    if resident is None:
        return redirect("portal:sign-up")
    return form_action(
        request,
        AccountForm(posted(request), resident=resident, initial={"email": resident.email}),
        lambda data: resident_account_create(
            resident=resident,
            email=data["email"],
            password=data["password"],
            proof=state["proof"],
            request=request,
        ),
        success=lambda user: _check_your_email(request, user),
        page=lambda form: _account_page(request, resident, form, invitation=False),
        refusals=(AccountNotCreated,),
    )


def _account_page(
    request: HttpRequest, resident: Resident, form: AccountForm, *, invitation: bool
) -> HttpResponse:
    first_name = resident.preferred_name or resident.first_name
    return render(
        request,
        "portal/sign_up_account.html",
        {"form": form, "first_name": first_name, "invitation": invitation},
    )


def _check_your_email(request: HttpRequest, user: User) -> HttpResponse:
    request.session.pop(SIGN_UP_SESSION_KEY, None)
    return render(request, "portal/sign_up_check_email.html", {"email": user.email})


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An officer's invitation replaces the tenancy check: choose an email and password."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    found = invitation_find(token=token)
    if found is None:
        return render(request, "portal/invitation_unusable.html", status=404)
    resident = found.resident
    if selectors.residents_with_accounts([resident.pk]):
        return render(request, "portal/invitation_unusable.html", {"has_account": True}, status=409)
    return form_action(
        request,
        AccountForm(posted(request), resident=resident, initial={"email": resident.email}),
        lambda data: resident_account_create(
            resident=resident,
            email=data["email"],
            password=data["password"],
            proof="invitation",
            invitation=found,
            request=request,
        ),
        success=lambda user: _check_your_email(request, user),
        page=lambda form: _account_page(request, resident, form, invitation=True),
        refusals=(AccountNotCreated,),
    )


ACCOUNT_EMAIL_SCOPE = "account-email"


@resident_required
@require_http_methods(["GET", "POST"])
def account_email(request: HttpRequest, resident: Resident) -> HttpResponse:
    """Change the sign-in email address: the password, then the link sent to the new address."""
    user = request.user
    assert isinstance(user, User)
    form = EmailChangeForm(posted(request), user=user)
    identities = {"account": str(user.pk), "address": client_ip(request)}
    if request.method == "POST" and (wait := throttle.wait_seconds(ACCOUNT_EMAIL_SCOPE, identities)):
        return _too_many(
            request, "portal/account_email.html", EmailChangeForm(user=user), wait, {"user": user}
        )

    def change(data: dict[str, Any]) -> str:
        with refusal_on("email", NotAllowed):
            account_email_change_request(user=user, new_email=data["email"], request=request)
        return str(data["email"])

    response = form_action(
        request,
        form,
        change,
        success=lambda email: redirect_with_message(
            request,
            f"We have sent a link to {email}. Your sign-in address changes when you open it.",
            "portal:home",
        ),
        page=lambda form: render(request, "portal/account_email.html", {"form": form, "user": user}),
        refusals=(NotAllowed,),
    )
    if "password" in form.errors:  # a wrong password counts towards the wait
        throttle.record_failure(ACCOUNT_EMAIL_SCOPE, identities)
    return response


# --- My account --------------------------------------------------------------------------
