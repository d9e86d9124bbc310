"""Residents' comments on a report published to them: the Scottish Charter report (decision
0053) and the annual report to residents (decision 0057). One form, one way to make a comment
and one way to mark it read, whichever report it is on (REGULATION.md, "Scotland": landlords
"offer tenants a way to comment on the report"; issue 19 item 5 asks the same of the annual
report)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .audit import audit_record
from .errors import DomainError
from .form_action import form_action, redirect_with_message
from .http import posted
from .models import AuditAction, ReportComment
from .personal_data import Record
from .plain_errors import PlainForm

# Platform's choice: long enough for a considered letter, short enough to read.
COMMENT_LIMIT = 4000

Comment = TypeVar("Comment", bound=ReportComment)


class ReportCommentForm(PlainForm):
    text = forms.CharField(
        label="Your comment on the report",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=COMMENT_LIMIT,
        help_text=(
            "What you think of the report or of our performance. Do not include other people's details."
        ),
        error_messages={"required": "Write your comment."},
    )
    wants_reply = forms.BooleanField(label="I would like a reply", required=False)


def comment_make(
    model: type[Comment],
    *,
    error: type[DomainError],
    report: Any,
    resident: Any,
    text: str,
    wants_reply: bool,
    by: Any,
    object_type: str,
    summary: str,
) -> Comment:
    """A resident's comment on a published report, with its audit row; refused in plain words
    when the report is not published or the comment is empty or too long."""
    if not report.is_published:
        raise error("This report has not been published.")
    text = text.strip()
    if not text:
        raise error("Write your comment.", field="text")
    if len(text) > COMMENT_LIMIT:
        raise error(f"Keep your comment under {COMMENT_LIMIT:,} characters.", field="text")
    with transaction.atomic():
        comment = model(report=report, resident=resident, text=text, wants_reply=wants_reply)
        comment.save()
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            object_type=object_type,
            object_id=comment.pk,
            summary=summary,
            resident_id=resident.pk,
        )
    return comment


class ReplyForm(PlainForm):
    reply = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=COMMENT_LIMIT,
        help_text="Sent to the resident by their own way of hearing from us, and shown with their comment.",
        error_messages={"required": "Write your reply."},
    )


def comment_reply(
    comment: Comment,
    *,
    error: type[DomainError],
    reply: str,
    report_title: str,
    send: Callable[[Comment], object],
    by: Any,
    object_type: str,
) -> Comment:
    """An officer's reply to a comment: kept with it (and the comment marked read), and sent to
    the resident by ``send`` in the same transaction (the app's call to the outbox,
    ``comms.services.report_comment_reply_queue``: core imports no other app). One reply a
    comment (platform's choice: a conversation goes on by phone or letter)."""
    reply = reply.strip()
    if comment.replied_at is not None:
        raise error("This comment already has a reply.")
    if not reply:
        raise error("Write your reply.", field="reply")
    if len(reply) > COMMENT_LIMIT:
        raise error(f"Keep your reply under {COMMENT_LIMIT:,} characters.", field="reply")
    user = by if getattr(by, "is_authenticated", False) else None
    now = timezone.now()
    with transaction.atomic():
        comment.reply = reply
        comment.replied_at = now
        comment.replied_by = user
        fields = ["reply", "replied_at", "replied_by"]
        if comment.read_at is None:
            comment.read_at, comment.read_by = now, user
            fields += ["read_at", "read_by"]
        comment.save(update_fields=fields)
        send(comment)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type=object_type,
            object_id=comment.pk,
            summary=f"Replied to a comment on {report_title}",
            resident_id=getattr(comment, "resident_id", None),
        )
    return comment


def comment_read(
    comment: Comment, *, error: type[DomainError], by: Any, object_type: str, summary: str
) -> Comment:
    """An officer marks a comment as read (the resident sees it was read)."""
    if comment.read_at is not None:
        raise error("This comment is already marked as read.")
    with transaction.atomic():
        comment.read_at = timezone.now()
        comment.read_by = by if getattr(by, "is_authenticated", False) else None
        comment.save(update_fields=["read_at", "read_by"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            object_type=object_type,
            object_id=comment.pk,
            summary=summary,
            resident_id=getattr(comment, "resident_id", None),
        )
    return comment


def reply_page(
    request: HttpRequest,
    comment: ReportComment,
    *,
    service: Callable[[str], Any],
    report_title: str,
    back: str,
    refusals: tuple[type[Exception], ...],
) -> HttpResponse:
    """The officer's page to reply to a comment: the comment, and the reply form; a reply sent
    goes back to ``back`` (the report's page, at its comments)."""
    return form_action(
        request,
        ReplyForm(posted(request)),
        lambda data: service(data["reply"]),
        success=lambda _: redirect_with_message(
            request, "Reply sent. The resident will see it with their comment.", back
        ),
        page=lambda form: render(
            request,
            "core/comment_reply.html",
            {"form": form, "comment": comment, "report_title": report_title, "back": back},
            status=400 if form.errors else 200,
        ),
        refusals=refusals,
    )


def comment_records(comments: Iterable[ReportComment], report_name: Callable[[Any], str]) -> list[Record]:
    """A resident's comments on reports, for "Everything we hold about you": each with its
    report (named by ``report_name``), what they wrote, whether it was read and our reply."""
    return [
        Record(
            [
                ("Report", report_name(c)),
                ("Made on", c.made_at),
                ("Comment", c.text),
                ("Asked for a reply", c.wants_reply),
                ("Read by an officer on", c.read_at),
                ("Our reply", c.reply),
                ("Replied on", c.replied_at),
            ],
            heading=report_name(c),
        )
        for c in comments
    ]
