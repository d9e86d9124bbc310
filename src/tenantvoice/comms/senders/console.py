"""A text-message sender for the demo and tests: writes to the log, sends nothing."""

from __future__ import annotations

import logging

from ..models import Message

logger = logging.getLogger("tenantvoice.sms")
# Texts "sent" in this process, for tests (like django.core.mail.outbox for email).
outbox: list[Message] = []


class ConsoleSmsSender:
    def send(self, message: Message) -> str:
        logger.info("SMS to %s: %s", message.to, message.body)
        outbox.append(message)
        return f"console-sms-{message.pk}"
