"""Panel members' pages: the reviews of the panels they sit on, with the whole working record
(plan, requests, evidence and its files, findings, recommendations and responses)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.access import resident_required
from tenantvoice.residents.models import Resident

from ..selectors import (
    access_review_for_resident,
    plan_problems,
    review_complaints_evidence,
    reviews_for_resident,
)


@resident_required
def my_reviews(request: HttpRequest, resident: Resident) -> HttpResponse:
    reviews = reviews_for_resident(resident).select_related("panel").order_by("-created_at", "-pk")
    return render(request, "scrutiny/portal_list.html", {"reviews": reviews})


@resident_required
def my_review(request: HttpRequest, resident: Resident, pk: int) -> HttpResponse:
    review = access_review_for_resident(resident, pk)
    today = timezone.localdate()
    return render(
        request,
        "scrutiny/portal_detail.html",
        {
            "review": review,
            "today": today,
            "problems": plan_problems(review, list(review.milestones.all())),
            "complaints_evidence": review_complaints_evidence(review, today),
        },
    )
