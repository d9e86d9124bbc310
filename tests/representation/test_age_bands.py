"""The landlord's age bands: kept on the settings page or in a strategy file (Winchester's Table
1), checked with reasons in plain words, and used by every comparison of who takes part."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.core.age_bands import AgeBandsError, age_bands_text, parse_age_bands
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.selectors import landlord_get
from tenantvoice.representation.characteristics import DEFAULT_AGE_BANDS, landlord_characteristics
from tenantvoice.representation.compare import compare
from tenantvoice.representation.populations import residents_on
from tenantvoice.strategies.loader import StrategyError, strategy_load
from tests.factories import make_resident

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("text", "bands"),
    [
        ("16-34, 35-54, 55+", ((16, 34), (35, 54), (55, None))),
        ("16 to 34; 35–54\n55 and over", ((16, 34), (35, 54), (55, None))),
        ("55+, 18-54", ((18, 54), (55, None))),
        ("0-17, 18-64", ((0, 17), (18, 64))),
        ("", ()),
    ],
)
def test_bands_are_read_as_people_write_them(text: str, bands: Any) -> None:
    assert parse_age_bands(text) == bands
    assert parse_age_bands(age_bands_text(bands)) == bands


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("16-34, 36-54", "leave ages out"),
        ("16-34, 30-54", "overlap"),
        ("16+, 35-54", "Only the oldest band can be open-ended"),
        ("34-16", "ends before it starts"),
        ("young people", "is not an age band"),
        ("16-340", "between 0 and 120"),
    ],
)
def test_bands_that_cannot_be_used_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(AgeBandsError, match=reason):
        parse_age_bands(text)


def test_an_administrator_sets_the_bands_and_every_comparison_uses_them(admin_client: Client) -> None:
    url = reverse("staff:landlord-reporting")
    page = admin_client.get(url).content.decode()
    assert "Age bands" in page and "Smallest number of people a report shows" in page
    refused = admin_client.post(url, {"suppression_threshold": "5", "age_bands": "16-34, 30-54"})
    assert refused.status_code == 400 and "overlap" in refused.content.decode()
    assert landlord_get().age_bands == []  # nothing half-saved

    assert (
        admin_client.post(url, {"suppression_threshold": "10", "age_bands": "16-34, 35-54, 55+"}).status_code
        == 302
    )
    landlord = landlord_get()
    assert (landlord.age_bands, landlord.suppression_threshold) == ([[16, 34], [35, 54], [55, None]], 10)
    event = AuditEvent.objects.get(object_type="landlord", summary="Changed how reports count people")
    assert event.changes["age_bands"] == ["[]", "[[16, 34], [35, 54], [55, None]]"]
    assert "16-34, 35-54, 55+" in admin_client.get(url).content.decode()

    make_resident(date_of_birth=dt.date(2000, 1, 1))  # 26 on the date
    make_resident(date_of_birth=dt.date(1950, 1, 1))  # 76
    make_resident(date_of_birth=None)
    age = landlord_characteristics()["age"]
    assert [c.label for c in age.categories] == [
        "Under 16",
        "16 to 34",
        "35 to 54",
        "55 and over",
        "Date of birth not known",
    ]
    result = compare(age, residents_on(ON).none(), ON, threshold=1)
    assert [(line.category.label, line.residents) for line in result.lines] == [
        ("Under 16", 0),
        ("16 to 34", 1),
        ("35 to 54", 0),
        ("55 and over", 1),
        ("Date of birth not known", 1),
    ]

    assert admin_client.post(url, {"suppression_threshold": "10", "age_bands": ""}).status_code == 302
    assert landlord_characteristics()["age"].categories[1].label == "{} to {}".format(*DEFAULT_AGE_BANDS[0])


def test_the_threshold_cannot_be_one(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("staff:landlord-reporting"), {"suppression_threshold": "1", "age_bands": ""}
    )
    assert (
        response.status_code == 400
        and "a count of 1 always points to one person" in response.content.decode()
    )
    assert landlord_get().suppression_threshold == 5


def test_officers_cannot_change_how_reports_count(officer_client: Client) -> None:
    response = officer_client.post(
        reverse("staff:landlord-reporting"), {"suppression_threshold": "2", "age_bands": ""}
    )
    assert response.status_code == 403 and landlord_get().suppression_threshold == 5


def test_winchesters_bands_come_from_its_table_1_with_the_source_shown(client: Client) -> None:
    strategy_load("winchester")
    assert landlord_get().age_bands == [[16, 34], [35, 54], [55, None]]
    source = landlord_get().standards_sources["age_bands"]
    assert source["section"] == "3 (Table 1)"
    assert "Comparison of All tenant and Involved Tenant Profile" in source["quote"]
    # (tests/involvement/test_sources.py checks every quote, this one too, against the seed.)
    rules = client.get(reverse("involvement:how")).content.decode()
    assert "Age bands in reports of who takes part" in rules and "16-34, 35-54, 55+" in rules


BANDS_FILE = """
[strategy]
title = "Test landlord"
[landlord]
name = "Test landlord"
age_bands = "{bands}"
{sources}
"""
SOURCED = '[landlord.sources]\nage_bands = { section = "3", quote = "16-34" }'


@pytest.mark.parametrize(
    ("bands", "sources", "message"),
    [
        ("16-34, 35-54, 55+", "", "say where the bands come from"),
        ("16-34, 30-54, 55+", SOURCED, "field 'age_bands': The bands 16-34 and 30-54 overlap"),
        (
            "16-34",
            '[landlord.sources]\nage_bands = { section = "3" }',
            "a source needs the strategy's section",
        ),
    ],
)
def test_a_strategy_files_bands_are_checked(
    strategy_file: Any, bands: str, sources: str, message: str
) -> None:
    with pytest.raises(StrategyError, match=message):
        strategy_load(strategy_file(BANDS_FILE.format(bands=bands, sources=sources)))
    assert landlord_get().age_bands == []
