"""Thenue: "We have formal Minutes of Agreement with each Area Association and these set out the
areas of our services where we consult with and involve the Area Associations in decision
making" (7.5). A consultation names the services it is about; the associations whose agreement
names one of them are told. A Scottish statutory consultation still goes to every registered
tenant organisation: s54 says the landlord "must notify the tenant and every registered tenant
organisation" (../shared/REGULATION.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.comms.models import Message
from tenantvoice.consultations.models import Consultation, Notice
from tenantvoice.consultations.services import consultation_create, consultation_open, organisations_told
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import Group, ServiceArea
from tenantvoice.involvement.services import seat_fill
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import run_sends, sign_in
from tests.factories import BEFORE_TENANTVOICE, ResidentFactory, staff_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def thenue() -> None:
    strategy_load("thenue")


def associations() -> list[Group]:
    return list(Group.objects.filter(kind="area_association").order_by("slug"))


def chair_of(group: Group, name: str) -> None:
    category = group.seat_categories.first()
    assert category is not None
    seat_fill(
        category=category,
        resident=ResidentFactory(first_name=name),
        started_on=dt.date(2025, 1, 1),
        override_reason=BEFORE_TENANTVOICE,
    )


def about(*slugs: str, **fields: object) -> Consultation:
    consultation = consultation_create(
        title="Estate caretaking",
        summary="We propose to change how often the caretakers visit.",
        likely_effect="Visits may be less often.",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=28),
        service_areas=list(ServiceArea.objects.filter(slug__in=slugs)),
        **fields,
    )
    return consultation


def test_the_associations_whose_agreement_names_the_service_are_told() -> None:
    first, second = associations()[:2]
    Group.objects.filter(pk=second.pk).get().consulted_on.set(ServiceArea.objects.filter(slug="asb"))
    chair_of(first, "Moira")
    chair_of(second, "Iain")
    consultation = about("repairs")

    told = dict(organisations_told(consultation))
    assert told.get(first) is True and second not in told

    consultation_open(consultation=consultation, today=TODAY)
    run_sends()
    assert Notice.objects.filter(consultation=consultation, group=first).exists()
    assert not Notice.objects.filter(consultation=consultation, group=second).exists()
    notice = Message.objects.get(recipient__first_name="Moira", template="consultation_notice")
    assert "consult you on under your agreement" in notice.body
    assert not Message.objects.filter(recipient__first_name="Iain").exists()


def test_a_consultation_about_no_service_they_are_consulted_on_goes_to_none_of_them() -> None:
    assert organisations_told(about("asb")) == []
    assert organisations_told(about()) == []


def test_a_statutory_consultation_goes_to_every_registered_tenant_organisation() -> None:
    consultation = about("asb", statutory_s54=True)
    told = dict(organisations_told(consultation))
    registered = set(Group.objects.filter(recognition="recognised", is_active=True))
    assert set(told) == registered and len(registered) >= 4
    assert not any(told.values()), "none of the associations is consulted on anti-social behaviour"


def test_the_officer_chooses_the_services_and_sees_who_will_be_told(client: Client) -> None:
    sign_in(client, staff_user(Role.ENGAGEMENT_OFFICER, "olive@example.org"))
    repairs = ServiceArea.objects.get(slug="repairs")
    response = client.post(
        reverse("staff-consultations:new"),
        {
            "c-title": "Repairs appointments",
            "c-summary": "Morning and afternoon slots.",
            "c-likely_effect": "You choose a half day.",
            "c-topic": "repairs",
            "c-is_policy": "on",
            "c-service_areas": [str(repairs.pk)],
            "c-closes_on": (dt.date.today() + dt.timedelta(days=60)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation = Consultation.objects.get(title="Repairs appointments")
    assert list(consultation.service_areas.all()) == [repairs]
    page = client.get(response["Location"]).content.decode()
    assert "Services it is about" in page and repairs.name in page
    assert "Tenant organisations to be told" in page
    assert associations()[0].name in page
