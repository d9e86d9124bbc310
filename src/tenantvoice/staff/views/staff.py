"""The officers' home: today's work for those who do it, every readable report for those who
read them (the work list is ``staff.work``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.core.access import require_capability
from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.residents.models import ImportRun

from ..work import reports_readable, todays_work

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
