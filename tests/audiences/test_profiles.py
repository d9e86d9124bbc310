"""Customer profiles (issue 18 item 3, Thenue's 3.2 "Customer Profiles"; decision 0048): each
profile's size, preferred channels, involvement and the channels that reach it, suppressed; the
report of the whole base; its downloads and API; keeping the profiles."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.profiles import profile_report, segment_profile
from tenantvoice.audiences.rules import Audience
from tenantvoice.comms.models import MessageStatus
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.summaries import computed_directly
from tenantvoice.core.suppression import HIDDEN
from tenantvoice.residents.models import ResidentKind
from tenantvoice.surveys.population import years_before
from tests.conftest import sign_in
from tests.factories import (
    LevelFactory,
    LevelMembershipFactory,
    MessageFactory,
    ResidentFactory,
    make_resident,
    staff_user,
)

pytestmark = pytest.mark.django_db


def letters_over_75() -> Segment:
    return Segment.objects.create(
        name="Prefers letters and over 75",
        rules=Audience(age_bands=("75-",), channels=("letter",)).to_json(),
        is_profile=True,
    )


def old(**kwargs: object) -> object:
    today = timezone.localdate()
    return make_resident(date_of_birth=years_before(today, 80) - dt.timedelta(days=9), **kwargs)


def test_a_profile_has_its_size_channels_involvement_and_reach() -> None:
    today = timezone.localdate()
    segment = letters_over_75()
    people = [old(preferred_channel="letter", email="", mobile_phone="") for _ in range(6)]
    people[0].email = "a@example.org"
    people[0].save()
    for person in people[:2]:
        people[0].mobile_phone = "07700900000"
        LevelMembershipFactory(resident=person, level=LevelFactory(), started_on=today - dt.timedelta(days=9))
    people[0].save()
    MessageFactory(recipient=people[1], status=MessageStatus.PRINTED, channel="letter")
    MessageFactory(recipient=people[2], status=MessageStatus.BOUNCED)
    old_message = MessageFactory(recipient=people[3], status=MessageStatus.FAILED)
    type(old_message).objects.filter(pk=old_message.pk).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )
    old(preferred_channel="email")  # over 75 but prefers email: not in it
    ResidentFactory(
        kind=ResidentKind.APPLICANT, preferred_channel="letter", date_of_birth=dt.date(1940, 1, 1), email=""
    )

    found = segment_profile(segment, threshold=1)
    assert found.count("size") == 7  # the applicant is on the register too
    prefers = {label: count for label, count, _share in found.prefers}
    assert prefers == {"Email": 0, "Text message": 0, "Phone call": 0, "Letter": 7, "This website": 0}
    reach = {label: (count, share) for label, count, share in found.reach}
    assert reach["Involved"] == (2, pytest.approx(28.6))
    assert reach["Email address on file"][0] == 1
    assert reach["Mobile number on file"][0] == 1
    assert reach["Postal address (home or for letters)"][0] == 6  # the applicant has none
    assert reach["Reached by a message in the last year"][0] == 1
    assert reach["A message to them failed in the last year"][0] == 1  # the older failure is not counted

    # With the landlord's threshold, small counts and what would give them away are hidden.
    shown = segment_profile(segment, threshold=5)
    assert shown.count("size") == 7
    assert shown.count("involved") is HIDDEN and shown.count("email") is HIDDEN
    assert shown.share("involved") is HIDDEN
    assert shown.shown.note


def test_the_report_is_bounded_queries_and_counts_the_base_as_representation_does() -> None:
    landlord = landlord_get()
    landlord.suppression_threshold = 1
    landlord.save()
    letters_over_75()
    Segment.objects.create(name="Campaign list, not a profile", rules={})
    for _ in range(3):
        old(preferred_channel="letter")
    make_resident(date_of_birth=dt.date(2000, 1, 1), language="pl")
    tables = profile_report()
    titles = [t.title for t in tables]
    assert titles[0] == "Customer profiles"
    assert [row[0] for row in tables[0].rows] == ["Prefers letters and over 75"]
    assert "All residents by age" in titles and "All residents by preferred language" in titles
    assert not any("ethnic" in t.lower() or "religion" in t.lower() or "sex" in t.lower() for t in titles)
    language = tables[titles.index("All residents by preferred language")]
    assert ["Polish", 1, 25.0, 0, None, 0.0] in language.rows
    assert language.rows[-1][:2] == ["All residents", 4]

    # A second read comes from the summary store; computed directly, the number of queries does
    # not grow with the register.
    with CaptureQueriesContext(connection) as few, computed_directly():
        profile_report()
    for _ in range(10):
        old(preferred_channel="letter")
    with CaptureQueriesContext(connection) as more, computed_directly():
        profile_report()
    assert len(more) == len(few)


def test_the_report_page_downloads_and_access(client: Client, officer_client: Client) -> None:
    letters_over_75()
    for _ in range(6):
        old(preferred_channel="letter")
    page = officer_client.get(reverse("audiences:profiles"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Prefers letters and over 75" in html and "All residents by age" in html
    assert "<svg" in html  # a chart beside each table
    csv = officer_client.get(reverse("audiences:profiles") + "?format=csv")
    assert csv["Content-Disposition"].startswith('attachment; filename="customer-profiles-')
    assert "Prefers letters and over 75,6" in csv.content.decode()
    xlsx = officer_client.get(reverse("audiences:profiles") + "?format=xlsx")
    assert xlsx.content[:2] == b"PK"
    # The Board reads the report but cannot change the profiles.
    board = sign_in(Client(), staff_user(Role.BOARD_READER, "b@example.org"))
    assert board.get(reverse("audiences:profiles")).status_code == 200
    assert board.get(reverse("audiences:list")).status_code == 403


def test_an_officer_keeps_the_profiles(officer_client: Client) -> None:
    segment = Segment.objects.create(name="Young texters", rules=Audience(channels=("sms",)).to_json())
    form = officer_client.get(reverse("audiences:segment-edit", args=[segment.pk])).content.decode()
    assert 'value="Young texters"' in form
    response = officer_client.post(
        reverse("audiences:segment-edit", args=[segment.pk]),
        {
            "s-name": "Under 35 and prefers text messages",
            "s-is_profile": "on",
            "a-channels": ["sms"],
            "a-age_max": "34",
        },
        follow=True,
    )
    assert "Aged 34 or under on the day" in response.content.decode()
    segment.refresh_from_db()
    assert segment.is_profile and segment.name == "Under 35 and prefers text messages"
    assert Audience.from_json(segment.rules) == Audience(channels=("sms",), age_max=34)
    assert AuditEvent.objects.filter(
        object_type="segment", object_id=str(segment.pk), action="update"
    ).exists()
    other = Segment.objects.create(name="Other")
    taken = officer_client.post(
        reverse("audiences:segment-edit", args=[other.pk]), {"s-name": "Under 35 and prefers text messages"}
    )
    assert "already a saved group with this name" in taken.content.decode()


def test_the_api_gives_segments_with_profile_figures_and_the_report(officer_client: Client) -> None:
    segment = letters_over_75()
    Segment.objects.create(name="Not a profile", rules={})
    for _ in range(6):
        old(preferred_channel="letter")
    listed = officer_client.get("/api/v1/segments/").json()
    rows = {row["name"]: row for row in listed["results"]}
    assert rows["Not a profile"]["profile"] is None
    profile = rows["Prefers letters and over 75"]["profile"]
    assert profile["residents"] == 6
    assert {"channel": "Letter", "residents": 6, "percent": 100.0} in profile["prefers"]
    assert profile["involved"] == 0  # zero identifies nobody and is shown
    assert rows["Prefers letters and over 75"]["rules_in_words"] == [
        "Aged 75 and over on the day",
        "Prefers to hear from us by: letter",
    ]
    one = officer_client.get(f"/api/v1/segments/{segment.pk}/").json()
    assert one["rules"] == {"age_bands": ["75-"], "channels": ["letter"]}
    report = officer_client.get(reverse("api:customer-profiles")).json()
    assert report["tables"][0]["title"] == "Customer profiles"
    assert report["tables"][0]["rows"][0][:2] == ["Prefers letters and over 75", 6]


def test_a_change_to_what_profiles_count_is_seen_at_once() -> None:
    """The summary store keeps the figures until the register changes: a change of preferred
    channel or contact details (saved naming only those fields, as core.updates does) counts."""
    segment = letters_over_75()
    person = old(preferred_channel="letter", email="")
    assert segment_profile(segment, threshold=1).count("size") == 1
    assert segment_profile(segment, threshold=1).count("email") == 0
    person.email = "new@example.org"
    person.save(update_fields=["email"])
    assert segment_profile(segment, threshold=1).count("email") == 1
    person.preferred_channel = "sms"
    person.save(update_fields=["preferred_channel"])
    assert segment_profile(segment, threshold=1).count("size") == 0
