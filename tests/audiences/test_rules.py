"""The audience builder: criteria narrow, choices within one widen, ended tenancies drop out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience, audience_describe, audience_residents
from tenantvoice.involvement.models import Level
from tenantvoice.involvement.services import level_join
from tenantvoice.residents.models import ResidentKind
from tenantvoice.strategies.loader import strategy_load
from tests.factories import (
    AreaFactory,
    PropertyFactory,
    ResidentFactory,
    make_resident,
)

pytestmark = pytest.mark.django_db


def tenant(
    first_name: str,
    *,
    tenure: str = "secure",
    area: object = None,
    property_type: str = "general_needs",
    role: str = "tenant",
    end_date: dt.date | None = None,
) -> object:
    home = PropertyFactory(area=area or AreaFactory(), property_type=property_type)
    return make_resident(first_name=first_name, tenure=tenure, role=role, home=home, end_date=end_date)


def names(audience: Audience) -> set[str]:
    return set(audience_residents(audience).values_list("first_name", flat=True))


def test_everyone_means_current_households_and_applicants_not_former_tenants() -> None:
    tenant("Ann")
    tenant("Gone", end_date=dt.date(2020, 1, 1))
    ResidentFactory(first_name="Appy", kind=ResidentKind.APPLICANT)
    assert names(Audience()) == {"Ann", "Appy"}


def test_criteria_narrow_and_choices_widen() -> None:
    north = AreaFactory(name="North")
    estate = AreaFactory(name="Oak Estate", parent=north)
    tenant("Ann", tenure="secure", area=estate)
    tenant("Bob", tenure="assured", area=north)
    tenant("Cat", tenure="leasehold", area=north)
    tenant("Dan", tenure="secure")  # elsewhere
    assert names(Audience(areas=(north.pk,))) == {"Ann", "Bob", "Cat"}  # estates inside count
    assert names(Audience(areas=(north.pk,), tenures=("secure", "assured"))) == {"Ann", "Bob"}
    assert names(Audience(tenures=("secure",), property_types=("sheltered",))) == set()


def test_named_tenants_only_and_levels_and_survey_group() -> None:
    strategy_load("winchester")
    ann = tenant("Ann")
    household = tenant("Kid", role="household_member")
    level_join(resident=ann, level=Level.objects.get(slug="tenantlink"), consent_wording="I agree")
    assert "Kid" not in names(Audience(primary_tenants_only=True))
    assert household.first_name in names(Audience())  # type: ignore[attr-defined]
    assert names(Audience(levels=("tenantlink",))) == {"Ann"}
    assert names(Audience(survey_group=True)) == {"Ann"}


def test_saved_segments_are_rules_that_give_todays_residents() -> None:
    segment = Segment.objects.create(name="Secure", rules=Audience(tenures=("secure",)).to_json())
    tenant("Ann", tenure="secure")
    tenant("Bob", tenure="assured")
    audience = Audience(segments=(segment.pk,))
    assert names(audience) == {"Ann"}
    tenant("Cat", tenure="secure")  # joins the segment without anyone editing it
    assert names(audience) == {"Ann", "Cat"}
    assert audience_describe(audience) == ["In the saved group: Secure"]
    assert Audience.from_json(audience.to_json()) == audience


def test_officer_saves_a_segment_and_sees_its_size(officer_client: Client) -> None:
    tenant("Ann", tenure="secure")
    tenant("Bob", tenure="assured")
    empty = officer_client.post(reverse("audiences:new"), {})
    assert "There is a problem" in empty.content.decode()
    response = officer_client.post(
        reverse("audiences:new"), {"s-name": "Secure tenants", "a-tenures": ["secure"]}, follow=True
    )
    page = response.content.decode()
    assert "Tenure: Secure" in page and "<strong>1</strong> resident." in page
    again = officer_client.post(reverse("audiences:new"), {"s-name": "Secure tenants"})
    assert "already a saved group with this name" in again.content.decode()
