"""Residents' activities: what they are invited to, replies, help to take part, expenses
and their own hours of involvement."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.activities.forms import ExpenseForm, SupportForm
from tenantvoice.activities.models import ExpenseClaim, Participant
from tenantvoice.activities.selectors import hours_of_involvement
from tenantvoice.activities.services import ActivityError, expense_claim_submit, rsvp_set, support_request
from tenantvoice.core.access import resident_required
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
    form = SupportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            support_request(participant=place, by=request.user, **form.cleaned_data)
        except ActivityError as exc:
            form.add_error("details", str(exc))
        else:
            messages.success(request, "Thank you. We will let you know what we have arranged.")
            return redirect("portal:activity", pk=pk)
    return render(
        request,
        "portal/activities/detail.html",
        {"place": place, "activity": place.activity, "form": form, "support": place.support_requests.all()},
    )


@require_POST
@resident_required
def rsvp(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    place = _own_place(resident, pk)
    try:
        rsvp_set(participant=place, answer=request.POST.get("answer", ""), by=request.user)
    except ActivityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Thank you for letting us know.")
    return redirect("portal:activity", pk=pk)


@resident_required
def my_expenses(request: HttpRequest, resident: Resident) -> HttpResponse:
    form = ExpenseForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            expense_claim_submit(resident=resident, by=request.user, **form.cleaned_data)
        except ActivityError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, "Your claim has been sent. We will tell you when it is approved and paid."
            )
            return redirect("portal:expenses")
    return render(
        request,
        "portal/activities/expenses.html",
        {"form": form, "claims": ExpenseClaim.objects.filter(resident=resident)},
    )
