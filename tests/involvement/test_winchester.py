"""Winchester's Tenants Panel: 9-11 members chosen by a ballot of involved tenants, with a
2-year minimum commitment."""

from __future__ import annotations

import datetime as dt

import pytest

from tenantvoice.involvement.eligibility import eligibility_problems
from tenantvoice.involvement.models import Group, Level
from tenantvoice.involvement.selectors import resident_facts
from tenantvoice.involvement.services import NotEligible, level_join, seat_fill
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tenantvoice.strategies.standards import standards_get
from tests.factories import BEFORE_TENANTVOICE

from .conftest import CONSENT, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def strategy() -> None:
    strategy_load("winchester")


def test_the_tenant_panel_has_9_to_11_members_chosen_by_ballot_with_a_2_year_commitment() -> None:
    panel = Group.objects.get(slug="tenant-panel")
    assert (panel.min_members, panel.max_members) == (9, 11)
    assert panel.how_chosen == "election" and panel.min_commitment_months == 24
    [seats] = panel.seat_categories.all()
    assert seats.how_filled == "election" and seats.electorate_rule.involved_only


def test_only_involved_tenants_may_vote_in_the_ballot() -> None:
    panel_seats = Group.objects.get(slug="tenant-panel").seat_categories.get()
    uninvolved = make_resident(tenure=Tenure.SECURE)
    involved = make_resident(tenure=Tenure.SECURE)
    level_join(resident=involved, level=Level.objects.get(slug="involved-tenant"), consent_wording=CONSENT)

    assert eligibility_problems(panel_seats.electorate_rule, resident_facts(involved)) == []
    assert eligibility_problems(panel_seats.electorate_rule, resident_facts(uninvolved)) == [
        "This is for residents who are already involved: join the register of involved residents first."
    ]


def test_a_twelfth_panel_member_is_refused() -> None:
    seats = Group.objects.get(slug="tenant-panel").seat_categories.get()
    level = Level.objects.get(slug="involved-tenant")
    for _ in range(11):
        resident = make_resident(tenure=Tenure.SECURE)
        level_join(resident=resident, level=level, consent_wording=CONSENT)
        seat_fill(
            category=seats, resident=resident, started_on=dt.date.today(), override_reason=BEFORE_TENANTVOICE
        )
    resident = make_resident(tenure=Tenure.SECURE)
    level_join(resident=resident, level=level, consent_wording=CONSENT)
    with pytest.raises(Exception, match="All 11"):
        seat_fill(
            category=seats, resident=resident, started_on=dt.date.today(), override_reason=BEFORE_TENANTVOICE
        )


def test_an_uninvolved_tenant_cannot_take_a_panel_seat() -> None:
    seats = Group.objects.get(slug="tenant-panel").seat_categories.get()
    with pytest.raises(NotEligible):
        seat_fill(
            category=seats,
            resident=make_resident(tenure=Tenure.SECURE),
            started_on=dt.date.today(),
            override_reason=BEFORE_TENANTVOICE,
        )


def test_tenantlink_runs_about_10_surveys_a_year_on_a_4_week_cycle() -> None:
    standards = standards_get()
    assert (standards.surveys_per_year, standards.survey_cycle_weeks) == (10, 4)
