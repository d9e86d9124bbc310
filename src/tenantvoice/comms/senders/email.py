"""Email through Django's mail backend: SMTP, or any django-anymail provider by settings alone."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid

from ..models import Message


class DjangoEmailSender:
    def send(self, message: Message) -> str:
        # The Message-ID is fixed per message, so a resend after a crash carries the same id and
        # mail systems that deduplicate on it show one email.
        message_id = message.provider_ref or make_msgid(idstring=f"tv{message.pk}")
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            to=[message.to or (message.recipient.email if message.recipient else "")],
            from_email=settings.DEFAULT_FROM_EMAIL,
            headers={"Message-ID": message_id},
        )
        email.send()
        # anymail reports the provider's own id, which its delivery webhooks use.
        status = getattr(email, "anymail_status", None)
        return str(getattr(status, "message_id", None) or message_id)
