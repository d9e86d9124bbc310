"""Administrators' pages of the whole site: the landlord's contact details, how reports count
people, the published pages, and the audit log with its download."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ..access import require_capability
from ..age_bands import age_bands_text, validate_age_bands
from ..form_action import form_action, redirect_with_message
from ..forms import AuditFilterForm, ContactForm, PageForm, ReportingForm
from ..http import posted
from ..published import PAGES, page_text, render_plain
from ..roles import Capability
from ..selectors import audit_events_download, audit_events_list, landlord_get
from ..services import (
    CONTACT_FIELDS,
    landlord_contact_update,
    landlord_reporting_update,
    published_page_update,
)
from ..spreadsheets import csv_writer

# --- Contact details and published pages ------------------------------------------------


@require_capability(Capability.MANAGE_ACCOUNTS)
def landlord_settings(request: HttpRequest) -> HttpResponse:
    landlord = landlord_get()
    form = ContactForm(posted(request), instance=landlord)

    def save(data: dict[str, Any]) -> None:
        landlord.refresh_from_db()  # validating the form changed the instance; the service compares
        landlord_contact_update(
            landlord=landlord,
            by=request.user,
            request=request,
            **{name: data[name] for name in CONTACT_FIELDS},
        )

    return form_action(
        request,
        form,
        save,
        success=lambda _: redirect_with_message(
            request, "Contact details saved. They show in every page's footer.", "staff:landlord-settings"
        ),
        page=lambda form: render(
            request,
            "core/landlord_settings.html",
            {"form": form, "pages": [(slug, title) for slug, (title, _, _) in PAGES.items()]},
        ),
    )


@require_capability(Capability.MANAGE_ACCOUNTS)
def landlord_reporting(request: HttpRequest) -> HttpResponse:
    landlord = landlord_get()
    form = ReportingForm(
        posted(request),
        initial={
            "suppression_threshold": landlord.suppression_threshold,
            "age_bands": age_bands_text(validate_age_bands(landlord.age_bands)),
        },
    )
    return form_action(
        request,
        form,
        lambda data: landlord_reporting_update(
            landlord=landlord,
            by=request.user,
            request=request,
            suppression_threshold=data["suppression_threshold"],
            age_bands=data["age_bands"],
        ),
        success=lambda _: redirect_with_message(
            request, "Saved. Reports count people this way from now on.", "staff:landlord-reporting"
        ),
        page=lambda form: render(request, "core/landlord_reporting.html", {"form": form}),
    )


@require_capability(Capability.MANAGE_ACCOUNTS)
def published_page_edit(request: HttpRequest, page: str) -> HttpResponse:
    if page not in PAGES:
        raise Http404("There is no such page.")
    landlord = landlord_get()
    form = PageForm(posted(request), initial={"text": page_text(landlord, page)})

    def edit_page(form: PageForm, preview: str | None = None) -> HttpResponse:
        context = {"form": form, "title": PAGES[page][0], "page": page, "preview": preview}
        return render(request, "core/published_edit.html", context)

    if "preview" in request.POST and form.is_valid():  # the page as it would read, not saved
        return edit_page(form, render_plain(form.cleaned_data["text"], landlord))
    return form_action(
        request,
        form,
        lambda data: published_page_update(
            landlord=landlord, page=page, text=data["text"], by=request.user, request=request
        ),
        success=lambda _: redirect_with_message(request, f"{PAGES[page][0]} saved and published.", page),
        page=edit_page,
    )


# --- The audit log ------------------------------------------------------------------------


AUDIT_PAGE_SIZE = 50


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
