"""Indicators and baselines from the strategy data (issue 19 item 1): Winchester's STAR results
(seed 003, section 10.3 and Table 2) load with the strategy's words as their source, show on
the table as the year before, and a baseline without a quote is refused with nothing loaded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tenantvoice.core.roles import Role
from tenantvoice.indicators.models import Indicator, IndicatorValue
from tenantvoice.indicators.services import target_set, value_record
from tenantvoice.strategies.loader import StrategyError, strategy_load
from tests.conftest import sign_in
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def test_winchesters_star_baselines_load_with_their_source() -> None:
    strategy_load("winchester")
    listens = Indicator.objects.get(name="Listens to views and acts on them")
    assert listens.is_survey and listens.higher_is_better
    values = {v.period_start.year: v for v in listens.values.all()}
    assert (values[2015].value, values[2016].value) == (Decimal(66), Decimal(71))
    assert "10.3" in values[2015].note and "third quartile" in values[2015].note
    assert values[2015].origin == IndicatorValue.Origin.STRATEGY
    informed = Indicator.objects.get(name="Kept informed about things that may affect them as a tenant")
    assert informed.values.get().value == 84
    assert Indicator.objects.get(name="Opportunities to make views known").values.get().value == 74
    # Loading again changes nothing and keeps a typed value beside the baselines.
    value_record(
        indicator=listens,
        period_start=dt.date(2017, 4, 1),
        period_end=dt.date(2018, 3, 31),
        value=Decimal(73),
    )
    strategy_load("winchester")
    assert listens.values.count() == 3 and Indicator.objects.count() == 3


def test_the_table_shows_a_baseline_as_the_year_before(client: Client) -> None:
    strategy_load("winchester")
    listens = Indicator.objects.get(name="Listens to views and acts on them")
    target_set(indicator=listens, year=2016, value=Decimal(75))
    sign_in(client, staff_user(Role.BOARD_READER, "bea@example.org"))
    with time_machine.travel(dt.datetime(2017, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        text = client.get(reverse("staff:indicators"), {"year": 2016}).content.decode()
    assert "Listens to views and acts on them" in text and "Not met" in text and "Better" in text


BASELINE = """
[strategy]
title = "Test"
[[indicators]]
name = "Listens to views"
unit = "percent"
survey = true
[[indicators.baselines]]
year = 2015
value = 66
[indicators.baselines.sources]
value = { section = "10.3", quote = "were 66% satisfaction" }
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('value = { section = "10.3", quote = "were 66% satisfaction" }', ""), "field 'value': no source"),
        (('unit = "percent"', 'unit = "percentage"'), "field 'unit': 'percentage' is not one of"),
        (("year = 2015", 'year = 2015\ncolour = "red"'), "field 'colour': unknown key"),
    ],
)
def test_a_baseline_not_traced_is_refused_and_nothing_is_loaded(
    strategy_file: Any, change: tuple[str, str], message: str
) -> None:
    old, new = change
    with pytest.raises(StrategyError, match=message):
        strategy_load(strategy_file(BASELINE.replace(old, new, 1)))
    assert not Indicator.objects.exists()
    strategy_load(strategy_file(BASELINE))
    assert Indicator.objects.get().values.get().value == 66
