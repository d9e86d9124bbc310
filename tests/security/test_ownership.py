"""One resident never reaches another's things (issue 14 item 9).

Every page a resident may open with an id or a token in its address is declared here: either
it names a resident's own object (``Rule.own`` in the role matrix), and then tenant one asking
for tenant two's object gets 404 (not 403, which would say that it exists, and never the page),
while tenant two gets it; or it says why the id is not one resident's (a public page, or a
token that is itself the key). A new address with an id that is in neither list fails
``test_every_resident_address_with_an_id_is_declared``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from tests.conftest import rows_shared_by_tests, sign_in
from tests.security.test_role_matrix import ACCESS, PUBLIC, RESIDENT, _walk, world_build

# The address's id names this object of tenant two's (``world["neighbour"]``).
NEIGHBOURS_OBJECT = {
    "portal:activity": "place",  # their place at an activity
    "portal:rsvp": "place",
    "portal:survey": "survey",  # a survey they alone were invited to
    "portal:review": "review",  # a review sent to the panel they sit on
    "review-document": "review",
    "paper-download": "paper",  # a paper of a meeting they were invited to
    "involvement:leave": "membership",
    "involvement:offer": "membership",
    "portal:referral": "referral",  # a referral of the group they sit on
    "portal:scrutiny-review": "scrutiny_review",  # a review of the panel they sit on
    "scrutiny-evidence-file": "scrutiny_evidence",  # evidence of that review
    "portal:complaint": "complaint",  # their own complaint
    "portal:complaint-made": "complaint",
    "portal:complaint-escalate": "complaint",
}

NOT_ONE_RESIDENTS = {
    "accounts:confirm-email": "a signed link made for one account: the token is the key",
    "accounts:password-reset-confirm": "a signed link made for one account: the token is the key",
    "portal:invitation": "an invitation link: the token, sent only to the resident invited, is the key",
    "survey-link": "a resident's personal survey link: the token is the key, one response per token",
    "unsubscribe": "the signed link in news: it can only stop news for the resident it was made for",
    "survey-open": "a public survey's open link",
    "complaints-annual-report": "a year's published complaints report: anyone's, no names",
    "annual-report": "a year's published annual report to residents: anyone's, no names",
    "annual-report-easy-read": "its easy-read version",
    "annual-report-pdf": "its PDF",
    "portal:annual-report-comment": "a year's published annual report: every resident comments on it",
    # The comments it lists are the visitor's own.
    "portal:charter-report": "a year's published Charter report to tenants: every resident's",
    "complaints-self-assessment": "a year's published self-assessment against the Code: anyone's",
    "involvement:join": "a level: open to every resident its rule allows (tests/involvement)",
    "involvement:ballot": "an election: open to every resident in its electorate (test_elections.py)",
    "involvement:results": "an election's published results: public",
    "group-calendar-ics": "a group's calendar: public, members-only meetings without details",
    "consultation": "a consultation's public page",
    "consultation-reply": "an open consultation: any resident may reply",
    "consultation-document": "a consultation's documents: public once it opens",
    "scrutiny-review": "a published scrutiny review's public page",
    "scrutiny-report-file": "a scrutiny review's closing report: public once published (test_pages.py)",
}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with rows_shared_by_tests(django_db_blocker):
        yield world_build()


def test_every_resident_address_with_an_id_is_declared() -> None:
    with_an_id = {
        name
        for name, pattern in _walk(get_resolver().url_patterns)
        if ACCESS[name].allowed in (PUBLIC, RESIDENT) and pattern.pattern.regex.groupindex
    }
    undeclared = with_an_id - set(NEIGHBOURS_OBJECT) - set(NOT_ONE_RESIDENTS)
    assert not undeclared, f"Say whose object each of these names, in {__name__}: {sorted(undeclared)}"
    assert not (set(NEIGHBOURS_OBJECT) | set(NOT_ONE_RESIDENTS)) - with_an_id
    # The role matrix's stranger is refused the same pages.
    assert set(NEIGHBOURS_OBJECT) == {name for name, rule in ACCESS.items() if rule.own}


@pytest.mark.parametrize("name", sorted(NEIGHBOURS_OBJECT))
def test_one_tenant_asking_for_anothers_object_is_told_it_does_not_exist(
    name: str, world: dict[str, Any], db: None
) -> None:
    neighbour = world["neighbour"]
    rule = ACCESS[name]
    url = reverse(name, kwargs={"pk": neighbour[NEIGHBOURS_OBJECT[name]].pk})

    tenant_one = sign_in(Client(), world["users"]["resident"])
    assert getattr(tenant_one, rule.method)(url).status_code == 404

    # The same address works for its owner, so the 404 above is about whose it is.
    tenant_two = sign_in(Client(), neighbour["user"])
    status = getattr(tenant_two, rule.method)(url).status_code
    assert status != 404 and status in rule.ok, f"tenant two got {status} for their own {url}"
