"""The identity rules as plain functions: who may sign up, which checks pass, what is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenantvoice.accounts import identity


@dataclass
class P:
    pk: int = 1
    date_of_birth: dt.date | None = None
    email: str = ""
    mobile_phone: str = ""
    email_problem_at: dt.datetime | None = None
    mobile_problem_at: dt.datetime | None = None

    def age_on(self, on: dt.date | None = None) -> int | None:
        if self.date_of_birth is None or on is None:
            return None
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("born", "allowed"),
    [(dt.date(2010, 12, 5), False), (dt.date(2010, 12, 4), True), (None, True), (dt.date(1950, 1, 1), True)],
)
def test_only_adults_or_people_of_unknown_age_may_have_their_own_account(
    born: dt.date | None, allowed: bool
) -> None:
    assert identity.may_have_own_account(P(date_of_birth=born), TODAY) is allowed


def test_a_date_of_birth_matches_only_that_person_and_never_an_unknown_one() -> None:
    tess, tom, nobody = P(1, dt.date(1958, 3, 27)), P(2, dt.date(1960, 6, 1)), P(3, None)
    assert identity.matching_date_of_birth([tess, tom, nobody], dt.date(1958, 3, 27)) == [tess]
    assert identity.matching_date_of_birth([tess, tom, nobody], None) == []
    assert identity.matching_date_of_birth([nobody], dt.date(1958, 3, 27)) == []


def test_codes_go_only_to_working_recorded_details() -> None:
    person = P(email="jo.bloggs@example.org", mobile_phone="07700 900123")
    assert [r.channel for r in identity.code_routes(person)] == ["email", "sms"]
    assert [r.channel for r in identity.code_routes(person, texts_allowed_now=False)] == ["email"]
    bounced = P(email="jo@example.org", email_problem_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert identity.code_routes(bounced) == []
    landline = P(mobile_phone="0161 496 0000")
    assert identity.code_routes(landline) == []


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("jo.bloggs@example.org", "j***@e***.org"),
        ("a@b.co.uk", "a***@b***.uk"),
        ("x@localhost", "x***@l***"),
        ("nonsense", "***"),
    ],
)
def test_an_email_is_shown_only_in_part(email: str, masked: str) -> None:
    assert identity.mask_email(email) == masked


@given(st.emails())
def test_a_masked_email_never_shows_more_than_two_letters_of_it(email: str) -> None:
    masked = identity.mask_email(email)
    assert sum(c.isalnum() for c in masked.split(".")[0]) <= 2


def test_a_mobile_is_shown_as_its_last_three_digits() -> None:
    assert identity.mask_mobile("07700 900123") == "mobile ending 123"


def test_a_code_is_six_digits_and_checked_by_its_hash() -> None:
    code = identity.new_code()
    assert len(code) == 6 and code.isdigit()
    stored = identity.digest(code)
    assert identity.code_matches(stored, f" {code[:3]} {code[3:]} ")
    assert not identity.code_matches(stored, "")
    assert not identity.code_matches(stored, str((int(code) + 1) % 1_000_000).zfill(6))
