"""Officers' pages for the resident register. Views are thin: forms parse, services write,
selectors read, and every look at a person's record is written to the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tenantvoice.accounts.services import NotAllowed, invitation_create
from tenantvoice.comms.selectors import resident_messages
from tenantvoice.core.access import require_capability
from tenantvoice.core.http import posted
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import audit_events_download, audit_events_list, landlord_get
from tenantvoice.core.tables import csv_writer
from tenantvoice.residents.models import ImportRun, Resident
from tenantvoice.residents.selectors import (
    CursorInvalid,
    equality_consent_get,
    equality_profile_read,
    memberships_current_and_past,
    resident_get_for_staff,
    resident_search,
)
from tenantvoice.residents.services import equality_profile_save_from_paper, resident_update
from tenantvoice.residents.widgets import resident_pick_search
from tenantvoice.staff.forms import (
    AuditFilterForm,
    PaperEqualityForm,
    ResidentSearchForm,
    StaffDetailsForm,
    StaffPreferencesForm,
)
from tenantvoice.staff.work import reports_readable, todays_work

AUDIT_PAGE_SIZE = 50
# Who gets a list of work on the home page: those who decide, send and import.
WORK_CAPABILITIES = (Capability.MANAGE_INVOLVEMENT, Capability.MANAGE_MESSAGES, Capability.RUN_IMPORTS)


@require_capability(Capability.USE_STAFF_AREA)
def home(request: HttpRequest) -> HttpResponse:
    """Today's work for those who do it; every readable report for those who read them."""
    user = request.user
    does_work = any(has_capability(user, c) for c in WORK_CAPABILITIES)
    context: dict[str, Any] = {
        "does_work": does_work,
        "work": todays_work(user) if does_work else [],
        "report_lists": [] if does_work else reports_readable(user),
        "can_open_reports": has_capability(user, Capability.VIEW_REPORTS),
    }
    if has_capability(user, Capability.RUN_IMPORTS):
        context["recent_imports"] = ImportRun.objects.select_related("created_by").order_by("-pk")[:5]
    return render(request, "staff/home.html", context)


@require_capability(Capability.VIEW_REPORTS)
def reports(request: HttpRequest) -> HttpResponse:
    """Every report the reader may read: the Reports section's first page."""
    return render(request, "staff/reports.html", {"report_lists": reports_readable(request.user)})


def _resident_or_404(request: HttpRequest, pk: int, summary: str) -> Resident:
    try:
        return resident_get_for_staff(pk, reader=request.user, summary=summary, request=request)
    except Resident.DoesNotExist:
        raise Http404("There is no resident with that number.") from None


@require_capability(Capability.VIEW_RESIDENTS)
def resident_search_page(request: HttpRequest) -> HttpResponse:
    form = ResidentSearchForm(request.GET or None)
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        try:
            page = resident_search(
                reader=request.user,
                request=request,
                query=data["q"],
                area=data["area"],
                kind=data["kind"],
                include_former=data["former"],
                cursor=request.GET.get("after", ""),
            )
        except CursorInvalid:
            form.add_error(None, "This page link does not work. Search again to start from the first page.")
            return render(request, "staff/residents/search.html", {"form": form}, status=400)
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "staff/residents/search.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            # Keyset pages cannot step back cheaply; a later page offers the first one instead.
            "later_page": bool(request.GET.get("after")),
        },
    )


@require_capability(Capability.VIEW_RESIDENTS)
def resident_pick(request: HttpRequest) -> JsonResponse:
    """The resident picker's search as JSON, for its script: up to ten residents by name,
    reference and home, found and audited by the register's own search (decision 0027)."""
    query = request.GET.get("q", "")
    residents, more, kind = resident_pick_search(request=request, query=query)
    return JsonResponse(
        {"query": query.strip()[:100], "kind_of_search": kind, "residents": residents, "more": more}
    )


@require_capability(Capability.VIEW_RESIDENTS)
def resident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resident = _resident_or_404(request, pk, "Viewed the resident's record")
    current, past = memberships_current_and_past(resident)
    return render(
        request,
        "staff/residents/detail.html",
        {
            "resident": resident,
            "current": current,
            "past": past,
            "equality_consent": equality_consent_get(resident),
            "can_edit": has_capability(request.user, Capability.EDIT_RESIDENTS),
            "can_see_equality": has_capability(request.user, Capability.VIEW_EQUALITY_DATA),
            "account": getattr(resident, "account", None),
            "open_invitation": resident.invitations.filter(used_at__isnull=True).order_by("-pk").first(),
            "messages_sent": resident_messages(resident.pk, limit=20),
        },
    )


def _change_page(
    request: HttpRequest, pk: int, form_class: type[Any], template: str, done: str
) -> HttpResponse:
    resident = _resident_or_404(request, pk, "Opened the resident's details to change them")
    form = form_class(posted(request), resident=resident)
    if request.method == "POST" and form.is_valid():
        data = (
            form.changed_data_for_save() if hasattr(form, "changed_data_for_save") else form.data_for_save()
        )
        resident_update(resident=resident, by=request.user, data=data, request=request)
        messages.success(request, done)
        return redirect("staff:resident-detail", pk=pk)
    return render(request, template, {"form": form, "resident": resident})


@require_capability(Capability.EDIT_RESIDENTS)
def resident_change(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_page(
        request, pk, StaffDetailsForm, "staff/residents/change.html", "Contact details saved."
    )


@require_capability(Capability.EDIT_RESIDENTS)
def resident_preferences(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_page(
        request,
        pk,
        StaffPreferencesForm,
        "staff/residents/preferences.html",
        "Communication preferences saved.",
    )


@require_capability(Capability.VIEW_EQUALITY_DATA)
def resident_equality(request: HttpRequest, pk: int) -> HttpResponse:
    """Equality answers: special category data, for administrators only, every look audited."""
    resident = _resident_or_404(request, pk, "Opened the resident's equality page")
    form = PaperEqualityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        equality_profile_save_from_paper(
            resident=resident,
            answers=form.answers(),
            signed_on=form.cleaned_data.get("consent_date"),
            by=request.user,
            landlord_name=landlord_get().name,
            request=request,
        )
        messages.success(request, "The answers from the paper form have been saved.")
        return redirect("staff:resident-equality", pk=pk)
    profile = equality_profile_read(
        resident, reader=request.user, summary="Viewed equality answers", request=request
    )
    answers = []
    if profile is not None:
        for name in PaperEqualityForm.ANSWER_FIELDS:
            field = PaperEqualityForm.base_fields[name]
            value = getattr(profile, name)
            label = dict(getattr(field, "choices", [])).get(value, value) if value else "Not answered"
            answers.append((field.label, label))
    return render(
        request,
        "staff/residents/equality.html",
        {"resident": resident, "profile": profile, "answers": answers, "form": form},
    )


@require_POST
@require_capability(Capability.EDIT_RESIDENTS)
def resident_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an invitation to the resident only: the officer is told how it went, never the link."""
    resident = _resident_or_404(request, pk, "Invited the resident to use the website")
    try:
        invitation = invitation_create(
            resident_id=resident.pk,
            created_by=request.user,  # type: ignore[arg-type]
            request=request,
        )
    except NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        if invitation.sent_by == "email":
            messages.success(
                request,
                "Invitation sent by email to the address on their record. It works once, for 28 days.",
            )
        else:
            messages.success(
                request,
                "Invitation letter queued for printing (we have no working email address for them). "
                "It works once, for 28 days.",
            )
    return redirect("staff:resident-detail", pk=pk)


@require_capability(Capability.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events: list[Any] = []
    next_before = None
    if not form.is_bound or form.is_valid():
        queryset = _audit_events(form)
        before = request.GET.get("before", "")
        if before.isdigit():
            queryset = queryset.filter(pk__lt=int(before))
        events = list(queryset[: AUDIT_PAGE_SIZE + 1])
        if len(events) > AUDIT_PAGE_SIZE:
            events = events[:AUDIT_PAGE_SIZE]
            next_before = events[-1].pk
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "staff/audit/log.html",
        {"form": form, "events": events, "next_before": next_before, "query_string": query.urlencode()},
    )


def _audit_events(form: AuditFilterForm) -> Any:
    data = form.cleaned_data if form.is_bound else {}
    return audit_events_list(
        resident_id=data.get("resident"),
        action=data.get("action") or "",
        actor_email=data.get("actor") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


@require_capability(Capability.VIEW_AUDIT_LOG)
def audit_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('staff:audit-log')}?{request.GET.urlencode()}")
    events = audit_events_download(
        _audit_events(form),
        reader=request.user,
        summary=f"Downloaded the audit log ({request.GET.urlencode() or 'everything'})",
        request=request,
    )

    def rows() -> Iterator[str]:
        buffer = _Echo()
        writer = csv_writer(buffer)  # neutralises formula-like text, e.g. an email "=cmd|..."
        yield writer.writerow(
            [
                "When",
                "Who",
                "What",
                "Record",
                "Record number",
                "Resident number",
                "Summary",
                "Changes",
                "Via",
                "IP address",
            ]
        )
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    event.occurred_at.isoformat(),
                    event.actor_label,
                    event.get_action_display(),
                    event.object_type,
                    event.object_id,
                    event.resident_id or "",
                    event.summary,
                    json.dumps(event.changes, ensure_ascii=False) if event.changes else "",
                    event.via,
                    event.ip_address or "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value
