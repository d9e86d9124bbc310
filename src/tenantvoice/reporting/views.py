"""The reporting timetable's pages: readers of reports see what is due and what was presented;
officers who manage involvement record a presentation (decision 0051)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.tables import download, tables_from_json

from .forms import STATUS_CHOICES, PresentationForm, RemoveForm
from .models import ReportingDuty, ReportPresentation
from .selectors import (
    DutyRecord,
    Status,
    duties_active,
    duty_draft,
    duty_period,
    duty_record,
    duty_section,
    record_tables,
    timetable,
    timetable_table,
    timetable_year,
    timetable_years,
    year_asked,
)
from .services import ReportingError, presentation_record, presentation_remove


def _year(request: HttpRequest) -> int | None:
    return year_asked(request.GET.get("year", ""))


@require_capability(Capability.VIEW_REPORTS)
def timetable_page(request: HttpRequest) -> HttpResponse:
    """Every report the strategy says is due, each period up to today, overdue ones first."""
    today = timezone.localdate()
    year = _year(request)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    duties = list(duties_active())
    # One read of the timetable gives each duty's record and the periods shown.
    every_line = timetable(today, year=year, duties=duties)
    records = [DutyRecord(duty, [line for line in every_line if line.duty is duty]) for duty in duties]
    lines = [line for line in every_line if not status or line.status == status]
    tables = [record_tables(records)[0], timetable_table(lines)]
    exported = download(tables, request.GET.get("format", ""), f"reports-due-{today:%Y-%m-%d}")
    if exported is not None:
        return exported
    years = timetable_years(duties, today)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "reporting/timetable.html",
        {
            "lines": lines,
            "overdue": [line for line in every_line if line.status == Status.OVERDUE],
            "records": records,
            "years": years,
            "year": timetable_year(duties, year),
            "status": status,
            "statuses": STATUS_CHOICES,
            "today": today,
            "query": query.urlencode(),
            "can_record": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def duty_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One report's record: each period, whether and where it was presented, as evidence."""
    duty = get_object_or_404(ReportingDuty.objects.select_related("group"), pk=pk)
    today = timezone.localdate()
    year = _year(request)
    record = duty_record(duty, today, year=year)
    exported = download(record_tables([record]), request.GET.get("format", ""), f"report-record-{duty.slug}")
    if exported is not None:
        return exported
    return render(
        request,
        "reporting/duty.html",
        {
            "duty": duty,
            "kind": duty_section(duty),
            "record": record,
            "year": timetable_year([duty], year),
            "today": today,
            "can_record": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The report for one period, drawn from the data as it is now."""
    duty = get_object_or_404(ReportingDuty.objects.select_related("group"), pk=pk)
    today = timezone.localdate()
    period = duty_period(duty, request.GET.get("start", ""), today)
    tables = duty_draft(duty, period, today)
    exported = download(
        tables, request.GET.get("format", ""), f"{duty.slug}-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}"
    )
    if exported is not None:
        return exported
    kept = ReportPresentation.objects.select_related("meeting", "board_pack")
    presentation = kept.filter(duty=duty, period_start=period.start).first()
    return render(
        request,
        "reporting/draft.html",
        {
            "duty": duty,
            "kind": duty_section(duty),
            "period": period,
            "due_on": duty.due_on(period),
            "ended": period.ended(today),
            "tables": tables,
            "presentation": presentation,
            "today": today,
            "can_record": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def present_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that a period's report was presented, at which meeting, and what was decided."""
    duty = get_object_or_404(ReportingDuty.objects.select_related("group"), pk=pk)
    period = duty_period(duty, request.GET.get("start", ""), timezone.localdate())

    def record(data: dict[str, Any]) -> ReportPresentation:
        return presentation_record(
            duty=duty,
            period_start=period.start,
            decided=data["decided"],
            meeting=data.get("meeting"),
            presented_on=data.get("presented_on"),
            where=data.get("where", ""),
            evidence=data.get("evidence", ""),
            by=request.user,
        )

    return form_action(
        request,
        PresentationForm(posted(request), duty=duty),
        record,
        success=lambda made: redirect_with_message(
            request, f"Recorded: {duty.title} for {period.label} presented.", "staff:reporting-duty", duty.pk
        ),
        page=lambda form: render(
            request,
            "reporting/present.html",
            {"form": form, "duty": duty, "period": period, "due_on": duty.due_on(period)},
        ),
        refusals=(ReportingError,),
    )


@require_capability(Capability.VIEW_REPORTS)
def presentation_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One presentation, with the figures as they stood when it was recorded."""
    presentation = get_object_or_404(
        ReportPresentation.objects.select_related(
            "duty", "duty__group", "meeting", "meeting__group", "board_pack"
        ),
        pk=pk,
    )
    return render(
        request,
        "reporting/presentation.html",
        {
            "presentation": presentation,
            "duty": presentation.duty,
            "tables": tables_from_json(presentation.figures),
            "can_record": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def presentation_remove_page(request: HttpRequest, pk: int) -> HttpResponse:
    presentation = get_object_or_404(ReportPresentation.objects.select_related("duty"), pk=pk)
    duty = presentation.duty

    def done(_: None) -> HttpResponse:
        return redirect_with_message(request, "The record was taken out.", "staff:reporting-duty", duty.pk)

    return form_action(
        request,
        RemoveForm(posted(request)),
        lambda data: presentation_remove(presentation=presentation, reason=data["reason"], by=request.user),
        success=done,
        page=lambda form: render(
            request, "reporting/remove.html", {"form": form, "presentation": presentation, "duty": duty}
        ),
        refusals=(ReportingError,),
    )
