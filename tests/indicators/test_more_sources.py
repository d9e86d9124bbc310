"""Computed sources that wrap the service standards report and who takes part: each gives the
figure its own report shows, for the reporting year as far as the day it is drawn."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from tenantvoice.indicators.models import Unit
from tenantvoice.indicators.services import indicator_create, value_compute
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ActivityFactory
from tests.representation.test_pages import worked_example  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_service_standards_met_is_the_share_of_meetings_given_notice_in_time() -> None:
    strategy_load("tower-hamlets-homes")  # notice of meetings: a standard in working days
    noon = dt.datetime(2025, 6, 2, 12, tzinfo=dt.UTC)
    for n in range(4):
        ActivityFactory(
            starts_at=noon + dt.timedelta(days=n), late_notice_reason="Room moved" if n == 0 else ""
        )
    indicator = indicator_create(name="Standards met", unit=Unit.PERCENT, source="standards_met")
    with time_machine.travel(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        assert value_compute(indicator=indicator, year=2025) is None  # nothing in the year yet
    with time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False):
        drawn = value_compute(indicator=indicator, year=2025)
    # Notice: 3 of 4 in time; minutes of the 4 meetings held: none sent yet (none overdue), so
    # 3 of the 8 met their standard, as the service standards report counts them.
    assert drawn is not None and drawn.value == Decimal("37.50")
    assert drawn.note.endswith("3 of 8 met their standard (service standards).")


@pytest.mark.usefixtures("worked_example")
def test_the_representation_score_is_who_takes_parts_score_by_age() -> None:
    indicator = indicator_create(name="Representation by age", unit=Unit.PERCENT, source="representation_age")
    with time_machine.travel(dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC), tick=False):
        drawn = value_compute(indicator=indicator, year=2026)
    # Issue 18's worked example: rates of 10%, 7.5% and 8% give a score of 75%.
    assert drawn is not None and drawn.value == Decimal("75.00")
    assert drawn.period_end == dt.date(2026, 6, 30)
