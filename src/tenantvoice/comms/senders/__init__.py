"""Senders: one per channel, chosen in settings (``TENANTVOICE_SENDERS``), none needing code.

A sender takes a claimed ``Message`` and hands it to a provider, returning the provider's
reference for delivery receipts. It raises ``TemporaryFailure`` for something worth trying
again (a timeout, a 5xx) and ``PermanentFailure`` for something that will never work (an
invalid number); any other exception is treated as temporary.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from django.conf import settings
from django.test.signals import setting_changed
from django.utils.module_loading import import_string

from ..models import Message


class TemporaryFailure(Exception):
    pass


class PermanentFailure(Exception):
    pass


class Sender(Protocol):
    """Optionally also ``lookup(message) -> str | None``: the provider's reference if it already
    has the message (asked after a worker died mid-send, so it is not sent twice)."""

    def send(self, message: Message) -> str:
        """Send ``message``; return the provider's reference (may be empty)."""
        ...


DEFAULT_SENDERS = {
    "email": "tenantvoice.comms.senders.email.DjangoEmailSender",
    "sms": "tenantvoice.comms.senders.console.ConsoleSmsSender",
}


@cache
def sender_for(channel: str) -> Sender | None:
    """The configured sender for ``channel``; None for letters printed by the post room."""
    path = {**DEFAULT_SENDERS, **getattr(settings, "TENANTVOICE_SENDERS", {})}.get(channel)
    return import_string(path)() if path else None


def _forget_senders(setting: str, **kwargs: object) -> None:
    if setting.startswith("TENANTVOICE_"):
        sender_for.cache_clear()


setting_changed.connect(_forget_senders)
