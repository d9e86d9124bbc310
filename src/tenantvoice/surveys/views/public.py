"""The public "you said, we did" page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Survey


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    """Every published outcome of a survey or consultation, newest first (public)."""
    from tenantvoice.consultations.models import Consultation

    items: list[dict[str, Any]] = [
        {"title": s.title, "you_said": s.you_said, "we_did": s.we_did, "on": s.feedback_published_on}
        for s in Survey.objects.filter(feedback_published_on__isnull=False)
    ] + [
        {"title": c.title, "you_said": c.feedback, "we_did": c.decision, "on": c.feedback_published_on}
        for c in Consultation.objects.filter(feedback_published_on__isnull=False)
    ]
    items.sort(key=lambda item: (item["on"], item["title"]), reverse=True)
    return render(request, "surveys/you_said_we_did.html", {"items": items})
