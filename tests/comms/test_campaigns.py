"""Campaigns: reach by channel before sending, news only with consent, an unsubscribe link, once each."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tenantvoice.comms.models import Campaign, Message
from tests.factories import ResidentFactory, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def audience() -> None:
    make_resident(first_name="Emma", consents_to_news=True, preferred_channel="email")
    make_resident(
        first_name="Sid", consents_to_news=True, preferred_channel="sms", mobile_phone="07700900123"
    )
    make_resident(first_name="Lou", consents_to_news=True, preferred_channel="letter", large_print=True)
    make_resident(first_name="Nora", consents_to_news=False)


def write(client: Client, **extra: object) -> Campaign:
    data = {
        "c-name": "Winter newsletter",
        "c-purpose": "news",
        "c-subject": "Winter news from ((landlord))",
        "c-body": "Dear ((name)),\n\nThe gritting rota is out.\n\nStop news: ((unsubscribe_link))",
        "c-sms": "Gritting rota is out. Stop news: ((unsubscribe_link))",
        **extra,
    }
    response = client.post(reverse("campaigns:new"), data)
    assert response.status_code == 302, response.content.decode()
    return Campaign.objects.get()


def test_officer_sees_the_reach_then_sends_once(
    officer_client: Client, audience: None, django_capture_on_commit_callbacks: object
) -> None:
    campaign = write(officer_client)
    page = officer_client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert (
        "By email</dt><dd>1" in page and "By text message</dt><dd>1" in page and "By letter</dt><dd>1" in page
    )
    assert "Cannot be reached: they have not agreed to news." in page
    assert "Large print: 1" in page and "Send to 3 residents" in page

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        officer_client.post(reverse("campaigns:campaign-send", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == "sent" and campaign.counts["reachable"] == 3
    assert Message.objects.filter(campaign=campaign).count() == 3
    [email] = mail.outbox
    assert email.subject.startswith("Winter news from") and "Dear Emma" in email.body
    link = re.search(r"http\S+/news/stop/\S+/", email.body)
    assert link is not None

    again = officer_client.post(reverse("campaigns:campaign-send", args=[campaign.pk]), follow=True)
    assert "already been sent" in again.content.decode()
    assert Message.objects.count() == 3

    # The resident follows the link: a confirm page, then news stops; service messages do not.
    path = link.group(0).split("127.0.0.1:8000")[-1]
    anonymous = Client()
    assert "Stop my news" in anonymous.get(path).content.decode()
    assert "will not get news" in anonymous.post(path).content.decode()
    emma = Message.objects.get(recipient__first_name="Emma").recipient
    emma.refresh_from_db()
    assert emma.consents_to_news is False
    assert "could not stop" in anonymous.post("/news/stop/not-a-real-token/").content.decode()


def test_unknown_placeholders_are_refused_in_plain_words(officer_client: Client) -> None:
    response = officer_client.post(
        reverse("campaigns:new"),
        {"c-name": "Oops", "c-purpose": "news", "c-subject": "Hi", "c-body": "Dear ((nmae))", "c-sms": ""},
    )
    page = response.content.decode()
    assert "There is a problem" in page and "We cannot fill in ((nmae))" in page and "((first_name))" in page
    assert not Campaign.objects.exists()


def test_service_announcements_reach_residents_who_have_not_agreed_to_news(
    officer_client: Client, audience: None, django_capture_on_commit_callbacks: object
) -> None:
    campaign = write(
        officer_client, **{"c-purpose": "service", "c-body": "Dear ((name)), the lifts are off."}
    )
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        officer_client.post(reverse("campaigns:campaign-send", args=[campaign.pk]))
    assert Message.objects.filter(campaign=campaign).count() == 4
    assert Message.objects.get(recipient__first_name="Nora").status == "sent"


def test_nobody_reachable_means_nothing_to_send(officer_client: Client) -> None:
    make_resident(first_name="Nora", consents_to_news=False)
    campaign = write(officer_client)
    response = officer_client.post(reverse("campaigns:campaign-send", args=[campaign.pk]), follow=True)
    assert "Nobody in this audience can be reached" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == "draft"


def test_the_outbox_shows_what_needs_a_person_and_failed_messages_go_again(
    officer_client: Client, django_capture_on_commit_callbacks: object
) -> None:
    from tenantvoice.comms.services import message_queue

    resident = ResidentFactory(first_name="Fay", preferred_channel="email", email="fay@example.org")
    [message] = message_queue(
        recipients=[resident], template="level_accepted", context={"level": "Panel"}, key="x"
    )
    Message.objects.filter(pk=message.pk).update(status="failed", attempts=5, last_error="SMTP said no")
    page = officer_client.get(reverse("campaigns:outbox")).content.decode()
    assert "Welcome to Panel" in page and "SMTP said no" in page and "Could not be sent" in page
    nothing = officer_client.post(reverse("campaigns:outbox-retry"), {}, follow=True)
    assert "Choose at least one message" in nothing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        officer_client.post(reverse("campaigns:outbox-retry"), {"message": [message.pk]})
    message.refresh_from_db()
    assert message.status == "sent" and len(mail.outbox) == 1
