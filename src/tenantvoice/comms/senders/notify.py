"""GOV.UK Notify: email, text messages and letters through the official client.

In Notify, make one template per channel whose content is just the placeholders (email:
subject ``((subject))``, body ``((body))``; text message: ``((body))``; letter: heading
``((subject))``, body ``((body))``) and set their ids with the API key in the environment:
``TENANTVOICE_NOTIFY_API_KEY``, ``TENANTVOICE_NOTIFY_EMAIL_TEMPLATE``,
``TENANTVOICE_NOTIFY_SMS_TEMPLATE``, ``TENANTVOICE_NOTIFY_LETTER_TEMPLATE``. Our message's id is
Notify's ``reference``, so delivery receipts find the message and, after a worker died
mid-send, ``lookup`` asks Notify whether it already has it instead of sending it again.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ..addresses import postal_address
from ..models import Message
from . import PermanentFailure, TemporaryFailure


def _client() -> Any:
    from notifications_python_client.notifications import NotificationsAPIClient

    key = getattr(settings, "TENANTVOICE_NOTIFY_API_KEY", "")
    if not key:
        raise ImproperlyConfigured("Set TENANTVOICE_NOTIFY_API_KEY to send through GOV.UK Notify.")
    return NotificationsAPIClient(key)  # type: ignore[no-untyped-call]  # the client ships no types


def _template(channel: str) -> str:
    template = getattr(settings, f"TENANTVOICE_NOTIFY_{channel.upper()}_TEMPLATE", "")
    if not template:
        raise ImproperlyConfigured(
            f"Set TENANTVOICE_NOTIFY_{channel.upper()}_TEMPLATE to Notify's template id."
        )
    return str(template)


def reference(message: Message) -> str:
    return f"tv-{message.pk}"


class _NotifySender:
    channel = ""

    def __init__(self, client: Any = None) -> None:
        self.client = client or _client()

    def send(self, message: Message) -> str:
        from notifications_python_client.errors import HTTPError

        try:
            response = self._send(message)
        except HTTPError as exc:
            # 400: Notify refused this message (a bad number or address): trying again cannot help.
            if exc.status_code == 400:
                raise PermanentFailure(str(exc)) from exc
            raise TemporaryFailure(str(exc)) from exc
        return str(response["id"])

    def _send(self, message: Message) -> dict[str, Any]:
        raise NotImplementedError

    def lookup(self, message: Message) -> str | None:
        found = self.client.get_all_notifications(reference=reference(message)).get("notifications", [])
        return str(found[0]["id"]) if found else None


class NotifyEmailSender(_NotifySender):
    channel = "email"

    def _send(self, message: Message) -> dict[str, Any]:
        return dict(
            self.client.send_email_notification(
                email_address=message.to or (message.recipient.email if message.recipient else ""),
                template_id=_template("email"),
                personalisation={"subject": message.subject, "body": message.body},
                reference=reference(message),
            )
        )


class NotifySmsSender(_NotifySender):
    channel = "sms"

    def _send(self, message: Message) -> dict[str, Any]:
        return dict(
            self.client.send_sms_notification(
                phone_number=message.to or (message.recipient.mobile_phone if message.recipient else ""),
                template_id=_template("sms"),
                personalisation={"body": message.body},
                reference=reference(message),
            )
        )


class NotifyLetterSender(_NotifySender):
    channel = "letter"

    def _send(self, message: Message) -> dict[str, Any]:
        if message.recipient is None:
            raise PermanentFailure("Letters go to residents only.")
        lines = postal_address(message.recipient)
        if len(lines) < 3:
            raise PermanentFailure("We have no full postal address for this resident.")
        # Notify takes up to seven address lines; the last must be the postcode.
        if len(lines) > 7:
            lines = [*lines[:6], lines[-1]]
        personalisation = {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}
        personalisation |= {"subject": message.subject, "body": message.body}
        return dict(
            self.client.send_letter_notification(
                template_id=_template("letter"), personalisation=personalisation, reference=reference(message)
            )
        )
