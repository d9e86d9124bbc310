"""The criteria about the person (decision 0048): age, language, channel, support needs,
contact details on file, urban or rural, involvement; in plain words, kept as JSON, from the
form, and one query however many criteria are chosen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantvoice.audiences.forms import AudienceForm
from tenantvoice.audiences.rules import NOT_KNOWN, Audience, audience_describe, audience_residents
from tenantvoice.residents.models import Location, ResidentKind
from tenantvoice.surveys.population import years_before
from tests.factories import (
    LevelFactory,
    LevelMembershipFactory,
    PropertyFactory,
    ResidentFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 30)


def aged(age: int) -> dt.date:
    return years_before(ON, age) - dt.timedelta(days=100)


def person(name: str, **kwargs: object) -> object:
    return make_resident(first_name=name, **kwargs)


def names(audience: Audience) -> set[str]:
    return set(audience_residents(audience, ON).values_list("first_name", flat=True))


def test_age_by_band_by_range_and_date_of_birth_not_known() -> None:
    person("Young", date_of_birth=aged(20))
    person("Edge", date_of_birth=years_before(ON, 25))  # 25 on the day itself
    person("Mid", date_of_birth=aged(40))
    person("Old", date_of_birth=aged(80))
    person("Nobody", date_of_birth=None)
    assert names(Audience(age_bands=("16-24",))) == {"Young"}
    assert names(Audience(age_bands=("25-34",))) == {"Edge"}
    assert names(Audience(age_bands=("75-",))) == {"Old"}
    assert names(Audience(age_bands=("under-16",))) == set()
    assert names(Audience(age_bands=("16-24", NOT_KNOWN))) == {"Young", "Nobody"}
    assert names(Audience(age_min=25, age_max=40)) == {"Edge", "Mid"}
    assert names(Audience(age_min=75)) == {"Old"}
    assert names(Audience(age_max=24)) == {"Young"}
    # Choices within the age criterion widen it.
    assert names(Audience(age_max=24, age_bands=(NOT_KNOWN,))) == {"Young", "Nobody"}
    assert audience_describe(Audience(age_bands=("16-24", NOT_KNOWN))) == [
        "Aged 16 to 24 on the day, or date of birth not known"
    ]
    assert audience_describe(Audience(age_min=75)) == ["Aged 75 and over on the day"]
    assert audience_describe(Audience(age_bands=(NOT_KNOWN,))) == ["Date of birth not known"]


def test_language_channel_and_contact_details() -> None:
    person("Pol", language="pl", preferred_channel="letter", email="", mobile_phone="07700900001")
    person("Eng", language="en", preferred_channel="sms", email="e@example.org", mobile_phone="")
    person("Unk", language="", preferred_channel="email", email="", mobile_phone="")
    assert names(Audience(languages=("pl",))) == {"Pol"}
    assert names(Audience(languages=("pl", NOT_KNOWN))) == {"Pol", "Unk"}
    assert names(Audience(channels=("sms", "letter"))) == {"Pol", "Eng"}
    assert names(Audience(contact_missing="email")) == {"Pol", "Unk"}
    assert names(Audience(contact_missing="mobile")) == {"Eng", "Unk"}
    assert names(Audience(contact_missing="both")) == {"Unk"}
    assert audience_describe(Audience(languages=("pl", NOT_KNOWN), channels=("sms",))) == [
        "Preferred language: Polish or not recorded",
        "Prefers to hear from us by: text message",
    ]
    assert audience_describe(Audience(contact_missing="both")) == [
        "Neither an email address nor a mobile number on file"
    ]


def test_support_needs_mean_what_the_representation_tables_mean() -> None:
    person("Interp", needs_interpreter=True)
    person("Print", large_print=True, support_needs="Ground floor rooms")
    person("Other", support_needs="Hearing loop")
    person("None")
    assert names(Audience(support=("format",))) == {"Interp", "Print"}
    assert names(Audience(support=("other",))) == {"Other"}
    assert names(Audience(support=("any",))) == {"Interp", "Print", "Other"}
    assert names(Audience(support=("none",))) == {"None"}
    assert names(Audience(support=("other", "none"))) == {"Other", "None"}
    assert audience_describe(Audience(support=("format",))) == [
        "Support needs: needs an interpreter or an accessible format"
    ]


def test_urban_or_rural_and_living_in_one_of_our_homes() -> None:
    person("Town", home=PropertyFactory(location=Location.URBAN))
    person("Country", home=PropertyFactory(location=Location.RURAL))
    ResidentFactory(first_name="Applicant", kind=ResidentKind.APPLICANT)
    assert names(Audience(locations=("rural",))) == {"Country"}
    assert names(Audience()) == {"Town", "Country", "Applicant"}
    assert names(Audience(at_home=True)) == {"Town", "Country"}
    assert audience_describe(Audience(locations=("rural",), at_home=True)) == [
        "Living in one of our homes",
        "Home: rural",
    ]


def test_involvement_is_all_involved() -> None:
    on_level = person("Level")
    person("Nobody")
    LevelMembershipFactory(resident=on_level, level=LevelFactory(), started_on=dt.date(2026, 1, 1))
    not_counted = person("Listed")
    LevelMembershipFactory(
        resident=not_counted, level=LevelFactory(counts_as_involved=False), started_on=dt.date(2026, 1, 1)
    )
    assert names(Audience(involvement="involved")) == {"Level"}
    assert names(Audience(involvement="none")) == {"Nobody", "Listed"}
    assert audience_describe(Audience(involvement="none")) == ["Not involved at all"]


def test_every_criterion_round_trips_through_json_and_stays_one_query() -> None:
    person("Ann", date_of_birth=aged(80), preferred_channel="letter", email="", language="en")
    audience = Audience(
        age_bands=("75-", NOT_KNOWN),
        age_min=70,
        age_max=90,
        languages=("en",),
        channels=("letter",),
        support=("none",),
        contact_missing="email",
        locations=("urban", "rural"),
        involvement="none",
        at_home=True,
    )
    assert Audience.from_json(audience.to_json()) == audience
    with CaptureQueriesContext(connection) as queries:
        assert list(audience_residents(audience, ON).values_list("first_name", flat=True)) == []
    assert len(queries) == 1
    # An age of 0 is kept (it leaves out residents whose date of birth is not known).
    assert Audience.from_json(Audience(age_min=0).to_json()) == Audience(age_min=0)
    assert not Audience(age_min=0).is_everyone
    # Unknown criteria from a newer version are kept, not lost.
    assert Audience.from_json({"channels": ["sms"], "future": 1}).extra == {"future": 1}


def test_the_form_builds_the_audience_and_refuses_an_upside_down_age_range() -> None:
    form = AudienceForm(
        {
            "a-age_bands": ["16-24", NOT_KNOWN],
            "a-age_min": "30",
            "a-languages": ["pl"],
            "a-channels": ["sms"],
            "a-support": ["any"],
            "a-contact_missing": "both",
            "a-locations": ["rural"],
            "a-involvement": "none",
            "a-at_home": "on",
        },
        prefix="a",
    )
    assert form.is_valid(), form.errors
    assert form.audience() == Audience(
        age_bands=("16-24", NOT_KNOWN),
        age_min=30,
        languages=("pl",),
        channels=("sms",),
        support=("any",),
        contact_missing="both",
        locations=("rural",),
        involvement="none",
        at_home=True,
    )
    bad = AudienceForm({"a-age_min": "60", "a-age_max": "30"}, prefix="a")
    assert not bad.is_valid()
    assert bad.errors["age_max"] == ["The highest age must be the same as the lowest age or more."]
    # No equality characteristic is offered as a criterion (UK GDPR Article 9).
    offered = " ".join(str(field.label) for field in AudienceForm(prefix="a").fields.values()).lower()
    for word in ("ethnic", "religion", "sexual", "disab", "sex"):
        assert word not in offered


def test_officer_saves_a_customer_profile_from_the_form(officer_client: Client) -> None:
    person("Ann", date_of_birth=aged(80), preferred_channel="letter")
    person("Bob", date_of_birth=aged(30), preferred_channel="letter")
    response = officer_client.post(
        reverse("audiences:new"),
        {
            "s-name": "Prefers letters and over 75",
            "s-is_profile": "on",
            "a-age_bands": ["75-"],
            "a-channels": ["letter"],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Aged 75 and over on the day" in page and "Prefers to hear from us by: letter" in page
    assert "<strong>1</strong> resident." in page
    assert "As a customer profile" in page
