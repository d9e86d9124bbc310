"""Reads of the outbox and of the readers panel's reviews."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.residents.models import Resident, TenancyMember

from .models import Message, MessageStatus, Review
from .reviews import reviews_for

# Letters shown on the post room's page and put in one PDF at a time.
LETTERS_AT_ONCE = 500


def letters_to_print() -> QuerySet[Message]:
    """The letters waiting to be printed, oldest first, each recipient with their current homes
    (``recipient.current_homes``, the latest tenancy first, as ``addresses.postal_address``
    reads them): three queries for the whole batch, not two more per letter."""
    homes = (
        TenancyMember.objects.current()
        .select_related("tenancy__property")
        .order_by("-tenancy__start_date", "-pk")
    )
    return (
        Message.objects.filter(status=MessageStatus.TO_PRINT)
        .select_related("recipient")
        .prefetch_related(Prefetch("recipient__memberships", queryset=homes, to_attr="current_homes"))
        .order_by("pk")[:LETTERS_AT_ONCE]
    )


def resident_messages(resident_id: int, limit: int = 50) -> list[Message]:
    """The messages sent to a resident, newest first."""
    return list(Message.objects.filter(recipient_id=resident_id).order_by("-created_at", "-pk")[:limit])


# Fetch and check (decision 0038): the object or Http404, never 403.


def access_review_for_resident(resident: Resident, pk: int) -> Review:
    """A review sent to a group the resident sits on now."""
    review = reviews_for(resident).filter(pk=pk).first()
    if review is None:
        raise Http404("You have not been asked to review this.")
    return review


def access_review_document_for_user(user: Any, pk: int) -> Review:
    """A review with a document: officers who manage messages, and members of the group it was
    sent to; nobody else."""
    review = Review.objects.filter(pk=pk).first()
    resident = getattr(user, "resident", None) if user.is_authenticated else None
    allowed = review is not None and (
        has_capability(user, Capability.MANAGE_MESSAGES)
        or (
            resident is not None
            and has_capability(user, Capability.USE_PORTAL)
            and reviews_for(resident).filter(pk=pk).exists()
        )
    )
    if not allowed or review is None or not review.document:
        raise Http404("There is no such document.")
    return review
