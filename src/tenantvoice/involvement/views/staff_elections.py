"""Officers run elections: set one up, add nominations, open voting, enter paper ballots,
count (with a recorded draw for ties) and publish, seating the winners."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
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
from tenantvoice.involvement.forms import ElectionForm, NominationForm, PaperBallotForm, PublishForm
from tenantvoice.involvement.models import Election
from tenantvoice.involvement.services import InvolvementError


@require_capability(Capability.VIEW_RESIDENTS)
def election_list(request: HttpRequest) -> HttpResponse:
    elections = Election.objects.select_related("seat_category__group")

    def list_page(form: ElectionForm | None) -> HttpResponse:
        return render(request, "staff/involvement/elections.html", {"elections": elections, "form": form})

    if not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        return list_page(None)  # readers see the list, without the form to set one up
    return form_action(
        request,
        ElectionForm(posted(request)),
        lambda data: election_create(
            category=data["seat_category"],
            **{k: v for k, v in data.items() if k != "seat_category"},
            by=request.user,
        ),
        success=lambda election: redirect("staff:election-detail", pk=election.pk),
        page=list_page,
        refusals=(InvolvementError,),
    )


@require_capability(Capability.VIEW_RESIDENTS)
def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("seat_category__group"), pk=pk)
    return _detail_page(request, election)


def _detail_page(request: HttpRequest, election: Election, form: BaseForm | None = None) -> HttpResponse:
    """The election's page; ``form`` is one posted from it, shown again with its problems."""
    return render(
        request,
        "staff/involvement/election.html",
        {
            "election": election,
            "nominations": election.nominations.select_related("resident"),
            "ballots": election.ballot_records.count(),
            "nomination_form": form
            if isinstance(form, NominationForm)
            else NominationForm(prefix="n", request=request),
            "ballot_form": form
            if isinstance(form, PaperBallotForm)
            else PaperBallotForm(prefix="b", election=election, request=request),
            "action_form": form if not isinstance(form, NominationForm | PaperBallotForm) else None,
            "can_manage": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def election_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The buttons on an election's page; each posts its form with ``action`` naming it."""
    election = get_object_or_404(Election.objects.select_related("seat_category__group"), pk=pk)
    form: BaseForm
    act: Callable[[dict[str, Any]], str]  # does it, and says what was done
    match request.POST.get("action", ""):
        case "nominate":
            form = NominationForm(request.POST, prefix="n", request=request)

            def act(data: dict[str, Any]) -> str:
                nomination_add(
                    election=election, resident=data["resident"], statement=data["statement"], by=request.user
                )
                return "Nomination added."
        case "open":
            form = ButtonForm(request.POST)

            def act(data: dict[str, Any]) -> str:
                voting_open(election=election, by=request.user)
                return "Voting is open."
        case "paper":
            form = PaperBallotForm(request.POST, prefix="b", election=election, request=request)

            def act(data: dict[str, Any]) -> str:
                vote_cast(
                    election=election,
                    voter=data["voter"],
                    choices=data["choices"],
                    channel="paper",
                    by=request.user,
                )
                return "The paper ballot has been recorded."
        case "count":
            form = ButtonForm(request.POST)

            def act(data: dict[str, Any]) -> str:
                election_count(election=election, by=request.user)
                return "Counted."
        case "publish":
            form = PublishForm(request.POST)

            def act(data: dict[str, Any]) -> str:
                start = data["seats_from"]
                election_publish(election=election, fill_seats_from=start, by=request.user)
                return "The result is published" + (" and the winners have their seats." if start else ".")
        case _:
            form = ButtonForm(request.POST)

            def act(data: dict[str, Any]) -> str:
                raise InvolvementError("That is not something that can be done to an election.")

    return form_action(
        request,
        form,
        act,
        success=lambda done: redirect_with_message(request, done, "staff:election-detail", pk=pk),
        page=lambda form: _detail_page(request, election, form),
        refusals=(InvolvementError,),
    )
