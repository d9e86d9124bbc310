"""Residents' pages under /my/. Every page works only on ``request.user.resident``:
no portal URL carries a resident id, so a resident can never reach anyone else's record."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tenantvoice.accounts.models import User
from tenantvoice.accounts.services import invitation_find
from tenantvoice.core import throttle
from tenantvoice.core.access import require_capability
from tenantvoice.core.audit import audit_record
from tenantvoice.core.clientip import client_ip
from tenantvoice.core.http import posted
from tenantvoice.core.models import AuditAction
from tenantvoice.core.personal_data import subject_access_export
from tenantvoice.core.roles import Capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import EQUALITY_CONSENT_WORDING, Resident
from tenantvoice.residents.services import equality_profile_save, resident_update

from . import selectors
from .forms import AccountForm, ChooseMemberForm, DetailsForm, EqualityForm, PreferencesForm, SignUpCheckForm
from .services import ALREADY_HAS_ACCOUNT, AccountNotCreated, resident_account_create

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


# --- Creating an account -----------------------------------------------------------------

SIGN_UP_SESSION_KEY = "portal_sign_up"
SIGN_UP_SCOPE = "sign-up"  # its rules: settings.TENANTVOICE_THROTTLES
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


def _guess_identities(request: HttpRequest) -> dict[str, str]:
    if not request.session.session_key:
        request.session.save()  # an anonymous visitor needs a session to be counted by
    return {"session": request.session.session_key or "", "address": client_ip(request)}


def _signed_in_elsewhere(request: HttpRequest) -> HttpResponse | None:
    if request.user.is_authenticated:
        return redirect("home")
    return None


def _verified_sign_up(request: HttpRequest) -> dict[str, Any] | None:
    state = request.session.get(SIGN_UP_SESSION_KEY)
    if not state or timezone.now().timestamp() - state.get("at", 0) > SIGN_UP_CHECK_VALID_SECONDS:
        request.session.pop(SIGN_UP_SESSION_KEY, None)
        return None
    return dict(state)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """Step 1: the tenancy check. Failures never say which detail was wrong."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    form = SignUpCheckForm(posted(request))
    if request.method == "POST":
        identities = _guess_identities(request)
        if wait := throttle.wait_seconds(SIGN_UP_SCOPE, identities):
            form = SignUpCheckForm()
            form.cleaned_data = {}  # an unbound form has none; add_error needs it
            form.add_error(None, TOO_MANY.format(wait=throttle.wait_text(wait)))
            return throttle.too_many(render(request, "portal/sign_up.html", {"form": form}), wait)
        if form.is_valid():
            candidates = selectors.sign_up_candidates(
                tenancy_ref=form.cleaned_data["tenancy_reference"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                postcode=form.cleaned_data["postcode"],
            )
            if not candidates:
                throttle.record_failure(SIGN_UP_SCOPE, identities)
                form.add_error(None, NO_MATCH)
            else:
                with_accounts = selectors.residents_with_accounts([r.pk for r in candidates])
                if len(candidates) == 1 and candidates[0].pk in with_accounts:
                    form.add_error(None, ALREADY_HAS_ACCOUNT)
                else:
                    request.session.cycle_key()  # a passed check gets a fresh session id
                    request.session[SIGN_UP_SESSION_KEY] = {
                        "at": timezone.now().timestamp(),
                        "candidates": [[r.pk, r.preferred_name or r.first_name] for r in candidates],
                        "resident_id": candidates[0].pk if len(candidates) == 1 else None,
                    }
                    if len(candidates) == 1:
                        return redirect("portal:sign-up-account")
                    return redirect("portal:sign-up-who")
    return render(request, "portal/sign_up.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_up_who(request: HttpRequest) -> HttpResponse:
    """Step 2 for a household: which member are you, by first name only."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    state = _verified_sign_up(request)
    if state is None:
        return redirect("portal:sign-up")
    members = [(str(pk), name) for pk, name in state["candidates"]]
    form = ChooseMemberForm(posted(request), members=members)
    if request.method == "POST" and form.is_valid():
        chosen = int(form.cleaned_data["member"])
        if selectors.residents_with_accounts([chosen]):
            form.add_error("member", ALREADY_HAS_ACCOUNT)
        else:
            state["resident_id"] = chosen
            request.session[SIGN_UP_SESSION_KEY] = state
            return redirect("portal:sign-up-account")
    return render(request, "portal/sign_up_who.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_up_account(request: HttpRequest) -> HttpResponse:
    """Step 3: choose an email address and password; then the account is made."""
    if (elsewhere := _signed_in_elsewhere(request)) is not None:
        return elsewhere
    state = _verified_sign_up(request)
    if state is None or not state.get("resident_id"):
        return redirect("portal:sign-up")
    resident = Resident.objects.filter(pk=state["resident_id"]).first()
    if resident is None:
        return redirect("portal:sign-up")
    form = AccountForm(posted(request), resident=resident)
    if request.method == "POST" and form.is_valid():
        try:
            user = resident_account_create(
                resident=resident,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                request=request,
            )
        except AccountNotCreated as exc:
            form.add_error(None, str(exc))
        else:
            return _welcome(request, user)
    first_name = resident.preferred_name or resident.first_name
    return render(
        request, "portal/sign_up_account.html", {"form": form, "first_name": first_name, "invitation": False}
    )


def _welcome(request: HttpRequest, user: User) -> HttpResponse:
    request.session.pop(SIGN_UP_SESSION_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, "Your account is ready. You are now signed in.")
    return redirect("portal:home")


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
    form = AccountForm(posted(request), resident=resident, initial={"email": resident.email})
    if request.method == "POST" and form.is_valid():
        try:
            user = resident_account_create(
                resident=resident,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                invitation=found,
                request=request,
            )
        except AccountNotCreated as exc:
            form.add_error(None, str(exc))
        else:
            return _welcome(request, user)
    first_name = resident.preferred_name or resident.first_name
    return render(
        request, "portal/sign_up_account.html", {"form": form, "first_name": first_name, "invitation": True}
    )


# --- My account --------------------------------------------------------------------------


@resident_required
def home(request: HttpRequest, resident: Resident) -> HttpResponse:
    from tenantvoice.comms.reviews import reviews_for

    memberships = selectors.current_memberships(resident)
    return render(
        request,
        "portal/home.html",
        {
            "resident": resident,
            "membership": memberships[0] if memberships else None,
            "has_equality_answers": selectors.equality_profile_of(resident) is not None,
            "has_reviews": reviews_for(resident).exists(),
        },
    )


@resident_required
def details(request: HttpRequest, resident: Resident) -> HttpResponse:
    return render(
        request,
        "portal/details.html",
        {"resident": resident, "memberships": selectors.current_memberships(resident)},
    )


@resident_required
@require_http_methods(["GET", "POST"])
def details_change(request: HttpRequest, resident: Resident) -> HttpResponse:
    form = DetailsForm(posted(request), resident=resident)
    if request.method == "POST" and form.is_valid():
        resident_update(
            resident=resident, actor=request.user, data=form.changed_data_for_save(), request=request
        )
        messages.success(request, "Your details have been saved.")
        return redirect("portal:details")
    return render(request, "portal/details_change.html", {"form": form, "resident": resident})


@resident_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, resident: Resident) -> HttpResponse:
    form = PreferencesForm(posted(request), resident=resident)
    if request.method == "POST" and form.is_valid():
        resident_update(resident=resident, actor=request.user, data=form.data_for_save(), request=request)
        messages.success(request, "Your communication preferences have been saved.")
        return redirect("portal:home")
    return render(request, "portal/preferences.html", {"form": form, "resident": resident})


def _consent_wording() -> str:
    return EQUALITY_CONSENT_WORDING.format(landlord=landlord_get().name)


@resident_required
@require_http_methods(["GET", "POST"])
def equality(request: HttpRequest, resident: Resident) -> HttpResponse:
    profile = selectors.equality_profile_of(resident)
    initial: dict[str, Any] = {}
    if profile is not None:
        initial = {name: getattr(profile, name) for name in EqualityForm.ANSWER_FIELDS}
        initial["consent"] = True
    form = EqualityForm(posted(request), initial=initial, consent_label=_consent_wording())
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["consent"]:
            # Nothing is saved, and existing answers stay: deleting is its own, confirmed step.
            form.add_error(
                "consent",
                "We have not saved your answers, because the box to agree is "
                "not ticked. Tick it to save them, or leave this page to skip "
                "the questions.",
            )
        else:
            equality_profile_save(
                resident=resident,
                answers=form.answers(),
                consent=True,
                consent_method="portal",
                actor=request.user,
                landlord_name=landlord_get().name,
                request=request,
            )
            messages.success(request, "Thank you. Your answers have been saved.")
            return redirect("portal:home")
    elif profile is not None:
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW_EQUALITY,
            object_type="equality_profile",
            object_id=profile.pk,
            resident_id=resident.pk,
            request=request,
            summary="Resident looked at their own equality answers",
        )
    return render(request, "portal/equality.html", {"form": form, "profile": profile})


@resident_required
@require_http_methods(["GET", "POST"])
def equality_delete(request: HttpRequest, resident: Resident) -> HttpResponse:
    """Delete the answers by withdrawing consent (POST from the equality page's button)."""
    if request.method != "POST":
        return redirect("portal:equality")
    if selectors.equality_profile_of(resident) is not None:
        equality_profile_save(
            resident=resident,
            answers={},
            consent=False,
            consent_method="portal",
            actor=request.user,
            landlord_name=landlord_get().name,
            request=request,
        )
    messages.success(request, "Your equality answers have been deleted.")
    return redirect("portal:home")


@resident_required
def data(request: HttpRequest, resident: Resident) -> HttpResponse:
    export = subject_access_export(resident=resident, viewer=request.user, request=request)
    return render(request, "portal/data.html", {"export": export})


@resident_required
def data_json(request: HttpRequest, resident: Resident) -> HttpResponse:
    export = subject_access_export(resident=resident, viewer=request.user, request=request, download=True)
    body = json.dumps(export.as_json(), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
