"""Filters, pagination and ordering of the lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tenantvoice.residents.models import MemberRole, Resident

from ..factories import (
    AreaFactory,
    PropertyFactory,
    ResidentFactory,
    TenancyFactory,
    TenancyMemberFactory,
)


def _ids(client: APIClient, url: str, **query: Any) -> list[int]:
    response = client.get(url, query)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def places(db: None) -> dict[str, Any]:
    north = AreaFactory(name="North")
    riverside = AreaFactory(name="Riverside", parent=north, level="neighbourhood")
    oak = AreaFactory(name="Oak Estate", parent=riverside, level="estate")
    south = AreaFactory(name="South")
    return {
        "north": north,
        "riverside": riverside,
        "oak": oak,
        "south": south,
        "oak_home": PropertyFactory(
            area=oak, postcode="M15 4AB", postcode_key="M154AB", property_type="sheltered", hms_ref="P-OAK"
        ),
        "south_home": PropertyFactory(
            area=south, postcode="LS1 2AB", postcode_key="LS12AB", managed_for="Partner Trust"
        ),
    }


def test_areas_filter_by_parent_level_and_name(officer_api: APIClient, places: dict[str, Any]) -> None:
    url = "/api/v1/areas/"
    assert _ids(officer_api, url, parent=places["north"].pk) == [places["riverside"].pk]
    assert _ids(officer_api, url, level="estate") == [places["oak"].pk]
    assert _ids(officer_api, url, name="RIVER") == [places["riverside"].pk]
    assert _ids(officer_api, url, top_level="true") == [places["north"].pk, places["south"].pk]
    assert len(_ids(officer_api, url, top_level="false")) == 2


def test_properties_in_an_area_include_those_in_areas_under_it(
    officer_api: APIClient, places: dict[str, Any]
) -> None:
    url = "/api/v1/properties/"
    assert _ids(officer_api, url, area=places["north"].pk) == [places["oak_home"].pk]
    assert _ids(officer_api, url, area=places["oak"].pk) == [places["oak_home"].pk]
    assert _ids(officer_api, url, area=places["south"].pk) == [places["south_home"].pk]


@pytest.mark.parametrize(
    "query",
    [
        {"postcode": "m154ab"},
        {"postcode": " M15  4AB "},
        {"property_type": "sheltered"},
        {"hms_ref": "P-OAK"},
    ],
)
def test_properties_filter_by_postcode_type_and_reference(
    officer_api: APIClient, places: dict[str, Any], query: dict[str, str]
) -> None:
    assert _ids(officer_api, "/api/v1/properties/", **query) == [places["oak_home"].pk]


def test_properties_filter_by_who_they_are_managed_for(
    officer_api: APIClient, places: dict[str, Any]
) -> None:
    url = "/api/v1/properties/"
    assert _ids(officer_api, url, managed_for="Partner Trust") == [places["south_home"].pk]


def test_tenancies_filter_by_current_property_tenure_and_reference(officer_api: APIClient) -> None:
    today = timezone.localdate()
    live = TenancyFactory(tenure="secure", hms_ref="T-LIVE")
    ended = TenancyFactory(property=live.property, end_date=today - dt.timedelta(days=1))
    future = TenancyFactory(start_date=today + dt.timedelta(days=30))
    url = "/api/v1/tenancies/"
    assert _ids(officer_api, url, current="true") == [live.pk]
    assert sorted(_ids(officer_api, url, current="false")) == sorted([ended.pk, future.pk])
    assert sorted(_ids(officer_api, url, property=live.property_id)) == sorted([live.pk, ended.pk])
    assert _ids(officer_api, url, tenure="secure") == [live.pk]
    assert _ids(officer_api, url, hms_ref="T-LIVE") == [live.pk]


def test_residents_filter_by_last_name_prefix_in_any_case(officer_api: APIClient) -> None:
    smith = ResidentFactory(last_name="Smith", last_name_key="smith")
    smythe = ResidentFactory(last_name="Smythe", last_name_key="smythe")
    ResidentFactory(last_name="Jones", last_name_key="jones")
    url = "/api/v1/residents/"
    assert _ids(officer_api, url, last_name="SMI") == [smith.pk]
    assert sorted(_ids(officer_api, url, last_name="sm")) == sorted([smith.pk, smythe.pk])
    assert _ids(officer_api, url, last_name="o'") == []


def test_residents_filter_by_their_current_home(officer_api: APIClient, places: dict[str, Any]) -> None:
    today = timezone.localdate()
    at_oak = TenancyMemberFactory(
        tenancy=TenancyFactory(property=places["oak_home"], tenure="secure"), role=MemberRole.TENANT
    ).resident
    # A former tenant of the same home is not found by its postcode or area.
    TenancyMemberFactory(
        tenancy=TenancyFactory(property=places["oak_home"], end_date=today - dt.timedelta(days=2))
    )
    TenancyMemberFactory(tenancy=TenancyFactory(property=places["south_home"], tenure="leasehold"))
    url = "/api/v1/residents/"
    assert _ids(officer_api, url, postcode="m15 4ab") == [at_oak.pk]
    assert _ids(officer_api, url, area=places["north"].pk) == [at_oak.pk]
    assert _ids(officer_api, url, tenure="secure", area=places["riverside"].pk) == [at_oak.pk]
    assert _ids(officer_api, url, tenure="secure", area=places["south"].pk) == []


def test_a_resident_in_two_matching_tenancies_is_listed_once(officer_api: APIClient) -> None:
    resident = ResidentFactory()
    for _ in range(2):
        TenancyMemberFactory(resident=resident, tenancy=TenancyFactory(tenure="secure"))
    assert _ids(officer_api, "/api/v1/residents/", tenure="secure") == [resident.pk]


def test_residents_filter_by_kind_and_reference(officer_api: APIClient) -> None:
    applicant = ResidentFactory(kind="applicant", hms_ref="R-APP")
    ResidentFactory()
    assert _ids(officer_api, "/api/v1/residents/", kind="applicant") == [applicant.pk]
    assert _ids(officer_api, "/api/v1/residents/", hms_ref="R-APP") == [applicant.pk]


def test_updated_since_returns_only_residents_changed_since(officer_api: APIClient) -> None:
    old, recent = ResidentFactory.create_batch(2)
    long_ago = timezone.now() - dt.timedelta(days=10)
    Resident.objects.filter(pk=old.pk).update(updated_at=long_ago)
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert _ids(officer_api, "/api/v1/residents/", updated_since=since) == [recent.pk]


def test_a_resident_shows_current_tenancies_but_never_equality_answers(officer_api: APIClient) -> None:
    member = TenancyMemberFactory(role=MemberRole.JOINT_TENANT)
    body = officer_api.get(f"/api/v1/residents/{member.resident_id}/").json()
    assert body["current_tenancies"] == [
        {
            "tenancy_id": member.tenancy_id,
            "tenancy_ref": member.tenancy.hms_ref,
            "role": "joint_tenant",
            "tenure": member.tenancy.tenure,
            "property_id": member.tenancy.property_id,
            "property_ref": member.tenancy.property.hms_ref,
        }
    ]
    for word in ("equality", "ethnicity", "religion", "sexual", "disability", "sex", "gender"):
        assert not any(word in key for key in body), word


def _pages(client: APIClient, url: str, **query: Any) -> list[list[int]]:
    """Every page's ids, following the next links from the first page."""
    pages = []
    body = client.get(url, query).json()
    while True:
        pages.append([row["id"] for row in body["results"]])
        if body["next"] is None:
            return pages
        body = client.get(body["next"]).json()


def test_page_size_chooses_the_page_length_and_next_links_the_rest(officer_api: APIClient) -> None:
    ResidentFactory.create_batch(3)
    body = officer_api.get("/api/v1/residents/", {"page_size": 2}).json()
    assert "count" not in body and len(body["results"]) == 2 and body["previous"] is None
    assert "cursor=" in body["next"] and "page_size=2" in body["next"]
    second = officer_api.get(body["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    # The previous link goes back to the same first page.
    back = officer_api.get(second["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in body["results"]]


def test_a_cursor_the_api_did_not_give_out_is_a_404_not_a_500(officer_api: APIClient) -> None:
    ResidentFactory()
    for cursor in ("not-base64!", "cD1bMV0=", "cD1bImEiLCAiYiJd"):  # junk; p=[1]; p=["a", "b"]
        response = officer_api.get("/api/v1/residents/", {"cursor": cursor})
        assert response.status_code == 404 and "page link" in response.json()["detail"], cursor


def test_ordering_is_stable_when_names_are_equal(officer_api: APIClient) -> None:
    twins = [
        ResidentFactory(first_name="Sam", last_name="Lee", first_name_key="sam", last_name_key="lee")
        for _ in range(5)
    ]
    expected = sorted(r.pk for r in twins)
    assert _ids(officer_api, "/api/v1/residents/") == expected
    assert _pages(officer_api, "/api/v1/residents/", page_size=2) == [
        expected[:2],
        expected[2:4],
        expected[4:],
    ]


def test_cursor_pages_keep_the_filters(officer_api: APIClient) -> None:
    smiths = [ResidentFactory(last_name="Smith", last_name_key="smith") for _ in range(5)]
    ResidentFactory.create_batch(3, last_name="Jones", last_name_key="jones")
    pages = _pages(officer_api, "/api/v1/residents/", last_name="smi", page_size=2)
    assert [len(page) for page in pages] == [2, 2, 1]
    # In the list's own order (name, then id), as one long page gives it.
    assert sum(pages, []) == _ids(officer_api, "/api/v1/residents/", last_name="smi")
    assert sorted(sum(pages, [])) == sorted(r.pk for r in smiths)


def test_many_rows_with_one_updated_at_page_through_without_repeats_or_gaps(
    officer_api: APIClient,
) -> None:
    """A sync client orders by updated_at, which an import stamps on thousands of rows at once:
    the cursor carries the id too, so ties never loop, repeat or skip."""
    residents = ResidentFactory.create_batch(7)
    Resident.objects.update(updated_at=timezone.now())
    pages = _pages(officer_api, "/api/v1/residents/", ordering="updated_at", page_size=3)
    assert sum(pages, []) == sorted(r.pk for r in residents)
    newest_first = _pages(officer_api, "/api/v1/residents/", ordering="-updated_at", page_size=3)
    assert sum(newest_first, []) == sorted(r.pk for r in residents)


def test_tenancies_with_no_start_date_are_paged_like_any_other(officer_api: APIClient) -> None:
    """The tenancy list is newest start first; a NULL start sorts last on both databases."""
    today = timezone.localdate()
    dated = [TenancyFactory(start_date=today - dt.timedelta(days=n)) for n in range(3)]
    undated = [TenancyFactory(start_date=None) for _ in range(2)]
    pages = _pages(officer_api, "/api/v1/tenancies/", page_size=2)
    assert sum(pages, [])[:3] == [t.pk for t in dated]
    assert sorted(sum(pages, [])[3:]) == sorted(t.pk for t in undated)


def test_ordering_by_updated_at_breaks_ties_by_id(officer_api: APIClient) -> None:
    residents = ResidentFactory.create_batch(3)
    Resident.objects.update(updated_at=timezone.now())
    assert _ids(officer_api, "/api/v1/residents/", ordering="updated_at") == sorted(r.pk for r in residents)
    assert officer_api.get("/api/v1/residents/", {"ordering": "email"}).status_code == 200


@pytest.mark.parametrize("ordering", ["-start_date", "start_date"])
def test_pages_cross_from_dated_to_undated_tenancies_both_ways(officer_api: APIClient, ordering: str) -> None:
    """A page that starts among the dated tenancies and ends among the undated ones (or the
    other way round) is read in two parts, each a range of an index (api.pagination._after);
    together they are the same rows as one pass, forwards and back."""
    today = timezone.localdate()
    for n in range(3):
        TenancyFactory(start_date=today - dt.timedelta(days=n))
        TenancyFactory(start_date=None)
    bodies = [officer_api.get("/api/v1/tenancies/", {"ordering": ordering, "page_size": 2}).json()]
    while bodies[-1]["next"]:
        bodies.append(officer_api.get(bodies[-1]["next"]).json())
    forwards = [[row["id"] for row in body["results"]] for body in bodies]
    assert len(forwards) == 3 and len(set(sum(forwards, []))) == 6
    starts = [row["start_date"] for body in bodies for row in body["results"]]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated, reverse=ordering.startswith("-"))
    assert (starts[-1] is None) == ordering.startswith("-")  # a NULL is the smallest start
    backwards = [forwards[-1]]
    body = bodies[-1]
    while body["previous"]:
        body = officer_api.get(body["previous"]).json()
        backwards.append([row["id"] for row in body["results"]])
    assert backwards[::-1] == forwards
