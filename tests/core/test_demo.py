"""``tenantvoice demo`` and ``demo_code``: a demo anyone can sign in to, only with DEBUG on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.core.selectors import landlord_get
from tenantvoice.demo.landlord import DEMO_PASSWORD, demo_totp_secret
from tenantvoice.involvement.models import Level
from tenantvoice.residents.models import Resident
from tests.conftest import rows_shared_by_tests

# Loads a demo: run once, on SQLite (scripts/test.sh); PostgreSQL has its own tests of the
# queries the demo makes.
pytestmark = [pytest.mark.django_db, pytest.mark.once]

# Enough households for every test of the loaded demo: two survey waves with more than 20
# responses each need 400.
HOUSEHOLDS = "400"


@pytest.fixture
def debug(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]


def test_the_demo_refuses_to_run_without_debug() -> None:
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("demo", "--households", "100")
    assert not User.objects.exists()


def test_the_demo_explains_a_bad_number_of_households(debug: None) -> None:
    with pytest.raises(CommandError, match="between 100 and 1,000,000 households"):
        call_command("demo", "--households", "10")
    assert not User.objects.exists()


def test_demo_code_refuses_without_debug() -> None:
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("demo_code", "officer@demo.example.org")


@pytest.fixture(scope="class")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo, loaded once for the class (a load takes a second or two); what it printed.
    Each test's own writes are rolled back after it (``rows_shared_by_tests``)."""
    out = StringIO()
    with rows_shared_by_tests(django_db_blocker), override_settings(DEBUG=True):
        call_command("demo", "--households", HOUSEHOLDS, stdout=out)
        yield out.getvalue()


class TestTheLoadedDemo:
    def test_it_has_a_landlord_and_prints_sign_ins(self, loaded: str) -> None:
        out = loaded

        assert Resident.objects.count() > 150
        assert Level.objects.count() == 4 and landlord_get().strategy == "housing-for-women"
        for email in ("admin@demo.example.org", "officer@demo.example.org", "tenant@demo.example.org"):
            assert email in out
        assert DEMO_PASSWORD in out and "demo_code" in out
        assert TOTPDevice.objects.filter(confirmed=True).count() == 4
        tenant = User.objects.get(email="tenant@demo.example.org")
        assert tenant.resident is not None
        from tenantvoice.involvement.models import LevelMembership

        # The involvement pages are not empty.
        assert LevelMembership.objects.filter(status="active").count() > 10
        from tenantvoice.activities.models import Activity

        assert Activity.objects.filter(public=True).exists() and Activity.objects.count() > 10
        from tenantvoice.comms.models import Campaign
        from tenantvoice.consultations.models import Consultation

        assert Consultation.objects.get().representations.count() == 3 and Campaign.objects.count() == 1
        from tenantvoice.annual_reports.models import AnnualReport

        # Last year's annual report to residents, its chapters drawn from the demo's data.
        report = AnnualReport.objects.get()
        assert report.chapters.count() >= 5 and report.officer_words and report.panel_words
        assert "annual report to residents" in out
        from tenantvoice.audiences.models import Segment

        # The platform's example customer profiles (issue 18 item 3), each with residents in it.
        from tenantvoice.audiences.profiles import profiles

        found = {p.segment.name: p.count("size") for p in profiles(threshold=1)}
        assert set(found) == {
            "Prefers letters and over 75",
            "Under 35 and prefers text messages",
            "Needs an interpreter or an accessible format",
            "No email or mobile on file",
            "Has support needs",
        }
        assert Segment.objects.filter(is_profile=False).count() == 1
        assert sum(1 for size in found.values() if isinstance(size, int) and size > 0) >= 3
        from tenantvoice.actions.models import Action
        from tenantvoice.referrals.models import Referral

        # The accountability pages are not empty: a meeting's actions (one running late) and an
        # answered referral with the action the Board agreed.
        assert Action.objects.filter(activity__isnull=False).count() >= 2
        assert Action.objects.overdue(timezone.localdate()).exists()
        assert (
            Referral.objects.get().decision == "agreed"
            and Action.objects.filter(referral__isnull=False).exists()
        )
        # The strategy's action plan (Housing for Women, section 9), loaded with the strategy.
        assert Action.objects.filter(plan__published=True).count() == 12
        from tenantvoice.scrutiny.models import Review

        # A published scrutiny review with the Board's response and two actions in the tracker.
        review = Review.objects.get()
        assert review.published_on and Action.objects.filter(recommendation__review=review).count() == 2
        from tenantvoice.complaints.models import Complaint, Learning, Stage

        # Complaints on the clock: one late, one extended, one answered and learnt from (with an
        # action), the demo tenant's at stage 2, and a service request.
        today = timezone.localdate()
        assert Complaint.objects.count() == 5
        assert Complaint.objects.filter(kind="service_request").count() == 1
        assert any(s.acknowledgement_overdue(today) for s in Stage.objects.all())
        assert Stage.objects.filter(extensions__isnull=False).exists()
        assert Learning.objects.exists() and Action.objects.filter(complaint__isnull=False).exists()
        assert Complaint.objects.get(resident=tenant.resident).stages.count() == 2

    def test_running_it_again_duplicates_nothing(self, loaded: str, debug: None) -> None:
        residents, users = Resident.objects.count(), User.objects.count()
        call_command("demo", "--households", HOUSEHOLDS, stdout=StringIO())
        assert (Resident.objects.count(), User.objects.count()) == (residents, users)
        from tenantvoice.consultations.models import Consultation

        assert Consultation.objects.count() == 1
        assert TOTPDevice.objects.count() == 4
        from tenantvoice.referrals.models import Referral

        assert Referral.objects.count() == 1
        from tenantvoice.actions.models import Action

        assert Action.objects.filter(plan__isnull=False).count() == 12
        from tenantvoice.scrutiny.models import Review

        assert Review.objects.count() == 1
        from tenantvoice.complaints.models import Complaint

        assert Complaint.objects.count() == 5

    def test_a_demo_officer_signs_in_with_the_code_from_demo_code(
        self, loaded: str, debug: None, client: Client, capsys: pytest.CaptureFixture[str]
    ) -> None:
        response = client.post(
            reverse("accounts:sign-in"), {"email": "officer@demo.example.org", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302

        call_command("demo_code", "officer@demo.example.org")
        code = capsys.readouterr().out.split()[0]
        assert len(code) == 6 and code.isdigit()
        response = client.post(reverse("accounts:mfa"), {"code": code})

        assert response.status_code == 302
        assert client.get(reverse("staff:home")).status_code == 200

    @pytest.mark.parametrize("email", ["tenant@demo.example.org", "householder@demo.example.org"])
    def test_a_demo_resident_signs_in_with_the_password_alone_and_sees_their_own_record(
        self, loaded: str, debug: None, client: Client, email: str
    ) -> None:
        user = User.objects.get(email=email)
        assert user.resident is not None and user.role == "resident"

        response = client.post(reverse("accounts:sign-in"), {"email": email, "password": DEMO_PASSWORD})

        assert response.status_code == 302 and "/mfa/" not in response["Location"]
        page = client.get(reverse("portal:home"))
        assert page.status_code == 200
        assert user.resident.first_name in page.content.decode()

    def test_the_demo_residents_are_a_named_tenant_and_a_member_of_the_same_household(
        self, loaded: str
    ) -> None:
        tenant = User.objects.get(email="tenant@demo.example.org").resident
        member = User.objects.get(email="householder@demo.example.org").resident
        assert tenant is not None and member is not None and tenant != member
        household = tenant.memberships.get(role="tenant").tenancy
        assert member.memberships.filter(tenancy=household, role="household_member").exists()

    def test_the_sign_in_box_gives_an_authenticator_link(self, loaded: str) -> None:
        out = loaded
        assert f"otpauth://totp/TenantVoice%20demo?secret={demo_totp_secret()}" in out
        assert "http://127.0.0.1:8000/accounts/sign-in/" in out

    def test_demo_code_gives_a_code_the_device_accepts(
        self, loaded: str, debug: None, capsys: pytest.CaptureFixture[str]
    ) -> None:
        call_command("demo_code", "admin@demo.example.org")
        out = capsys.readouterr().out
        code = out.split()[0]
        assert re.search(r"valid for about \d+ more seconds", out)
        device = TOTPDevice.objects.get(user__email="admin@demo.example.org")
        assert device.confirmed and device.verify_token(code)

    def test_demo_code_explains_an_account_without_an_authenticator(self, loaded: str, debug: None) -> None:
        with pytest.raises(CommandError, match="has no authenticator"):
            call_command("demo_code", "tenant@demo.example.org")

    def test_the_demo_has_two_survey_waves_to_weigh_compare_and_benchmark(self, loaded: str) -> None:
        from tenantvoice.surveys.models import PeerGroup, Survey
        from tenantvoice.surveys.report import survey_report

        before, now = Survey.objects.order_by("created_at")
        assert before.responses.count() > 20 and now.responses.count() > 20
        assert now.status == "closed" and not hasattr(now, "outcome")  # nothing published yet
        report = survey_report(
            now, weight_by=["tenure_group", "age_band"], compare=before.pk, peers=PeerGroup.objects.get().pk
        )
        assert report.results.weighted is not None
        assert report.comparison is not None and report.peers is not None
        tp02 = now.questions.get(code="TP02")
        assert tp02.answers.count() == now.questions.get(code="REPAIR").answers.filter(choice="yes").count()

    def test_the_demo_shows_every_journey(
        self, loaded: str, debug: None, settings: object, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Issue 13 item 8: some residents agreed to news, so the newsletter reaches someone; every
        seat starts on or after its holder's place on the group's level; the sign-in link follows
        the port the demo serves on (``PORT=8001 make demo`` sets TENANTVOICE_SITE_URL)."""
        from tenantvoice.comms.campaigns import anyone_reachable
        from tenantvoice.comms.models import Campaign
        from tenantvoice.involvement.models import LevelMembership, SeatHolding

        settings.TENANTVOICE_SITE_URL = "http://127.0.0.1:8001"  # type: ignore[attr-defined]
        call_command("demo", "--households", HOUSEHOLDS)  # again: it changes nothing, and says where
        assert "Sign in at http://127.0.0.1:8001/accounts/sign-in/" in capsys.readouterr().out

        assert Resident.objects.filter(consents_to_news=True, news_consent_at__isnull=False).count() > 20
        newsletter = Campaign.objects.get()
        assert anyone_reachable(Resident.objects.all(), newsletter.purpose)

        seats = SeatHolding.objects.filter(resident__isnull=False).select_related("seat_category__group")
        assert seats.exists()
        for seat in seats:
            level = seat.seat_category.group.level
            held = LevelMembership.objects.filter(resident=seat.resident, level=level).get()
            assert held.started_on is not None and held.started_on <= seat.started_on
            assert not seat.override_reason, "a seat on the panel rests on the level, not an override"
