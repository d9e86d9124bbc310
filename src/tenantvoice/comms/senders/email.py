"""Email through Django's mail backend: SMTP, or any django-anymail provider by settings alone."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from ..models import Message, new_message_id


def fixed_message_id(message: Message) -> str:
    """The message's Message-ID, set when it was queued; stored now, before the first attempt,
    for a row that has none (one written without the model's default)."""
    if not message.message_id:
        message.message_id = new_message_id()
        Message.objects.filter(pk=message.pk, message_id="").update(message_id=message.message_id)
        message.message_id = Message.objects.values_list("message_id", flat=True).get(pk=message.pk)
    return message.message_id


class DjangoEmailSender:
    def send(self, message: Message) -> str:
        # The Message-ID was fixed when the message was queued, so a resend after a crash carries
        # the same id and mail systems that deduplicate on it show one email (decision 0019).
        message_id = fixed_message_id(message)
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
