"""Officers' pages: the strategy action plan report, and strategy reviews (due, overdue, held;
record one as held). Mounted once in ``tenantvoice/urls.py`` under the staff namespace."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability
from tenantvoice.core.tables import download

from .forms import ReviewRecordForm
from .models import StrategyReview
from .report import RAGS, amber_days, plan_reports
from .selectors import access_strategy_review_for_staff
from .services import ReviewError, strategy_review_record

# Held reviews listed, newest first.
HELD_SHOWN = 50


@require_capability(Capability.VIEW_REPORTS)
def action_plan_report(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    reports = plan_reports(today)
    exported = download(
        [table for report in reports for table in report.tables()],
        request.GET.get("format", ""),
        f"action-plans-{today:%Y-%m-%d}",
    )
    if exported is not None:
        return exported
    return render(
        request,
        "plans/report.html",
        {"reports": reports, "today": today, "amber_days": amber_days(), "rags": RAGS},
    )


@require_capability(Capability.VIEW_REPORTS)
def strategy_reviews(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    reviews = StrategyReview.objects.select_related("cycle__plan")
    waiting = list(reviews.waiting())
    return render(
        request,
        "plans/reviews.html",
        {
            "overdue": [r for r in waiting if r.due_on < today],
            "due": [r for r in waiting if r.due_on >= today],
            "held": list(
                reviews.held()
                .select_related("activity")
                .prefetch_related("actions_added")
                .order_by("-held_on", "-pk")[:HELD_SHOWN]
            ),
            "today": today,
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def strategy_review_record_page(request: HttpRequest, pk: int) -> HttpResponse:
    review = access_strategy_review_for_staff(pk)

    def record(data: dict[str, Any]) -> StrategyReview:
        return strategy_review_record(
            review=review,
            activity=data["activity"],
            outcome=data["outcome"],
            actions=data["actions"],
            by=request.user,
        )

    return form_action(
        request,
        ReviewRecordForm(posted(request)),
        record,
        success=lambda following: redirect_with_message(
            request,
            f"Review recorded. The next review of {following.cycle.what.lower()} is due by "
            f"{following.due_on:%-d %B %Y}.",
            "staff:strategy-reviews",
        ),
        page=lambda form: render(
            request,
            "plans/review_record.html",
            {"review": review, "form": form, "today": timezone.localdate()},
        ),
        refusals=(ReviewError,),
    )
