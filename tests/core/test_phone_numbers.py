"""Phone numbers are normalised once, to E.164, wherever they come in (the resident's and officers'
forms, a walk-in, the landlord's settings, the API; the import's row report is tested with the
import), are shown as people write them, and numbers stored before are migrated (decision 0033)."""

from __future__ import annotations

import importlib

import phonenumbers
import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tenantvoice.accounts.models import User
from tenantvoice.comms.delivery import BOUNCED, delivery_record
from tenantvoice.comms.models import MessageChannel
from tenantvoice.core.phones import PhoneError, normalise_phone, phone_for_people
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import Resident
from tests.factories import ActivityFactory, MessageFactory, ResidentFactory

NOT_A_NUMBER = "Enter a phone number using numbers only, for example 07700 900123."
TOO_SHORT = "Enter a phone number with 10 or 11 numbers, for example 07700 900123."


# --- The one function ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_text", "stored", "shown"),
    [
        ("07700 900123", "+447700900123", "07700 900123"),
        ("07700900123", "+447700900123", "07700 900123"),
        ("+44 (0)7700 900123", "+447700900123", "07700 900123"),
        ("0044 7700 900 123", "+447700900123", "07700 900123"),
        ("447700900123", "+447700900123", "07700 900123"),
        # Excel read the number as a number and dropped the leading zero.
        ("7700900123", "+447700900123", "07700 900123"),
        ("1632960123", "+441632960123", "01632 960123"),
        ("0161 496 0000", "+441614960000", "0161 496 0000"),
        ("(0161) 496-0000", "+441614960000", "0161 496 0000"),
        ("028 9018 0000", "+442890180000", "028 9018 0000"),  # Northern Ireland is +44 too
        ("0300 123 4567", "+443001234567", "0300 123 4567"),
        ("+33 6 12 34 56 78", "+33612345678", "+33 6 12 34 56 78"),
        ("  ", "", ""),
    ],
)
def test_a_number_is_stored_in_e164_and_shown_as_people_write_it(
    given_text: str, stored: str, shown: str
) -> None:
    assert normalise_phone(given_text) == stored
    assert phone_for_people(stored) == shown


@pytest.mark.parametrize(
    ("given_text", "code", "words"),
    [
        ("call me maybe", "not_a_number", NOT_A_NUMBER),
        ("n/a", "not_a_number", NOT_A_NUMBER),
        ("call me on 07700 900123", "not_a_number", NOT_A_NUMBER),
        ("12345", "invalid", TOO_SHORT),
        ("077009001234", "invalid", TOO_SHORT),
        ("07700 900123 / 0161 496 0000", "invalid", TOO_SHORT),
        ("7.7009E+09", "rounded", "Format the phone number column as Text in Excel"),
        ("0161 496 0000 ext 12", "extension", "without an extension"),
    ],
)
def test_what_is_not_a_phone_number_is_refused_in_words_a_resident_understands(
    given_text: str, code: str, words: str
) -> None:
    with pytest.raises(PhoneError) as refused:
        normalise_phone(given_text)
    assert refused.value.code == code and words in str(refused.value)


def test_a_box_for_texts_takes_only_a_uk_mobile() -> None:
    assert normalise_phone("07700 900123", mobile=True) == "+447700900123"
    with pytest.raises(PhoneError, match="A UK mobile number starts with 07"):
        normalise_phone("0161 496 0000", mobile=True)


def test_a_value_stored_before_that_is_not_a_number_is_shown_as_it_is() -> None:
    assert phone_for_people("ring the office") == "ring the office"
    assert phone_for_people("07700 900123") == "07700 900123"


# Numbers as people and spreadsheets write them: UK numbers with or without the 0 or +44, with
# spaces, brackets or dashes; any digits at all, most of which are not numbers.
_uk_digits = st.from_regex(r"(1[1-9]|2[0-9]|3[0-9]|7[1-9]|8[0-9])[0-9]{7,8}", fullmatch=True)
_written = st.builds(
    lambda prefix, digits, gap: prefix + gap.join([digits[:4], digits[4:]]),
    st.sampled_from(["0", "", "+44", "+44 (0)", "0044 ", "44"]),
    _uk_digits,
    st.sampled_from(["", " ", "-"]),
)


@given(st.one_of(_written, st.text(alphabet="0123456789 +()-", max_size=20)))
def test_normalising_is_idempotent_on_its_own_output(text: str) -> None:
    try:
        stored = normalise_phone(text)
    except PhoneError:
        return
    assert normalise_phone(stored) == stored
    # What a page shows reads back as the same number.
    assert normalise_phone(phone_for_people(stored)) == stored


def _as_libphonenumber_reads_it(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    fictional = e164.startswith(("+447700900", "+441632960")) and len(e164) == 13
    if number.extension or not (phonenumbers.is_valid_number(number) or fictional):
        return None
    return e164


@given(st.one_of(_written, st.text(alphabet="0123456789 +()-.", max_size=20)))
def test_it_reads_a_number_as_libphonenumber_does(text: str) -> None:
    """The quick reading of the usual UK ways of writing a number changes no outcome."""
    try:
        ours: str | None = normalise_phone(text)
    except PhoneError:
        ours = None
    assert ours == (_as_libphonenumber_reads_it(text) if text.strip() else "")


# --- Every entry point -----------------------------------------------------------------------


def _details(resident: Resident, **changes: str) -> dict[str, str]:
    names = {"first_name": resident.first_name, "last_name": resident.last_name, "email": resident.email}
    return {**names, **changes}


@pytest.mark.django_db
def test_the_residents_own_form_stores_e164_and_refuses_words(tenant_client: Client, tess: Resident) -> None:
    url = reverse("portal:details-change")
    refused = tenant_client.post(url, _details(tess, mobile_phone="call me maybe"))
    assert NOT_A_NUMBER in refused.content.decode()
    landline = tenant_client.post(url, _details(tess, mobile_phone="0161 496 0000")).content.decode()
    assert "A UK mobile number starts with 07" in landline and "Other phone number" in landline

    saved = tenant_client.post(url, _details(tess, mobile_phone="7700900123", other_phone="0161 4960000"))
    assert saved.status_code == 302
    tess.refresh_from_db()
    assert (tess.mobile_phone, tess.other_phone) == ("+447700900123", "+441614960000")
    # The box shows the number as the resident would write it.
    form = tenant_client.get(url).content.decode()
    assert 'value="07700 900123"' in form and 'value="0161 496 0000"' in form


@pytest.mark.django_db
def test_the_officers_form_stores_e164(officer_client: Client) -> None:
    ann = ResidentFactory(first_name="Ann", last_name="Smith")
    url = reverse("staff:resident-change", args=[ann.pk])
    refused = officer_client.post(url, _details(ann, mobile_phone="call me maybe"))
    assert NOT_A_NUMBER in refused.content.decode()
    saved = officer_client.post(url, _details(ann, mobile_phone="07700 900 123"))
    assert saved.status_code == 302
    ann.refresh_from_db()
    assert ann.mobile_phone == "+447700900123"
    shown = officer_client.get(reverse("staff:resident-detail", args=[ann.pk])).content.decode()
    assert "07700 900123" in shown


@pytest.mark.django_db
def test_a_walk_ins_mobile_is_stored_in_e164(officer_client: Client) -> None:
    activity = ActivityFactory()  # held last week: walk-ins can be recorded
    url = reverse("staff:activity-walk-in", args=[activity.pk])
    visitor = {"new": "yes", "first_name": "Vera", "last_name": "Visitor"}
    refused = officer_client.post(url, {**visitor, "mobile_phone": "call me maybe"})
    assert refused.status_code == 400 and NOT_A_NUMBER in refused.content.decode()
    officer_client.post(url, {**visitor, "mobile_phone": "07700 900123"})
    assert Resident.objects.get(last_name="Visitor").mobile_phone == "+447700900123"


@pytest.mark.django_db
def test_the_landlords_number_is_stored_in_e164(admin_client: Client) -> None:
    url = reverse("staff:landlord-settings")
    contact = {"email": "hello@example.org", "address": "1 River Street", "opening_hours": "9 to 5"}
    refused = admin_client.post(url, {**contact, "phone": "call me maybe"})
    assert refused.status_code == 400 and NOT_A_NUMBER in refused.content.decode()
    assert admin_client.post(url, {**contact, "phone": "0300 123 4567"}).status_code == 302
    assert landlord_get().phone == "+443001234567"


@pytest.mark.django_db
def test_the_api_stores_and_gives_back_e164(officer: User) -> None:
    officer_api = APIClient()
    officer_api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
    resident = ResidentFactory()
    detail = f"/api/v1/residents/{resident.pk}/"
    refused = officer_api.patch(detail, {"mobile_phone": "call me maybe"}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"mobile_phone": [NOT_A_NUMBER]}

    changed = officer_api.patch(detail, {"mobile_phone": "07700 900123", "other_phone": ""}, format="json")
    assert changed.status_code == 200 and changed.json()["mobile_phone"] == "+447700900123"
    resident.refresh_from_db()
    assert resident.mobile_phone == "+447700900123"

    created = officer_api.post(
        "/api/v1/residents/",
        {"first_name": "Nia", "last_name": "New", "other_phone": "1614960000"},
        format="json",
    )
    assert created.status_code == 201 and created.json()["other_phone"] == "+441614960000"


# --- Numbers stored before -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_normalises_what_parses_and_leaves_the_rest() -> None:
    migration = importlib.import_module("tenantvoice.residents.migrations.0007_i14_phone_numbers_e164")
    spaced = ResidentFactory(mobile_phone="07700 900123", other_phone="(0161) 496 0000")
    dropped_zero = ResidentFactory(mobile_phone="7700900124")
    words = ResidentFactory(mobile_phone="call me maybe", other_phone="0161 496 0000 ext 2")
    done = ResidentFactory(mobile_phone="+447700900125")
    nothing = ResidentFactory(mobile_phone="", other_phone="")

    assert migration.normalise_stored_phones(apps, None) == 2

    phones = dict(Resident.objects.values_list("pk", "mobile_phone"))
    assert phones[spaced.pk] == "+447700900123" and phones[dropped_zero.pk] == "+447700900124"
    assert phones[words.pk] == "call me maybe" and phones[done.pk] == "+447700900125"
    assert phones[nothing.pk] == ""
    assert Resident.objects.get(pk=spaced.pk).other_phone == "+441614960000"
    assert Resident.objects.get(pk=words.pk).other_phone == "0161 496 0000 ext 2"
    assert migration.normalise_stored_phones(apps, None) == 0


@pytest.mark.django_db
def test_a_bounced_text_sent_before_the_migration_still_flags_the_number() -> None:
    resident = ResidentFactory(mobile_phone="+447700900123")
    message = MessageFactory(recipient=resident, channel=MessageChannel.SMS, to="07700 900123")
    delivery_record(message, BOUNCED, "Not a mobile number")
    resident.refresh_from_db()
    assert resident.mobile_problem == "Not a mobile number"
