"""Delivery receipts and bounces: Notify's callbacks, anymail's tracking events, flagged details."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tenantvoice.comms.models import Message
from tenantvoice.comms.services import message_queue, route_for
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.services import resident_update
from tests.conftest import sign_in
from tests.factories import ResidentFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db
TOKEN = "a-long-random-callback-token"


def queued(**resident: Any) -> Message:
    person = ResidentFactory(**resident)
    [message] = message_queue(
        recipients=[person], template="level_accepted", context={"level": "Panel"}, key="d"
    )
    return message


def callback(client: Client, body: dict[str, Any], token: str = TOKEN) -> int:
    return client.post(
        reverse("notify-callback"),
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    ).status_code


@override_settings(TENANTVOICE_NOTIFY_CALLBACK_TOKEN=TOKEN)
def test_notify_receipts_mark_delivered_and_a_bounce_flags_the_email(client: Client) -> None:
    delivered = queued(preferred_channel="email")
    bounced = queued(preferred_channel="email", email="nobody@example.org", first_name="Bo")
    assert callback(client, {"reference": f"tv-{delivered.pk}", "status": "delivered"}, token="wrong") == 401
    assert callback(client, {"reference": f"tv-{delivered.pk}", "status": "delivered"}) == 200
    assert callback(client, {"reference": f"tv-{bounced.pk}", "status": "permanent-failure"}) == 200
    assert callback(client, {"reference": "tv-999999", "status": "delivered"}) == 200  # unknown: ignored
    delivered.refresh_from_db()
    bounced.refresh_from_db()
    assert delivered.status == "delivered" and delivered.delivered_at is not None
    assert bounced.status == "bounced"
    bo = bounced.recipient
    bo.refresh_from_db()
    assert bo.email_problem_at is not None and route_for(bo, "service").channel == "letter"
    assert AuditEvent.objects.filter(resident_id=bo.pk, summary__contains="bounced").exists()

    staff_page = sign_in(Client(), staff_user(Role.ENGAGEMENT_OFFICER, "olu@example.org")).get(
        reverse("staff:resident-detail", args=[bo.pk])
    )
    assert "Email bounced on" in staff_page.content.decode()
    own_page = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=bo)).get(reverse("portal:details"))
    assert "Our emails to this address are not arriving" in own_page.content.decode()

    resident_update(resident=bo, by=None, data={"email": "bo@example.org"})
    bo.refresh_from_db()
    assert bo.email_problem_at is None and route_for(bo, "service").channel == "email"


def test_anymail_tracking_events_are_matched_on_the_provider_id() -> None:
    from anymail.signals import AnymailTrackingEvent, tracking

    message = queued(preferred_channel="email", email="x@example.org")
    Message.objects.filter(pk=message.pk).update(status="sent", provider_ref="esp-123")
    event = AnymailTrackingEvent(
        event_type="bounced", message_id="esp-123", description="Mailbox does not exist"
    )
    tracking.send(sender=object, event=event, esp_name="Test")
    message.refresh_from_db()
    assert message.status == "bounced" and "does not exist" in message.last_error
    message.recipient.refresh_from_db()
    assert message.recipient.email_problem == "Mailbox does not exist"
