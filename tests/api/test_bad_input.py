"""Bad input gets a 400 with a plain message against the field, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import Property, Resident, Tenancy

from ..factories import PropertyFactory, ResidentFactory, TenancyFactory


def _errors(client: APIClient, method: str, url: str, body: Any) -> dict[str, Any]:
    response = getattr(client, method)(url, body, format="json")
    assert response.status_code == 400, response.content
    return response.json()  # type: ignore[no-any-return]


GOOD_PROPERTY = {"hms_ref": "P-9", "address_line_1": "1 Ash Lane", "postcode": "M1 1AA"}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"postcode": "NOT A POSTCODE"}, "postcode", "full UK postcode"),
        ({"postcode": 12345}, "postcode", "full UK postcode"),
        ({"uprn": "12AB"}, "uprn", "digits"),
        ({"uprn": "1234567890123"}, "uprn", "12 digits"),
        ({"uprn": "１２３"}, "uprn", "digits"),  # full-width digits are not ASCII digits
        ({"property_type": "castle"}, "property_type", "not a valid choice"),
        ({"area": 999999}, "area", "There is no area with id 999999."),
        ({"area": "north"}, "area", "whole number"),
        ({"hms_ref": ""}, "hms_ref", "Give the property reference."),
        ({"hms_ref": "x" * 65}, "hms_ref", "at most 64"),
        ({"address_line_1": None}, "address_line_1", "null"),
    ],
)
def test_it_refuses_a_bad_property(
    officer_api: APIClient, change: dict[str, Any], field: str, words: str
) -> None:
    errors = _errors(officer_api, "post", "/api/v1/properties/", {**GOOD_PROPERTY, **change})
    assert list(errors) == [field]
    assert words in errors[field][0]
    assert not Property.objects.exists()


def test_it_refuses_a_duplicate_property_reference(officer_api: APIClient) -> None:
    PropertyFactory(hms_ref="P-9")
    errors = _errors(officer_api, "post", "/api/v1/properties/", GOOD_PROPERTY)
    assert errors == {"hms_ref": ["Another property already has the reference P-9."]}


def test_it_allows_a_property_to_keep_its_own_reference(officer_api: APIClient) -> None:
    prop = PropertyFactory(hms_ref="P-9")
    response = officer_api.put(f"/api/v1/properties/{prop.pk}/", GOOD_PROPERTY, format="json")
    assert response.status_code == 200, response.json()


def test_it_refuses_a_tenancy_that_ends_before_it_starts(officer_api: APIClient) -> None:
    prop = PropertyFactory()
    errors = _errors(
        officer_api,
        "post",
        "/api/v1/tenancies/",
        {
            "hms_ref": "T-9",
            "property": prop.pk,
            "tenure": "secure",
            "start_date": "2024-05-01",
            "end_date": "2024-04-30",
        },
    )
    assert errors == {"end_date": ["The end date must be the same as or after the start date."]}
    assert not Tenancy.objects.exists()


def test_it_checks_a_new_end_date_against_the_stored_start_date(officer_api: APIClient) -> None:
    tenancy = TenancyFactory()  # started 2015-04-01
    errors = _errors(officer_api, "patch", f"/api/v1/tenancies/{tenancy.pk}/", {"end_date": "2010-01-01"})
    assert "end_date" in errors
    tenancy.refresh_from_db()
    assert tenancy.end_date is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": "31/12/2024"}, "start_date"),
        ({"start_date": "2024-02-30"}, "start_date"),
        ({"tenure": "rent_to_buy"}, "tenure"),
        ({"property": 424242}, "property"),
        ({"property": None}, "property"),
        ({"hms_ref": ["T-1"]}, "hms_ref"),
    ],
)
def test_it_refuses_a_bad_tenancy(officer_api: APIClient, change: dict[str, Any], field: str) -> None:
    prop = PropertyFactory()
    body = {"hms_ref": "T-9", "property": prop.pk, "tenure": "secure", **change}
    assert field in _errors(officer_api, "post", "/api/v1/tenancies/", body)


def test_it_refuses_a_duplicate_tenancy_reference(officer_api: APIClient) -> None:
    existing = TenancyFactory(hms_ref="T-9")
    errors = _errors(
        officer_api,
        "post",
        "/api/v1/tenancies/",
        {"hms_ref": "T-9", "property": existing.property_id, "tenure": "secure"},
    )
    assert errors == {"hms_ref": ["Another tenancy already has the reference T-9."]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"date_of_birth": "yesterday"}, "date_of_birth"),
        ({"preferred_channel": "pigeon"}, "preferred_channel"),
        ({"kind": "landlord"}, "kind"),
        ({"accepts_sms": "perhaps"}, "accepts_sms"),
        ({"correspondence_postcode": "ZZZ"}, "correspondence_postcode"),
        ({"first_name": ""}, "first_name"),
        ({"first_name": {"a": 1}}, "first_name"),
    ],
)
def test_it_refuses_a_bad_resident(officer_api: APIClient, change: dict[str, Any], field: str) -> None:
    body = {"first_name": "Nia", "last_name": "Newcomer", **change}
    assert field in _errors(officer_api, "post", "/api/v1/residents/", body)
    assert not Resident.objects.exists()
    assert not AuditEvent.objects.filter(object_type="resident", action="create").exists()


def test_it_refuses_a_duplicate_person_reference_but_allows_many_without_one(officer_api: APIClient) -> None:
    ResidentFactory(hms_ref="R-1")
    ResidentFactory(hms_ref=None, email="no.ref@example.org")
    errors = _errors(
        officer_api, "post", "/api/v1/residents/", {"first_name": "A", "last_name": "B", "hms_ref": "R-1"}
    )
    assert errors == {"hms_ref": ["Another resident already has the reference R-1."]}
    response = officer_api.post("/api/v1/residents/", {"first_name": "A", "last_name": "B"}, format="json")
    assert response.status_code == 201, response.json()


def test_a_bad_resident_change_leaves_the_record_as_it_was(officer_api: APIClient) -> None:
    resident = ResidentFactory(last_name="Smith")
    errors = _errors(
        officer_api, "patch", f"/api/v1/residents/{resident.pk}/", {"last_name": "Smyth", "email": "nope"}
    )
    assert list(errors) == ["email"]
    resident.refresh_from_db()
    assert resident.last_name == "Smith"


@pytest.mark.parametrize("body", [[1, 2], "text", 42])
def test_it_refuses_a_body_that_is_not_an_object(officer_api: APIClient, body: Any) -> None:
    assert "non_field_errors" in _errors(officer_api, "post", "/api/v1/residents/", body)


def test_it_refuses_malformed_json(officer_api: APIClient) -> None:
    response = officer_api.generic("POST", "/api/v1/residents/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "query",
    [
        {"tenure": "castle"},
        {"area": "999999"},
        {"area": "north"},
        {"updated_since": "last week"},
        {"kind": "x"},
    ],
)
def test_it_refuses_a_bad_filter_with_a_400(officer_api: APIClient, query: dict[str, str]) -> None:
    response = officer_api.get("/api/v1/residents/", query)
    assert response.status_code == 400
    assert list(response.json()) == list(query)


@pytest.mark.parametrize(
    "query", [{"current": "maybe"}, {"property": "abc"}, {"hms_ref": "x", "current": "yes"}]
)
def test_it_refuses_a_bad_tenancy_filter_with_a_400(officer_api: APIClient, query: dict[str, str]) -> None:
    assert officer_api.get("/api/v1/tenancies/", query).status_code == 400


def test_an_unknown_record_is_a_404_not_a_500(officer_api: APIClient) -> None:
    assert officer_api.get("/api/v1/residents/999999/").status_code == 404
    assert officer_api.patch("/api/v1/tenancies/999999/", {}, format="json").status_code == 404
    assert officer_api.get("/api/v1/residents/abc/").status_code == 404


def test_a_duplicate_that_slips_past_the_check_is_still_a_400(
    officer_api: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two callers racing with the same reference: the database's unique index decides."""
    PropertyFactory(hms_ref="P-9")
    monkeypatch.setattr("tenantvoice.api.serializers._unique_ref", lambda *args: None)
    errors = _errors(officer_api, "post", "/api/v1/properties/", GOOD_PROPERTY)
    assert "duplicate" in errors["non_field_errors"][0]
    assert Property.objects.filter(hms_ref="P-9").count() == 1
    assert not AuditEvent.objects.filter(object_type="property").exists()
