"""Officers' pages for minutes and actions, requests for information, and the printable
service standards report (THH: quarterly to the Residents Panel, twice a year to the Board)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.core.access import require_capability
from tenantvoice.core.dates import parse_date
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.tables import download
from tenantvoice.residents.models import Resident

from ..forms import (
    ActionForm,
    AnswerForm,
    HoursForm,
    InformationRequestForm,
    MinutesForm,
    MinutesSendForm,
    PeriodForm,
    VenueForm,
)
from ..governance import COMMITTEE, rules_from_data, timetable
from ..ical import all_day_ics
from ..models import (
    ActionPoint,
    Activity,
    ClaimStatus,
    ExpenseClaim,
    InformationRequest,
    SupportRequest,
    SupportStatus,
    Venue,
)
from ..returns import quarter_of, quarterly_return, return_table
from ..selectors import service_standards
from ..services import (
    ActivityError,
    LateNotice,
    action_add,
    action_done,
    expense_claim_decide,
    expense_claim_paid,
    hours_log,
    information_request_answer,
    information_request_log,
    minutes_context,
    minutes_draft_save,
    minutes_due_by,
    minutes_send,
    support_request_update,
)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the minutes and save them as a draft; the preview page sends them."""
    activity = get_object_or_404(Activity, pk=pk)
    existing = getattr(activity, "minutes", None)
    start = (existing.draft or existing.text) if existing else ""
    form = MinutesForm(posted(request), initial={"text": start})
    if request.method == "POST" and form.is_valid():
        try:
            minutes_draft_save(activity=activity, text=form.cleaned_data["text"], by=request.user)
        except ActivityError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draft saved. Check the minutes below, then send them.")
            return redirect("staff:activity-minutes-preview", pk=pk)
    return render(
        request,
        "activities/minutes.html",
        {
            "activity": activity,
            "form": form,
            "action_form": ActionForm(),
            "minutes": existing,
            "due": minutes_due_by(activity),
            "actions": activity.actions.all(),
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_minutes_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as participants will receive it, who will get it, and the button to send."""
    from tenantvoice.comms.views.staff_sends import wording_preview

    activity = get_object_or_404(Activity, pk=pk)
    minutes = getattr(activity, "minutes", None)
    if minutes is None or not minutes.draft:
        messages.error(request, "There is no draft to preview. Write the minutes and save them first.")
        return redirect("staff:activity-minutes", pk=pk)
    form = MinutesSendForm(posted(request))
    due = minutes_due_by(activity)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_send(activity=activity, by=request.user, late_reason=form.cleaned_data["late_reason"])
        except LateNotice as exc:
            form.add_error("late_reason", str(exc))
        except ActivityError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Minutes sent to every participant, by email or letter.")
            return redirect("staff:activity-minutes", pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "activities/minutes_preview.html",
        {
            "activity": activity,
            "minutes": minutes,
            "form": form,
            "preview": wording_preview("activity_minutes", minutes_context(activity, minutes.draft)),
            "participants": activity.participants.count(),
            "due": due,
            "late": due is not None and today > due,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        action_add(activity=activity, by=request.user, **form.cleaned_data)
        messages.success(request, "Action added.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("staff:activity-minutes", pk=pk)


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ActionPoint, pk=pk)
    action_done(action=action, outcome=request.POST.get("outcome", ""), by=request.user)
    messages.success(request, "Action marked as done.")
    return redirect("staff:activity-minutes", pk=action.activity_id)


@require_capability(Capability.VIEW_RESIDENTS)
def requests_list(request: HttpRequest) -> HttpResponse:
    form = InformationRequestForm(posted(request), request=request)
    if request.method == "POST":
        if not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                logged = information_request_log(
                    question=data["question"],
                    received_on=data["received_on"],
                    resident=data["resident"],
                    group=data["group"],
                    by=request.user,
                )
            except ActivityError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, f"Logged. It is due by {logged.due_on:%d/%m/%Y}." if logged.due_on else "Logged."
                )
                return redirect("staff:information-requests")
    requests = InformationRequest.objects.select_related("resident", "group")[:200]
    return render(
        request,
        "activities/requests.html",
        {"form": form, "requests": requests, "today": timezone.localdate()},
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(InformationRequest, pk=pk)
    form = AnswerForm(posted(request), initial={"answer": item.answer})
    if request.method == "POST" and form.is_valid():
        try:
            information_request_answer(request=item, by=request.user, **form.cleaned_data)
        except LateNotice as exc:
            form.add_error("late_reason", str(exc))
        except ActivityError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Answer recorded.")
            return redirect("staff:information-requests")
    return render(request, "activities/request_answer.html", {"item": item, "form": form})


def _groups_against_rules(end: dt.date) -> list[tuple[Any, list[str]]]:
    """Each group with a rule the strategy states (meetings a year, fewest members, commitments),
    over the 12 months to the period's end, with what is not met. Nobody is named, and small
    counts of people are hidden (decision 0017)."""
    from tenantvoice.involvement.group_rules import groups_rules
    from tenantvoice.surveys.results import landlord_threshold

    threshold = landlord_threshold()
    return [(rules, rules.problems(hide_below=threshold)) for rules in groups_rules(end)]


@require_capability(Capability.VIEW_REPORTS)
def standards_report(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    form = PeriodForm(request.GET or None, initial={"date_from": quarter_start, "date_to": today})
    start, end = quarter_start, today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    return render(
        request,
        "activities/standards_report.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "results": service_standards(start, end) if not form.errors else [],
            "groups": _groups_against_rules(end) if not form.errors else [],
        },
    )


@require_capability(Capability.VIEW_REPORTS)
def quarterly_return_page(request: HttpRequest) -> HttpResponse:

    default_start, default_end = quarter_of(timezone.localdate())
    form = PeriodForm(request.GET or None, initial={"date_from": default_start, "date_to": default_end})
    start, end = default_start, default_end
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    report = quarterly_return(start, end)
    table = return_table(report)  # the page and the downloads show the same suppressed table
    exported = download([table], request.GET.get("format", ""), f"quarterly-return-{start:%Y-%m-%d}")
    if exported is not None:
        return exported
    return render(
        request,
        "activities/quarterly_return.html",
        {"form": form, "report": report, "table": table, "query": request.GET.urlencode()},
    )


@require_capability(Capability.VIEW_RESIDENTS)
def expense_claims(request: HttpRequest) -> HttpResponse:

    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    claims = ExpenseClaim.objects.select_related("resident", "activity")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    return render(
        request,
        "activities/expenses.html",
        {"claims": claims[:200], "status": status, "statuses": ClaimStatus.choices},
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def expense_claim_action(request: HttpRequest, pk: int) -> HttpResponse:

    claim = get_object_or_404(ExpenseClaim, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "paid":
            expense_claim_paid(claim=claim, by=request.user)
        else:
            expense_claim_decide(
                claim=claim,
                approve=action == "approve",
                by=request.user,
                budget_code=request.POST.get("budget_code", ""),
                note=request.POST.get("note", ""),
            )
    except ActivityError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Claim of £{claim.amount}: {claim.get_status_display().lower()}.")
    return redirect("staff:expenses")


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def support_update(request: HttpRequest, pk: int) -> HttpResponse:

    item = get_object_or_404(SupportRequest.objects.select_related("participant"), pk=pk)
    status = request.POST.get("status", "")
    if status not in SupportStatus.values:
        messages.error(request, "Choose arranged or could not be arranged.")
    else:
        support_request_update(item=item, status=status, note=request.POST.get("note", ""), by=request.user)
        messages.success(request, f"{item.get_kind_display()}: {item.get_status_display().lower()}.")
    return redirect("staff:activity-detail", pk=item.participant.activity_id)


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def hours_add(request: HttpRequest, pk: int) -> HttpResponse:

    resident = get_object_or_404(Resident, pk=pk)
    form = HoursForm(request.POST)
    if form.is_valid():
        try:
            hours_log(resident=resident, by=request.user, **form.cleaned_data)
        except ActivityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Hours recorded.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("staff:resident-involvement", pk=pk)


@require_capability(Capability.VIEW_REPORTS)
def governance_timetable(request: HttpRequest) -> HttpResponse:
    """Derive a year's timetable from the committee dates an officer types in."""

    landlord = landlord_get()
    rules = rules_from_data(landlord.governance)
    text = request.GET.get("dates", "")
    entries = [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]
    dates = [parse_date(entry) for entry in entries]
    unreadable = [entry for entry, day in zip(entries, dates, strict=True) if day is None]
    cycles = (
        timetable([d for d in dates if d is not None], rules, landlord.nation)
        if rules and not unreadable
        else []
    )
    columns = [(COMMITTEE, "Committee"), *((rule.slug, rule.name) for rule in rules)]
    if request.GET.get("format") == "ics" and cycles:
        return _timetable_ics(request, cycles, columns)
    return render(
        request,
        "activities/governance.html",
        {
            "rules": rules,
            "text": text,
            "unreadable": unreadable,
            "cycles": cycles,
            "columns": columns,
            "query": request.GET.urlencode(),
        },
    )


def _timetable_ics(request: HttpRequest, cycles: list[Any], columns: list[tuple[str, str]]) -> HttpResponse:

    names = dict(columns)
    days = [
        (
            f"governance-{cycle.committee:%Y%m%d}-{slug}",
            day,
            f"{names[slug]} (committee {cycle.committee:%d/%m/%Y})",
        )
        for cycle in cycles
        for slug, day in cycle.dates.items()
    ]
    body = all_day_ics(days, name="Governance timetable")
    response = HttpResponse(body, content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="governance-timetable.ics"'
    return response


@require_capability(Capability.MANAGE_INVOLVEMENT)
def venues(request: HttpRequest) -> HttpResponse:

    form = VenueForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Venue added.")
        return redirect("staff:venues")
    return render(request, "activities/venues.html", {"form": form, "venues": Venue.objects.all()})
