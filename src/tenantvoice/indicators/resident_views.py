"""Residents' pages under /my/charter/: the published annual Charter report to tenants, read on
a phone, and a comment on it (REGULATION.md, "Scotland": "landlords report performance to
tenants with comparisons, and offer tenants a way to comment on the report"). A draft report is
not found."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.report_comments import ReportCommentForm
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.residents.models import Resident

from .charter import charter_applies, charter_lines, outcome_label
from .models import CharterReport
from .services import IndicatorError, charter_comment_make


def _published(year: int) -> CharterReport:
    report = CharterReport.objects.filter(year=year, published_on__isnull=False).first()
    if report is None:
        raise Http404("That report has not been published.")
    return report


def _reports_page(request: HttpRequest) -> HttpResponse:
    reports = [
        (r, ReportingYear(r.year))
        for r in CharterReport.objects.filter(published_on__isnull=False).order_by("-year")
    ]
    return render(
        request,
        "indicators/portal_charter_list.html",
        {"reports": reports, "charter_applies": charter_applies()},
    )


@resident_required
def charter_reports(request: HttpRequest, resident: Resident) -> HttpResponse:
    return _reports_page(request)


def _sections(report: CharterReport) -> list[tuple[str, list[Any]]]:
    """The Charter indicators grouped by the Charter's outcome, in the strategy's order."""
    grouped: dict[str, list[Any]] = {}
    for line in charter_lines(ReportingYear(report.year)):
        grouped.setdefault(outcome_label(line.indicator.outcome) or "Other measures", []).append(line)
    return list(grouped.items())


@resident_required
def charter_report(request: HttpRequest, resident: Resident, year: int) -> HttpResponse:
    """The report, and the form to comment on it (posted here). A landlord outside Scotland
    publishes none: the resident is told why rather than "not found"."""
    published = CharterReport.objects.filter(year=year, published_on__isnull=False)
    if not charter_applies() and not published.exists():
        return _reports_page(request)
    report = _published(year)
    form = ReportCommentForm(posted(request))
    return form_action(
        request,
        form,
        lambda data: charter_comment_make(report=report, resident=resident, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request,
            "Thank you: we have your comment. An officer reads every comment and we use them when "
            "we write next year's report."
            + (" An officer will write back to you." if made.wants_reply else ""),
            "portal:charter-report",
            year=report.year,
        ),
        page=lambda bound: render(
            request,
            "indicators/portal_charter.html",
            {
                "report": report,
                "year": ReportingYear(report.year),
                "sections": _sections(report),
                "form": bound,
                "mine": report.comments.filter(resident=resident).order_by("made_at", "pk"),
            },
            status=400 if bound.errors else 200,
        ),
        refusals=(IndicatorError,),
    )
