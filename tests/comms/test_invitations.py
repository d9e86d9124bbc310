"""Invitations go through the outbox: by each resident's channel and format, once each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.activities.models import Activity, Participant
from tenantvoice.activities.services import ActivityError, activity_invite
from tenantvoice.comms.models import Message
from tenantvoice.comms.services import route_for
from tests.conftest import run_sends
from tests.factories import ActivityFactory, ParticipantFactory, ResidentFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity() -> Activity:
    start = timezone.now() + dt.timedelta(days=20)
    return ActivityFactory(
        title="Residents Panel",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        venue=VenueFactory(name="Town Hall", postcode="E1 4DG"),
    )


def invite(activity: Activity, **resident: object) -> Participant:
    return ParticipantFactory(activity=activity, resident=ResidentFactory(**resident))


def test_each_resident_is_reached_their_own_way(
    activity: Activity, django_capture_on_commit_callbacks: object
) -> None:
    invite(activity, first_name="Emma", preferred_channel="email", email="emma@example.org")
    invite(activity, first_name="Larry", preferred_channel="letter", large_print=True)
    invite(activity, first_name="Nina", preferred_channel="email", email="")

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        run = activity_invite(activity=activity, today=dt.date(2026, 11, 24))
        run_sends()

    run.refresh_from_db()
    assert run.reach["by_channel"] == {"Email": 1, "Letter": 2}
    [email] = mail.outbox
    assert email.to == ["emma@example.org"] and email.subject.startswith("Invitation: Residents Panel")
    assert "Town Hall" in email.body and "Dear Emma" in email.body
    larry = Message.objects.get(recipient__first_name="Larry")
    assert larry.status == "to_print" and larry.format_notes == "Large print"
    assert Message.objects.get(recipient__first_name="Nina").channel == "letter"  # no email address
    activity.refresh_from_db()
    assert activity.notice_sent_on == dt.date(2026, 11, 24)


def test_sending_twice_sends_nothing_new(
    activity: Activity, django_capture_on_commit_callbacks: object
) -> None:
    invite(activity, preferred_channel="email", email="emma@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        activity_invite(activity=activity)
        run_sends()
        activity_invite(activity=activity)
        assert run_sends() == 0
    assert len(mail.outbox) == 1 and Message.objects.count() == 1


def test_news_needs_consent_but_service_messages_do_not() -> None:
    resident = ResidentFactory(consents_to_news=False, preferred_channel="email", email="a@example.org")
    assert route_for(resident, "news").channel is None
    assert route_for(resident, "service").channel == "email"


def test_nobody_to_invite(activity: Activity) -> None:
    with pytest.raises(ActivityError, match="Nobody is invited yet"):
        activity_invite(activity=activity)


def test_the_post_room_prints_letters_one_to_a_page_and_marks_them_posted(
    activity: Activity, officer_client: Client
) -> None:
    invite(activity, first_name="Larry", preferred_channel="letter", large_print=True)
    officer_client.post(reverse("staff:activity-invite", args=[activity.pk]), {"confirm": "yes"})
    run_sends()
    page = officer_client.get(reverse("staff:letters")).content.decode()
    assert "letter--large" in page and "Invitation: Residents Panel" in page
    letter = Message.objects.get()
    officer_client.post(reverse("staff:letters-printed"), {"letter": [letter.pk]})
    letter.refresh_from_db()
    assert letter.status == "printed"


def test_cancelling_tells_everyone_invited_and_residents_see_their_messages(
    activity: Activity, officer_client: Client, django_capture_on_commit_callbacks: object
) -> None:
    from tenantvoice.core.roles import Role
    from tests.conftest import sign_in
    from tests.factories import UserFactory

    place = invite(activity, first_name="Emma", preferred_channel="email", email="emma@example.org")
    refused = officer_client.post(
        reverse("staff:activity-cancel", args=[activity.pk]), {"reason": ""}, follow=True
    )
    assert "Say why it is cancelled" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        officer_client.post(
            reverse("staff:activity-cancel", args=[activity.pk]), {"reason": "The hall flooded"}
        )
    activity.refresh_from_db()
    assert activity.cancelled
    [email] = mail.outbox
    assert email.subject.startswith("Cancelled: Residents Panel") and "The hall flooded" in email.body

    resident_client = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=place.resident))
    page = resident_client.get(reverse("portal:messages")).content.decode()
    assert "Cancelled: Residents Panel" in page and "The hall flooded" in page
    record = officer_client.get(reverse("staff:resident-detail", args=[place.resident_id])).content.decode()
    assert "Cancelled: Residents Panel" in record


def test_a_failed_email_is_retried_with_back_off_then_given_up(
    activity: Activity, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: object
) -> None:
    from tenantvoice.comms import services

    invite(activity, preferred_channel="email", email="emma@example.org")

    def refuse(self: object) -> int:
        raise OSError("SMTP server said no")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        activity_invite(activity=activity)
        run_sends()
    message = Message.objects.get()
    assert message.status == "queued" and message.attempts == 1 and "said no" in message.last_error
    first_retry = message.next_attempt_at
    assert first_retry is not None

    assert services.send_queued_messages(now=first_retry - dt.timedelta(seconds=1)) == 0  # not due yet
    message.refresh_from_db()
    assert message.attempts == 1
    now = first_retry
    for _ in range(services.MAX_ATTEMPTS - 1):
        services.send_queued_messages(now=now)
        message.refresh_from_db()
        now = (message.next_attempt_at or now) + dt.timedelta(seconds=1)
    assert message.status == "failed" and message.attempts == services.MAX_ATTEMPTS


def test_a_message_left_sending_by_a_dead_worker_is_sent_later(activity: Activity) -> None:
    from tenantvoice.comms import services

    invite(activity, preferred_channel="email", email="emma@example.org")
    [message] = services.message_queue(
        recipients=[activity.participants.get().resident],
        template="activity_invitation",
        context={"activity": activity, "landlord": "X"},
        key="manual",
    )
    later = timezone.now()
    Message.objects.filter(pk=message.pk).update(status="sending", claimed_at=later - dt.timedelta(hours=1))

    assert services.send_queued_messages(now=later) == 1
    message.refresh_from_db()
    assert message.status == "sent" and len(mail.outbox) == 1


def test_minutes_go_to_every_participant_once_and_a_correction_again(activity: Activity) -> None:
    from tenantvoice.actions.services import action_create
    from tenantvoice.activities.services import minutes_send

    invite(activity, preferred_channel="letter")
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=1), ends_at=timezone.now() - dt.timedelta(hours=22)
    )
    activity.refresh_from_db()
    action_create(
        source=activity, title="Chase the lift repair", owner_name="Olu", due_on=dt.date(2026, 12, 1)
    )
    minutes_send(activity=activity, text="Present: all.")
    minutes_send(activity=activity, text="Present: all.")
    assert Message.objects.filter(template="activity_minutes").count() == 1
    minutes_send(activity=activity, text="Present: all. Corrected: apologies from Sam.")
    letters = Message.objects.filter(template="activity_minutes").order_by("pk")
    assert letters.count() == 2 and "Chase the lift repair" in letters[0].body


def test_a_portal_invitation_is_emailed(
    officer_client: Client, django_capture_on_commit_callbacks: object
) -> None:
    resident = ResidentFactory(email="ann@example.org", preferred_channel="email")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        officer_client.post(reverse("staff:resident-invite", args=[resident.pk]))
    [email] = mail.outbox
    assert email.to == ["ann@example.org"] and "/my/invitation/" in email.body
