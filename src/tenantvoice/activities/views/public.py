"""Activities' pages anyone may open: the calendar and its iCal feeds, and a meeting's papers
(for officers and the meeting's own participants only, as the view checks)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.core.selectors import landlord_get
from tenantvoice.involvement.selectors import access_group_for_anyone

from ..ical import calendar_ics
from ..selectors import access_paper_for_user, calendar_for_group, calendar_public


def public_calendar(request: HttpRequest) -> HttpResponse:
    return render(request, "activities/calendar.html", {"activities": calendar_public()[:200]})


def public_calendar_ics(request: HttpRequest) -> HttpResponse:
    # Cancelled activities stay in the feed (STATUS:CANCELLED), so subscribers' copies are cancelled.
    body = calendar_ics(calendar_public(with_cancelled=True), name=f"{landlord_get().name}: getting involved")
    return _ics(body, "calendar.ics")


def group_calendar_ics(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group_for_anyone(slug)
    # Members-only meetings show as "Members meeting" with time and place; never how to join online.
    body = calendar_ics(calendar_for_group(group.pk), name=group.name, show_details=False)
    return _ics(body, f"{group.slug}.ics")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    """Staff who see activities, and the activity's own participants; nobody else, ever."""
    paper = access_paper_for_user(request.user, pk)  # 404, not 403: do not confirm that it exists
    stored = paper.large_print if request.GET.get("version") == "large" and paper.large_print else paper.file
    return FileResponse(stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
