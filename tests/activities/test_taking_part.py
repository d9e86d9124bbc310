"""Residents reply, ask for help to take part, claim expenses and see their hours;
officers arrange the help and decide and pay claims."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.activities.models import ExpenseClaim, Participant, SupportRequest
from tenantvoice.core.roles import Role
from tests.conftest import sign_in
from tests.factories import ActivityFactory, ParticipantFactory, UserFactory, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def invited() -> tuple[Client, Participant]:
    resident = make_resident()
    start = timezone.now() + dt.timedelta(days=14)
    activity = ActivityFactory(
        title="Repairs focus group",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        online_details="https://meet.example.org/x",
    )
    place = ParticipantFactory(activity=activity, resident=resident)
    return sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=resident)), place


def test_a_resident_sees_what_they_are_invited_to_and_replies(invited: tuple[Client, Participant]) -> None:
    client, place = invited
    assert "Repairs focus group" in client.get(reverse("portal:activities")).content.decode()
    client.post(reverse("portal:rsvp", args=[place.pk]), {"answer": "yes"})
    place.refresh_from_db()
    assert place.rsvp == "yes"
    assert "meet.example.org" in client.get(reverse("portal:activity", args=[place.pk])).content.decode()


def test_a_resident_asks_for_an_interpreter_and_must_say_which_language(
    invited: tuple[Client, Participant], officer_client: Client
) -> None:
    client, place = invited
    missing = client.post(reverse("portal:activity", args=[place.pk]), {"kind": "interpreter"})
    assert "Tell us which language." in missing.content.decode()
    client.post(reverse("portal:activity", args=[place.pk]), {"kind": "interpreter", "details": "Somali"})
    item = SupportRequest.objects.get()

    page = officer_client.get(reverse("staff:activity-detail", args=[place.activity_id])).content.decode()
    assert "An interpreter (Somali)" in page
    officer_client.post(
        reverse("staff:support-update", args=[item.pk]), {"status": "arranged", "note": "Amina"}
    )
    item.refresh_from_db()
    assert item.status == "arranged"
    assert "arranged. Amina" in client.get(reverse("portal:activity", args=[place.pk])).content.decode()


def test_someone_elses_invitation_is_not_found(invited: tuple[Client, Participant]) -> None:
    _client, place = invited
    other = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=make_resident()))
    assert other.get(reverse("portal:activity", args=[place.pk])).status_code == 404


def test_expenses_are_claimed_with_a_receipt_then_approved_and_paid(
    invited: tuple[Client, Participant], officer_client: Client
) -> None:
    client, _place = invited
    bad = client.post(reverse("portal:expenses"), {"description": "Bus", "amount": "0"})
    assert "Enter the amount you spent, more than £0." in bad.content.decode()
    wrong_file = client.post(
        reverse("portal:expenses"),
        {"description": "Bus", "amount": "4.50", "receipt": SimpleUploadedFile("r.exe", b"MZ")},
    )
    assert "must be a photo (JPG or PNG) or a PDF" in wrong_file.content.decode()
    client.post(
        reverse("portal:expenses"),
        {
            "description": "Bus fares",
            "amount": "4.50",
            "receipt": SimpleUploadedFile("receipt.jpg", b"\xff\xd8\xff"),
        },
    )
    claim = ExpenseClaim.objects.get()
    assert claim.amount == Decimal("4.50") and claim.receipt

    refused = officer_client.post(
        reverse("staff:expense-action", args=[claim.pk]), {"action": "approve"}, follow=True
    )
    assert "Give the budget code" in refused.content.decode()
    officer_client.post(
        reverse("staff:expense-action", args=[claim.pk]), {"action": "approve", "budget_code": "RI-2026"}
    )
    officer_client.post(reverse("staff:expense-action", args=[claim.pk]), {"action": "paid"})
    claim.refresh_from_db()
    assert claim.status == "paid" and claim.paid_on == timezone.localdate()
    assert "Paid on" in client.get(reverse("portal:expenses")).content.decode()


def test_a_resident_sees_their_hours(invited: tuple[Client, Participant]) -> None:
    client, place = invited
    yesterday = timezone.now() - dt.timedelta(days=1)
    past = ActivityFactory(title="Panel", starts_at=yesterday, ends_at=yesterday + dt.timedelta(hours=3))
    ParticipantFactory(activity=past, resident=place.resident, attendance="present")
    assert "you gave 3 hours of your time" in client.get(reverse("portal:activities")).content.decode()


def test_an_officer_logs_hours_given_outside_meetings(officer_client: Client) -> None:
    resident = make_resident()
    url = reverse("staff:resident-hours", args=[resident.pk])
    bad = officer_client.post(url, {"on": "1/1/2026", "hours": "0.1", "description": "Leaflet"}, follow=True)
    assert "Enter at least a quarter of an hour (0.25)." in bad.content.decode()
    officer_client.post(
        url, {"on": "1/1/2026", "hours": "1.5", "description": "Reviewed the repairs leaflet"}
    )
    page = officer_client.get(reverse("staff:resident-involvement", args=[resident.pk])).content.decode()
    assert "Reviewed the repairs leaflet" in page


def test_officers_add_venues_with_their_access(officer_client: Client) -> None:
    from tenantvoice.activities.models import Venue

    bad = officer_client.post(reverse("staff:venues"), {"name": "", "postcode": "nowhere"})
    page = bad.content.decode()
    assert "Give the venue&#x27;s name." in page and "Enter a real postcode" in page
    officer_client.post(reverse("staff:venues"), {"name": "Hall", "postcode": "m154ab", "step_free": "on"})
    venue = Venue.objects.get()
    assert venue.postcode == "M15 4AB" and venue.access_summary() == ["Step-free access"]
