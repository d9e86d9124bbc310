"""The Value for Money statement of involvement (decision 0055): what involvement cost against
what it achieved, through the service, the page, the downloads and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tenantvoice.activities.models import Attendance, ClaimStatus
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.roles import Role
from tenantvoice.core.suppression import Hidden
from tenantvoice.value_for_money.models import InvolvementCost
from tenantvoice.value_for_money.statement import value_for_money_statement
from tests.api.conftest import token_client
from tests.conftest import sign_in
from tests.factories import (
    ActivityFactory,
    ExpenseClaimFactory,
    InvolvementCostFactory,
    LevelFactory,
    LevelMembershipFactory,
    ParticipantFactory,
    ResidentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
YEAR = ReportingYear(2026)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def claim(amount: str, status: str, **kwargs: Any) -> Any:
    made = ExpenseClaimFactory(amount=Decimal(amount), status=status, **kwargs)
    return made


def a_year_of_involvement() -> None:
    """Two costs in the year and one before it; claims of three kinds; two residents on an
    involved level and a third present at a two-hour meeting."""
    InvolvementCostFactory(kind="venues", amount=Decimal("300.00"), spent_on=dt.date(2026, 5, 1))
    InvolvementCostFactory(
        kind="staff_time", amount=Decimal("700.00"), staff_hours=Decimal("35"), spent_on=dt.date(2026, 9, 1)
    )
    InvolvementCostFactory(kind="venues", amount=Decimal("999.00"), spent_on=dt.date(2026, 3, 31))
    claim("20.00", ClaimStatus.PAID)
    claim("30.00", ClaimStatus.APPROVED)
    claim("500.00", ClaimStatus.REJECTED)
    LevelFactory(is_default=True, counts_as_involved=False)
    panel = LevelFactory(counts_as_involved=True)
    for _ in range(2):
        LevelMembershipFactory(level=panel, started_on=dt.date(2026, 4, 2))
    meeting = ActivityFactory(
        starts_at=timezone.make_aware(dt.datetime(2026, 10, 1, 18)),
        ends_at=timezone.make_aware(dt.datetime(2026, 10, 1, 20)),
    )
    ParticipantFactory(activity=meeting, resident=ResidentFactory(), attendance=Attendance.PRESENT)


def test_costs_are_set_against_what_involvement_achieved(no_suppression: None) -> None:
    a_year_of_involvement()

    made = value_for_money_statement(YEAR)

    amounts = {line.kind: line.amount for line in made.costs}
    assert amounts["expenses"] == Decimal("50.00")  # approved and paid; never the rejected claim
    assert amounts["venues"] == Decimal("300.00")  # the cost of 31 March is last year's
    assert amounts["staff_time"] == Decimal("700.00")
    assert made.total == Decimal("1050.00")
    achieved = {line.label: line.value for line in made.achieved}
    assert achieved["Residents involved"] == 3
    assert achieved["Hours of involvement"] == Decimal("2")
    assert achieved["Meetings and other activities held"] == 1
    assert made.per_person == Decimal("350.00")
    assert made.per_hour == Decimal("525.00")
    assert made.staff_hours == Decimal("35")


def test_what_few_residents_claimed_is_hidden_and_so_is_every_figure_made_from_it() -> None:
    claim("12.00", ClaimStatus.PAID)  # one resident: the amount is theirs
    InvolvementCostFactory(amount=Decimal("100.00"), spent_on=dt.date(2026, 6, 1))

    made = value_for_money_statement(YEAR)

    assert isinstance(made.costs[0].amount, Hidden)
    assert isinstance(made.total, Hidden) and isinstance(made.per_hour, Hidden)
    assert made.note


def test_an_officer_records_a_cost_and_a_refusal_says_what_to_put_right(officer_client: Client) -> None:
    url = "/staff/reports/value-for-money/costs/new/"
    refused = officer_client.post(
        url, {"kind": "staff_time", "spent_on": "01/11/2026", "amount": "250", "description": "Panel support"}
    )
    assert refused.status_code == 400
    assert "For staff time, give the hours the amount pays for." in refused.content.decode()
    assert not InvolvementCost.objects.exists()

    made = officer_client.post(
        url,
        {
            "kind": "staff_time",
            "spent_on": "01/11/2026",
            "amount": "250",
            "description": "Panel support",
            "staff_hours": "10",
        },
    )
    assert made.status_code == 302
    page = officer_client.get(made["Location"]).content.decode()
    assert "Cost recorded." in page and "Panel support" in page and "£250.00" in page

    future = officer_client.post(
        url, {"kind": "venues", "spent_on": "01/01/2027", "amount": "10", "description": "Hall"}
    )
    assert "The date of the cost cannot be in the future." in future.content.decode()


def test_an_officer_changes_and_deletes_a_cost(officer_client: Client) -> None:
    cost = InvolvementCostFactory(spent_on=dt.date(2026, 6, 1))
    changed = officer_client.post(
        f"/staff/reports/value-for-money/costs/{cost.pk}/",
        {"kind": "venues", "spent_on": "01/06/2026", "amount": "150.00", "description": "Community hall"},
    )
    assert changed.status_code == 302 and changed["Location"].endswith("?year=2026#costs")
    cost.refresh_from_db()
    assert cost.amount == Decimal("150.00")
    gone = officer_client.post(f"/staff/reports/value-for-money/costs/{cost.pk}/delete/")
    assert gone.status_code == 302 and not InvolvementCost.objects.exists()


def test_a_board_reader_reads_the_statement_and_downloads_it_but_sees_no_cost_records(
    client: Client, board_reader: Any, no_suppression: None
) -> None:
    a_year_of_involvement()
    sign_in(client, board_reader)

    page = client.get("/staff/reports/value-for-money/?year=2026").content.decode()
    assert "Involvement cost £1,050.00" in page
    assert "£350.00 for each resident involved" in page
    assert "Record a cost" not in page and "Costs recorded in" not in page
    csv = client.get("/staff/reports/value-for-money/?year=2026&format=csv").content.decode()
    assert "Expenses paid to residents" in csv and "Cost per hour of involvement" in csv


def test_the_api_gives_the_statement_as_tables(no_suppression: None) -> None:
    a_year_of_involvement()
    reader = token_client(UserFactory(role=Role.BOARD_READER))

    answer = reader.get("/api/v1/value-for-money/?year=2026")

    assert answer.status_code == 200
    body = answer.json()
    assert body["year"] == "2026/27"
    assert [t["title"] for t in body["tables"]][0] == "What involvement cost, 2026/27"
    assert reader.get("/api/v1/value-for-money/?year=next").status_code == 400
