"""Reaching a representation table's category in two clicks (issue 18 item 2; decision 0048):
every characteristic is either targeted or deliberately not, and a targeted category's audience
is exactly the residents the table counts in it."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.audiences.rules import audience_residents
from tenantvoice.audiences.targeting import NOT_TARGETED, TARGETS, target_audience, target_url
from tenantvoice.representation.characteristics import NOT_KNOWN, characteristics
from tenantvoice.representation.compare import compare
from tenantvoice.representation.populations import all_involved
from tenantvoice.residents.models import Channel, Location, PropertyType, ResidentKind, Tenure
from tenantvoice.surveys.population import years_before
from tests.factories import (
    AreaFactory,
    LevelFactory,
    LevelMembershipFactory,
    PropertyFactory,
    ResidentFactory,
    SeatHoldingFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db

# Categories a table may show that no rule can select: "not known" of where people live and of
# a preferred channel (the register always records one; an imported blank cannot be chosen), and
# of support needs (always empty: every resident is in one of its three categories).
NOT_SELECTABLE = {
    ("support_needs", NOT_KNOWN),
    ("tenure", NOT_KNOWN),
    ("property_type", NOT_KNOWN),
    ("location", NOT_KNOWN),
    ("area", NOT_KNOWN),
    ("channel", NOT_KNOWN),
}


def test_every_characteristic_is_targeted_or_deliberately_not() -> None:
    """A characteristic added to representation without a decision here fails this test."""
    keys = set(characteristics())
    assert keys == set(TARGETS) | set(NOT_TARGETED)
    assert not set(TARGETS) & set(NOT_TARGETED)
    for key, characteristic in characteristics().items():
        if key in NOT_TARGETED:
            assert characteristic.equality  # only equality characteristics are never targeted
            for category in characteristic.categories:
                assert target_url(key, category.code) is None
        else:
            assert not characteristic.equality


def _register(today: dt.date) -> None:
    """A varied register: every listed category of every characteristic that is not an
    equality one has residents, some of them involved, plus people the tables do not count."""
    north, south = AreaFactory(name="North"), AreaFactory(name="South")
    estate = AreaFactory(name="Oak Estate", parent=north)
    ages = [None, 10, 20, 30, 40, 50, 60, 70, 80]
    level = LevelFactory()
    rows = itertools.cycle(
        zip(
            itertools.cycle(Tenure.values),
            itertools.cycle(PropertyType.values),
            itertools.cycle(Location.values),
            itertools.cycle([north, south, estate]),
            itertools.cycle(["en", "pl", "so", ""]),
            itertools.cycle(Channel.values),
            itertools.cycle(
                [{"needs_interpreter": True}, {"support_needs": "Hearing loop"}, {}, {"braille": True}]
            ),
            strict=False,
        )
    )
    for n in range(36):
        tenure, kind_of_home, location, area, language, channel, support = next(rows)
        age = ages[n % len(ages)]
        resident = make_resident(
            tenure=tenure,
            home=PropertyFactory(area=area, property_type=kind_of_home, location=location),
            date_of_birth=None if age is None else years_before(today, age) - dt.timedelta(days=40),
            language=language,
            preferred_channel=channel,
            **support,
        )
        if n % 3 == 0:
            LevelMembershipFactory(resident=resident, level=level, started_on=today - dt.timedelta(days=30))
        elif n % 7 == 0:
            SeatHoldingFactory(resident=resident, started_on=today - dt.timedelta(days=30))
    # Not counted by the tables: an applicant, a former tenant, an involved applicant.
    ResidentFactory(kind=ResidentKind.APPLICANT, language="pl", date_of_birth=None)
    make_resident(end_date=today - dt.timedelta(days=10), language="pl")
    applicant = ResidentFactory(kind=ResidentKind.APPLICANT, language="so")
    LevelMembershipFactory(resident=applicant, level=level, started_on=today - dt.timedelta(days=30))


def test_a_targeted_category_selects_exactly_the_residents_the_table_counts() -> None:
    today = timezone.localdate()
    _register(today)
    checked = 0
    for key, characteristic in characteristics().items():
        if characteristic.equality:
            continue
        comparison = compare(characteristic, all_involved(today), today, threshold=1)
        for line in comparison.lines:
            code = line.category.code
            everyone = target_audience(key, code, not_involved=False)
            if (key, code) in NOT_SELECTABLE:
                assert everyone is None and target_url(key, code) is None
                continue
            assert everyone is not None, (key, code)
            assert audience_residents(everyone, today).count() == line.residents, (key, code)
            others = target_audience(key, code)
            assert others is not None and others.involvement == "none"
            assert isinstance(line.residents, int) and isinstance(line.involved, int)
            assert audience_residents(others, today).count() == line.residents - line.involved, (key, code)
            assert target_url(key, code) is not None
            checked += 1
    assert checked > 30


def test_the_link_opens_the_page_and_the_campaign_builder_filled_in(officer_client: Client) -> None:
    today = timezone.localdate()
    young = make_resident(date_of_birth=years_before(today, 20) - dt.timedelta(days=5), first_name="Yan")
    involved = make_resident(date_of_birth=years_before(today, 20) - dt.timedelta(days=5))
    LevelMembershipFactory(resident=involved, level=LevelFactory(), started_on=today - dt.timedelta(days=3))
    url = target_url("age", "16-24")
    assert url is not None and url.startswith(reverse("audiences:target"))

    page = officer_client.get(url).content.decode()
    assert "Residents aged 16 to 24 who are not involved yet" in page
    assert "Aged 16 to 24 on the day" in page and "Not involved at all" in page
    assert "<strong>1</strong> resident." in page
    assert "Include residents who are already involved" in page

    everyone = officer_client.get(url + "&involved=1").content.decode()
    assert "<strong>2</strong> residents." in everyone

    # The second click: the campaign builder with the audience ticked and a name suggested.
    builder = officer_client.get(reverse("campaigns:new") + "?characteristic=age&category=16-24")
    html = builder.content.decode()
    assert builder.status_code == 200
    assert re.search(r'value="16-24"[^>]*checked', html)
    assert re.search(r'name="a-involvement" value="none"[^>]*checked', html)
    assert re.search(r'name="a-at_home"[^>]*checked', html)
    assert "Residents aged 16 to 24" in html
    assert young.first_name == "Yan"


def test_equality_and_unknown_links_reach_nobody(officer_client: Client) -> None:
    for query in ("?characteristic=ethnic_group&category=white", "?characteristic=sex&category=female"):
        response = officer_client.get(reverse("audiences:target") + query)
        assert response.status_code == 404
        assert "cannot be chosen" in response.content.decode()
    alone = officer_client.get(reverse("audiences:target"))
    assert (
        alone.status_code == 200 and "Open this page from a table of who takes part" in alone.content.decode()
    )
    assert target_url("religion", "none") is None
    assert target_url("tenure", "not-a-tenure") is None
    assert target_url("area", "999999") is None
    # The campaign builder ignores a link it cannot fill in.
    builder = officer_client.get(reverse("campaigns:new") + "?characteristic=sex&category=female")
    assert builder.status_code == 200 and "filled in from the table" not in builder.content.decode()
