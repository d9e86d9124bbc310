"""An officer's week with activities: descriptions shown, minutes drafted, previewed and sent,
walk-ins recorded at the door, and an open day inviting a group, an audience or named residents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.activities.models import Activity, Minutes, Participant
from tenantvoice.activities.services import (
    ActivityError,
    activity_invite,
    minutes_draft_save,
    minutes_send,
    walk_in_add,
    walk_in_new,
)
from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.comms.models import Message, SendRun
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import Resident, ResidentKind
from tests.conftest import run_sends, sign_in
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    ResidentFactory,
    SeatHoldingFactory,
    TenancyMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def open_day(days: int = 20, **fields: object) -> Activity:
    start = timezone.now() + dt.timedelta(days=days)
    return ActivityFactory(
        title="Open day",
        kind="open_day",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        format="online",
        online_details="A video call",
        **fields,
    )


def held(**fields: object) -> Activity:
    return open_day(days=-1, **fields)


def named(first: str, last: str, **fields: object) -> Resident:
    return TenancyMemberFactory(
        resident=ResidentFactory(
            first_name=first,
            last_name=last,
            first_name_key=first.lower(),
            last_name_key=last.lower(),
            **fields,
        )
    ).resident


# --- descriptions ------------------------------------------------------------------------


def test_the_description_is_on_the_officers_and_the_residents_pages(officer_client: Client) -> None:
    activity = open_day(description="Meet the repairs team.\nTea and cake.")
    place = ParticipantFactory(activity=activity)
    page = officer_client.get(reverse("staff:activity-detail", args=[activity.pk])).content.decode()
    assert "Meet the repairs team.<br>Tea and cake." in page

    resident_client = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=place.resident))
    mine = resident_client.get(reverse("portal:activity", args=[place.pk])).content.decode()
    assert "What it is about" in mine and "Meet the repairs team." in mine


# --- minutes -----------------------------------------------------------------------------


def test_minutes_are_saved_as_a_draft_previewed_then_sent(officer_client: Client) -> None:
    activity = held()
    ParticipantFactory(activity=activity, resident=ResidentFactory(first_name="Emma"))
    saved = officer_client.post(
        reverse("staff:activity-minutes", args=[activity.pk]), {"text": "Present: Emma. We agreed X."}
    )
    assert saved.status_code == 302 and saved["Location"].endswith("/minutes/preview/")
    assert Message.objects.count() == 0 and len(mail.outbox) == 0  # a draft goes to nobody
    minutes = Minutes.objects.get()
    assert minutes.draft == "Present: Emma. We agreed X." and minutes.sent_on is None

    preview = officer_client.get(saved["Location"]).content.decode()
    assert "We agreed X." in preview and "1 participant" in preview and "Send to every participant" in preview

    officer_client.post(saved["Location"], {})
    minutes.refresh_from_db()
    assert minutes.sent_on == timezone.localdate() and minutes.text == "Present: Emma. We agreed X."
    assert minutes.draft == ""
    assert Message.objects.filter(template="activity_minutes").count() == 1


def test_a_correction_is_drafted_without_changing_what_was_sent() -> None:
    activity = held()
    ParticipantFactory(activity=activity)
    minutes_draft_save(activity=activity, text="First version")
    minutes_send(activity=activity)
    minutes_draft_save(activity=activity, text="Corrected version")
    minutes = Minutes.objects.get()
    assert minutes.text == "First version" and minutes.draft == "Corrected version"
    minutes_send(activity=activity)
    minutes.refresh_from_db()
    assert minutes.text == "Corrected version"
    assert Message.objects.filter(template="activity_minutes").count() == 2


def test_empty_minutes_are_refused_in_plain_words(officer_client: Client) -> None:
    activity = held()
    refused = officer_client.post(reverse("staff:activity-minutes", args=[activity.pk]), {"text": " "})
    assert refused.status_code == 400
    assert "There is a problem" in refused.content.decode()
    with pytest.raises(ActivityError, match="no draft to send"):
        minutes_send(activity=activity)


def test_the_preview_without_a_draft_sends_the_officer_back_to_write_one(officer_client: Client) -> None:
    activity = held()
    answer = officer_client.get(reverse("staff:activity-minutes-preview", args=[activity.pk]))
    assert answer.status_code == 302 and answer["Location"].endswith("/minutes/")


# --- walk-ins ----------------------------------------------------------------------------


def test_a_walk_in_found_on_the_register_is_added_as_present(officer_client: Client) -> None:
    activity = held()
    wendy = named("Wendy", "Walker")
    url = reverse("staff:activity-walk-in", args=[activity.pk])
    found = officer_client.get(url, {"q": "Walker"}).content.decode()
    assert "Walker, Wendy" in found and "Add as present" in found
    added = officer_client.post(url + "?q=Walker", {"resident": wendy.pk})
    assert added.status_code == 302
    place = Participant.objects.get(activity=activity, resident=wendy)
    assert place.attendance == "present"
    assert AuditEvent.objects.filter(object_type="participant", resident_id=wendy.pk).exists()


def test_an_invited_resident_who_walks_in_is_marked_present_once() -> None:
    activity = held()
    place = ParticipantFactory(activity=activity, attendance="apologies")
    again = walk_in_add(activity=activity, resident=place.resident)
    assert again.pk == place.pk and again.attendance == "present"
    assert activity.participants.count() == 1


def test_someone_not_on_the_register_is_recorded_as_a_visitor(officer_client: Client) -> None:
    activity = held()
    url = reverse("staff:activity-walk-in", args=[activity.pk])
    refused = officer_client.post(
        url, {"new": "yes", "first_name": "Vera", "correspondence_postcode": "nope"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Enter their last name." in page and "Enter a real postcode" in page

    officer_client.post(
        url,
        {
            "new": "yes",
            "first_name": "Vera",
            "last_name": "Visitor",
            "email": "vera@example.org",
            "correspondence_postcode": "m15 4ab",
        },
    )
    place = Participant.objects.get(activity=activity)
    vera = place.resident
    assert vera.kind == ResidentKind.VISITOR and vera.hms_ref is None
    assert (vera.email, vera.correspondence_postcode, vera.preferred_channel) == (
        "vera@example.org",
        "M15 4AB",
        "email",
    )
    assert place.attendance == "present"
    # Visitors are found by name next time, and are not in campaigns' audiences.
    found = officer_client.get(url, {"q": "Visitor"}).content.decode()
    assert found.count(f'type="radio" name="resident" value="{vera.pk}"') == 1
    assert not audience_residents(Audience()).filter(pk=vera.pk).exists()


def test_walk_ins_wait_for_the_activity_to_start() -> None:
    with pytest.raises(ActivityError, match="once the activity has started"):
        walk_in_new(activity=open_day(), first_name="Vera", last_name="Visitor")


# --- invitations -------------------------------------------------------------------------


def test_an_open_day_invites_a_groups_members_after_the_confirmation(
    officer_client: Client, django_capture_on_commit_callbacks: object
) -> None:
    activity = open_day()
    holding = SeatHoldingFactory(resident=named("Gina", "Group"))
    SeatHoldingFactory(seat_category=holding.seat_category, resident=named("Gary", "Group"))
    group = holding.seat_category.group
    url = reverse("staff:activity-invite", args=[activity.pk])

    confirm = officer_client.post(url, {"group": group.pk}).content.decode()
    assert "Check before sending" in confirm and "Each person invited is added" in confirm
    assert f'name="group" value="{group.pk}"' in confirm
    assert Participant.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        sent = officer_client.post(url, {"group": group.pk, "confirm": "yes"})
        run_sends()
    assert sent.status_code == 302
    assert set(activity.participants.values_list("resident__first_name", flat=True)) == {"Gina", "Gary"}
    assert Message.objects.filter(template="activity_invitation").count() == 2
    assert SendRun.objects.get().rule == {"group": group.pk}


def test_an_open_day_invites_a_saved_audience_once_each(django_capture_on_commit_callbacks: object) -> None:
    activity = open_day()
    ann = named("Ann", "Audience")
    segment = Segment.objects.create(name="Everyone", rules={})
    ParticipantFactory(activity=activity, resident=ann)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        activity_invite(activity=activity)
        run_sends()
        activity_invite(activity=activity, segment=segment)
        run_sends()
    everyone = audience_residents(Audience()).count()
    assert activity.participants.count() == everyone
    # Ann was invited first as a participant and is not sent it again through the audience.
    assert Message.objects.filter(template="activity_invitation", recipient=ann).count() == 1


def test_named_residents_are_found_and_added_then_invited(officer_client: Client) -> None:
    activity = open_day()
    nadia = named("Nadia", "Named")
    url = reverse("staff:activity-people", args=[activity.pk])
    page = officer_client.get(url, {"q": "Nadia Named"}).content.decode()
    assert "Named, Nadia" in page and "The members of a group" in page and "A saved audience" in page
    officer_client.post(url + "?q=Nadia+Named", {"resident": nadia.pk})
    assert activity.participants.get().resident == nadia
    again = officer_client.get(url, {"q": "Nadia Named"}).content.decode()
    assert "Added" in again


def test_choosing_no_group_is_refused_on_the_page(officer_client: Client) -> None:
    activity = open_day()
    refused = officer_client.post(reverse("staff:activity-invite", args=[activity.pk]), {"group": ""})
    assert refused.status_code == 400
    assert "Choose the group whose members are invited." in refused.content.decode()


def test_people_cannot_be_invited_after_the_start() -> None:
    activity = held()
    ParticipantFactory(activity=activity)
    with pytest.raises(ActivityError, match="already started"):
        activity_invite(activity=activity)
