"""Officers run elections: set one up, add nominations, open voting, enter paper ballots,
count (with a recorded draw for ties) and publish, seating the winners."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.dates import parse_date
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.involvement.elections import (
    election_count,
    election_create,
    election_publish,
    nomination_add,
    vote_cast,
    voting_open,
)
from tenantvoice.involvement.forms import BallotForm, ElectionForm
from tenantvoice.involvement.models import Election
from tenantvoice.involvement.services import InvolvementError
from tenantvoice.residents.models import Resident


@require_capability(Capability.VIEW_RESIDENTS)
def election_list(request: HttpRequest) -> HttpResponse:
    can_manage = has_capability(request.user, Capability.MANAGE_INVOLVEMENT)
    form = ElectionForm(posted(request)) if can_manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            election = election_create(
                category=form.cleaned_data["seat_category"],
                **{k: v for k, v in form.cleaned_data.items() if k != "seat_category"},
                by=request.user,
            )
        except InvolvementError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("staff:election-detail", pk=election.pk)
    elections = Election.objects.select_related("seat_category__group")
    return render(request, "staff/involvement/elections.html", {"elections": elections, "form": form})


@require_capability(Capability.VIEW_RESIDENTS)
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("seat_category__group"), pk=pk)
    return render(
        request,
        "staff/involvement/election.html",
        {
            "election": election,
            "nominations": election.nominations.select_related("resident"),
            "ballots": election.ballot_records.count(),
            "ballot_form": BallotForm(election=election),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


def _resident(number: str) -> Resident:
    resident = Resident.objects.filter(pk=int(number)).first() if number.strip().isdigit() else None
    if resident is None:
        raise InvolvementError(f"There is no resident number '{number}'. Use the number on their record.")
    return resident


def _nominate(request: HttpRequest, election: Election) -> str:
    nomination_add(
        election=election,
        resident=_resident(request.POST.get("resident", "")),
        statement=request.POST.get("statement", ""),
        by=request.user,
    )
    return "Nomination added."


def _open(request: HttpRequest, election: Election) -> str:
    voting_open(election=election, by=request.user)
    return "Voting is open."


def _paper(request: HttpRequest, election: Election) -> str:
    form = BallotForm(request.POST, election=election)
    if not form.is_valid():
        raise InvolvementError(" ".join(str(e) for errors in form.errors.values() for e in errors))
    vote_cast(
        election=election,
        voter=_resident(request.POST.get("voter", "")),
        choices=form.cleaned_data["choices"],
        channel="paper",
        by=request.user,
    )
    return "The paper ballot has been recorded."


def _count(request: HttpRequest, election: Election) -> str:
    election_count(election=election, by=request.user)
    return "Counted."


def _publish(request: HttpRequest, election: Election) -> str:
    text = request.POST.get("seats_from", "").strip()
    start = parse_date(text)
    if text and start is None:
        raise InvolvementError("Enter the date the new members start like 1/4/2026, or leave it empty.")
    election_publish(election=election, fill_seats_from=start, by=request.user)
    return "The result is published" + (" and the winners have their seats." if start else ".")


ACTIONS: dict[str, Callable[[HttpRequest, Election], str]] = {
    "nominate": _nominate,
    "open": _open,
    "paper": _paper,
    "count": _count,
    "publish": _publish,
}


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def election_action(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    action: Any = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, "That is not something that can be done to an election.")
    else:
        try:
            messages.success(request, action(request, election))
        except InvolvementError as exc:
            messages.error(request, str(exc))
    return redirect("staff:election-detail", pk=pk)
