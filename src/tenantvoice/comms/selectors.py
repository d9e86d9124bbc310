"""Reads of the outbox and of the readers panel's reviews."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tenantvoice.core.roles import Capability, has_capability
from tenantvoice.residents.models import Resident

from .models import Message, Review
from .reviews import reviews_for


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
