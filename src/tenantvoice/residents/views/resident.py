"""Residents' own record under /my/: their details, communication preferences, equality
answers, and everything we hold about them. Every page works only on
``request.user.resident``: no URL here carries a resident id, so a resident can never reach
anyone else's record."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.personal_data import subject_access_export
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents import selectors
from tenantvoice.residents.forms import (
    DetailsForm,
    EqualityForm,
    PreferencesForm,
)
from tenantvoice.residents.models import EQUALITY_CONSENT_WORDING, Resident
from tenantvoice.residents.selectors import equality_profile_read
from tenantvoice.residents.services import equality_profile_save, resident_update


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
    return form_action(
        request,
        form,
        lambda data: resident_update(
            resident=resident, by=request.user, data=form.changed_data_for_save(), request=request
        ),
        success=lambda _: redirect_with_message(request, "Your details have been saved.", "portal:details"),
        page=lambda form: render(request, "portal/details_change.html", {"form": form, "resident": resident}),
    )


@resident_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, resident: Resident) -> HttpResponse:
    form = PreferencesForm(posted(request), resident=resident)
    return form_action(
        request,
        form,
        lambda data: resident_update(
            resident=resident, by=request.user, data=form.data_for_save(), request=request
        ),
        success=lambda _: redirect_with_message(
            request, "Your communication preferences have been saved.", "portal:home"
        ),
        page=lambda form: render(request, "portal/preferences.html", {"form": form, "resident": resident}),
    )


def _consent_wording() -> str:
    return EQUALITY_CONSENT_WORDING.format(landlord=landlord_get().name)


@resident_required
@require_http_methods(["GET", "POST"])
def equality(request: HttpRequest, resident: Resident) -> HttpResponse:
    # A GET shows the answers (an audited read); a POST only compares with them.
    profile = (
        equality_profile_read(
            resident,
            reader=request.user,
            summary="Resident looked at their own equality answers",
            request=request,
        )
        if request.method != "POST"
        else selectors.equality_profile_of(resident)
    )
    initial: dict[str, Any] = {}
    if profile is not None:
        initial = {name: getattr(profile, name) for name in EqualityForm.ANSWER_FIELDS}
        initial["consent"] = True
    form = EqualityForm(posted(request), initial=initial, consent_label=_consent_wording())

    def save(data: dict[str, Any]) -> None:
        equality_profile_save(
            resident=resident,
            answers=form.answers(),
            consent=True,
            consent_method="portal",
            by=request.user,
            landlord_name=landlord_get().name,
            request=request,
        )

    return form_action(
        request,
        form,
        save,
        success=lambda _: redirect_with_message(
            request, "Thank you. Your answers have been saved.", "portal:home"
        ),
        page=lambda form: render(request, "portal/equality.html", {"form": form, "profile": profile}),
    )


@resident_required
@require_http_methods(["GET", "POST"])
def equality_delete(request: HttpRequest, resident: Resident) -> HttpResponse:
    """Delete the answers by withdrawing consent (POST from the equality page's button)."""
    if request.method != "POST":
        return redirect("portal:equality")

    def delete(data: dict[str, Any]) -> None:
        if selectors.equality_profile_of(resident) is not None:
            equality_profile_save(
                resident=resident,
                answers={},
                consent=False,
                consent_method="portal",
                by=request.user,
                landlord_name=landlord_get().name,
                request=request,
            )

    return form_action(
        request,
        ButtonForm(request.POST),
        delete,
        success=lambda _: redirect_with_message(
            request, "Your equality answers have been deleted.", "portal:home"
        ),
        page=lambda form: render(request, "portal/equality.html", {"form": form, "profile": None}),
    )


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
