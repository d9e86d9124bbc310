"""Officers' pages for meeting papers, changing a meeting or a series, and expenses by budget code."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted, posted_files
from tenantvoice.core.roles import Capability
from tenantvoice.core.tables import download
from tenantvoice.core.text import counted

from ..expenses_report import expenses_by_budget_code, expenses_table
from ..forms import ActivityChangeForm, PaperForm, PeriodForm
from ..models import Activity
from ..papers import activity_change, paper_add, papers_send
from ..returns import quarter_of
from ..services import ActivityError, LateNotice
from .staff import detail_page


@require_capability(Capability.MANAGE_INVOLVEMENT)
def paper_upload(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    return form_action(
        request,
        PaperForm(posted(request), posted_files(request)),
        lambda data: paper_add(activity=activity, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Paper added. Send the papers when they are all here.", "staff:activity-detail", pk=pk
        ),
        page=lambda form: render(request, "activities/paper_new.html", {"activity": activity, "form": form}),
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def papers_send_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)

    def sent(count: int) -> HttpResponse:
        if not count:
            messages.info(request, "Everyone has already been sent these papers.")
            return redirect("staff:activity-detail", pk=pk)
        text = f"Papers sent to {counted(count, 'participant', 'participants')}."
        return redirect_with_message(request, text, "staff:activity-detail", pk=pk)

    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: papers_send(activity=activity, by=request.user),
        success=sent,
        page=lambda form: detail_page(request, activity, form),
        refusals=(ActivityError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_change_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("venue"), pk=pk)
    series = bool(activity.series_key)
    start = activity.starts_at.astimezone()
    initial = {
        "title": activity.title,
        "date": start.date(),
        "start_time": start.time(),
        "end_time": activity.ends_at.astimezone().time(),
        "format": activity.format,
        "venue": activity.venue,
        "online_details": activity.online_details,
        "description": activity.description,
        "public": activity.public,
    }

    def change(data: dict[str, Any]) -> list[Activity]:
        whole = data.get("scope") == "series"
        with refusal_on("late_notice_reason", LateNotice):
            return activity_change(
                activity=activity,
                changes={
                    k: data[k]
                    for k in ("title", "description", "venue", "format", "online_details", "public")
                },
                start_time=data["start_time"],
                end_time=data["end_time"],
                new_date=None if whole else data["date"],
                whole_series=whole,
                late_notice_reason=data["late_notice_reason"],
                by=request.user,
            )

    return form_action(
        request,
        ActivityChangeForm(posted(request), initial=initial, series=series),
        change,
        success=lambda changed: redirect_with_message(
            request,
            f"Changed {len(changed)} activit{'y' if len(changed) == 1 else 'ies'}. "
            "Anyone already invited is told of a new time or place.",
            "staff:activity-detail",
            pk=pk,
        ),
        page=lambda form: render(request, "activities/change.html", {"activity": activity, "form": form}),
        refusals=(ActivityError,),
    )


@require_capability(Capability.VIEW_REPORTS)
def expenses_report(request: HttpRequest) -> HttpResponse:
    start, end = quarter_of(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"date_from": start, "date_to": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    report = expenses_by_budget_code(start, end)
    # The page and the downloads show the same table, rows of few claimants hidden.
    table, committed = expenses_table(report)
    if not form.errors:
        exported = download([table], request.GET.get("format", ""), "expenses-by-budget-code")
        if exported is not None:
            return exported
    return render(
        request,
        "activities/expenses_report.html",
        {"form": form, "report": report, "table": table, "committed": committed},
    )
