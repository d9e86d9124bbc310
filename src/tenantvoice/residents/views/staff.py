"""Officers' pages for the resident register. Views are thin: forms parse, services write,
selectors read, and every look at a person's record is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from tenantvoice.accounts.models import Invitation
from tenantvoice.accounts.services import NotAllowed, invitation_create
from tenantvoice.comms.selectors import resident_messages
from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.forms import (
    PaperEqualityForm,
    ResidentSearchForm,
    StaffDetailsForm,
    StaffPreferencesForm,
)
from tenantvoice.residents.models import Resident
from tenantvoice.residents.selectors import (
    CursorInvalid,
    access_resident_for_staff,
    equality_consent_get,
    equality_profile_read,
    memberships_current_and_past,
    resident_search,
)
from tenantvoice.residents.services import equality_profile_save_from_paper, resident_update
from tenantvoice.residents.widgets import AreaPicker, ResidentPicker


@require_capability(Capability.VIEW_RESIDENTS)
def resident_search_page(request: HttpRequest) -> HttpResponse:
    form = ResidentSearchForm(request.GET or None, request=request)
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        try:
            page = resident_search(
                reader=request.user,
                request=request,
                query=data["q"],
                area=data["area"],
                kind=data["kind"],
                include_former=data["former"],
                cursor=request.GET.get("after", ""),
            )
        except CursorInvalid:
            form.add_error(None, "This page link does not work. Search again to start from the first page.")
            return render(request, "staff/residents/search.html", {"form": form}, status=400)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "staff/residents/search.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            # Keyset pages cannot step back cheaply; a later page offers the first one instead.
            "later_page": bool(request.GET.get("after")),
        },
    )


@require_capability(Capability.VIEW_RESIDENTS)
def resident_pick(request: HttpRequest) -> JsonResponse:
    """The resident picker's search as JSON, for its script: up to ten residents by name,
    reference and home, found and audited by the register's own search (decision 0027)."""
    return ResidentPicker().as_json(request.GET.get("q", ""), request=request)


@require_capability(Capability.USE_STAFF_AREA)
def area_pick(request: HttpRequest) -> JsonResponse:
    """The area picker's search as JSON, for its script: up to ten areas by the start of their
    name (decision 0039). Any officer: area names are the landlord's, not anyone's personal
    data, and every page with an area picker needs them (search, audiences, reports)."""
    return AreaPicker().as_json(request.GET.get("q", ""), request=request)


@require_capability(Capability.VIEW_RESIDENTS)
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(
        request,
        access_resident_for_staff(request.user, pk, summary="Viewed the resident's record", request=request),
    )


def _detail_page(
    request: HttpRequest, resident: Resident, action_form: ButtonForm | None = None
) -> HttpResponse:
    current, past = memberships_current_and_past(resident)
    return render(
        request,
        "staff/residents/detail.html",
        {
            "resident": resident,
            "current": current,
            "past": past,
            "equality_consent": equality_consent_get(resident),
            "can_edit": has_capability(request.user, Capability.EDIT_RESIDENTS),
            "can_see_equality": has_capability(request.user, Capability.VIEW_EQUALITY_DATA),
            "account": getattr(resident, "account", None),
            "open_invitation": resident.invitations.filter(used_at__isnull=True).order_by("-pk").first(),
            "messages_sent": resident_messages(resident.pk, limit=20),
            # The resident's complaints and service requests, newest first (one query).
            "complaints": resident.complaints.order_by("-received_on", "-pk")[:20],
            "action_form": action_form,
        },
    )


def _change_page(
    request: HttpRequest,
    pk: int,
    form_class: type[StaffDetailsForm] | type[StaffPreferencesForm],
    template: str,
    done: str,
) -> HttpResponse:
    resident = access_resident_for_staff(
        request.user, pk, summary="Opened the resident's details to change them", request=request
    )
    form = form_class(posted(request), resident=resident)

    def save(data: dict[str, Any]) -> None:
        changes = form.changed_data_for_save() if isinstance(form, StaffDetailsForm) else form.data_for_save()
        resident_update(resident=resident, by=request.user, data=changes, request=request)

    return form_action(
        request,
        form,
        save,
        success=lambda _: redirect_with_message(request, done, "staff:resident-detail", pk=pk),
        page=lambda form: render(request, template, {"form": form, "resident": resident}),
    )


@require_capability(Capability.EDIT_RESIDENTS)
def resident_change(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_page(
        request, pk, StaffDetailsForm, "staff/residents/change.html", "Contact details saved."
    )


@require_capability(Capability.EDIT_RESIDENTS)
def resident_preferences(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_page(
        request,
        pk,
        StaffPreferencesForm,
        "staff/residents/preferences.html",
        "Communication preferences saved.",
    )


@require_capability(Capability.VIEW_EQUALITY_DATA)
def resident_equality(request: HttpRequest, pk: int) -> HttpResponse:
    """Equality answers: special category data, for administrators only, every look audited."""
    resident = access_resident_for_staff(
        request.user, pk, summary="Opened the resident's equality page", request=request
    )

    def equality_page(form: PaperEqualityForm) -> HttpResponse:
        profile = equality_profile_read(
            resident, reader=request.user, summary="Viewed equality answers", request=request
        )
        answers = []
        if profile is not None:
            for name in PaperEqualityForm.ANSWER_FIELDS:
                field = PaperEqualityForm.base_fields[name]
                value = getattr(profile, name)
                label = dict(getattr(field, "choices", [])).get(value, value) if value else "Not answered"
                answers.append((field.label, label))
        return render(
            request,
            "staff/residents/equality.html",
            {"resident": resident, "profile": profile, "answers": answers, "form": form},
        )

    form = PaperEqualityForm(posted(request))
    return form_action(
        request,
        form,
        lambda data: equality_profile_save_from_paper(
            resident=resident,
            answers=form.answers(),
            signed_on=data.get("consent_date"),
            by=request.user,
            landlord_name=landlord_get().name,
            request=request,
        ),
        success=lambda _: redirect_with_message(
            request, "The answers from the paper form have been saved.", "staff:resident-equality", pk=pk
        ),
        page=equality_page,
    )


@require_POST
@require_capability(Capability.EDIT_RESIDENTS)
def resident_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an invitation to the resident only: the officer is told how it went, never the link."""
    resident = access_resident_for_staff(
        request.user, pk, summary="Invited the resident to use the website", request=request
    )

    def sent(invitation: Invitation) -> HttpResponse:
        if invitation.sent_by == "email":
            text = "Invitation sent by email to the address on their record. It works once, for 28 days."
        else:
            text = (
                "Invitation letter queued for printing (we have no working email address for them). "
                "It works once, for 28 days."
            )
        return redirect_with_message(request, text, "staff:resident-detail", pk=pk)

    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: invitation_create(
            resident_id=resident.pk,
            created_by=request.user,  # type: ignore[arg-type]
            request=request,
        ),
        success=sent,
        page=lambda form: _detail_page(request, resident, form),
        refusals=(NotAllowed,),
    )
