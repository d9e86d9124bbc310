"""Involvement in numbers: residents at each level and group seats on any date, as a page with
charts beside tables, and as CSV and XLSX with the same figures."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tenantvoice.accounts.models import User
from tenantvoice.involvement.models import Level, SeatCategory
from tenantvoice.involvement.services import level_join, level_leave, seat_end, seat_fill
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import sign_in
from tests.factories import BEFORE_TENANTVOICE, make_resident

pytestmark = pytest.mark.django_db
MARCH = dt.date(2026, 3, 1)
JUNE = dt.date(2026, 6, 1)


@pytest.fixture
def southway() -> None:
    """Southway: 3 residents join its register in March; one leaves in May; seats filled and ended."""
    strategy_load("southway")
    level = Level.objects.exclude(is_default=True).order_by("order").first()
    assert level is not None
    joined = [
        level_join(resident=make_resident(), level=level, consent_wording="I agree", on=MARCH)
        for _ in range(3)
    ]
    level_leave(membership=joined[0], on=dt.date(2026, 5, 1))
    elected = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="elected-tenants")
    for _ in range(3):
        seat_fill(
            category=elected,
            resident=make_resident(tenure=Tenure.ASSURED),
            started_on=MARCH,
            override_reason=BEFORE_TENANTVOICE,
        )
    councillor = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="ward-councillors")
    held = seat_fill(category=councillor, person_name="Cllr B", started_on=MARCH)
    seat_end(holding=held, on=dt.date(2026, 4, 30), reason="Stood down")


def test_the_page_gives_numbers_on_the_date_asked_with_a_chart_beside_each_table(
    southway: None, board_reader: User, no_suppression: None
) -> None:
    client = sign_in(Client(), board_reader)
    level = Level.objects.exclude(is_default=True).order_by("order").first()
    assert level is not None
    march = client.get(reverse("staff:involvement-report"), {"on": "1/4/2026"}).content.decode()
    june = client.get(reverse("staff:involvement-report"), {"on": "1/6/2026"}).content.decode()
    assert "Involvement in numbers on 1 April 2026" in march
    assert f'<th scope="row">{level.name}</th><td>3</td>' in march
    assert f'<th scope="row">{level.name}</th><td>2</td>' in june
    # 19 seats on the group: 3 elected tenants and, in April, one councillor.
    assert "Southway Consultative Group</th><td>4</td><td>3</td><td>19</td><td>15</td>" in march
    assert "Southway Consultative Group</th><td>3</td><td>3</td><td>19</td><td>16</td>" in june
    assert march.count('<svg role="img"') == 2 and "Southway Consultative Group: 15" in march


def test_a_bad_date_is_explained_and_today_is_shown(southway: None, board_reader: User) -> None:
    page = sign_in(Client(), board_reader).get(reverse("staff:involvement-report"), {"on": "31/2/2026"})
    assert "Enter the date like 31/3/2026." in page.content.decode()
    assert page.status_code == 200


def test_csv_and_xlsx_hold_the_same_figures_as_the_page(
    southway: None, officer: User, no_suppression: None
) -> None:
    client = sign_in(Client(), officer)
    url = reverse("staff:involvement-report")
    as_csv = client.get(url, {"on": "1/6/2026", "format": "csv"})
    assert as_csv["Content-Disposition"] == 'attachment; filename="involvement-2026-06-01.csv"'
    lines = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert ["Southway Consultative Group", "3", "3", "19", "16"] in lines

    as_xlsx = client.get(url, {"on": "1/6/2026", "format": "xlsx"})
    book = load_workbook(io.BytesIO(as_xlsx.content))
    assert len(book.sheetnames) == 2
    groups = [list(row) for row in book.worksheets[1].iter_rows(values_only=True)]
    assert ["Southway Consultative Group", 3, 3, 19, 16] in groups  # numbers stay numbers


def test_the_default_level_counts_everyone_else_living_in_our_homes(
    southway: None, officer: User, no_suppression: None
) -> None:
    default = Level.objects.get(is_default=True)
    page = sign_in(Client(), officer).get(reverse("staff:involvement-report"), {"on": "1/6/2026"})
    # 3 joined (one left in May, so back on the default level) + 3 seat holders, all with homes.
    assert f'<th scope="row">{default.name}</th><td>4</td>' in page.content.decode()


def test_small_counts_are_hidden_with_the_places_and_seats_that_would_give_them_away(
    southway: None, board_reader: User
) -> None:
    level = Level.objects.exclude(is_default=True).order_by("order").first()
    assert level is not None
    page = sign_in(Client(), board_reader).get(reverse("staff:involvement-report"), {"on": "1/6/2026"})
    text = page.content.decode()
    # 2 on the level and 3 members of the group: hidden, and so are the vacant seats (19 - 16).
    assert f'<th scope="row">{level.name}</th><td>hidden</td>' in text
    assert "Southway Consultative Group</th><td>hidden</td><td>hidden</td><td>19</td><td>hidden</td>" in text
    assert "Southway Consultative Group: not shown" in text  # nor drawn on the chart
    assert "Counts below 5 are hidden" in text
