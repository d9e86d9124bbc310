"""Every write to the annual report to residents: each a keyword-only function in a transaction
that writes one audit row (decision 0021). A refusal is an :class:`AnnualReportError` in plain
words and nothing is written.

The report moves one way: a draft (figures drawn and redrawn, words written) is approved by
the panel at one of its meetings (from then on nothing changes, so residents read what the
panel approved), then published. An approval recorded by mistake can be taken back while the
report is unpublished; a published report is never changed (decision 0057).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tenantvoice.activities.models import Activity, ActivityKind
from tenantvoice.comms.models import SendKind, SendRun
from tenantvoice.comms.sends import send_start
from tenantvoice.comms.services import report_comment_reply_queue
from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.report_comments import comment_make, comment_read, comment_reply
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.updates import model_update
from tenantvoice.worker.jobs import job_moving, job_start
from tenantvoice.worker.models import JobRun

from .chapters import chapter_kind, chapter_kinds
from .models import AnnualReport, AnnualReportComment, Chapter, ReportStatus

# Platform's choice, as for a Board pack's narrative: a chapter's words are short.
NARRATIVE_LIMIT = 4000
WORDS_LIMIT = 8000


class AnnualReportError(DomainError):
    pass


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _check_draft(report: AnnualReport) -> None:
    if report.status == ReportStatus.APPROVED:
        raise AnnualReportError(
            "The panel has approved this report, so it cannot be changed. To change it, take "
            "the approval back and ask the panel to approve it again."
        )
    if report.status == ReportStatus.PUBLISHED:
        raise AnnualReportError("This report is published: it cannot be changed.")


def _draw(chapter: Chapter, by: Any, today: dt.date | None) -> None:
    drawn = chapter_kind(chapter.kind).draw(chapter.report.reporting_year, today or timezone.localdate())
    chapter.keep(drawn, by)
    chapter.headlines = list(drawn.headlines)


def report_create(
    *, year: int, title: str = "", by: Any = None, today: dt.date | None = None
) -> AnnualReport:
    """Start the report for a reporting year that has ended, with every chapter that has
    something to show drawn from the year's data now."""
    today = today or timezone.localdate()
    if not 2000 <= year <= 2100:
        raise AnnualReportError("Choose the reporting year the report is about.", field="year")
    reporting_year = ReportingYear(year)
    if reporting_year.end >= today:
        raise AnnualReportError(
            f"The year {reporting_year.label} has not ended yet: it ends on "
            f"{reporting_year.end:%d/%m/%Y}. Its annual report is written after that.",
            field="year",
        )
    title = title.strip() or f"Our year with residents: annual report {reporting_year.label}"
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(year=year, title=title, created_by=_user(by))
            for order, kind in enumerate((k for k in chapter_kinds() if k.offered(reporting_year)), start=1):
                chapter = Chapter(report=report, kind=kind.key, order=order)
                _draw(chapter, by, today)
                chapter.save()
            audit_record(
                actor=by,
                action=AuditAction.CREATE,
                object_type="annual_report",
                object_id=report.pk,
                summary=f"Started the annual report to residents for {reporting_year.label}",
            )
    except IntegrityError:
        raise AnnualReportError(
            f"There is already an annual report for {reporting_year.label}: open it from the list.",
            field="year",
        ) from None
    return report


def report_update(*, report: AnnualReport, by: Any = None, **data: Any) -> AnnualReport:
    """Change the title, the officer's words, the panel's words and who they are from, or how
    residents shaped the report."""
    _check_draft(report)
    data = {key: value.strip() for key, value in data.items()}
    if "title" in data and not data["title"]:
        raise AnnualReportError("Give the report a title.", field="title")
    for key in ("officer_words", "panel_words", "how_made"):
        if len(data.get(key, "")) > WORDS_LIMIT:
            raise AnnualReportError(f"Keep this under {WORDS_LIMIT:,} characters.", field=key)
    with transaction.atomic():
        changes = model_update(
            report, ("title", "officer_words", "panel_words", "panel_name", "how_made"), data
        )
        if changes:
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                object_type="annual_report",
                object_id=report.pk,
                summary=f"Changed the words of {report.title}",
                changes=changes,
            )
    return report


def chapter_redraw(*, chapter: Chapter, by: Any = None, today: dt.date | None = None) -> Chapter:
    """Draw the chapter's figures and headlines again from today's data (its words are kept)."""
    _check_draft(chapter.report)
    with transaction.atomic():
        before = chapter.drawn_at
        _draw(chapter, by, today)
        chapter.save(update_fields=[*Chapter.DRAWN_FIELDS, "headlines"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="annual_report_chapter",
            object_id=chapter.pk,
            summary=f"Drew “{chapter_kind(chapter.kind).heading}” again in {chapter.report.title}",
            changes={"drawn_at": [before.isoformat() if before else None, chapter.provenance["drawn_at"]]},
        )
    return chapter


def report_redraw(*, report: AnnualReport, by: Any = None) -> JobRun:
    """Ask the worker to draw every chapter again (``redraw.ReportRedraw``), first adding any
    chapter that now has something to show (the first complaint of the year arrived after the
    report was started). Refused while an earlier one is still moving."""
    from .redraw import REDRAW_KIND

    _check_draft(report)
    with transaction.atomic():
        AnnualReport.objects.select_for_update().get(pk=report.pk)
        kept = set(report.chapters.values_list("kind", flat=True))
        last = max(report.chapters.values_list("order", flat=True), default=0)
        for kind in chapter_kinds():
            if kind.key not in kept and kind.offered(report.reporting_year):
                last += 1
                Chapter.objects.create(report=report, kind=kind.key, order=last)
        keys = list(report.chapters.order_by("order", "pk").values_list("pk", flat=True))
        run = job_start(
            kind=REDRAW_KIND,
            object_id=report.pk,
            title=f"Draw every chapter of {report.title} again",
            keys=keys,
            by=by,
            busy=AnnualReportError(
                "Every chapter is already being drawn again: its progress is shown on the report's page."
            ),
        )
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="annual_report",
            object_id=report.pk,
            summary=f"Asked for every chapter of {report.title} to be drawn again ({len(keys)})",
            changes={"job": run.pk},
        )
    return run


def chapter_narrative_save(*, chapter: Chapter, narrative: str, by: Any = None) -> Chapter:
    _check_draft(chapter.report)
    narrative = narrative.strip()
    if len(narrative) > NARRATIVE_LIMIT:
        raise AnnualReportError(f"Keep this under {NARRATIVE_LIMIT:,} characters.", field="narrative")
    with transaction.atomic():
        changes = model_update(chapter, ("narrative",), {"narrative": narrative})
        if changes:
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                object_type="annual_report_chapter",
                object_id=chapter.pk,
                summary=f"Wrote about “{chapter_kind(chapter.kind).heading}” in {chapter.report.title}",
                changes=changes,
            )
    return chapter


def chapter_include(*, chapter: Chapter, included: bool, by: Any = None) -> Chapter:
    """Leave a chapter out of the report, or put it back (it is kept either way)."""
    _check_draft(chapter.report)
    if included == chapter.included:
        raise AnnualReportError(
            "That chapter is already in the report." if included else "That chapter is already left out."
        )
    if not included and not chapter.report.chapters.filter(included=True).exclude(pk=chapter.pk).exists():
        raise AnnualReportError("The report needs at least one chapter: this is the last one in it.")
    with transaction.atomic():
        changes = model_update(chapter, ("included",), {"included": included})
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="annual_report_chapter",
            object_id=chapter.pk,
            summary=f"{'Put back' if included else 'Left out'} “{chapter_kind(chapter.kind).heading}” "
            f"in {chapter.report.title}",
            changes=changes,
        )
    return chapter


def _approval_meeting_checks(report: AnnualReport, meeting: Activity, today: dt.date) -> None:
    year = report.reporting_year
    if meeting.kind != ActivityKind.MEETING or meeting.group_id is None:
        raise AnnualReportError(
            "Choose the meeting of the residents' panel (or other group) that approved the report.",
            field="meeting",
        )
    if meeting.cancelled:
        raise AnnualReportError(
            "That meeting was cancelled: choose the meeting that took place.", field="meeting"
        )
    if meeting.date > today:
        raise AnnualReportError(
            f"That meeting is on {meeting.date:%d/%m/%Y}, which has not come yet: record the "
            "approval after it.",
            field="meeting",
        )
    if meeting.date <= year.end:
        raise AnnualReportError(
            f"That meeting was on {meeting.date:%d/%m/%Y}, before the year {year.label} ended: the "
            "panel approves the report on a whole year after it.",
            field="meeting",
        )


def _move(report: AnnualReport, status: ReportStatus, by: Any, summary: str, **fields: Any) -> AnnualReport:
    """Move the report to ``status`` with ``fields`` set, and audit the step."""
    before = report.status
    with transaction.atomic():
        report.status = status
        for name, value in fields.items():
            setattr(report, name, value)
        report.save(update_fields=["status", *fields])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type="annual_report",
            object_id=report.pk,
            summary=summary,
            changes={"status": [before, status.value]},
        )
    return report


def report_approve(
    *, report: AnnualReport, meeting: Activity, decided: str, by: Any = None, today: dt.date | None = None
) -> AnnualReport:
    """Record that the panel approved the report at one of its meetings (issue 19 item 5:
    "approved by the panel before publishing"): from then on it cannot change."""
    _check_draft(report)
    today = today or timezone.localdate()
    decided = decided.strip()
    if not report.officer_words.strip():
        raise AnnualReportError("Write the officer's words before the panel approves the report.")
    if not report.panel_words.strip():
        raise AnnualReportError("Add the panel's words before the panel approves the report.")
    if not report.chapters.filter(included=True).exists():
        raise AnnualReportError("The report needs at least one chapter.")
    if not decided:
        raise AnnualReportError("Say what the panel decided, as the minutes record it.", field="decided")
    from .redraw import redraw_current

    if job_moving(redraw_current(report)):
        raise AnnualReportError(
            "Every chapter is being drawn again: record the approval when that has finished."
        )
    _approval_meeting_checks(report, meeting, today)
    return _move(
        report,
        ReportStatus.APPROVED,
        by,
        f"Recorded the panel's approval of {report.title} at {meeting}",
        approval_meeting=meeting,
        approval_decided=decided,
        approved_at=timezone.now(),
        approved_by=_user(by),
    )


def report_reopen(*, report: AnnualReport, by: Any = None) -> AnnualReport:
    """Take an approval back so the report can be changed (the panel approves it again)."""
    if report.status != ReportStatus.APPROVED:
        raise AnnualReportError(
            "Only a report the panel has approved and that is not yet published can be reopened."
        )
    return _move(
        report,
        ReportStatus.DRAFT,
        by,
        f"Took back the panel's approval of {report.title} (given at {report.approval_meeting}) to change it",
        approval_meeting=None,
        approval_decided="",
        approved_at=None,
        approved_by=None,
    )


def report_publish(*, report: AnnualReport, by: Any = None, today: dt.date | None = None) -> AnnualReport:
    """Publish an approved report to residents: the web page, the PDF and the easy-read version."""
    if report.status == ReportStatus.PUBLISHED:
        raise AnnualReportError("This report is already published.")
    if report.status != ReportStatus.APPROVED:
        raise AnnualReportError("The panel must approve the report before it is published.")
    with transaction.atomic():
        _move(
            report,
            ReportStatus.PUBLISHED,
            by,
            f"Published {report.title} to residents",
            published_on=today or timezone.localdate(),
            published_by=_user(by),
        )
        _record_on_the_timetable(report, by)
    return report


def _record_on_the_timetable(report: AnnualReport, by: Any) -> None:
    """Publishing is presenting the year's annual report to residents: each duty on the
    reporting timetable to send it to an audience that is no group (Tower Hamlets Homes' "All
    residents", decision 0058) is recorded as presented for the year, unless it already is; a
    duty whose timetable the year is not on is left for the officer (decision 0051's checks)."""
    from tenantvoice.reporting.models import ReportingDuty
    from tenantvoice.reporting.services import ReportingError, presentation_record

    from .sends import public_link

    meeting = report.approval_meeting
    approved = (
        f" after {meeting.group.name if meeting and meeting.group else 'the panel'} approved it on "
        f"{meeting.date:%d/%m/%Y}: {report.approval_decided}"
        if meeting is not None
        else ""
    )
    for duty in ReportingDuty.objects.filter(active=True, kind="annual_report", group__isnull=True):
        if duty.presentations.filter(period_start=report.reporting_year.start).exists():
            continue
        try:
            presentation_record(
                duty=duty,
                period_start=report.reporting_year.start,
                decided=f"Published to residents{approved}",
                presented_on=report.published_on,
                where="Published on the web site, with an easy-read version and a PDF",
                evidence=public_link("annual-report", report.year),
                by=by,
            )
        except ReportingError:
            continue


def report_letters_send(*, report: AnnualReport, by: Any = None) -> SendRun:
    """Send the published report as a letter to residents who asked for letters, as a
    background job (``sends.AnnualReportLetters``); the request returns at once."""
    if not report.is_published:
        raise AnnualReportError("Publish the report before sending it to residents.")
    with transaction.atomic():
        run = send_start(
            kind=SendKind.ANNUAL_REPORT, object_id=report.pk, title=f"Letters: {report.title}", by=by
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            object_type="annual_report",
            object_id=report.pk,
            summary=f"Started sending {report.title} to residents who asked for letters",
        )
    return run


def annual_report_comment_make(
    *, report: AnnualReport, resident: Any, text: str, wants_reply: bool = False, by: Any = None
) -> AnnualReportComment:
    return comment_make(
        AnnualReportComment,
        error=AnnualReportError,
        report=report,
        resident=resident,
        text=text,
        wants_reply=wants_reply,
        by=by,
        object_type="annual_report_comment",
        summary=f"Comment on the annual report for {report.reporting_year.label}",
    )


def annual_report_comment_read(*, comment: AnnualReportComment, by: Any = None) -> AnnualReportComment:
    return comment_read(
        comment,
        error=AnnualReportError,
        by=by,
        object_type="annual_report_comment",
        summary="Read a comment on the annual report",
    )


def annual_report_comment_reply(
    *, comment: AnnualReportComment, reply: str, by: Any = None
) -> AnnualReportComment:
    """An officer's reply, sent to the resident and shown with their comment."""
    from .sends import public_link

    return comment_reply(
        comment,
        error=AnnualReportError,
        reply=reply,
        report_title=comment.report.title,
        send=lambda c: report_comment_reply_queue(
            comment=c,
            report_title=c.report.title,
            link=public_link("annual-report", c.report.year),
            cause="annual_report_comment",
        ),
        by=by,
        object_type="annual_report_comment",
    )
