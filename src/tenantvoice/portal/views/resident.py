"""The residents' home page under /my/ (the other residents' pages live in their apps)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.annual_reports.selectors import reports_published
from tenantvoice.core.access import resident_required
from tenantvoice.residents import selectors
from tenantvoice.residents.models import Resident


@resident_required
def home(request: HttpRequest, resident: Resident) -> HttpResponse:
    from tenantvoice.comms.reviews import reviews_for
    from tenantvoice.indicators.charter import charter_applies
    from tenantvoice.indicators.models import CharterReport
    from tenantvoice.scrutiny.selectors import reviews_for_resident

    memberships = selectors.current_memberships(resident)
    return render(
        request,
        "portal/home.html",
        {
            "resident": resident,
            "membership": memberships[0] if memberships else None,
            "has_equality_answers": selectors.equality_profile_of(resident) is not None,
            "has_reviews": reviews_for(resident).exists(),
            "has_scrutiny": reviews_for_resident(resident).exists(),
            # The Charter card only for a Scottish landlord (indicators.charter.charter_applies).
            "has_charter_report": charter_applies()
            and CharterReport.objects.filter(published_on__isnull=False).exists(),
            "latest_annual_report": reports_published().first(),
        },
    )
