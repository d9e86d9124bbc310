"""Residents' comments on a report published to them: the Scottish Charter report (decision
0053) and the annual report to residents (decision 0057). One form, one way to make a comment
and one way to mark it read, whichever report it is on (REGULATION.md, "Scotland": landlords
"offer tenants a way to comment on the report"; issue 19 item 5 asks the same of the annual
report)."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db import transaction
from django.utils import timezone

from .audit import audit_record
from .errors import DomainError
from .models import AuditAction, ReportComment
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
