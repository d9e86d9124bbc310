"""Officers' resident pages: search, the record, changes, equality answers and invitations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import Invitation, User
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.residents.models import EqualityProfile, MemberRole, Resident, Tenure
from tests.conftest import sign_in
from tests.factories import (
    AreaFactory,
    PropertyFactory,
    ResidentFactory,
    TenancyFactory,
    TenancyMemberFactory,
    UserFactory,
)
from tests.outbox import invitation_token

pytestmark = pytest.mark.django_db


def person(
    first: str,
    last: str,
    *,
    postcode: str = "M15 4AB",
    address: str = "12 Oak Road",
    area=None,
    ended: bool = False,
    **kwargs: object,
) -> Resident:
    prop = PropertyFactory(
        postcode=postcode,
        postcode_key=postcode.replace(" ", ""),
        address_line_1=address,
        address_key=address.lower(),
        **({"area": area} if area else {}),
    )
    tenancy = TenancyFactory(
        property=prop, tenure=Tenure.SECURE, end_date=dt.date(2020, 1, 1) if ended else None
    )
    resident = ResidentFactory(
        first_name=first, last_name=last, first_name_key=first.lower(), last_name_key=last.lower(), **kwargs
    )
    TenancyMemberFactory(tenancy=tenancy, resident=resident, role=MemberRole.TENANT)
    return resident


def names(client: Client, **params: str) -> list[str]:
    response = client.get(reverse("staff:resident-search"), params)
    assert response.status_code == 200
    return [f"{r.first_name} {r.last_name}" for r in response.context["page"].residents]


class TestSearch:
    def test_by_the_start_of_a_last_name(self, officer_client: Client) -> None:
        person("Ann", "Smith")
        person("Bob", "Smithson")
        person("Cy", "Jones")
        assert names(officer_client, q="smi") == ["Ann Smith", "Bob Smithson"]

    def test_by_first_and_last_name_either_way_round(self, officer_client: Client) -> None:
        person("Ann", "Smith")
        person("Anna", "Jones")
        assert names(officer_client, q="Ann Smith") == ["Ann Smith"]
        assert names(officer_client, q="smith ann") == ["Ann Smith"]

    def test_by_postcode_with_or_without_the_space(self, officer_client: Client) -> None:
        person("Ann", "Smith", postcode="M15 4AB")
        person("Bob", "Brown", postcode="M16 7QQ")
        assert names(officer_client, q="m154ab") == ["Ann Smith"]
        assert names(officer_client, q="M15 4") == ["Ann Smith"]

    def test_by_reference_and_by_address(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", address="12 Oak Road")
        person("Bob", "Brown", address="7 Elm Street")
        assert names(officer_client, q=ann.hms_ref.lower()) == ["Ann Smith"]
        assert names(officer_client, q="12 oak") == ["Ann Smith"]

    def test_an_area_includes_the_areas_inside_it(self, officer_client: Client) -> None:
        north = AreaFactory(name="North")
        estate = AreaFactory(name="Oak Estate", parent=north)
        person("Ann", "Smith", area=estate)
        person("Bob", "Smith", area=AreaFactory(name="South"))
        assert names(officer_client, q="smith", area=str(north.pk)) == ["Ann Smith"]

    def test_former_residents_only_when_asked(self, officer_client: Client) -> None:
        person("Ann", "Smith")
        person("Old", "Smith", ended=True)
        assert names(officer_client, q="smith") == ["Ann Smith"]
        assert names(officer_client, q="smith", former="on") == ["Ann Smith", "Old Smith"]

    def test_pages_of_25_without_counting_the_table(
        self, officer_client: Client, django_assert_max_num_queries: object
    ) -> None:
        for n in range(30):
            person(f"P{n:02d}", "Smith")
        first = officer_client.get(reverse("staff:resident-search"), {"q": "smith"})
        page = first.context["page"]
        assert len(page.residents) == 25 and page.next_cursor
        second = officer_client.get(
            reverse("staff:resident-search"), {"q": "smith", "after": page.next_cursor}
        )
        assert [r.first_name for r in second.context["page"].residents] == [
            f"P{n:02d}" for n in range(25, 30)
        ]
        with django_assert_max_num_queries(12):  # type: ignore[operator]
            officer_client.get(reverse("staff:resident-search"), {"q": "smith"})

    def test_no_match_says_what_to_try(self, officer_client: Client) -> None:
        response = officer_client.get(reverse("staff:resident-search"), {"q": "zzz"})
        assert "No residents match" in response.content.decode()

    def test_searches_are_audited(self, officer_client: Client, officer: User) -> None:
        officer_client.get(reverse("staff:resident-search"), {"q": "smith"})
        assert AuditEvent.objects.filter(actor=officer, action=AuditAction.SEARCH).exists()


class TestRecord:
    def test_shows_the_household_and_is_audited(self, officer_client: Client, officer: User) -> None:
        ann = person("Ann", "Smith")
        tenancy = ann.memberships.get().tenancy
        TenancyMemberFactory(
            tenancy=tenancy,
            role=MemberRole.HOUSEHOLD_MEMBER,
            resident=ResidentFactory(first_name="Kim", last_name="Smith"),
        )

        page = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()

        assert "Ann Smith" in page and "Kim Smith" in page and "Secure tenancy" in page
        assert AuditEvent.objects.filter(actor=officer, action=AuditAction.VIEW, resident_id=ann.pk).exists()

    def test_officers_see_no_link_to_equality_answers(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith")
        page = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
        assert reverse("staff:resident-equality", args=[ann.pk]) not in page

    def test_an_unknown_resident(self, officer_client: Client) -> None:
        assert officer_client.get(reverse("staff:resident-detail", args=[999999])).status_code == 404


class TestChanges:
    def test_contact_details_are_validated_in_plain_words(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith")
        response = officer_client.post(
            reverse("staff:resident-change", args=[ann.pk]),
            {"first_name": "", "last_name": "Smith", "email": "not-an-email", "mobile_phone": "01234"},
        )
        page = response.content.decode()
        assert response.status_code == 400
        assert "Enter their first name." in page
        assert "Enter an email address like name@example.com." in page
        assert "There is a problem" in page

    def test_a_change_is_saved_and_audited_with_the_difference(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", email="ann@example.org")
        response = officer_client.post(
            reverse("staff:resident-change", args=[ann.pk]),
            {
                "first_name": "Ann",
                "last_name": "Smith-Jones",
                "email": "ann@example.org",
                "mobile_phone": "07700 900123",
            },
        )
        assert response.status_code == 302
        ann.refresh_from_db()
        assert ann.last_name == "Smith-Jones" and ann.last_name_key == "smith jones"
        event = AuditEvent.objects.get(action=AuditAction.UPDATE, resident_id=ann.pk)
        assert event.changes["last_name"] == ["Smith", "Smith-Jones"]

    def test_preferences_speak_of_the_resident(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", mobile_phone="")
        response = officer_client.post(
            reverse("staff:resident-preferences", args=[ann.pk]),
            {"preferred_channel": "sms", "channels": ["sms"], "language": "en"},
        )
        assert "We do not have their mobile number" in response.content.decode()

    def test_a_manager_cannot_change_anything(self, client: Client, manager: User) -> None:
        ann = person("Ann", "Smith")
        assert (
            sign_in(client, manager).get(reverse("staff:resident-change", args=[ann.pk])).status_code == 403
        )


class TestEquality:
    def test_only_administrators_see_answers_and_each_look_is_audited(
        self, admin_client: Client, officer: User, administrator: User
    ) -> None:
        officer_client = sign_in(Client(), officer)
        ann = person("Ann", "Smith")
        EqualityProfile.objects.create(
            resident=ann,
            consent_given_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            consent_wording="I agree",
            consent_method="portal",
            religion="buddhist",
        )

        assert officer_client.get(reverse("staff:resident-equality", args=[ann.pk])).status_code == 403
        page = admin_client.get(reverse("staff:resident-equality", args=[ann.pk])).content.decode()

        assert "Buddhist" in page
        assert (
            AuditEvent.objects.filter(
                actor=administrator, action=AuditAction.VIEW_EQUALITY, resident_id=ann.pk
            ).count()
            == 1
        )

    def test_a_paper_form_is_entered_only_with_the_residents_consent(self, admin_client: Client) -> None:
        ann = person("Ann", "Smith")
        url = reverse("staff:resident-equality", args=[ann.pk])

        refused = admin_client.post(url, {"religion": "christian"})
        assert "only be kept if the resident ticked the box" in refused.content.decode()
        assert not EqualityProfile.objects.exists()

        admin_client.post(url, {"religion": "christian", "consent": "on", "consent_date": "20/11/2026"})
        profile = EqualityProfile.objects.get(resident=ann)
        assert profile.religion == "christian" and profile.consent_method == "paper"


class TestInvitation:
    def test_an_invitation_is_sent_and_the_officer_never_sees_its_link(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", email="ann@example.org")
        response = officer_client.post(reverse("staff:resident-invite", args=[ann.pk]), follow=True)
        page = response.content.decode()
        assert "Invitation sent by email to the address on their record" in page
        assert "/my/invitation/" not in page
        assert Invitation.objects.filter(resident=ann).count() == 1
        token = invitation_token(ann.pk)
        assert token not in page
        assert (
            token not in officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
        )

    def test_no_email_means_a_printed_letter(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", email="")
        response = officer_client.post(reverse("staff:resident-invite", args=[ann.pk]), follow=True)
        assert "Invitation letter queued for printing" in response.content.decode()
        assert Invitation.objects.get(resident=ann).sent_by == "letter"

    def test_not_for_someone_with_an_account(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", email="ann@example.org")
        UserFactory(email="ann@example.org", resident=ann)
        response = officer_client.post(reverse("staff:resident-invite", args=[ann.pk]), follow=True)
        assert "already has an account" in response.content.decode()

    def test_invite_is_post_only(self, officer_client: Client) -> None:
        ann = person("Ann", "Smith", email="ann@example.org")
        assert officer_client.get(reverse("staff:resident-invite", args=[ann.pk])).status_code == 405


class TestAuditLog:
    def test_filters_and_csv_export(self, admin_client: Client, officer: User) -> None:
        officer_client = sign_in(Client(), officer)
        ann = person("Ann", "Smith")
        officer_client.get(reverse("staff:resident-detail", args=[ann.pk]))

        page = admin_client.get(reverse("staff:audit-log"), {"actor": officer.email, "action": "view"})
        assert page.status_code == 200 and f"Resident {ann.pk}" in page.content.decode()
        empty = admin_client.get(reverse("staff:audit-log"), {"action": "delete"})
        assert "No entries match" in empty.content.decode()

        export = admin_client.get(reverse("staff:audit-export"), {"resident": str(ann.pk)})
        body = b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]
        assert body.splitlines()[0].startswith("When,Who,What")
        assert officer.email in body
        assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="audit_log").exists()

    def test_bad_dates_are_explained(self, admin_client: Client) -> None:
        page = admin_client.get(
            reverse("staff:audit-log"), {"date_from": "2026-11-20", "date_to": "2026-11-01"}
        )
        assert (
            "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date."
            in page.content.decode()
        )

    def test_officers_cannot_read_it(self, officer_client: Client) -> None:
        assert officer_client.get(reverse("staff:audit-log")).status_code == 403


class TestHome:
    def test_a_search_for_officers_and_nothing_personal_for_the_board(
        self, officer_client: Client, client: Client, board_reader: User
    ) -> None:
        person("Ann", "Smith")
        assert "Residents" in officer_client.get(reverse("staff:home")).content.decode()
        officer_client.logout()
        page = sign_in(client, board_reader).get(reverse("staff:home")).content.decode()
        assert "Find a resident" not in page and "Service standards" in page


def test_the_record_names_the_language(officer_client: Client) -> None:
    ann = person("Ann", "Smith", language="pl")
    page = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
    assert "Polish" in page
