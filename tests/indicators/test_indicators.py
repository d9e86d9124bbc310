"""Indicators through their services and pages (issue 19 item 1): typed values with plain
refusals, computed values wrapping the project's own figures, targets, the table with its
status and download, and all-or-nothing imports of values and peers' figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tenantvoice.consultations.models import ConsultationStatus
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.indicators.models import Indicator, IndicatorPeerSet, IndicatorTarget, IndicatorValue, Unit
from tenantvoice.indicators.services import (
    IndicatorError,
    indicator_create,
    target_set,
    value_compute,
    value_record,
    values_import,
)
from tests.conftest import sign_in
from tests.factories import ConsultationFactory, IndicatorFactory, IndicatorValueFactory, staff_user

pytestmark = pytest.mark.django_db

APRIL_2025 = dt.date(2025, 4, 1)
MARCH_2026 = dt.date(2026, 3, 31)


@pytest.fixture
def officer_client(client: Client) -> Client:
    return sign_in(client, staff_user(Role.ENGAGEMENT_OFFICER, "olive@example.org"))


def test_a_typed_value_is_recorded_replaced_and_audited() -> None:
    indicator = IndicatorFactory(name="Repairs done on time")
    value_record(indicator=indicator, period_start=APRIL_2025, period_end=MARCH_2026, value=Decimal("91.5"))
    value_record(indicator=indicator, period_start=APRIL_2025, period_end=MARCH_2026, value=Decimal("92"))
    assert list(indicator.values.values_list("value", flat=True)) == [Decimal("92")]
    assert AuditEvent.objects.filter(object_type="indicator_value").count() == 2


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"value": Decimal("120")}, "Give a percentage from 0 to 100."),
        ({"period_end": dt.date(2025, 3, 1)}, "The period must end on or after the day it starts."),
        ({"sample_size": 400}, "Only a survey measure has a sample size or a margin of error."),
    ],
)
def test_a_bad_value_is_refused_in_plain_words_and_nothing_is_kept(
    changes: dict[str, object], words: str
) -> None:
    indicator = IndicatorFactory()
    arguments = {"period_start": APRIL_2025, "period_end": MARCH_2026, "value": Decimal("80"), **changes}
    with pytest.raises(IndicatorError, match=words):
        value_record(indicator=indicator, **arguments)  # type: ignore[arg-type]
    assert not IndicatorValue.objects.exists()


def test_a_computed_indicator_takes_no_typed_value_and_computes_from_the_projects_own_count() -> None:
    indicator = indicator_create(name="Policies consulted on", unit=Unit.COUNT, source="policies_consulted")
    with pytest.raises(IndicatorError, match="computes this indicator"):
        value_record(indicator=indicator, period_start=APRIL_2025, period_end=MARCH_2026, value=Decimal(3))
    for closes_on in (dt.date(2025, 6, 1), dt.date(2025, 9, 1), dt.date(2026, 5, 1)):
        ConsultationFactory(is_policy=True, status=ConsultationStatus.CLOSED, closes_on=closes_on)
    with time_machine.travel(dt.datetime(2025, 10, 1, 12, tzinfo=dt.UTC), tick=False):
        part = value_compute(indicator=indicator, year=2025)
    assert part is not None and part.value == 2 and part.period_end == dt.date(2025, 10, 1)
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        whole = value_compute(indicator=indicator, year=2025)
    # The whole year replaces the part-year value drawn earlier.
    assert whole is not None and whole.period_end == MARCH_2026
    assert list(indicator.values.values_list("period_end", flat=True)) == [MARCH_2026]
    assert "Computed on 01/06/2026" in whole.note


def test_a_survey_value_keeps_its_sample_size_and_margin() -> None:
    indicator = IndicatorFactory(is_survey=True, name="Listens to views and acts on them")
    row = value_record(
        indicator=indicator,
        period_start=APRIL_2025,
        period_end=MARCH_2026,
        value=Decimal(71),
        sample_size=400,
        margin=Decimal("4.4"),
    )
    assert (row.sample_size, row.margin) == (400, Decimal("4.4"))


def test_the_table_shows_status_change_and_quartile_and_downloads(officer_client: Client) -> None:
    indicator = IndicatorFactory(name="Repairs done on time")
    IndicatorValueFactory(indicator=indicator, value=Decimal(80))
    IndicatorValueFactory(
        indicator=indicator,
        period_start=dt.date(2024, 4, 1),
        period_end=dt.date(2025, 3, 31),
        value=Decimal(75),
    )
    target_set(indicator=indicator, year=2025, value=Decimal(85))
    peers = IndicatorPeerSet.objects.create(name="Peers 2025/26", year=2025)
    for n, figure in enumerate((70, 75, 78, 90, 95)):
        peers.figures.create(indicator=indicator, landlord=f"Landlord {n}", value=figure)
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False):
        page = officer_client.get(reverse("staff:indicators"), {"year": 2025})
        csv = officer_client.get(reverse("staff:indicators"), {"year": 2025, "format": "csv"})
    text = page.content.decode()
    assert "Not met" in text and "Better" in text and "Second quartile" in text
    assert csv["Content-Type"].startswith("text/csv")
    assert "Repairs done on time" in csv.content.decode() and "Not met" in csv.content.decode()


def test_an_officer_adds_an_indicator_and_a_target_through_the_pages(officer_client: Client) -> None:
    response = officer_client.post(
        reverse("staff:indicator-new"),
        {"name": "Repairs done on time", "unit": "percent", "direction": "higher", "source": ""},
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and indicator.higher_is_better
    response = officer_client.post(
        reverse("staff:indicator-target", args=[indicator.pk]), {"year": 2025, "value": "150"}
    )
    assert response.status_code == 400 and "Give a percentage from 0 to 100." in response.content.decode()
    assert not IndicatorTarget.objects.exists()
    officer_client.post(reverse("staff:indicator-target", args=[indicator.pk]), {"year": 2025, "value": "90"})
    assert IndicatorTarget.objects.get().value == 90
    response = officer_client.post(
        reverse("staff:indicator-value", args=[indicator.pk]),
        {"period_start": "1/4/2025", "period_end": "31/3/2026", "value": "88"},
    )
    assert response.status_code == 302
    assert "88%" in officer_client.get(reverse("staff:indicator", args=[indicator.pk])).content.decode()


def test_a_board_reader_reads_but_cannot_change(client: Client) -> None:
    indicator = IndicatorFactory()
    sign_in(client, staff_user(Role.BOARD_READER, "bea@example.org"))
    assert client.get(reverse("staff:indicators")).status_code == 200
    assert client.get(reverse("staff:indicator", args=[indicator.pk])).status_code == 200
    assert (
        client.post(
            reverse("staff:indicator-target", args=[indicator.pk]), {"year": 2025, "value": "9"}
        ).status_code
        == 403
    )


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("values.csv", text.encode(), content_type="text/csv")


def test_an_import_with_one_bad_row_keeps_nothing_and_says_which_row(
    officer_client: Client, tmp_path: object
) -> None:
    IndicatorFactory(name="Repairs done on time")
    IndicatorFactory(name="Gas safety checks", unit=Unit.PERCENT)
    body = (
        "indicator,period start,period end,value\n"
        "Repairs done on time,01/04/2025,31/03/2026,91\n"
        "Gas safety checks,01/04/2025,31/03/2026,lots\n"
        "Void turnaround,01/04/2025,31/03/2026,12\n"
    )
    response = officer_client.post(reverse("staff:indicator-values-import"), {"file": _csv(body)})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Row 3, column value: Give a number." in text
    assert "Row 4, column indicator: There is no indicator with this name." in text
    assert not IndicatorValue.objects.exists()
    good = body.replace("lots", "99.5").replace("Void turnaround,01/04/2025,31/03/2026,12\n", "")
    response = officer_client.post(reverse("staff:indicator-values-import"), {"file": _csv(good)})
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(origin=IndicatorValue.Origin.IMPORTED).count() == 2


def test_peers_figures_import_all_or_nothing(officer_client: Client) -> None:
    IndicatorFactory(name="Repairs done on time")
    bad = "landlord,Repairs done on time,Colour of doors\nA,90,\n"
    response = officer_client.post(
        reverse("staff:indicator-peers"),
        {"name": "Peers", "year": 2025, "file": _csv(bad)},
    )
    assert response.status_code == 400 and "Colour of doors" in response.content.decode()
    assert not IndicatorPeerSet.objects.exists()
    good = "landlord,Repairs done on time\nA,90\nB,\nC,80\n"
    response = officer_client.post(
        reverse("staff:indicator-peers"), {"name": "Peers", "year": 2025, "file": _csv(good)}
    )
    assert response.status_code == 302
    assert IndicatorPeerSet.objects.get().figures.count() == 2


def test_values_import_refuses_a_computed_indicator_in_the_file(tmp_path: object) -> None:
    indicator_create(name="Policies consulted on", unit=Unit.COUNT, source="policies_consulted")
    path = __import__("pathlib").Path(str(tmp_path)) / "v.csv"
    path.write_text(
        "indicator,period start,period end,value\nPolicies consulted on,2025-04-01,2026-03-31,3\n"
    )
    outcome = values_import(path)
    assert [p.problem for p in outcome.problems] == [
        "TenantVoice computes this indicator: leave it out of the file."
    ]


def test_hours_of_involvement_are_not_drawn_while_a_levels_few_people_are_hidden() -> None:
    """The hours of one or two people are theirs (decision 0017): the total is not drawn while
    the quarterly return hides a level's hours, so they cannot be worked out from it."""
    from tenantvoice.involvement.models import Level
    from tenantvoice.involvement.services import level_join
    from tenantvoice.strategies.loader import strategy_load
    from tests.factories import HoursLogFactory, make_resident

    strategy_load("housing-for-women")
    level = Level.objects.get(order=2)
    people = [make_resident() for _ in range(2)]
    for person in people:
        level_join(resident=person, level=level, consent_wording="I agree", on=dt.date(2025, 4, 2))
    HoursLogFactory(resident=people[0], on=dt.date(2025, 8, 1), hours=Decimal("6.75"), description="Leaflet")
    indicator = indicator_create(name="Hours of involvement", unit=Unit.HOURS, source="hours_of_involvement")
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False):
        assert value_compute(indicator=indicator, year=2025) is None
    assert not IndicatorValue.objects.exists()
    # With a threshold of 1 nothing is hidden and the year's hours are drawn.
    from tenantvoice.core.selectors import landlord_get

    landlord = landlord_get()
    landlord.suppression_threshold = 1
    landlord.save(update_fields=["suppression_threshold"])
    with time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC), tick=False):
        drawn = value_compute(indicator=indicator, year=2025)
    assert drawn is not None and drawn.value == Decimal("6.75")
