"""The published annual report, for anyone (a tenant reading it on a phone): the report, its
easy-read version and its PDF at /annual-report/<year>/; and, for a signed-in resident, the form
to comment on it (issue 19 item 5: "a way for residents to comment on the report"). A report not
yet published is not found."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tenantvoice.core.access import resident_required
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.http import posted
from tenantvoice.core.report_comments import ReportCommentForm
from tenantvoice.residents.models import Resident

from .models import AnnualReport, ReportStatus
from .pdf import report_pdf
from .selectors import report_chapters, reports_published
from .services import AnnualReportError, annual_report_comment_make


def _published(year: int) -> AnnualReport:
    report = AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).first()
    if report is None:
        raise Http404("That report has not been published.")
    return report


def published_list(request: HttpRequest) -> HttpResponse:
    return render(request, "annual_reports/public_list.html", {"reports": reports_published()})


def published_report(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(year)
    return render(
        request,
        "annual_reports/public_report.html",
        {"report": report, "chapters": report_chapters(report)},
    )


def published_easy_read(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(year)
    return render(
        request, "annual_reports/easy_read.html", {"report": report, "chapters": report_chapters(report)}
    )


def published_pdf(request: HttpRequest, year: int) -> HttpResponse:
    report = _published(year)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="annual-report-{report.year}.pdf"'
    return response


@resident_required
def report_comment(request: HttpRequest, resident: Resident, year: int) -> HttpResponse:
    """The form to comment on a published report, and the resident's own comments on it."""
    report = _published(year)
    return form_action(
        request,
        ReportCommentForm(posted(request)),
        lambda data: annual_report_comment_make(report=report, resident=resident, by=request.user, **data),
        success=lambda made: redirect_with_message(
            request,
            "Thank you: we have your comment. An officer reads every comment and we use them when "
            "we write next year's report."
            + (" An officer will write back to you." if made.wants_reply else ""),
            "portal:annual-report-comment",
            year=report.year,
        ),
        page=lambda bound: render(
            request,
            "annual_reports/portal_comment.html",
            {
                "report": report,
                "form": bound,
                "mine": report.comments.filter(resident=resident).order_by("made_at", "pk"),
            },
            status=400 if bound.errors else 200,
        ),
        refusals=(AnnualReportError,),
    )
