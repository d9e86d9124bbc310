"""GOV.UK Notify senders against a stand-in client: what is sent, and how errors are read."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from notifications_python_client.errors import HTTPError

from tenantvoice.comms.models import Message
from tenantvoice.comms.senders import PermanentFailure, TemporaryFailure
from tenantvoice.comms.senders.notify import NotifyEmailSender, NotifyLetterSender, NotifySmsSender
from tenantvoice.comms.services import message_queue
from tests.factories import ResidentFactory, TenancyMemberFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("notify_settings"),
]


@pytest.fixture
def notify_settings() -> Any:
    with override_settings(
        TENANTVOICE_NOTIFY_EMAIL_TEMPLATE="email-template",
        TENANTVOICE_NOTIFY_SMS_TEMPLATE="sms-template",
        TENANTVOICE_NOTIFY_LETTER_TEMPLATE="letter-template",
    ):
        yield


class Response:
    def __init__(self, status_code: int, message: str) -> None:
        self.status_code, self._message = status_code, message

    def json(self) -> dict[str, Any]:
        return {"errors": [{"message": self._message}]}


class FakeNotify:
    def __init__(self, fail: int | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail = fail

    def _answer(self, kind: str, **kwargs: Any) -> dict[str, Any]:
        if self.fail:
            raise HTTPError(Response(self.fail, "ValidationError"))  # type: ignore[arg-type]
        self.calls.append((kind, kwargs))
        return {"id": f"notify-{len(self.calls)}"}

    def send_email_notification(self, **kwargs: Any) -> dict[str, Any]:
        return self._answer("email", **kwargs)

    def send_sms_notification(self, **kwargs: Any) -> dict[str, Any]:
        return self._answer("sms", **kwargs)

    def send_letter_notification(self, **kwargs: Any) -> dict[str, Any]:
        return self._answer("letter", **kwargs)

    def get_all_notifications(self, reference: str = "", **kwargs: Any) -> dict[str, Any]:
        found = [c for c in self.calls if c[1]["reference"] == reference]
        return {"notifications": [{"id": "notify-1"}] if found else []}


def one(**resident: Any) -> Message:
    [message] = message_queue(
        recipients=[ResidentFactory(**resident)],
        template="level_accepted",
        context={"level": "Panel"},
        key="n",
    )
    return message


def test_email_and_text_go_with_our_reference_and_can_be_looked_up() -> None:
    client = FakeNotify()
    email = one(preferred_channel="email", email="ann@example.org")
    assert NotifyEmailSender(client).send(email) == "notify-1"
    kind, sent = client.calls[0]
    assert sent["email_address"] == "ann@example.org" and sent["template_id"] == "email-template"
    assert sent["personalisation"]["subject"] == "Welcome to Panel" and sent["reference"] == f"tv-{email.pk}"
    assert NotifyEmailSender(client).lookup(email) == "notify-1"
    text = one(preferred_channel="sms", mobile_phone="07700900123")
    NotifySmsSender(client).send(text)
    assert client.calls[1][1]["phone_number"] == "07700900123"


def test_letters_carry_the_address_with_the_postcode_last() -> None:
    client = FakeNotify()
    member = TenancyMemberFactory(resident=ResidentFactory(preferred_channel="letter", title="Mrs"))
    letter = one(preferred_channel="letter")
    letter.recipient = member.resident
    NotifyLetterSender(client).send(letter)
    lines = client.calls[0][1]["personalisation"]
    assert lines["address_line_1"].startswith("Mrs ")
    assert member.tenancy.property.postcode in lines.values()


def test_refusals_are_permanent_and_outages_temporary() -> None:
    message = one(preferred_channel="email")
    with pytest.raises(PermanentFailure):
        NotifyEmailSender(FakeNotify(fail=400)).send(message)
    with pytest.raises(TemporaryFailure):
        NotifyEmailSender(FakeNotify(fail=503)).send(message)
    with pytest.raises(PermanentFailure, match="no full postal address"):
        NotifyLetterSender(FakeNotify()).send(one(preferred_channel="letter"))
