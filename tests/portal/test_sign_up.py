"""Creating an account: the tenancy check, choosing a household member, guarding against guessing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import MemberRole, Tenancy

from ..factories import ResidentFactory, TenancyMemberFactory, UserFactory, household

PASSWORD = "a-long-and-unusual-passphrase-42"
NO_MATCH = "We could not match those details to a tenancy"


def _check(client: Client, ref: str, *, dob: dt.date | None = None, postcode: str = "") -> Any:
    data = {"tenancy_reference": ref, "postcode": postcode, "dob_day": "", "dob_month": "", "dob_year": ""}
    if dob is not None:
        data.update(dob_day=str(dob.day), dob_month=str(dob.month), dob_year=str(dob.year))
    return client.post("/my/sign-up/", data)


def _account(client: Client, email: str = "new.resident@example.org") -> Any:
    return client.post(
        "/my/sign-up/account/", {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    )


@pytest.fixture
def home(db: None) -> Tenancy:
    return household(first_name="Tess", date_of_birth=dt.date(1958, 3, 27))


def test_it_creates_a_linked_account_after_a_date_of_birth_check(client: Client, home: Tenancy) -> None:
    tess = home.members.get().resident
    response = _check(client, home.hms_ref, dob=dt.date(1958, 3, 27))
    assert response["Location"] == "/my/sign-up/account/"
    assert "Tess" in client.get("/my/sign-up/account/").content.decode()
    response = _account(client, "Tess.New@Example.org")
    assert response["Location"] == "/my/"
    user = User.objects.get(email="tess.new@example.org")
    assert user.role == Role.RESIDENT and user.resident == tess
    assert user.check_password(PASSWORD)
    # Signed in straight away, on her own account page.
    assert client.get("/my/").status_code == 200
    event = AuditEvent.objects.get(object_type="account", action="create")
    assert event.resident_id == tess.pk and event.actor == user


def test_it_accepts_the_postcode_in_any_case_and_spacing(client: Client, home: Tenancy) -> None:
    postcode = home.property.postcode.replace(" ", "").lower()
    response = _check(client, home.hms_ref.lower(), postcode=f" {postcode} ")
    assert response["Location"] == "/my/sign-up/account/"
    assert _account(client)["Location"] == "/my/"
    assert User.objects.get(email="new.resident@example.org").resident == home.members.get().resident


@pytest.mark.parametrize("wrong", ["reference", "dob", "postcode"])
def test_it_refuses_a_mismatch_without_saying_which_detail_was_wrong(
    client: Client, home: Tenancy, wrong: str
) -> None:
    ref = "T9999999" if wrong == "reference" else home.hms_ref
    if wrong == "postcode":
        response = _check(client, ref, postcode="ZZ1 1ZZ")
    else:
        response = _check(client, ref, dob=dt.date(1960, 1, 1) if wrong == "dob" else dt.date(1958, 3, 27))
    page = response.content.decode()
    assert response.status_code == 200
    assert NO_MATCH in page
    # The same words whatever was wrong, and nothing about the tenancy or person.
    assert "Tess" not in page and home.property.address_line_1 not in page
    assert not User.objects.exists()
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"


def test_it_refuses_an_ended_tenancy(client: Client, home: Tenancy) -> None:
    Tenancy.objects.filter(pk=home.pk).update(end_date=dt.date(2020, 1, 1))
    assert NO_MATCH in _check(client, home.hms_ref, dob=dt.date(1958, 3, 27)).content.decode()


def test_it_refuses_someone_who_has_left_the_household(client: Client, home: Tenancy) -> None:
    home.members.update(end_date=dt.date(2021, 6, 30))
    assert NO_MATCH in _check(client, home.hms_ref, dob=dt.date(1958, 3, 27)).content.decode()


def test_it_asks_for_a_date_of_birth_or_postcode(client: Client, home: Tenancy) -> None:
    page = _check(client, home.hms_ref).content.decode()
    assert "Enter your date of birth or the postcode of your home" in page
    page = client.post(
        "/my/sign-up/",
        {"tenancy_reference": home.hms_ref, "dob_day": "31", "dob_month": "2", "dob_year": "1960"},
    ).content.decode()
    assert "Enter your date of birth as numbers" in page


def test_it_refuses_a_resident_who_already_has_an_account(client: Client, home: Tenancy) -> None:
    UserFactory(resident=home.members.get().resident, email="tess@example.org")
    page = _check(client, home.hms_ref, dob=dt.date(1958, 3, 27)).content.decode()
    assert "There is already an account for this person" in page
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"
    assert User.objects.count() == 1


def test_it_refuses_an_email_address_another_account_uses(client: Client, home: Tenancy) -> None:
    UserFactory(email="taken@example.org")
    _check(client, home.hms_ref, dob=dt.date(1958, 3, 27))
    page = _account(client, "TAKEN@example.org").content.decode()
    assert "An account already uses this email address" in page
    assert not User.objects.filter(resident__isnull=False).exists()


def test_it_applies_the_password_rules(client: Client, home: Tenancy) -> None:
    _check(client, home.hms_ref, dob=dt.date(1958, 3, 27))
    page = client.post(
        "/my/sign-up/account/",
        {"email": "x@example.org", "password": "password", "password_again": "password"},
    ).content.decode()
    assert "This password is too short" in page or "too common" in page
    page = client.post(
        "/my/sign-up/account/",
        {"email": "x@example.org", "password": PASSWORD, "password_again": PASSWORD + "x"},
    ).content.decode()
    assert "The passwords are not the same" in page
    assert not User.objects.exists()


def test_a_household_member_chooses_who_they_are_by_first_name_after_the_check(
    client: Client, db: None
) -> None:
    tenancy = household(first_name="Tess", last_name="Jones")
    TenancyMemberFactory(
        tenancy=tenancy,
        role=MemberRole.JOINT_TENANT,
        resident=ResidentFactory(first_name="Tom", last_name="Jones"),
    )
    # Before the check, the choice page is not reachable.
    assert client.get("/my/sign-up/who/")["Location"] == "/my/sign-up/"
    response = _check(client, tenancy.hms_ref, postcode=tenancy.property.postcode)
    assert response["Location"] == "/my/sign-up/who/"
    page = client.get("/my/sign-up/who/").content.decode()
    assert "Tess" in page and "Tom" in page
    assert "Jones" not in page  # first names only
    tom = tenancy.members.get(resident__first_name="Tom").resident
    assert client.post("/my/sign-up/who/", {"member": str(tom.pk)})["Location"] == "/my/sign-up/account/"
    _account(client, "tom@example.org")
    assert User.objects.get(email="tom@example.org").resident == tom


def test_it_will_not_let_the_chooser_pick_someone_outside_the_household(client: Client, db: None) -> None:
    tenancy = household(members=2)
    stranger = ResidentFactory()
    _check(client, tenancy.hms_ref, postcode=tenancy.property.postcode)
    response = client.post("/my/sign-up/who/", {"member": str(stranger.pk)})
    assert response.status_code == 200
    assert "Choose your name" in response.content.decode()
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"


@pytest.mark.parametrize("age_in_days", [100, 365 * 10])
def test_children_in_the_household_are_not_offered(client: Client, db: None, age_in_days: int) -> None:
    tenancy = household(first_name="Tess")
    TenancyMemberFactory(
        tenancy=tenancy,
        role=MemberRole.HOUSEHOLD_MEMBER,
        resident=ResidentFactory(
            first_name="Kid", date_of_birth=dt.date.today() - dt.timedelta(days=age_in_days)
        ),
    )
    response = _check(client, tenancy.hms_ref, postcode=tenancy.property.postcode)
    # Only one adult remains, so there is nothing to choose.
    assert response["Location"] == "/my/sign-up/account/"


def test_it_asks_a_guesser_to_wait_after_five_failed_checks(client: Client, home: Tenancy) -> None:
    for _ in range(5):
        assert NO_MATCH in _check(client, home.hms_ref, dob=dt.date(1900, 1, 1)).content.decode()
    # Even the right details are refused now, so guessing cannot continue.
    response = _check(client, home.hms_ref, dob=dt.date(1958, 3, 27))
    assert response.status_code == 429
    assert "wait 1 minute and try again" in response.content.decode()


def test_the_wait_also_applies_to_a_fresh_session_from_the_same_address(home: Tenancy) -> None:
    for _ in range(5):
        _check(Client(), home.hms_ref, dob=dt.date(1900, 1, 1))
    assert _check(Client(), home.hms_ref, dob=dt.date(1958, 3, 27)).status_code == 429


def test_a_signed_in_resident_is_sent_to_their_account(tenant_client: Client) -> None:
    assert tenant_client.get("/my/sign-up/")["Location"] == "/"
