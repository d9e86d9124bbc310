"""A full page costs a fixed number of queries, however many rows it holds."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tenantvoice.residents.models import MemberRole, Resident, TenancyMember

from ..factories import PropertyFactory, ResidentFactory, TenancyFactory


@pytest.fixture
def big_register(db: None) -> None:
    """501 residents, each the tenant of their own home (bulk-made to keep the test quick)."""
    homes = PropertyFactory.create_batch(5)
    tenancies = [TenancyFactory(property=homes[n % 5]) for n in range(20)]
    residents = Resident.objects.bulk_create(
        ResidentFactory.build(hms_ref=f"RQ{n:04d}", email=f"rq{n}@example.org") for n in range(501)
    )
    TenancyMember.objects.bulk_create(
        TenancyMember(resident=r, tenancy=tenancies[n % 20], role=MemberRole.TENANT)
        for n, r in enumerate(residents)
    )


def test_a_page_of_500_residents_takes_a_fixed_number_of_queries(
    officer_api: APIClient,
    big_register: None,
    django_assert_max_num_queries: object,
) -> None:
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = officer_api.get("/api/v1/residents/", {"page_size": 1000})
    body = response.json()
    assert len(body["results"]) == 500  # page_size is capped at 500
    assert all(len(row["current_tenancies"]) == 1 for row in body["results"])
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        rest = officer_api.get(body["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None


@pytest.mark.parametrize("resource", ["residents", "areas", "properties", "tenancies"])
def test_no_list_counts_the_table_or_skips_rows_with_offset(
    officer_api: APIClient, big_register: None, resource: str
) -> None:
    """Cursor pages: a page is "the rows after the last one seen", so neither the first page
    nor a later one runs COUNT(*) over the table or reads past earlier rows with OFFSET."""
    first = officer_api.get(f"/api/v1/{resource}/", {"page_size": 2}).json()
    with CaptureQueriesContext(connection) as queries:
        later = officer_api.get(first["next"])
    assert later.status_code == 200 and len(later.json()["results"]) == 2
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert "COUNT(" not in sql and "OFFSET" not in sql
    with CaptureQueriesContext(connection) as queries:
        officer_api.get(f"/api/v1/{resource}/", {"page_size": 2})
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


@pytest.mark.parametrize("resource", ["areas", "properties", "tenancies"])
def test_other_lists_take_a_fixed_number_of_queries(
    officer_api: APIClient,
    big_register: None,
    resource: str,
    django_assert_max_num_queries: object,
) -> None:
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = officer_api.get(f"/api/v1/{resource}/", {"page_size": 500})
    assert response.status_code == 200
