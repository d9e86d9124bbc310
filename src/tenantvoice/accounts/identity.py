"""Who may create the account of a person on the register: the identity rules (decision 0014).

Plain functions over plain values, so each rule is easy to test and no view can bend it:

- the tenancy reference with the person's **own date of birth** picks out that person;
- the tenancy reference with the home's **postcode** proves only that someone knows the
  household (every member, and anyone who has seen a rent statement, knows both), so it is
  never enough alone: it only lets a one-time code be sent to a contact detail already on
  that person's record;
- an officer's invitation goes only to the recorded email address or by letter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

# Children do not get their own account from the household check: a parent or carer
# speaks for them, and their data needs a different basis.
MIN_SIGN_UP_AGE = 16
CODE_DIGITS = 6


class Person(Protocol):
    pk: int
    date_of_birth: dt.date | None
    email: str
    mobile_phone: str
    email_problem_at: dt.datetime | None
    mobile_problem_at: dt.datetime | None

    def age_on(self, on: dt.date | None = None) -> int | None: ...


P = TypeVar("P", bound=Person)


def may_have_own_account(person: Person, today: dt.date) -> bool:
    """Adults (and people whose age is not recorded) may; children may not."""
    age = person.age_on(today)
    return age is None or age >= MIN_SIGN_UP_AGE


def matching_date_of_birth(members: Iterable[P], date_of_birth: dt.date | None) -> list[P]:
    """The members whose recorded date of birth is ``date_of_birth`` (twins: more than one).

    A member with no recorded date of birth never matches: there is nothing to prove against.
    """
    if date_of_birth is None:
        return []
    return [m for m in members if m.date_of_birth is not None and m.date_of_birth == date_of_birth]


@dataclass(frozen=True)
class CodeRoute:
    channel: str  # "email" or "sms"
    masked: str  # what the page shows, e.g. "j***@e***.org"


_UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


def normalised_mobile(number: str) -> str:
    return re.sub(r"[\s()\-.]", "", number or "")


def code_routes(person: Person, *, texts_allowed_now: bool = True) -> list[CodeRoute]:
    """Where a sign-up code may go: the person's own recorded email and UK mobile, if they work.

    A detail that bounced is not used. Texts are offered only when one would go now (no
    texts are sent at night, and a code that arrives in the morning is no use).
    """
    routes = []
    if person.email and person.email_problem_at is None:
        routes.append(CodeRoute("email", mask_email(person.email)))
    mobile = normalised_mobile(person.mobile_phone)
    if texts_allowed_now and _UK_MOBILE.match(mobile) and person.mobile_problem_at is None:
        routes.append(CodeRoute("sms", mask_mobile(mobile)))
    return routes


def mask_email(email: str) -> str:
    """``jo.bloggs@example.org`` as ``j***@e***.org``: enough to recognise, not to learn."""
    local, _, domain = (email or "").strip().partition("@")
    if not local or not domain:
        return "***"
    labels = domain.split(".")
    top = labels[-1] if len(labels) > 1 else ""
    return f"{local[0]}***@{labels[0][:1]}***" + (f".{top}" if top else "")


def mask_mobile(number: str) -> str:
    """A mobile number as its last three digits only: ``mobile ending 123``."""
    digits = re.sub(r"\D", "", number or "")
    return f"mobile ending {digits[-3:]}" if len(digits) >= 3 else "mobile"


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def digest(value: str) -> str:
    """SHA-256 of a secret (code, session key, token): what is stored instead of the secret."""
    return hashlib.sha256(value.encode()).hexdigest()


def code_matches(stored_hash: str, typed: str) -> bool:
    typed = re.sub(r"\s", "", typed or "")
    return bool(typed) and hmac.compare_digest(stored_hash, digest(typed))


def masked_choices(routes: Sequence[CodeRoute]) -> list[tuple[str, str]]:
    words = {"email": "Email to", "sms": "Text to"}
    return [(r.channel, f"{words.get(r.channel, r.channel)} {r.masked}") for r in routes]
