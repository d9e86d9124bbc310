"""The indicators API (decision 0050): readers read indicators and the year's table; an
involvement officer's system records typed-in values through the same service as the page,
and a bad value is refused with the service's words and nothing kept."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tenantvoice.core.roles import Role
from tenantvoice.indicators.models import IndicatorValue
from tests.api.conftest import token_client
from tests.factories import IndicatorFactory, IndicatorValueFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_system_records_a_value_and_a_board_reader_reads_the_table() -> None:
    indicator = IndicatorFactory(name="Repairs done on time", is_survey=True)
    officer = token_client(UserFactory(role=Role.ENGAGEMENT_OFFICER))
    url = f"/api/v1/indicators/{indicator.pk}/values/"
    refused = officer.post(
        url, {"period_start": "2025-04-01", "period_end": "2026-03-31", "value": "130"}, format="json"
    )
    assert refused.status_code == 400 and "Give a percentage from 0 to 100." in str(refused.json())
    assert not IndicatorValue.objects.exists()
    made = officer.post(
        url,
        {"period_start": "2025-04-01", "period_end": "2026-03-31", "value": "71", "sample_size": 400},
        format="json",
    )
    assert made.status_code == 200
    assert made.json()["values"][0]["sample_size"] == 400

    reader = token_client(UserFactory(role=Role.BOARD_READER))
    assert reader.post(url, {}, format="json").status_code == 403
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False):
        table = reader.get("/api/v1/indicators-report/", {"year": 2025}).json()
    [row] = table["tables"][0]["rows"]
    assert row[0] == "Repairs done on time" and row[3] == 71.0 and row[7] == "No target set"


def test_a_computed_indicator_refuses_typed_values_over_the_api() -> None:
    indicator = IndicatorFactory(unit="count", source="policies_consulted")
    IndicatorValueFactory(indicator=indicator, value=3, origin=IndicatorValue.Origin.COMPUTED)
    officer = token_client(UserFactory(role=Role.ENGAGEMENT_OFFICER))
    response = officer.post(
        f"/api/v1/indicators/{indicator.pk}/values/",
        {"period_start": "2025-04-01", "period_end": "2026-03-31", "value": "4"},
        format="json",
    )
    assert response.status_code == 400
    assert IndicatorValue.objects.get().value == 3
