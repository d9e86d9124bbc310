"""Reads of the outbox."""

from __future__ import annotations

from .models import Message


def resident_messages(resident_id: int, limit: int = 50) -> list[Message]:
    """The messages sent to a resident, newest first."""
    return list(Message.objects.filter(recipient_id=resident_id).order_by("-created_at", "-pk")[:limit])
