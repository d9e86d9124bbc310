"""The readers panel: residents review a document or a message's wording before it goes out,
and approved wording carries "Resident Approved" (Tower Hamlets Homes, Housing for Women)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.audit import audit_record
from tenantvoice.core.errors import DomainError
from tenantvoice.core.models import AuditAction
from tenantvoice.core.uploads import document_problem
from tenantvoice.involvement.models import Group
from tenantvoice.involvement.selectors import group_holdings_current, seat_holdings_on
from tenantvoice.residents.models import Resident

from .models import Review, ReviewComment, ReviewOutcome, TemplateVersion


class ReviewError(DomainError):
    pass


def panel_members(group: Group, on: dt.date | None = None) -> list[Resident]:
    on = on or timezone.localdate()
    return [h.resident for h in group_holdings_current(group.pk, on) if h.resident is not None]


@transaction.atomic
def review_create(
    *,
    title: str,
    group: Group,
    closes_on: dt.date,
    question: str = "",
    text: str = "",
    document: UploadedFile | None = None,
    template_version: TemplateVersion | None = None,
    by: Any = None,
    today: dt.date | None = None,
) -> Review:
    """Send something to the panel; each member is told by their own channel."""
    from .services import message_queue

    today = today or timezone.localdate()
    if not title.strip():
        raise ReviewError("Give it a title.")
    if closes_on <= today:
        raise ReviewError("Give the panel until a later day to comment.")
    if not (text.strip() or document or template_version):
        raise ReviewError("Add the wording to review, or upload the document.")
    if document is not None and (problem := document_problem(document)):
        raise ReviewError(problem)
    members = panel_members(group, today)
    if not members:
        raise ReviewError(f"{group.name} has no members sitting now, so nobody would see it.")
    review = Review.objects.create(
        title=title.strip(),
        group=group,
        closes_on=closes_on,
        question=question.strip() or Review._meta.get_field("question").get_default(),
        text=text.strip(),
        document=document or "",
        template_version=template_version,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    link = settings.TENANTVOICE_SITE_URL.rstrip("/") + reverse("portal:review", args=[review.pk])
    message_queue(
        recipients=members,
        template="review_request",
        key=f"review:{review.pk}",
        context={
            "document": review.title,
            "question": review.question,
            "closes": f"{closes_on:%A} {closes_on.day} {closes_on:%B %Y}",
            "link": link,
        },
    )
    audit_record(
        actor=by, action=AuditAction.CREATE, object_type="review", object_id=review.pk, summary=title
    )
    return review


def reviews_for(resident: Resident, on: dt.date | None = None) -> QuerySet[Review]:
    """Reviews sent to a group the resident sits on now."""
    on = on or timezone.localdate()
    groups = seat_holdings_on(on).filter(resident=resident).values("seat_category__group_id")
    return Review.objects.filter(group_id__in=groups)


@transaction.atomic
def review_comment(
    *, review: Review, resident: Resident, text: str, today: dt.date | None = None, by: Any = None
) -> ReviewComment:
    today = today or timezone.localdate()
    if not reviews_for(resident, today).filter(pk=review.pk).exists():
        raise ReviewError("Only members of the readers panel can comment on this.")
    if review.outcome != ReviewOutcome.OPEN or today > review.closes_on:
        raise ReviewError("Comments on this have closed. Thank you for your help.")
    if not text.strip():
        raise ReviewError("Write your comments before sending them.")
    comment, created = ReviewComment.objects.update_or_create(
        review=review, resident=resident, defaults={"text": text.strip()}
    )
    audit_record(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type="review_comment",
        object_id=comment.pk,
        resident_id=resident.pk,
        summary=f"Commented on {review.title}",
    )
    return comment


@transaction.atomic
def review_decide(
    *, review: Review, outcome: str, note: str = "", by: Any = None, today: dt.date | None = None
) -> Review:
    """Record what the panel's comments led to; approval marks the wording Resident Approved."""
    today = today or timezone.localdate()
    if outcome not in (ReviewOutcome.APPROVED, ReviewOutcome.CHANGES):
        raise ReviewError("Choose approved or changes needed.")
    if outcome == ReviewOutcome.CHANGES and not note.strip():
        raise ReviewError("Say what needs to change.")
    review.outcome, review.outcome_note, review.decided_on = outcome, note.strip(), today
    review.save(update_fields=["outcome", "outcome_note", "decided_on"])
    if outcome == ReviewOutcome.APPROVED and review.template_version_id:
        TemplateVersion.objects.filter(pk=review.template_version_id).update(resident_approved_on=today)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        object_type="review",
        object_id=review.pk,
        summary=f"{review.title}: {ReviewOutcome(outcome).label}",
    )
    return review
