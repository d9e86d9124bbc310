"""Winchester's governance timetable (appendix 3), rebuilt from the committee dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.activities.governance import TimetableError, rules_from_data, timetable
from tenantvoice.core.selectors import landlord_get
from tenantvoice.strategies.loader import strategy_load

pytestmark = pytest.mark.django_db
ENGLAND = "england-and-wales"


@pytest.fixture(autouse=True)
def winchester() -> None:
    strategy_load("winchester")


def test_the_2017_committee_gives_the_seeds_own_dates() -> None:
    rules = rules_from_data(landlord_get().governance)
    [cycle] = timetable([dt.date(2017, 10, 4)], rules, ENGLAND)
    assert cycle.dates["cmt-meeting"] == dt.date(2017, 9, 13)
    assert cycle.dates["cmt-deadline"] == dt.date(2017, 9, 8)
    assert cycle.dates["tact"] == dt.date(2017, 9, 19)
    assert cycle.dates["report-deadline"] == dt.date(2017, 9, 25)
    assert cycle.dates["tenants-panel"] < cycle.dates["cmt-deadline"]
    assert cycle.problems == []


def test_bank_holidays_move_a_date_to_the_working_day_before() -> None:
    rules = rules_from_data(landlord_get().governance)
    # Committee on Wed 29 Apr 2026: the CMT deadline would be Good Friday, 3 April 2026.
    [cycle] = timetable([dt.date(2026, 4, 29)], rules, ENGLAND)
    assert cycle.dates["cmt-deadline"] == dt.date(2026, 4, 2)


def test_committees_too_close_together_are_flagged() -> None:
    rules = rules_from_data(landlord_get().governance)
    cycles = timetable([dt.date(2026, 3, 4), dt.date(2026, 3, 18)], rules, ENGLAND)
    assert any("too close together" in p for p in cycles[1].problems)


def test_a_rule_naming_an_unknown_date_is_refused() -> None:
    with pytest.raises(TimetableError, match="not defined before it"):
        rules_from_data([{"slug": "x", "name": "X", "from": "nowhere"}])


def test_the_page_shows_the_table_and_the_ical(officer_client: Client) -> None:
    url = reverse("staff:governance-timetable")
    page = officer_client.get(url, {"dates": "4/10/2017\n22/11/2017"}).content.decode()
    assert "Wed 13 Sep 2017" in page and "Mon 13 Nov 2017" in page
    bad = officer_client.get(url, {"dates": "next week"}).content.decode()
    assert "These are not dates: next week" in bad
    ics = officer_client.get(url, {"dates": "4/10/2017", "format": "ics"}).content.decode()
    assert "DTSTART;VALUE=DATE:20170913" in ics
