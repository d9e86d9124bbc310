"""Activities' pages anyone may open: the calendar and its iCal feeds, and a meeting's papers
(for officers and the meeting's own participants only, as the view checks)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.core.selectors import landlord_get
from tenantvoice.involvement.models import Group

from ..ical import calendar_ics
from ..models import Paper
from ..selectors import calendar_for_group, calendar_public


def public_calendar(request: HttpRequest) -> HttpResponse:
    return render(request, "activities/calendar.html", {"activities": calendar_public()[:200]})


def public_calendar_ics(request: HttpRequest) -> HttpResponse:
    # Cancelled activities stay in the feed (STATUS:CANCELLED), so subscribers' copies are cancelled.
    body = calendar_ics(calendar_public(with_cancelled=True), name=f"{landlord_get().name}: getting involved")
    return _ics(body, "calendar.ics")


def group_calendar_ics(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(Group, slug=slug)
    # Members-only meetings show as "Members meeting" with time and place; never how to join online.
    body = calendar_ics(calendar_for_group(group.pk), name=group.name, show_details=False)
    return _ics(body, f"{group.slug}.ics")


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    """Staff who see activities, and the activity's own participants; nobody else, ever."""
    paper = get_object_or_404(Paper.objects.select_related("activity"), pk=pk)
    resident = getattr(request.user, "resident", None) if request.user.is_authenticated else None
    allowed = has_capability(request.user, Capability.VIEW_RESIDENTS) or (
        resident is not None
        and has_capability(request.user, Capability.USE_PORTAL)
        and paper.activity.participants.filter(resident=resident).exists()
    )
    if not allowed:
        raise Http404("There is no such paper.")  # not 403: do not confirm that it exists
    stored = paper.large_print if request.GET.get("version") == "large" and paper.large_print else paper.file
    return FileResponse(stored.open("rb"), as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
