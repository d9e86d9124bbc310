"""Publishing what a complaint taught the landlord in "you said, we did" (decision 0036): the
officer words it for everyone, with no one named, confirms who will be told (the resident who
complained), then publishes; publishing again corrects it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tenantvoice.core.access import first_or_404, require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Capability
from tenantvoice.outcomes.selectors import outcome_of
from tenantvoice.outcomes.services import outcome_publish
from tenantvoice.outcomes.sources import OutcomeError
from tenantvoice.outcomes.views.publishing import outcome_confirm

from ..models import Learning


class LearningOutcomeForm(PlainForm):
    prefix = "o"

    you_said = forms.CharField(
        label="What residents told us",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In words that name no one, for example: 'Repairs appointments were missed.'",
        error_messages={"required": "Say what residents told us, naming no one."},
    )
    we_did = forms.CharField(
        label="What we changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what changed because of it."},
    )


def _learning(pk: object) -> Learning:
    return first_or_404(
        Learning.objects.select_related("complaint").prefetch_related("complaint__categories"),
        "There is no such learning.",
        pk=pk,
    )


@require_capability(Capability.HANDLE_COMPLAINTS)
def learning_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """ "You said, we did" from a complaint's learning: the form, the confirmation, then publish."""
    learning = _learning(pk)
    published = outcome_of(learning)
    initial = (
        {"you_said": published.you_said, "we_did": published.we_did}
        if published is not None
        else {"we_did": learning.change_made}
    )

    def confirm(data: dict[str, Any]) -> HttpResponse:
        return outcome_confirm(
            request,
            source=learning,
            you_said=data["you_said"],
            we_did=data["we_did"],
            action=reverse("staff:complaint-learning-outcome", args=[pk]),
            hidden=[("o-you_said", data["you_said"]), ("o-we_did", data["we_did"])],
        )

    return form_action(
        request,
        LearningOutcomeForm(posted(request), initial=initial),
        lambda data: outcome_publish(
            source=learning, you_said=data["you_said"], we_did=data["we_did"], by=request.user
        ),
        success=lambda run: redirect_with_message(
            request,
            "Published in 'You said, we did'. The resident is being told.",
            "sends:progress",
            pk=run.pk,
        ),
        page=lambda form: render(
            request,
            "complaints/learning_outcome.html",
            {"form": form, "learning": learning, "published": published},
        ),
        confirm=confirm,
        refusals=(OutcomeError,),
    )
