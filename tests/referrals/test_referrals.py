"""A group refers an issue or idea to the Board (Southway's Voice Panel, section 5.2.3); the
Board's response and the actions it agreed are recorded, and the group's members are told and
can follow them in their account."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.actions.services import action_progress
from tenantvoice.comms.models import Message
from tenantvoice.core.models import AuditEvent
from tenantvoice.referrals.models import Referral
from tenantvoice.residents.models import Resident
from tests.conftest import sign_in
from tests.factories import (
    GroupFactory,
    ReferralFactory,
    ResidentFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def voice_panel_with(*members: Resident, former: Resident | None = None) -> object:
    group = GroupFactory(name="Voice Panel")
    seats = SeatCategoryFactory(group=group)
    for member in members:
        SeatHoldingFactory(seat_category=seats, resident=member, started_on=TODAY - dt.timedelta(days=90))
    if former is not None:
        SeatHoldingFactory(
            seat_category=seats,
            resident=former,
            started_on=TODAY - dt.timedelta(days=400),
            ended_on=TODAY - dt.timedelta(days=30),
        )
    return group


def test_an_officer_records_a_referral_from_the_page(officer_client: Client) -> None:
    group = voice_panel_with()
    response = officer_client.post(
        reverse("staff:referral-new"),
        {
            "group": group.pk,  # type: ignore[attr-defined]
            "kind": "idea",
            "title": "A repairs open day",
            "detail": "Hold an open day where residents meet the repairs contractor.",
            "to_body": "the Board",
            "referred_on": f"{TODAY:%d/%m/%Y}",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:referral-detail", args=[referral.pk]
    )
    assert referral.group == group and referral.awaiting_response
    assert AuditEvent.objects.filter(object_type="referral", object_id=str(referral.pk)).exists()


def test_a_referral_dated_in_the_future_is_refused_in_plain_words(officer_client: Client) -> None:
    group = voice_panel_with()
    response = officer_client.post(
        reverse("staff:referral-new"),
        {
            "group": group.pk,  # type: ignore[attr-defined]
            "kind": "issue",
            "title": "Bins",
            "detail": "Bins are not emptied on time.",
            "to_body": "the Board",
            "referred_on": f"{TODAY + dt.timedelta(days=3):%d/%m/%Y}",
        },
    )
    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode() and not Referral.objects.exists()


def test_not_agreed_needs_the_boards_reasons(officer_client: Client) -> None:
    referral = ReferralFactory(referred_on=TODAY - dt.timedelta(days=20))
    response = officer_client.post(
        reverse("staff:referral-detail", args=[referral.pk]),
        {"decision": "not_agreed", "response": "", "responded_on": f"{TODAY:%d/%m/%Y}"},
    )
    assert response.status_code == 400 and "reasons" in response.content.decode()
    referral.refresh_from_db()
    assert referral.awaiting_response and not Message.objects.exists()


def test_the_response_is_sent_to_the_groups_current_members_and_a_correction_again(
    officer_client: Client,
) -> None:
    ann, bob, gone = ResidentFactory(), ResidentFactory(), ResidentFactory()
    referral = ReferralFactory(
        group=voice_panel_with(ann, bob, former=gone), referred_on=TODAY - dt.timedelta(days=20)
    )
    url = reverse("staff:referral-detail", args=[referral.pk])
    answer = {
        "decision": "in_part",
        "response": "Yes to the open day; not this year.",
        "responded_on": f"{TODAY:%d/%m/%Y}",
    }
    assert officer_client.post(url, answer).status_code == 302
    sent = Message.objects.filter(template="referral_response")
    assert set(sent.values_list("recipient_id", flat=True)) == {ann.pk, bob.pk}
    assert "Agreed in part" in sent.first().body  # type: ignore[union-attr]
    assert officer_client.post(url, answer).status_code == 302
    assert sent.count() == 2, "the same response again is not news"
    officer_client.post(url, {**answer, "response": "Yes to the open day, in the spring."})
    assert sent.count() == 4


def test_an_action_the_board_agreed_is_tracked_and_its_progress_told_to_the_group(
    officer_client: Client,
) -> None:
    ann = ResidentFactory()
    referral = ReferralFactory(group=voice_panel_with(ann))
    response = officer_client.post(
        reverse("staff:referral-action-add", args=[referral.pk]),
        {
            "title": "Hold a repairs open day",
            "owner_name": "Head of Repairs",
            "due_on": "31/3/2027",
            "public": "on",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.referral, action.asked_by, action.public) == (referral, referral.group, True)
    action_progress(action=action, status=ActionStatus.IN_PROGRESS, progress=20, note="Venue booked.")
    assert Message.objects.filter(template="action_status", recipient=ann).count() == 1
    tracker = officer_client.get(reverse("staff:actions"), {"source": "referral"})
    assert "Hold a repairs open day" in tracker.content.decode()


def test_members_follow_their_groups_referrals_and_nobody_else_sees_them(client: Client) -> None:
    ann, stranger = ResidentFactory(), ResidentFactory()
    referral = ReferralFactory(group=voice_panel_with(ann), title="Estate lighting")
    referral.decision, referral.response, referral.responded_on = "agreed", "New lights in May.", TODAY
    referral.save()
    sign_in(client, UserFactory(role="resident", email="ann@example.org", resident=ann))
    listing = client.get(reverse("portal:referrals")).content.decode()
    assert "Estate lighting" in listing
    page = client.get(reverse("portal:referral", args=[referral.pk])).content.decode()
    assert "New lights in May." in page
    sign_in(client, UserFactory(role="resident", email="stranger@example.org", resident=stranger))
    assert client.get(reverse("portal:referral", args=[referral.pk])).status_code == 404
    assert "Estate lighting" not in client.get(reverse("portal:referrals")).content.decode()


def test_a_board_reader_reads_but_cannot_record(client: Client, board_reader: object) -> None:
    referral = ReferralFactory()
    sign_in(client, board_reader)  # type: ignore[arg-type]
    page = client.get(reverse("staff:referral-detail", args=[referral.pk]))
    assert page.status_code == 200 and "Record and send the response" not in page.content.decode()
    posted = client.post(
        reverse("staff:referral-detail", args=[referral.pk]),
        {"decision": "agreed", "response": "Yes", "responded_on": f"{TODAY:%d/%m/%Y}"},
    )
    assert posted.status_code == 403


def test_the_groups_page_lists_its_referrals(officer_client: Client) -> None:
    referral = ReferralFactory(title="Play area fencing")
    page = officer_client.get(reverse("staff:group-detail", args=[referral.group.slug]))
    assert "Play area fencing" in page.content.decode()
