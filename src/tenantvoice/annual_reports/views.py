"""Officers' pages for the annual report to residents (decision 0057): Board readers
(VIEW_REPORTS) see the list, the report as residents will read it and its PDF; officers who
manage involvement start it, write its words, draw its chapters again, record the panel's
approval, publish it, send it to residents who asked for letters and read residents' comments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from tenantvoice.comms.models import SendKind, SendRun
from tenantvoice.comms.views.staff_sends import confirm_page
from tenantvoice.core.access import require_capability
from tenantvoice.core.form_action import form_action, redirect_with_message
from tenantvoice.core.forms import ButtonForm
from tenantvoice.core.http import posted
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.report_comments import reply_page
from tenantvoice.core.roles import Capability, has_capability

from .chapters import heading_of
from .forms import ApproveForm, IncludeForm, NarrativeForm, StartForm, WordsForm, years_to_start
from .models import AnnualReport, AnnualReportComment, Chapter
from .pdf import report_pdf
from .redraw import redraw_current
from .selectors import report_chapters, reports_list
from .services import (
    AnnualReportError,
    annual_report_comment_read,
    annual_report_comment_reply,
    chapter_include,
    chapter_narrative_save,
    chapter_redraw,
    report_approve,
    report_create,
    report_letters_send,
    report_publish,
    report_redraw,
    report_reopen,
    report_update,
)

REFUSALS = (AnnualReportError,)
HOME = "staff:annual-report"


def _report(pk: int) -> AnnualReport:
    return get_object_or_404(
        AnnualReport.objects.select_related("approval_meeting", "approval_meeting__group"), pk=pk
    )


def _list_page(request: HttpRequest, form: StartForm | None) -> HttpResponse:
    return render(
        request,
        "annual_reports/list.html",
        {
            "reports": reports_list(),
            "form": form,
            "can_edit": has_capability(request.user, Capability.MANAGE_INVOLVEMENT),
        },
        status=400 if form is not None and form.errors else 200,
    )


@require_capability(Capability.VIEW_REPORTS)
def report_list(request: HttpRequest) -> HttpResponse:
    """Every year's report, and (for officers) the form to start the next one."""
    years = years_to_start(timezone.localdate())
    can_start = has_capability(request.user, Capability.MANAGE_INVOLVEMENT) and years
    return _list_page(request, StartForm(years=years) if can_start else None)


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_start(request: HttpRequest) -> HttpResponse:
    return form_action(
        request,
        StartForm(request.POST, years=years_to_start(timezone.localdate())),
        lambda data: report_create(by=request.user, **data),
        success=lambda made: redirect_with_message(
            request,
            "Report started: every chapter is drawn from the year's data. Now write its words.",
            HOME,
            made.pk,
        ),
        page=lambda form: _list_page(request, form),
        refusals=REFUSALS,
    )


def _report_page(request: HttpRequest, report: AnnualReport, **forms: Any) -> HttpResponse:
    errors = any(getattr(f, "errors", None) for f in forms.values())
    return render(
        request,
        "annual_reports/report.html",
        {
            "report": report,
            "chapters": report_chapters(report, included_only=False),
            "approve_form": forms.get("approve_form") or ApproveForm(report=report),
            "action_form": forms.get("action_form"),
            "letters": SendRun.objects.filter(kind=SendKind.ANNUAL_REPORT, object_id=report.pk).order_by(
                "-created_at"
            ),
            "redraw": redraw_current(report),
            "comments": report.comments.select_related("resident", "read_by", "replied_by").order_by(
                "-made_at", "-pk"
            ),
        },
        status=400 if errors else 200,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's page: status, words, chapters, approval, publishing, letters, comments."""
    return _report_page(request, _report(pk))


@require_capability(Capability.VIEW_REPORTS)
def report_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as residents will read it (a draft too), for officers and Board readers."""
    report = _report(pk)
    return render(
        request,
        "annual_reports/public_report.html",
        {"report": report, "chapters": report_chapters(report), "preview": True},
    )


@require_capability(Capability.VIEW_REPORTS)
def report_easy_read_preview(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    return render(
        request,
        "annual_reports/easy_read.html",
        {"report": report, "chapters": report_chapters(report), "preview": True},
    )


@require_capability(Capability.VIEW_REPORTS)
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="annual-report-{report.year}.pdf"'
    return response


@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_words(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    initial = {f: getattr(report, f) for f in WordsForm.base_fields}
    return form_action(
        request,
        WordsForm(posted(request), initial=initial),
        lambda data: report_update(report=report, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Words saved.", HOME, report.pk),
        page=lambda form: render(
            request,
            "annual_reports/form.html",
            {"form": form, "report": report, "title": f"The words of {report.title}"},
            status=400 if form.errors else 200,
        ),
        refusals=REFUSALS,
    )


def _button(
    request: HttpRequest,
    report: AnnualReport,
    form: PlainForm,
    service: Callable[[dict[str, Any]], Any],
    message: str,
) -> HttpResponse:
    """One of the officer's page's buttons: call its service and come back with ``message``, or
    show the page with the refusal."""
    return form_action(
        request,
        form,
        service,
        success=lambda _: redirect_with_message(request, message, HOME, report.pk),
        page=lambda bound: _report_page(request, report, action_form=bound),
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_redraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the worker to draw every chapter again; the progress page follows it."""
    report = _report(pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: report_redraw(report=report, by=request.user),
        success=lambda _: redirect_with_message(
            request,
            "Every chapter is being drawn again in the background.",
            "staff:annual-report-drawing",
            report.pk,
        ),
        page=lambda bound: _report_page(request, report, action_form=bound),
        refusals=REFUSALS,
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_drawing(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of drawing every chapter again, refreshing itself without JavaScript."""
    report = _report(pk)
    run = redraw_current(report)
    return render(
        request,
        "annual_reports/drawing.html",
        {"report": report, "run": run, "stalled": run is not None and run.stalled()},
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    return form_action(
        request,
        ApproveForm(request.POST, report=report),
        lambda data: report_approve(report=report, by=request.user, **data),
        success=lambda _: redirect_with_message(
            request, "The panel's approval is recorded. The report can now be published.", HOME, report.pk
        ),
        page=lambda form: _report_page(request, report, approve_form=form),
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    return _button(
        request,
        report,
        ButtonForm(request.POST),
        lambda data: report_reopen(report=report, by=request.user),
        "The approval is taken back: the report can be changed, and the panel approves it again.",
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    return _button(
        request,
        report,
        ButtonForm(request.POST),
        lambda data: report_publish(report=report, by=request.user),
        "Published: residents can read the report, its easy-read version and the PDF, and comment on it.",
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def report_letters_view(request: HttpRequest, pk: int) -> HttpResponse:
    """First a page of who the letters reach (a confirmation), then the background send."""
    report = _report(pk)
    return form_action(
        request,
        ButtonForm(request.POST),
        lambda data: report_letters_send(report=report, by=request.user),
        success=lambda run: redirect_with_message(
            request, "Sending. The letters are queued in the background.", "sends:progress", pk=run.pk
        ),
        confirm=lambda data: _letters_confirm(request, report),
        page=lambda form: _report_page(request, report, action_form=form),
        refusals=REFUSALS,
    )


def _letters_confirm(request: HttpRequest, report: AnnualReport) -> HttpResponse:
    if not report.is_published:
        raise AnnualReportError("Publish the report before sending it to residents.")
    return confirm_page(
        request,
        kind=SendKind.ANNUAL_REPORT,
        subject=report,
        heading=f"Send {report.title} to residents who asked for letters",
        button="Send the letters",
        action=reverse("staff:annual-report-letters", args=[report.pk]),
        back=reverse(HOME, args=[report.pk]),
        back_label=report.title,
        lines=[
            "It goes to everyone living in one of our homes whose preferred way to hear from us is "
            "a letter. Each gets one letter for this report: sending again reaches only those who "
            "asked for letters since.",
        ],
    )


def _chapter(pk: int) -> Chapter:
    return get_object_or_404(Chapter.objects.select_related("report"), pk=pk)


@require_capability(Capability.MANAGE_INVOLVEMENT)
def chapter_narrative(request: HttpRequest, pk: int) -> HttpResponse:
    chapter = _chapter(pk)
    report = chapter.report
    return form_action(
        request,
        NarrativeForm(posted(request), initial={"narrative": chapter.narrative}),
        lambda data: chapter_narrative_save(chapter=chapter, by=request.user, **data),
        success=lambda _: redirect_with_message(request, "Saved.", HOME, report.pk),
        page=lambda form: render(
            request,
            "annual_reports/form.html",
            {"form": form, "report": report, "title": f"Write about “{heading_of(chapter.kind)}”"},
            status=400 if form.errors else 200,
        ),
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def chapter_redraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    chapter = _chapter(pk)
    return _button(
        request,
        chapter.report,
        ButtonForm(request.POST),
        lambda data: chapter_redraw(chapter=chapter, by=request.user),
        f"Drew “{heading_of(chapter.kind)}” again from today's data.",
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def chapter_include_view(request: HttpRequest, pk: int) -> HttpResponse:
    chapter = _chapter(pk)
    putting_back = request.POST.get("included") == "yes"
    return _button(
        request,
        chapter.report,
        IncludeForm(request.POST),
        lambda data: chapter_include(chapter=chapter, by=request.user, **data),
        f"{'Put back' if putting_back else 'Left out'} “{heading_of(chapter.kind)}”.",
    )


@require_capability(Capability.MANAGE_INVOLVEMENT)
def comment_reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(AnnualReportComment.objects.select_related("report", "resident"), pk=pk)
    return reply_page(
        request,
        comment,
        service=lambda reply: annual_report_comment_reply(comment=comment, reply=reply, by=request.user),
        report_title=comment.report.title,
        back=reverse(HOME, args=[comment.report_id]) + "#comments",
        refusals=REFUSALS,
    )


@require_POST
@require_capability(Capability.MANAGE_INVOLVEMENT)
def comment_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(AnnualReportComment.objects.select_related("report"), pk=pk)
    return _button(
        request,
        comment.report,
        ButtonForm(request.POST),
        lambda data: annual_report_comment_read(comment=comment, by=request.user),
        "Marked as read.",
    )
