"""Reading what the outbox queued: the links and codes only the recipient should see."""

from __future__ import annotations

import re

from django.conf import settings

from tenantvoice.comms.models import Message


def last_message(template: str, **filters: object) -> Message:
    return Message.objects.filter(template=template, **filters).order_by("-pk").first()  # type: ignore[return-value]


def link_in(message: Message) -> str:
    """The site path of the first link in ``message`` (the site's address removed)."""
    site = settings.TENANTVOICE_SITE_URL.rstrip("/")
    match = re.search(re.escape(site) + r"(/\S+)", message.body)
    assert match, f"no link in: {message.body}"
    return match.group(1)


def code_in(message: Message) -> str:
    match = re.search(r"\b(\d{6})\b", message.body)
    assert match, f"no code in: {message.body}"
    return match.group(1)


def invitation_token(resident_id: int) -> str:
    """The token in the newest invitation sent to a resident (only the message holds it)."""
    path = link_in(last_message("portal_invitation", recipient_id=resident_id))
    return path.rstrip("/").rsplit("/", 1)[-1]
