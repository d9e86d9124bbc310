"""The involvement pages: a resident joins from the portal, an officer records and decides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import Level, LevelMembership, MembershipStatus, SeatHolding
from tenantvoice.residents.models import MemberRole, Resident, Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import sign_in
from tests.factories import UserFactory, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def strategy() -> None:
    strategy_load("housing-for-women")


def resident_client(resident: Resident) -> Client:
    return sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=resident))


class TestMenuAndLevels:
    def test_anyone_can_browse_and_filter_the_menu(self, client: Client) -> None:
        page = client.get(reverse("involvement:menu")).content.decode()
        assert "Tenant Scrutiny Panel" in page and "Estate Champions" in page

        filtered = client.get(reverse("involvement:menu"), {"style": "individual"}).content.decode()
        assert "Estate Champions" in filtered and "Tenant Scrutiny Panel" not in filtered

    def test_levels_side_by_side_with_places_and_rules(self, client: Client) -> None:
        page = client.get(reverse("involvement:levels")).content.decode()
        assert "Level 4: Substantial involvement" in page
        assert "12 (12 free)" in page and "By application" in page
        assert "Only the named tenant (or joint tenant) can join." in page
        assert "Invitation to an annual social event" in page


class TestJoiningFromThePortal:
    def test_a_resident_joins_level_2(self) -> None:
        resident = make_resident()
        client = resident_client(resident)
        response = client.post(
            reverse("involvement:join", args=["armchair-commentator"]),
            {"ways": ["surveys"], "consent": "on"},
            follow=True,
        )
        assert "You have joined Level 2: Armchair commentator" in response.content.decode()
        membership = LevelMembership.objects.get(resident=resident)
        assert membership.status == MembershipStatus.ACTIVE and membership.channel == "portal"
        assert "Housing for Women" in membership.consent_wording or membership.consent_wording

    def test_consent_is_needed(self) -> None:
        client = resident_client(make_resident())
        response = client.post(reverse("involvement:join", args=["armchair-commentator"]), {})
        assert "Tick the box to agree" in response.content.decode()
        assert not LevelMembership.objects.exists()

    def test_a_householder_is_told_why_level_4_is_refused(self) -> None:
        client = resident_client(make_resident(role=MemberRole.HOUSEHOLD_MEMBER))
        response = client.post(
            reverse("involvement:join", args=["substantial-involvement"]),
            {"consent": "on", "application": "I would like to help."},
        )
        assert response.status_code == 403
        assert "Only the named tenant (or a joint tenant) can join this." in response.content.decode()

    def test_level_4_asks_why_and_then_shows_the_application(self) -> None:
        resident = make_resident()
        client = resident_client(resident)
        missing = client.post(
            reverse("involvement:join", args=["substantial-involvement"]), {"consent": "on"}
        )
        assert "Tell us why you would like to join." in missing.content.decode()
        client.post(
            reverse("involvement:join", args=["substantial-involvement"]),
            {"consent": "on", "application": "I chair my residents' group."},
        )
        page = client.get(reverse("involvement:mine")).content.decode()
        assert "We will let you know our decision" in page

    def test_a_full_level_gives_the_waiting_position_and_an_offer_can_be_accepted(self) -> None:
        Level.objects.filter(slug="peripheral-involvement").update(cap=1)
        first, second = make_resident(), make_resident()
        first_client = resident_client(first)
        first_client.post(reverse("involvement:join", args=["peripheral-involvement"]), {"consent": "on"})
        client = resident_client(second)
        response = client.post(
            reverse("involvement:join", args=["peripheral-involvement"]), {"consent": "on"}, follow=True
        )
        assert "on the waiting list, number 1" in response.content.decode()

        first_membership = LevelMembership.objects.get(resident=first)
        first_client.post(reverse("involvement:leave", args=[first_membership.pk]))
        page = client.get(reverse("involvement:mine")).content.decode()
        assert "A place is free for you" in page
        offered = LevelMembership.objects.get(resident=second)
        client.post(reverse("involvement:offer", args=[offered.pk]), {"answer": "accept"})
        offered.refresh_from_db()
        assert offered.status == MembershipStatus.ACTIVE

    def test_a_resident_cannot_touch_someone_elses_request(self) -> None:
        other = make_resident()
        resident_client(other).post(
            reverse("involvement:join", args=["armchair-commentator"]), {"consent": "on"}
        )
        membership = LevelMembership.objects.get(resident=other)
        response = resident_client(make_resident()).post(reverse("involvement:leave", args=[membership.pk]))
        assert response.status_code == 404
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.ACTIVE


class TestOfficers:
    def test_an_officer_records_a_phone_request_with_the_residents_agreement(
        self, officer_client: Client, officer: User
    ) -> None:
        resident = make_resident()
        url = reverse("staff:resident-involvement", args=[resident.pk])
        level = Level.objects.get(slug="armchair-commentator")
        refused = officer_client.post(url, {"level": level.pk, "channel": "phone"})
        assert "Only record this if the resident agreed" in refused.content.decode()

        officer_client.post(url, {"level": level.pk, "channel": "phone", "consent": "on"})
        membership = LevelMembership.objects.get(resident=resident)
        assert membership.channel == "phone" and membership.recorded_by == officer
        assert "Armchair commentator" in officer_client.get(url).content.decode()

    def test_an_officer_decides_an_application_with_a_reason(self, officer_client: Client) -> None:
        resident = make_resident()
        resident_client(resident).post(
            reverse("involvement:join", args=["substantial-involvement"]),
            {"consent": "on", "application": "Keen to help."},
        )
        membership = LevelMembership.objects.get(resident=resident)
        page = officer_client.get(reverse("staff:involvement-level", args=["substantial-involvement"]))
        assert "Keen to help." in page.content.decode()

        officer_client.post(
            reverse("staff:involvement-decide", args=[membership.pk]), {"decision": "accept"}, follow=True
        )
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.APPLIED  # no reason: nothing decided
        officer_client.post(
            reverse("staff:involvement-decide", args=[membership.pk]),
            {"decision": "accept", "reason": "Experience of scrutiny"},
        )
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.ACTIVE
        assert membership.decision_reason == "Experience of scrutiny"

    def test_a_manager_can_look_but_not_decide(self, client: Client, manager: User) -> None:
        sign_in(client, manager)
        assert client.get(reverse("staff:involvement")).status_code == 200
        resident = make_resident()
        assert client.post(reverse("staff:resident-involvement", args=[resident.pk]), {}).status_code == 403


class TestGroups:
    @pytest.fixture(autouse=True)
    def southway(self) -> None:
        strategy_load("southway")

    def test_an_officer_fills_seats_and_is_told_when_the_rules_say_no(self, officer_client: Client) -> None:
        from tenantvoice.involvement.models import SeatCategory

        url = reverse("staff:seat-new", args=["southway-consultative-group"])
        owners = SeatCategory.objects.get(slug="owner-occupiers")
        tenant = make_resident(tenure=Tenure.ASSURED)
        response = officer_client.post(
            url, {"seat_category": owners.pk, "resident": tenant.pk, "started_on": "1/4/2026"}
        )
        assert "owner occupier" in response.content.decode()
        assert not SeatHolding.objects.exists()

        councillors = SeatCategory.objects.get(slug="ward-councillors")
        officer_client.post(
            url,
            {
                "seat_category": councillors.pk,
                "person_name": "Cllr Jo Bloggs",
                "organisation": "Labour",
                "started_on": "1/4/2026",
            },
        )
        page = officer_client.get(reverse("staff:group-detail", args=["southway-consultative-group"]))
        assert "Cllr Jo Bloggs" in page.content.decode() and "cannot vote" in page.content.decode()

    def test_the_chair_is_assigned_and_a_seat_ended(self, officer_client: Client) -> None:
        from tenantvoice.involvement.models import RoleHolding, SeatCategory

        tenants = SeatCategory.objects.get(slug="elected-tenants")
        officer_client.post(
            reverse("staff:seat-new", args=["southway-consultative-group"]),
            {
                "seat_category": tenants.pk,
                "resident": make_resident().pk,
                "started_on": "1/4/2026",
                "override_reason": "Elected at the 2026 AGM, before TenantVoice was used",
            },
        )
        holding = SeatHolding.objects.get()
        officer_client.post(
            reverse("staff:role-new", args=[holding.pk]), {"role": "chair", "started_on": "1/4/2026"}
        )
        assert RoleHolding.objects.get().term_ends_on == dt.date(2029, 3, 31)
        officer_client.post(
            reverse("staff:seat-end", args=[holding.pk]), {"ended_on": "30/6/2026", "reason": "Moved away"}
        )
        holding.refresh_from_db()
        assert holding.ended_on == dt.date(2026, 6, 30) and holding.end_reason == "Moved away"


def test_officers_see_who_was_on_a_level_on_any_date(officer_client: Client) -> None:
    from tenantvoice.involvement.services import level_join

    resident = make_resident(first_name="Dora", last_name="Date")
    level = Level.objects.get(slug="armchair-commentator")
    level_join(resident=resident, level=level, consent_wording="I agree", on=dt.date(2026, 2, 1))
    url = reverse("staff:involvement-level", args=["armchair-commentator"])
    before = officer_client.get(url, {"on": "31/1/2026"}).content.decode()
    after = officer_client.get(url, {"on": "2026-02-02"}).content.decode()
    assert "0 members on 31 January 2026" in before
    assert "1 member on 2 February 2026" in after and "Dora Date" in after
    assert "Enter the date like" in officer_client.get(url, {"on": "soon"}).content.decode()


def test_an_association_records_its_recognition_constitution_and_agm(officer_client: Client) -> None:
    strategy_load("thenue")
    url = reverse("staff:group-recognition", args=["calton-area-association"])
    future = officer_client.post(url, {"recognition": "recognised", "last_agm_on": "1/1/2099"})
    assert "cannot be in the future" in future.content.decode()
    officer_client.post(
        url, {"recognition": "recognised", "constitution_adopted_on": "1/4/2019", "last_agm_on": "28/11/2025"}
    )
    page = officer_client.get(
        reverse("staff:group-detail", args=["calton-area-association"])
    ).content.decode()
    assert "last AGM 28 November 2025" in page and "next AGM due 28 November 2026" in page
