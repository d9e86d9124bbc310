"""Residents vote in elections through the portal and read published results."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.http import posted
from tenantvoice.involvement.elections import elector_problems, vote_cast
from tenantvoice.involvement.forms import BallotForm
from tenantvoice.involvement.models import BallotRecord, Election, ElectionStatus
from tenantvoice.involvement.services import InvolvementError
from tenantvoice.residents.models import Resident


@resident_required
def elections(request: HttpRequest, resident: Resident) -> HttpResponse:
    today = timezone.localdate()
    open_now = [
        e
        for e in Election.objects.filter(status=ElectionStatus.VOTING).select_related("seat_category__group")
        if e.is_voting_open(today) and not elector_problems(e, resident, today)
    ]
    voted = set(BallotRecord.objects.filter(resident=resident).values_list("election_id", flat=True))
    published = Election.objects.filter(status=ElectionStatus.PUBLISHED)[:10]
    return render(
        request,
        "portal/involvement/elections.html",
        {"open_now": open_now, "voted": voted, "published": published},
    )


@resident_required
def ballot(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    today = timezone.localdate()
    election = get_object_or_404(Election.objects.select_related("seat_category__group"), pk=pk)
    if not election.is_voting_open(today) or elector_problems(election, resident, today):
        raise Http404("There is no ballot for you in this election.")
    if BallotRecord.objects.filter(election=election, resident=resident).exists():
        return render(request, "portal/involvement/voted.html", {"election": election})

    def vote(data: dict[str, Any]) -> None:
        with refusal_on("choices", InvolvementError):
            vote_cast(election=election, voter=resident, choices=data["choices"], by=request.user)

    return form_action(
        request,
        BallotForm(posted(request), election=election),
        vote,
        success=lambda _: redirect_with_message(
            request, "Thank you. Your vote has been counted in, and it is secret.", "involvement:elections"
        ),
        page=lambda form: render(
            request,
            "portal/involvement/ballot.html",
            {
                "election": election,
                "form": form,
                "candidates": election.nominations.filter(withdrawn=False).select_related("resident"),
            },
        ),
        refusals=(InvolvementError,),
    )


def results(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk, status=ElectionStatus.PUBLISHED)
    return render(request, "portal/involvement/results.html", {"election": election})
