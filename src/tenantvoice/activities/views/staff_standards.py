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

from tenantvoice.actions.services import ActionError, action_create
from tenantvoice.core.access import require_capability
from tenantvoice.core.dates import parse_date
from tenantvoice.core.form_action import form_action, redirect_with_message, refusal_on
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.tables import download
from tenantvoice.residents.models import Resident
from tenantvoice.residents.selectors import access_resident_for_staff

from ..forms import (
    ActionForm,
    AnswerForm,
    ExpenseDecisionForm,
    HoursForm,
    InformationRequestForm,
    MinutesForm,
    MinutesSendForm,
    PeriodForm,
    SupportUpdateForm,
    VenueForm,
)
from ..governance import COMMITTEE, rules_from_data, timetable
from ..ical import all_day_ics
from ..models import (
    Activity,
    ClaimStatus,
    ExpenseClaim,
    InformationRequest,
    Venue,
)
from ..returns import quarter_of, quarterly_return, return_table
from ..selectors import (
    access_expense_claim_for_staff,
    access_information_request_for_staff,
    access_support_request_for_staff,
    service_standards,
)
from ..services import (
    ActivityError,
    LateNotice,
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
    venue_add,
)
from .staff import detail_page


@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the minutes and save them as a draft; the preview page sends them."""
    activity = get_object_or_404(Activity, pk=pk)
    existing = getattr(activity, "minutes", None)
    start = (existing.draft or existing.text) if existing else ""
    return form_action(
        request,
        MinutesForm(posted(request), initial={"text": start}),
        lambda data: minutes_draft_save(activity=activity, text=data["text"], by=request.user),
        success=lambda _: redirect_with_message(
            request,
            "Draft saved. Check the minutes below, then send them.",
            "staff:activity-minutes-preview",
            pk=pk,
        ),
        page=lambda form: _minutes_page(request, activity, form=form),
        refusals=(ActivityError,),
    )


def _minutes_page(
    request: HttpRequest,
    activity: Activity,
    *,
    form: MinutesForm | None = None,
    action_form: ActionForm | None = None,
) -> HttpResponse:
    """The minutes' page with its two forms: the minutes and a new action (each action's progress
    is recorded on its page in the action tracker)."""
    existing = getattr(activity, "minutes", None)
    start = (existing.draft or existing.text) if existing else ""
    return render(
        request,
        "activities/minutes.html",
        {
            "activity": activity,
            "form": form or MinutesForm(initial={"text": start}),
            "action_form": action_form or ActionForm(),
            "minutes": existing,
            "due": minutes_due_by(activity),
            "actions": activity.actions.top_level().select_related("owner_user", "owner_group"),
            "today": timezone.localdate(),
        },
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
    due = minutes_due_by(activity)

    def send(data: dict[str, Any]) -> None:
        with refusal_on("late_reason", LateNotice):
            minutes_send(activity=activity, by=request.user, late_reason=data["late_reason"])

    return form_action(
        request,
        MinutesSendForm(posted(request)),
        send,
        success=lambda _: redirect_with_message(
            request, "Minutes sent to every participant, by email or letter.", "staff:activity-minutes", pk=pk
        ),
        page=lambda form: render(
            request,
            "activities/minutes_preview.html",
            {
                "activity": activity,
                "minutes": minutes,
                "form": form,
                "preview": wording_preview("activity_minutes", minutes_context(activity, minutes.draft)),
                "participants": activity.participants.count(),
                "due": due,
                "late": due is not None and timezone.localdate() > due,
            },
        ),
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def activity_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity, pk=pk)
    return form_action(
        request,
        ActionForm(request.POST),
        lambda data: action_create(source=activity, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Action added.", "staff:activity-minutes", pk=pk),
        page=lambda form: _minutes_page(request, activity, action_form=form),
        refusals=(ActionError,),
    )


@require_capability(Capability.VIEW_RESIDENTS)
def requests_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not has_capability(request.user, Capability.MANAGE_INVOLVEMENT):
        raise PermissionDenied
    return form_action(
        request,
        InformationRequestForm(posted(request), request=request),
        lambda data: information_request_log(
            question=data["question"],
            received_on=data["received_on"],
            resident=data["resident"],
            group=data["group"],
            by=request.user,
        ),
        success=lambda logged: redirect_with_message(
            request,
            f"Logged. It is due by {logged.due_on:%d/%m/%Y}." if logged.due_on else "Logged.",
            "staff:information-requests",
        ),
        page=lambda form: render(
            request,
            "activities/requests.html",
            {
                "form": form,
                "requests": InformationRequest.objects.select_related("resident", "group")[:200],
                "today": timezone.localdate(),
            },
        ),
        refusals=(ActivityError,),
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_information_request_for_staff(pk)

    def answer(data: dict[str, Any]) -> None:
        with refusal_on("late_reason", LateNotice):
            information_request_answer(request=item, by=request.user, **data)

    return form_action(
        request,
        AnswerForm(posted(request), initial={"answer": item.answer}),
        answer,
        success=lambda _: redirect_with_message(request, "Answer recorded.", "staff:information-requests"),
        page=lambda form: render(request, "activities/request_answer.html", {"item": item, "form": form}),
        refusals=(ActivityError,),
    )


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
    return _claims_page(request)


def _claims_page(request: HttpRequest, action_form: ExpenseDecisionForm | None = None) -> HttpResponse:
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    claims = ExpenseClaim.objects.select_related("resident", "activity")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    return render(
        request,
        "activities/expenses.html",
        {
            "claims": claims[:200],
            "status": status,
            "statuses": ClaimStatus.choices,
            "action_form": action_form,
        },
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def expense_claim_action(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access_expense_claim_for_staff(pk)

    def decide(data: dict[str, Any]) -> ExpenseClaim:
        if data["action"] == "paid":
            return expense_claim_paid(claim=claim, by=request.user)
        return expense_claim_decide(
            claim=claim,
            approve=data["action"] == "approve",
            by=request.user,
            budget_code=data["budget_code"],
            note=data["note"],
        )

    return form_action(
        request,
        ExpenseDecisionForm(request.POST),
        decide,
        success=lambda claim: redirect_with_message(
            request, f"Claim of £{claim.amount}: {claim.get_status_display().lower()}.", "staff:expenses"
        ),
        page=lambda form: _claims_page(request, form),
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def support_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_support_request_for_staff(pk)
    return form_action(
        request,
        SupportUpdateForm(request.POST),
        lambda data: support_request_update(
            item=item, status=data["status"], note=data["note"], by=request.user
        ),
        success=lambda item: redirect_with_message(
            request,
            f"{item.get_kind_display()}: {item.get_status_display().lower()}.",
            "staff:activity-detail",
            pk=item.participant.activity_id,
        ),
        page=lambda form: detail_page(request, item.participant.activity, form),
        refusals=(ActivityError,),
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def hours_add(request: HttpRequest, pk: int) -> HttpResponse:
    from tenantvoice.involvement.views.staff import resident_involvement_page

    resident = access_resident_for_staff(
        request.user,
        pk,
        summary="Opened the resident's involvement to record hours",
        request=request,
        queryset=Resident.objects.all(),
    )
    return form_action(
        request,
        HoursForm(request.POST),
        lambda data: hours_log(resident=resident, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "Hours recorded.", "staff:resident-involvement", pk=pk
        ),
        page=lambda form: resident_involvement_page(request, resident, hours_form=form),
        refusals=(ActivityError,),
    )


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
    return form_action(
        request,
        form,
        lambda data: venue_add(venue=form.save(commit=False), by=request.user),
        success=lambda _: redirect_with_message(request, "Venue added.", "staff:venues"),
        page=lambda form: render(
            request, "activities/venues.html", {"form": form, "venues": Venue.objects.all()}
        ),
        refusals=(ActivityError,),
    )
