"""A service's refusal (DomainError) reaches an API caller as a 400 against its field, from the
one exception handler, with no copy of the rule in the serializer (decision 0035)."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from ..factories import AreaFactory, TenancyFactory


def test_a_services_refusal_reaches_the_api_caller_against_the_field(officer_api: APIClient) -> None:
    """The rule lives only in the service (area_update); the API still answers with its words."""
    estate = AreaFactory(name="Oak Estate")
    block = AreaFactory(name="Block A", parent=estate)
    response = officer_api.patch(f"/api/v1/areas/{estate.pk}/", {"parent": block.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {"parent": ["An area cannot be moved under itself or one of its own areas."]}
    estate.refresh_from_db()
    assert estate.parent is None


def test_a_tenancys_dates_are_checked_by_the_service_for_every_caller(officer_api: APIClient) -> None:
    tenancy = TenancyFactory(start_date=dt.date(2024, 5, 1))
    response = officer_api.patch(
        f"/api/v1/tenancies/{tenancy.pk}/", {"end_date": "2024-04-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"end_date": ["The end date must be the same as or after the start date."]}
