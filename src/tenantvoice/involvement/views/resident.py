"""Residents' pages for getting involved: the menu, the levels side by side, joining,
leaving, and answering an offered place. The menu and levels are public; the rest works
only on the signed-in resident's own record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.selectors import landlord_get
from tenantvoice.involvement.forms import JoinLevelForm, MenuFilterForm, OfferAnswerForm
from tenantvoice.involvement.models import Level, LevelMembership, MembershipStatus
from tenantvoice.involvement.selectors import (
    involvement_rules,
    levels_for_comparison,
    opportunities_menu,
    resident_open_memberships,
    resident_seats_current,
    waiting_position,
)
from tenantvoice.involvement.services import (
    InvolvementError,
    NotEligible,
    involvement_consent_wording,
    level_join,
    level_leave,
    offer_respond,
)
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.loader import strategy_info, strategy_names


def menu(request: HttpRequest) -> HttpResponse:
    form = MenuFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "portal/involvement/menu.html",
        {
            "form": form,
            "opportunities": opportunities_menu(**{k: v or "" for k, v in filters.items()}),
        },
    )


def levels(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/involvement/levels.html", {"levels": levels_for_comparison()})


def _strategy_title() -> str:
    name = landlord_get().strategy
    return strategy_info(name).title if name in strategy_names() else ""


def how_we_involve(request: HttpRequest) -> HttpResponse:
    """Every level, group, seat rule and standard, and where each comes from (public)."""
    return render(
        request,
        "portal/involvement/how.html",
        {**involvement_rules(), "strategy": _strategy_title()},
    )


@resident_required
def mine(request: HttpRequest, resident: Resident) -> HttpResponse:
    return _mine_page(request, resident)


def _mine_page(request: HttpRequest, resident: Resident, action_form: BaseForm | None = None) -> HttpResponse:
    """The resident's levels and requests; ``action_form`` is a refused answer or leaving."""
    memberships = [(m, waiting_position(m)) for m in resident_open_memberships(resident)]
    return render(
        request,
        "portal/involvement/mine.html",
        {
            "memberships": memberships,
            "seats": resident_seats_current(resident, timezone.localdate()),
            "action_form": action_form,
        },
    )


@resident_required
def join(request: HttpRequest, resident: Resident, slug: str) -> HttpResponse:
    level = get_object_or_404(Level, slug=slug, is_default=False)
    wording = involvement_consent_wording(landlord_get().name)
    not_eligible = False  # then the page answers 403: the rules refuse this resident

    def apply(data: dict[str, Any]) -> LevelMembership | str:
        """The membership, or why nothing changed (already on it, already asked), which is
        said on the resident's own list rather than as a problem to correct here."""
        nonlocal not_eligible
        try:
            return level_join(
                resident=resident,
                level=level,
                consent_wording=wording,
                interests=data["interests"],
                ways=data["ways"],
                application=data.get("application", ""),
                by=request.user,
            )
        except NotEligible as refused:
            not_eligible = True
            raise ValidationError(refused.problems) from refused
        except InvolvementError as unchanged:
            return str(unchanged)

    def joined(result: LevelMembership | str) -> HttpResponse:
        if isinstance(result, str):
            messages.info(request, result)
            return redirect("involvement:mine")
        return redirect_with_message(request, _joined_message(result), "involvement:mine")

    return form_action(
        request,
        JoinLevelForm(posted(request), level=level, consent_wording=wording),
        apply,
        success=joined,
        page=lambda form: render(
            request,
            "portal/involvement/join.html",
            {"form": form, "level": level},
            status=403 if not_eligible else 200,
        ),
        refusals=(ValidationError,),
    )


def _joined_message(membership: LevelMembership) -> str:
    name = membership.level.name
    if membership.status == MembershipStatus.ACTIVE:
        return f"You have joined {name}. Thank you."
    if membership.status == MembershipStatus.APPLIED:
        return f"Thank you for applying to {name}. We will let you know our decision."
    return (
        f"{name} is full at the moment, so you are on the waiting list, "
        f"number {waiting_position(membership)}. "
        "We will offer you a place when one comes free."
    )


def _own(resident: Resident, pk: int) -> LevelMembership:
    membership = LevelMembership.objects.filter(pk=pk, resident=resident).select_related("level").first()
    if membership is None:
        raise Http404("That is not one of your requests.")
    return membership


@require_POST
@resident_required
def leave(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    membership = _own(resident, pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: level_leave(membership=membership, by=request.user),
        success=lambda _: redirect_with_message(
            request,
            f"Done: you are no longer on {membership.level.name}. You can join again at any time.",
            "involvement:mine",
        ),
        page=lambda form: _mine_page(request, resident, form),
        refusals=(InvolvementError,),
    )


@require_POST
@resident_required
def answer_offer(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    membership = _own(resident, pk)
    return form_action(
        request,
        OfferAnswerForm(request.POST),
        lambda data: offer_respond(membership=membership, accept=data["answer"] == "accept", by=request.user),
        success=lambda answered: redirect_with_message(
            request,
            f"You have joined {membership.level.name}."
            if answered.status == MembershipStatus.ACTIVE
            else "You have said no to the place. Thank you for letting us know.",
            "involvement:mine",
        ),
        page=lambda form: _mine_page(request, resident, form),
        refusals=(InvolvementError,),
    )
