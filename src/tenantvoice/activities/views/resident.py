"""Residents' activities: what they are invited to, replies, help to take part, expenses
and their own hours of involvement."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.activities.forms import ExpenseForm, RsvpForm, SupportForm
from tenantvoice.activities.models import ExpenseClaim, Participant
from tenantvoice.activities.selectors import hours_of_involvement
from tenantvoice.activities.services import ActivityError, expense_claim_submit, rsvp_set, support_request
from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.http import posted, posted_files
from tenantvoice.residents.models import Resident


def _own_place(resident: Resident, pk: int) -> Participant:
    place = Participant.objects.filter(pk=pk, resident=resident).select_related("activity__venue").first()
    if place is None:
        raise Http404("That is not one of your invitations.")
    return place


@resident_required
def my_activities(request: HttpRequest, resident: Resident) -> HttpResponse:
    now = timezone.now()
    places = Participant.objects.filter(resident=resident).select_related(
        "activity__venue", "activity__group"
    )
    today = timezone.localdate()
    return render(
        request,
        "portal/activities/list.html",
        {
            "upcoming": places.filter(activity__ends_at__gte=now, activity__cancelled=False).order_by(
                "activity__starts_at"
            ),
            "hours": hours_of_involvement(resident, today - dt.timedelta(days=365), today),
        },
    )


@resident_required
def my_activity(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    place = _own_place(resident, pk)

    def ask(data: dict[str, Any]) -> None:
        with refusal_on("details", ActivityError):
            support_request(participant=place, by=request.user, **data)

    return form_action(
        request,
        SupportForm(posted(request)),
        ask,
        success=lambda _: redirect_with_message(
            request, "Thank you. We will let you know what we have arranged.", "portal:activity", pk=pk
        ),
        page=lambda form: _activity_page(request, place, form),
        refusals=(ActivityError,),
    )


def _activity_page(
    request: HttpRequest, place: Participant, form: SupportForm, rsvp_form: RsvpForm | None = None
) -> HttpResponse:
    """One of the resident's invitations: their reply, and asking for help to take part."""
    return render(
        request,
        "portal/activities/detail.html",
        {
            "place": place,
            "activity": place.activity,
            "form": form,
            "rsvp_form": rsvp_form,
            "support": place.support_requests.all(),
        },
    )


@require_POST
@resident_required
def rsvp(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    place = _own_place(resident, pk)
    return form_action(
        request,
        RsvpForm(request.POST),
        lambda data: rsvp_set(participant=place, answer=data["answer"], by=request.user),
        success=lambda _: redirect_with_message(
            request, "Thank you for letting us know.", "portal:activity", pk=pk
        ),
        page=lambda form: _activity_page(request, place, SupportForm(), form),
        refusals=(ActivityError,),
    )


@resident_required
def my_expenses(request: HttpRequest, resident: Resident) -> HttpResponse:
    return form_action(
        request,
        ExpenseForm(posted(request), posted_files(request)),
        lambda data: expense_claim_submit(resident=resident, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request,
            "Your claim has been sent. We will tell you when it is approved and paid.",
            "portal:expenses",
        ),
        page=lambda form: render(
            request,
            "portal/activities/expenses.html",
            {"form": form, "claims": ExpenseClaim.objects.filter(resident=resident)},
        ),
        refusals=(ActivityError,),
    )
