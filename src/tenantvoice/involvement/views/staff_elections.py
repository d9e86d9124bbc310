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
from tenantvoice.involvement.forms import ElectionForm, NominationForm, PaperBallotForm
from tenantvoice.involvement.models import Election
from tenantvoice.involvement.services import InvolvementError


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
    return _detail_page(request, election)


def _detail_page(
    request: HttpRequest,
    election: Election,
    *,
    nomination_form: NominationForm | None = None,
    ballot_form: PaperBallotForm | None = None,
) -> HttpResponse:
    bound = nomination_form or ballot_form
    return render(
        request,
        "staff/involvement/election.html",
        {
            "election": election,
            "nominations": election.nominations.select_related("resident"),
            "ballots": election.ballot_records.count(),
            "nomination_form": nomination_form or NominationForm(prefix="n", request=request),
            "ballot_form": ballot_form or PaperBallotForm(prefix="b", election=election, request=request),
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
        status=400 if bound is not None and bound.errors else 200,
    )


def _nominate(request: HttpRequest, election: Election) -> HttpResponse | str:
    form = NominationForm(request.POST, prefix="n", request=request)
    if not form.is_valid():
        return _detail_page(request, election, nomination_form=form)
    nomination_add(
        election=election,
        resident=form.cleaned_data["resident"],
        statement=form.cleaned_data["statement"],
        by=request.user,
    )
    return "Nomination added."


def _open(request: HttpRequest, election: Election) -> str:
    voting_open(election=election, by=request.user)
    return "Voting is open."


def _paper(request: HttpRequest, election: Election) -> HttpResponse | str:
    form = PaperBallotForm(request.POST, prefix="b", election=election, request=request)
    if not form.is_valid():
        return _detail_page(request, election, ballot_form=form)
    vote_cast(
        election=election,
        voter=form.cleaned_data["voter"],
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


# An action answers a message for the election's page, or the page itself again (a form to
# correct, or a resident picker's search).
ACTIONS: dict[str, Callable[[HttpRequest, Election], HttpResponse | str]] = {
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
            done = action(request, election)
            if isinstance(done, HttpResponse):
                return done
            messages.success(request, done)
        except InvolvementError as exc:
            messages.error(request, str(exc))
    return redirect("staff:election-detail", pk=pk)
