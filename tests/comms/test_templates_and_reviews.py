"""Officers change the wording (with translations and previews); the readers panel reviews it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tenantvoice.comms.models import Message, Review, TemplateVersion
from tenantvoice.comms.services import message_queue
from tenantvoice.comms.templating import sms_parts
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import Group
from tenantvoice.involvement.services import seat_fill
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import sign_in
from tests.factories import BEFORE_TENANTVOICE, ResidentFactory, TenancyMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_officer_saves_new_wording_and_a_translation(officer_client: Client) -> None:
    url = reverse("campaigns:template", args=["level_accepted"])
    page = officer_client.get(url).content.decode()
    assert "((level))" in page and "Welcome to ((level))" in page
    refused = officer_client.post(url, {"language": "en", "subject": "Hi ((nmae))", "body": "Hello"})
    assert refused.status_code == 400 and "We cannot fill in ((nmae))" in refused.content.decode()
    officer_client.post(
        url,
        {
            "language": "en",
            "subject": "Welcome aboard: ((level))",
            "body": "Hello ((name))",
            "note": "Friendlier",
        },
    )
    officer_client.post(url, {"language": "cy", "subject": "Croeso i ((level))", "body": "Helo ((name))"})
    assert TemplateVersion.objects.filter(template__slug="level_accepted").count() == 2
    welsh = ResidentFactory(language="cy", preferred_channel="letter")
    english = ResidentFactory(language="en", preferred_channel="letter", first_name="Eve")
    sent = {
        m.recipient_id: m
        for m in message_queue(
            recipients=[welsh, english], template="level_accepted", context={"level": "Panel"}, key="w"
        )
    }
    assert sent[welsh.pk].subject == "Croeso i Panel" and sent[english.pk].body == "Hello Eve"
    officer_client.post(reverse("campaigns:template-restore", args=["level_accepted"]))
    latest = TemplateVersion.objects.filter(template__slug="level_accepted", language="en").first()
    assert latest is not None and latest.number == 2 and latest.subject == "Welcome to ((level))"
    listing = officer_client.get(reverse("campaigns:templates")).content.decode()
    assert "cy, en" in listing


def test_preview_per_channel_with_a_residents_details_and_what_is_missing(officer_client: Client) -> None:
    resident = ResidentFactory(first_name="Ann", preferred_name="", large_print=True)
    url = reverse("campaigns:template-preview", args=["activity_invitation"])
    email = officer_client.get(url, {"channel": "email", "resident": resident.hms_ref}).content.decode()
    assert "Dear Ann" in email and "Large print" in email and "[The meeting or event&#x27;s title]" in email
    text = officer_client.get(url, {"channel": "sms"}).content.decode()
    assert "texts long" in text or "text long" in text
    nobody = officer_client.get(url, {"resident": "NOPE"}).content.decode()
    assert "No one on the register has this reference" in nobody
    assert sms_parts("a" * 160) == 1 and sms_parts("a" * 161) == 2 and sms_parts("ŵ" * 71) == 2


def test_the_readers_panel_reviews_wording_and_approval_marks_it(officer_client: Client) -> None:
    strategy_load("southway")
    panel = Group.objects.order_by("pk").first()
    assert panel is not None
    member = TenancyMemberFactory(
        resident=ResidentFactory(first_name="Rita", preferred_channel="letter")
    ).resident
    seat_fill(
        category=panel.seat_categories.first(),  # type: ignore[arg-type]
        resident=member,
        started_on=dt.date(2025, 1, 1),
        override_reason=BEFORE_TENANTVOICE,
    )
    officer_client.post(
        reverse("campaigns:template", args=["level_accepted"]),
        {"language": "en", "subject": "Welcome to ((level))", "body": "Dear ((name)), welcome."},
    )
    closes = (dt.date.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    bad = officer_client.post(
        reverse("campaigns:review-new") + "?template=level_accepted",
        {"title": "", "group": panel.pk, "closes_on": closes},
    )
    assert bad.status_code == 400
    officer_client.post(
        reverse("campaigns:review-new") + "?template=level_accepted",
        {
            "title": "Welcome letter",
            "group": panel.pk,
            "closes_on": closes,
            "text": "Dear ((name)), welcome.",
        },
    )
    review = Review.objects.get()
    assert Message.objects.filter(recipient=member, template="review_request").exists()

    rita = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=member))
    assert "Documents to review" in rita.get(reverse("portal:home")).content.decode()
    empty = rita.post(reverse("portal:review", args=[review.pk]), {"text": ""})
    assert empty.status_code == 400 and "Write your comments" in empty.content.decode()
    rita.post(reverse("portal:review", args=[review.pk]), {"text": "Say who to call."})
    outsider = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=ResidentFactory()))
    assert outsider.get(reverse("portal:review", args=[review.pk])).status_code == 404

    page = officer_client.get(reverse("campaigns:review", args=[review.pk])).content.decode()
    assert "Say who to call." in page
    officer_client.post(
        reverse("campaigns:review", args=[review.pk]),
        {"outcome": "approved", "note": "Added the phone number"},
    )
    version = TemplateVersion.objects.get(template__slug="level_accepted")
    assert version.resident_approved_on == dt.date.today()
    [message] = message_queue(
        recipients=[member], template="level_accepted", context={"level": "Panel"}, key="after"
    )
    assert message.body.endswith(f"Resident Approved, {dt.date.today():%B %Y}")


def test_a_document_is_downloaded_only_by_officers_and_the_panel(officer_client: Client) -> None:
    strategy_load("southway")
    panel = Group.objects.order_by("pk").first()
    assert panel is not None
    member = TenancyMemberFactory(resident=ResidentFactory(preferred_channel="letter")).resident
    seat_fill(
        category=panel.seat_categories.first(),  # type: ignore[arg-type]
        resident=member,
        started_on=dt.date(2025, 1, 1),
        override_reason=BEFORE_TENANTVOICE,
    )
    closes = (dt.date.today() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    officer_client.post(
        reverse("campaigns:review-new"),
        {
            "title": "Leaflet",
            "group": panel.pk,
            "closes_on": closes,
            "document": SimpleUploadedFile("leaflet.txt", b"Draft"),
        },
    )
    review = Review.objects.get()
    url = reverse("review-document", args=[review.pk])
    assert officer_client.get(url).status_code == 200
    assert sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=member)).get(url).status_code == 200
    assert (
        sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=ResidentFactory())).get(url).status_code
        == 404
    )
