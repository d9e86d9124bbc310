"""Creating an account: the person proves who they are (their own date of birth, or a code
sent to a detail on their record), chooses an email and password, and the account is live
once the link sent to that email is opened. Strangers, neighbours and other members of the
household are refused at every step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tenantvoice.accounts.models import SignUpCode, User
from tenantvoice.comms.models import Message
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.residents.models import MemberRole, Resident, Tenancy

from ..factories import ResidentFactory, TenancyMemberFactory, UserFactory, household
from ..outbox import code_in, last_message, link_in

PASSWORD = "a-long-and-unusual-passphrase-42"
NO_MATCH = "We could not match those details to a tenancy"
TESS_DOB = dt.date(1958, 3, 27)


def _check(client: Client, ref: str, *, dob: dt.date | None = None, postcode: str = "") -> Any:
    data = {"tenancy_reference": ref, "postcode": postcode, "dob_day": "", "dob_month": "", "dob_year": ""}
    if dob is not None:
        data.update(dob_day=str(dob.day), dob_month=str(dob.month), dob_year=str(dob.year))
    return client.post("/my/sign-up/", data)


def _account(client: Client, email: str = "new.resident@example.org") -> Any:
    return client.post(
        "/my/sign-up/account/", {"email": email, "password": PASSWORD, "password_again": PASSWORD}
    )


def _confirm(client: Client, email: str) -> Any:
    link = link_in(last_message("account_confirm_email", to=email))
    assert "Confirm" in client.get(link).content.decode()
    return client.post(link)


def _by_code(client: Client, tenancy: Tenancy, *, who: Resident | None = None, channel: str = "email") -> str:
    """Through the postcode route up to the code; returns the code that was sent."""
    response = _check(client, tenancy.hms_ref, postcode=tenancy.property.postcode)
    if response["Location"] == "/my/sign-up/who/":
        assert who is not None
        client.post("/my/sign-up/who/", {"member": str(who.pk)})
    client.post("/my/sign-up/code/", {"channel": channel})
    return code_in(Message.objects.filter(template="sign_up_code").latest("pk"))


@pytest.fixture
def home(db: None) -> Tenancy:
    return household(first_name="Tess", date_of_birth=TESS_DOB, email="tess.jones@example.org")


@pytest.fixture
def tess(home: Tenancy) -> Resident:
    return home.members.get().resident


@pytest.fixture
def shared_home(db: None) -> Tenancy:
    """Tess and Tom live together: each knows the tenancy reference and the postcode."""
    tenancy = household(
        first_name="Tess", last_name="Jones", date_of_birth=TESS_DOB, email="tess.jones@example.org"
    )
    TenancyMemberFactory(
        tenancy=tenancy,
        role=MemberRole.JOINT_TENANT,
        resident=ResidentFactory(
            first_name="Tom", last_name="Jones", date_of_birth=dt.date(1960, 6, 1), email="tom@example.org"
        ),
    )
    return tenancy


# --- The date of birth route ---------------------------------------------------------------


def test_it_creates_an_account_after_a_date_of_birth_check_live_once_the_email_is_confirmed(
    client: Client, home: Tenancy, tess: Resident
) -> None:
    response = _check(client, home.hms_ref, dob=TESS_DOB)
    assert response["Location"] == "/my/sign-up/account/"
    page = client.get("/my/sign-up/account/").content.decode()
    assert "Tess" in page and 'value="tess.jones@example.org"' in page  # the recorded address first
    page = _account(client, "Tess.New@Example.org").content.decode()
    assert "Check your email" in page
    user = User.objects.get(email="tess.new@example.org")
    assert user.role == Role.RESIDENT and user.resident == tess
    assert user.check_password(PASSWORD)
    # Not live until the address is confirmed: no sign-in yet.
    assert not user.is_active
    assert client.get("/my/")["Location"].startswith("/accounts/sign-in/")
    refused = client.post("/accounts/sign-in/", {"email": "tess.new@example.org", "password": PASSWORD})
    assert "open the link we emailed you first" in refused.content.decode()
    assert _confirm(client, "tess.new@example.org")["Location"] == "/accounts/sign-in/"
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None
    client.post("/accounts/sign-in/", {"email": "tess.new@example.org", "password": PASSWORD})
    assert client.get("/my/").status_code == 200
    event = AuditEvent.objects.get(object_type="account", action="create")
    assert event.resident_id == tess.pk and event.actor == user
    assert "date of birth" in event.summary


def test_the_recorded_contact_details_are_told_an_account_was_made(
    client: Client, home: Tenancy, tess: Resident
) -> None:
    _check(client, home.hms_ref, dob=TESS_DOB)
    _account(client, "somebody.else@example.org")
    notice = last_message("account_created_notice", recipient=tess)
    assert notice.to == "tess.jones@example.org"  # her own channel, not the new address
    assert "s***@e***.org" in notice.body and "somebody.else" not in notice.body
    assert "contact us straight away" in notice.body


def test_a_confirmation_link_works_once(client: Client, home: Tenancy) -> None:
    _check(client, home.hms_ref, dob=TESS_DOB)
    _account(client)
    link = link_in(last_message("account_confirm_email"))
    assert client.post(link).status_code == 302
    again = Client().post(link)
    assert again.status_code == 404 and "This link does not work" in again.content.decode()


def test_a_made_up_confirmation_link_does_not_work(client: Client, home: Tenancy) -> None:
    _check(client, home.hms_ref, dob=TESS_DOB)
    _account(client)
    user = User.objects.get()
    link = link_in(last_message("account_confirm_email"))
    assert client.post(link[:-4] + "abc/").status_code == 404
    assert Client().get("/accounts/confirm-email/MQ/made-up-token/").status_code == 404
    user.refresh_from_db()
    assert not user.is_active


@pytest.mark.parametrize("wrong", ["reference", "dob", "postcode"])
def test_it_refuses_a_mismatch_without_saying_which_detail_was_wrong(
    client: Client, home: Tenancy, wrong: str
) -> None:
    ref = "T9999999" if wrong == "reference" else home.hms_ref
    if wrong == "postcode":
        response = _check(client, ref, postcode="ZZ1 1ZZ")
    else:
        response = _check(client, ref, dob=dt.date(1960, 1, 1) if wrong == "dob" else TESS_DOB)
    page = response.content.decode()
    assert response.status_code == 400
    assert NO_MATCH in page
    # The same words whatever was wrong, and nothing about the tenancy or person.
    assert "Tess" not in page and home.property.address_line_1 not in page
    assert not User.objects.exists()
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"


def test_it_refuses_an_ended_tenancy(client: Client, home: Tenancy) -> None:
    Tenancy.objects.filter(pk=home.pk).update(end_date=dt.date(2020, 1, 1))
    assert NO_MATCH in _check(client, home.hms_ref, dob=TESS_DOB).content.decode()


def test_it_refuses_someone_who_has_left_the_household(client: Client, home: Tenancy) -> None:
    home.members.update(end_date=dt.date(2021, 6, 30))
    assert NO_MATCH in _check(client, home.hms_ref, dob=TESS_DOB).content.decode()


def test_it_asks_for_a_date_of_birth_or_postcode(client: Client, home: Tenancy) -> None:
    page = _check(client, home.hms_ref).content.decode()
    assert "Enter your date of birth or the postcode of your home" in page
    page = client.post(
        "/my/sign-up/",
        {"tenancy_reference": home.hms_ref, "dob_day": "31", "dob_month": "2", "dob_year": "1960"},
    ).content.decode()
    assert "Enter your date of birth as numbers" in page


def test_it_refuses_a_resident_who_already_has_an_account(
    client: Client, home: Tenancy, tess: Resident
) -> None:
    UserFactory(resident=tess, email="tess@example.org")
    page = _check(client, home.hms_ref, dob=TESS_DOB).content.decode()
    assert "There is already an account for this person" in page
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"
    assert User.objects.count() == 1


def test_a_proven_sign_up_replaces_an_account_nobody_confirmed(
    client: Client, home: Tenancy, tess: Resident
) -> None:
    """A mistyped address must not lock the real person out for ever."""
    _check(client, home.hms_ref, dob=TESS_DOB)
    _account(client, "tess.typo@exmaple.org")
    other = Client()
    _check(other, home.hms_ref, dob=TESS_DOB)
    _account(other, "tess.right@example.org")
    assert list(User.objects.filter(resident=tess).values_list("email", flat=True)) == [
        "tess.right@example.org"
    ]
    assert AuditEvent.objects.filter(object_type="account", action="delete", resident_id=tess.pk).exists()


def test_it_refuses_an_email_address_another_account_uses(client: Client, home: Tenancy) -> None:
    UserFactory(email="taken@example.org")
    _check(client, home.hms_ref, dob=TESS_DOB)
    page = _account(client, "TAKEN@example.org").content.decode()
    assert "An account already uses this email address" in page
    assert not User.objects.filter(resident__isnull=False).exists()


def test_it_applies_the_password_rules(client: Client, home: Tenancy) -> None:
    _check(client, home.hms_ref, dob=TESS_DOB)
    page = client.post(
        "/my/sign-up/account/",
        {"email": "x@example.org", "password": "password", "password_again": "password"},
    ).content.decode()
    assert "Use a password of at least 10 characters." in page or "used by many people" in page
    page = client.post(
        "/my/sign-up/account/",
        {"email": "x@example.org", "password": PASSWORD, "password_again": PASSWORD + "x"},
    ).content.decode()
    assert "The passwords are not the same" in page
    assert not User.objects.exists()


def test_twins_who_share_a_date_of_birth_choose_by_first_name(client: Client, db: None) -> None:
    tenancy = household(first_name="Ann", date_of_birth=dt.date(1990, 1, 1))
    TenancyMemberFactory(
        tenancy=tenancy,
        role=MemberRole.HOUSEHOLD_MEMBER,
        resident=ResidentFactory(first_name="Bea", date_of_birth=dt.date(1990, 1, 1)),
    )
    TenancyMemberFactory(
        tenancy=tenancy,
        role=MemberRole.HOUSEHOLD_MEMBER,
        resident=ResidentFactory(first_name="Cat", date_of_birth=dt.date(1970, 1, 1)),
    )
    assert _check(client, tenancy.hms_ref, dob=dt.date(1990, 1, 1))["Location"] == "/my/sign-up/who/"
    page = client.get("/my/sign-up/who/").content.decode()
    assert "Ann" in page and "Bea" in page and "Cat" not in page  # only those with that birthday
    bea = tenancy.members.get(resident__first_name="Bea").resident
    assert client.post("/my/sign-up/who/", {"member": str(bea.pk)})["Location"] == "/my/sign-up/account/"
    _account(client, "bea@example.org")
    assert User.objects.get(email="bea@example.org").resident == bea


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
    # Only one adult remains, so there is nothing to choose: straight to where to send the code.
    assert response["Location"] == "/my/sign-up/code/"
    kid = tenancy.members.get(resident__first_name="Kid").resident
    assert NO_MATCH in _check(Client(), tenancy.hms_ref, dob=kid.date_of_birth).content.decode()


def test_it_asks_a_guesser_to_wait_after_five_failed_checks(client: Client, home: Tenancy) -> None:
    for _ in range(5):
        assert NO_MATCH in _check(client, home.hms_ref, dob=dt.date(1900, 1, 1)).content.decode()
    # Even the right details are refused now, so guessing cannot continue.
    response = _check(client, home.hms_ref, dob=TESS_DOB)
    assert response.status_code == 429
    assert "wait 1 minute and try again" in response.content.decode()


def test_the_wait_also_applies_to_a_fresh_session_from_the_same_address(home: Tenancy) -> None:
    for _ in range(5):
        _check(Client(), home.hms_ref, dob=dt.date(1900, 1, 1))
    assert _check(Client(), home.hms_ref, dob=TESS_DOB).status_code == 429


def test_a_signed_in_resident_is_sent_to_their_account(tenant_client: Client) -> None:
    assert tenant_client.get("/my/sign-up/")["Location"] == "/"


# --- The postcode route: a code to a detail already on the record --------------------------


def test_the_postcode_alone_is_not_enough(client: Client, home: Tenancy) -> None:
    postcode = home.property.postcode.replace(" ", "").lower()
    response = _check(client, home.hms_ref.lower(), postcode=f" {postcode} ")
    assert response["Location"] == "/my/sign-up/code/"  # any case and spacing
    # Nothing lets the account be made before the code.
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"
    assert _account(client)["Location"] == "/my/sign-up/"
    assert client.get("/my/sign-up/code/enter/")["Location"] == "/my/sign-up/"
    assert not User.objects.exists()


def test_a_code_goes_to_the_recorded_email_shown_only_in_part(
    client: Client, home: Tenancy, tess: Resident
) -> None:
    _check(client, home.hms_ref, postcode=home.property.postcode)
    page = client.get("/my/sign-up/code/").content.decode()
    assert "t***@e***.org" in page and "tess.jones" not in page
    assert client.post("/my/sign-up/code/", {"channel": "email"})["Location"] == "/my/sign-up/code/enter/"
    message = last_message("sign_up_code")
    assert message.recipient == tess and message.to == "tess.jones@example.org" and message.channel == "email"
    assert "tess.jones" not in client.get("/my/sign-up/code/enter/").content.decode()
    # Only the code's hash is kept.
    code = code_in(message)
    assert code not in SignUpCode.objects.get().code_hash
    assert client.post("/my/sign-up/code/enter/", {"code": code})["Location"] == "/my/sign-up/account/"
    _account(client, "tess.jones@example.org")
    user = User.objects.get(resident=tess)
    assert "code we sent to your email" in last_message("account_created_notice").body
    assert "code" in AuditEvent.objects.get(object_type="account", action="create").summary
    assert not user.is_active  # still confirmed by the link, like every route


def test_a_code_by_text_is_offered_only_when_texts_go_now(
    client: Client, home: Tenancy, tess: Resident, settings: Any
) -> None:
    Resident.objects.filter(pk=tess.pk).update(mobile_phone="07700 900123")
    settings.TENANTVOICE_SMS_QUIET_HOURS = (dt.time(23, 59, 59), dt.time(0, 0))  # never quiet
    _check(client, home.hms_ref, postcode=home.property.postcode)
    page = client.get("/my/sign-up/code/").content.decode()
    assert "mobile ending 123" in page and "900123" not in page
    client.post("/my/sign-up/code/", {"channel": "sms"})
    message = last_message("sign_up_code")
    assert message.channel == "sms" and message.to == "07700 900123"
    client.post("/my/sign-up/code/enter/", {"code": code_in(message)})
    assert client.get("/my/sign-up/account/").status_code == 200
    settings.TENANTVOICE_SMS_QUIET_HOURS = (dt.time(0, 0), dt.time(0, 0))  # always quiet
    page = Client().get("/my/sign-up/code/")  # a fresh visitor has not passed the check
    assert page["Location"] == "/my/sign-up/"
    other = Client()
    _check(other, home.hms_ref, postcode=home.property.postcode)
    assert "mobile ending" not in other.get("/my/sign-up/code/").content.decode()


def test_nobody_with_no_contact_details_is_offered_a_code(client: Client, db: None) -> None:
    tenancy = household(first_name="Nell", email="", mobile_phone="")
    assert NO_MATCH in _check(client, tenancy.hms_ref, postcode=tenancy.property.postcode).content.decode()


def test_a_code_works_once_and_only_in_the_session_that_asked(client: Client, home: Tenancy) -> None:
    code = _by_code(client, home)
    other = Client()
    _check(other, home.hms_ref, postcode=home.property.postcode)
    other.post("/my/sign-up/code/", {"channel": "email"})  # a newer code, to the same address
    newest = code_in(last_message("sign_up_code"))
    # The first session's code was replaced; the second session cannot use the first code either.
    assert "not right" in client.post("/my/sign-up/code/enter/", {"code": code}).content.decode()
    assert other.post("/my/sign-up/code/enter/", {"code": code}).status_code == 400
    assert other.post("/my/sign-up/code/enter/", {"code": newest})["Location"] == "/my/sign-up/account/"
    third = Client()
    _check(third, home.hms_ref, postcode=home.property.postcode)
    third.post("/my/sign-up/code/", {"channel": "email"})
    assert "not right" in third.post("/my/sign-up/code/enter/", {"code": newest}).content.decode()


def test_an_expired_code_does_not_work(client: Client, home: Tenancy) -> None:
    code = _by_code(client, home)
    SignUpCode.objects.update(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert (
        "not right, or it has expired"
        in client.post("/my/sign-up/code/enter/", {"code": code}).content.decode()
    )


def test_wrong_codes_are_counted_and_a_code_stops_after_five_tries(
    client: Client, home: Tenancy, settings: Any
) -> None:
    code = _by_code(client, home)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert client.post("/my/sign-up/code/enter/", {"code": wrong}).status_code == 400
    assert SignUpCode.objects.get().attempts == 5
    # Then even the right code is refused (and the visitor must wait).
    response = client.post("/my/sign-up/code/enter/", {"code": code})
    assert response.status_code == 429 and "wait 1 minute" in response.content.decode()
    settings.TENANTVOICE_SIGN_UP_CODE_TRIES = 5
    from django.core.cache import cache

    cache.clear()  # the visitor's wait is over; the code itself stays spent
    assert "not right" in client.post("/my/sign-up/code/enter/", {"code": code}).content.decode()
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"


def test_codes_a_day_are_limited_so_an_inbox_cannot_be_flooded(
    client: Client, home: Tenancy, settings: Any
) -> None:
    settings.TENANTVOICE_SIGN_UP_CODES_PER_DAY = 2
    _check(client, home.hms_ref, postcode=home.property.postcode)
    for _ in range(2):
        client.post("/my/sign-up/code/", {"channel": "email"})
    page = client.post("/my/sign-up/code/", {"channel": "email"}).content.decode()
    assert "already sent several codes today" in page
    assert Message.objects.filter(template="sign_up_code").count() == 2


# --- Strangers, neighbours and other members of the household ------------------------------


def test_a_stranger_is_refused_at_every_step(client: Client, home: Tenancy) -> None:
    assert NO_MATCH in _check(client, "T0000000", dob=TESS_DOB).content.decode()
    assert NO_MATCH in _check(client, "T0000000", postcode=home.property.postcode).content.decode()
    for step in ("who/", "code/", "code/enter/", "account/"):
        assert client.get(f"/my/sign-up/{step}")["Location"] == "/my/sign-up/", step
        assert (
            client.post(f"/my/sign-up/{step}", {"member": "1", "channel": "email", "code": "123456"})[
                "Location"
            ]
            == "/my/sign-up/"
        ), step
    assert not User.objects.exists() and not Message.objects.filter(template="sign_up_code").exists()


def test_a_neighbour_who_knows_the_postcode_is_refused(client: Client, home: Tenancy, tess: Resident) -> None:
    """Next door: same postcode, their own tenancy; they may even know Tess's birthday."""
    neighbour_home = household(first_name="Ned", date_of_birth=dt.date(1980, 2, 2))
    neighbour_home.property.postcode = home.property.postcode
    neighbour_home.property.postcode_key = home.property.postcode_key
    neighbour_home.property.save()
    # Their own reference with Tess's date of birth or the shared postcode finds only Ned's home.
    assert NO_MATCH in _check(client, neighbour_home.hms_ref, dob=TESS_DOB).content.decode()
    _check(client, neighbour_home.hms_ref, postcode=home.property.postcode)
    # Ned's session cannot be pointed at Tess.
    assert client.post("/my/sign-up/who/", {"member": str(tess.pk)}).status_code in (200, 302, 400)
    assert client.get("/my/sign-up/code/").status_code == 200
    assert "t***@e***.org" not in client.get("/my/sign-up/code/").content.decode()
    assert not User.objects.filter(resident=tess).exists()
    assert not Message.objects.filter(template="sign_up_code", recipient=tess).exists()


def test_another_member_of_the_household_cannot_make_their_account(
    client: Client, shared_home: Tenancy
) -> None:
    """Tom knows the tenancy reference and postcode, but not Tess's date of birth or her email."""
    tess = shared_home.members.get(resident__first_name="Tess").resident
    tom = shared_home.members.get(resident__first_name="Tom").resident
    # His own date of birth makes his own account, never hers.
    assert _check(client, shared_home.hms_ref, dob=tom.date_of_birth)["Location"] == "/my/sign-up/account/"
    assert "Tom" in client.get("/my/sign-up/account/").content.decode()
    # A guessed date of birth is refused and counted.
    assert NO_MATCH in _check(Client(), shared_home.hms_ref, dob=dt.date(1959, 3, 27)).content.decode()
    # By postcode he can choose Tess, but the code goes to Tess's own email, not to him.
    guesser = Client()
    assert _check(guesser, shared_home.hms_ref, postcode=shared_home.property.postcode)["Location"] == (
        "/my/sign-up/who/"
    )
    guesser.post("/my/sign-up/who/", {"member": str(tess.pk)})
    guesser.post("/my/sign-up/code/", {"channel": "email"})
    assert last_message("sign_up_code").to == "tess.jones@example.org"
    for guess in ("123456", "654321"):
        assert "not right" in guesser.post("/my/sign-up/code/enter/", {"code": guess}).content.decode()
    assert guesser.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"
    assert _account(guesser, "tom.as.tess@example.org")["Location"] == "/my/sign-up/"
    assert not User.objects.filter(resident=tess).exists()


def test_it_will_not_let_the_chooser_pick_someone_outside_the_household(client: Client, db: None) -> None:
    tenancy = household(members=2)
    stranger = ResidentFactory()
    _check(client, tenancy.hms_ref, postcode=tenancy.property.postcode)
    response = client.post("/my/sign-up/who/", {"member": str(stranger.pk)})
    assert response.status_code == 400
    assert "Choose your name" in response.content.decode()
    assert client.get("/my/sign-up/account/")["Location"] == "/my/sign-up/"
    assert client.get("/my/sign-up/code/")["Location"] == "/my/sign-up/"


def test_a_household_member_chooses_who_they_are_by_first_name_then_gets_a_code(
    client: Client, shared_home: Tenancy
) -> None:
    # Before the check, the choice page is not reachable.
    assert client.get("/my/sign-up/who/")["Location"] == "/my/sign-up/"
    tom = shared_home.members.get(resident__first_name="Tom").resident
    code = _by_code(client, shared_home, who=tom)
    page = Client().get("/my/sign-up/who/")
    assert page["Location"] == "/my/sign-up/"
    assert last_message("sign_up_code").to == "tom@example.org"
    client.post("/my/sign-up/code/enter/", {"code": code})
    _account(client, "tom@example.org")
    assert User.objects.get(email="tom@example.org").resident == tom


def test_the_choice_shows_first_names_only(client: Client, shared_home: Tenancy) -> None:
    _check(client, shared_home.hms_ref, postcode=shared_home.property.postcode)
    page = client.get("/my/sign-up/who/").content.decode()
    assert "Tess" in page and "Tom" in page
    assert "Jones" not in page
