"""Creating and changing records through the API: services do the work and audit it."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.residents.models import Area, Property, Resident, Tenancy

from ..factories import AreaFactory, PropertyFactory, ResidentFactory, TenancyFactory


def _audit(action: str, object_type: str, object_id: object) -> AuditEvent:
    return AuditEvent.objects.get(action=action, object_type=object_type, object_id=str(object_id), via="api")


def test_it_creates_an_area_under_a_parent_with_its_path_and_full_name(officer_api: APIClient) -> None:
    north = AreaFactory(name="North")
    response = officer_api.post(
        "/api/v1/areas/", {"name": "Riverside", "level": "neighbourhood", "parent": north.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    area = Area.objects.get(pk=response.json()["id"])
    assert area.full_name == "North > Riverside"
    assert area.path == f"{north.path}{area.pk}/"
    assert response.json()["full_name"] == "North > Riverside"
    assert _audit(AuditAction.CREATE, "area", area.pk).actor is not None


def test_moving_an_area_moves_everything_under_it(officer_api: APIClient) -> None:
    estate = AreaFactory(name="Oak Estate", parent=AreaFactory(name="Riverside"))
    block = AreaFactory(name="Block A", parent=estate)
    south = AreaFactory(name="South")
    response = officer_api.patch(f"/api/v1/areas/{estate.pk}/", {"parent": south.pk}, format="json")
    assert response.status_code == 200, response.json()
    block.refresh_from_db()
    assert block.full_name == "South > Oak Estate > Block A"
    assert block.path == f"{south.path}{estate.pk}/{block.pk}/"
    assert _audit(AuditAction.UPDATE, "area", estate.pk)


def test_it_refuses_to_move_an_area_under_its_own_child(officer_api: APIClient) -> None:
    estate = AreaFactory(name="Oak Estate")
    block = AreaFactory(name="Block A", parent=estate)
    response = officer_api.patch(f"/api/v1/areas/{estate.pk}/", {"parent": block.pk}, format="json")
    assert response.status_code == 400
    assert "under itself" in response.json()["parent"][0]


def test_it_refuses_a_second_area_with_the_same_name_in_the_same_place(officer_api: APIClient) -> None:
    AreaFactory(name="North")
    response = officer_api.post("/api/v1/areas/", {"name": "North"}, format="json")
    assert response.status_code == 400
    assert response.json()["name"] == ["There is already an area called North."]


def test_it_creates_a_property_with_a_tidied_postcode_and_search_keys(officer_api: APIClient) -> None:
    area = AreaFactory()
    response = officer_api.post(
        "/api/v1/properties/",
        {
            "hms_ref": "P-1",
            "address_line_1": "12 Elm Road",
            "postcode": "m15 4ab",
            "uprn": "100012345678",
            "area": area.pk,
            "property_type": "sheltered",
            "location": "urban",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    prop = Property.objects.get(hms_ref="P-1")
    assert (prop.postcode, prop.postcode_key, prop.address_key) == ("M15 4AB", "M154AB", "12 elm road")
    assert response.json()["area_name"] == area.full_name
    assert _audit(AuditAction.CREATE, "property", prop.pk)


def test_changing_a_postcode_keeps_its_search_key_right(officer_api: APIClient) -> None:
    prop = PropertyFactory()
    response = officer_api.patch(f"/api/v1/properties/{prop.pk}/", {"postcode": "ls1 2ab"}, format="json")
    assert response.status_code == 200, response.json()
    prop.refresh_from_db()
    assert (prop.postcode, prop.postcode_key) == ("LS1 2AB", "LS12AB")
    assert _audit(AuditAction.UPDATE, "property", prop.pk).changes["postcode"][1] == "LS1 2AB"


def test_it_creates_and_ends_a_tenancy(officer_api: APIClient) -> None:
    prop = PropertyFactory()
    response = officer_api.post(
        "/api/v1/tenancies/",
        {"hms_ref": "T-1", "property": prop.pk, "tenure": "secure", "start_date": "2020-01-06"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["is_current"] is True
    tenancy = Tenancy.objects.get(hms_ref="T-1")
    response = officer_api.patch(
        f"/api/v1/tenancies/{tenancy.pk}/", {"end_date": "2021-03-31"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["is_current"] is False
    tenancy.refresh_from_db()
    assert tenancy.end_date == dt.date(2021, 3, 31)
    assert _audit(AuditAction.CREATE, "tenancy", tenancy.pk)
    assert _audit(AuditAction.UPDATE, "tenancy", tenancy.pk).changes == {"end_date": [None, "2021-03-31"]}


def test_it_creates_a_resident_with_search_keys_and_an_audit_row(officer_api: APIClient) -> None:
    response = officer_api.post(
        "/api/v1/residents/",
        {
            "first_name": "Zoë",
            "last_name": "O'Brien",
            "kind": "applicant",
            "preferred_channel": "sms",
            "accepts_sms": True,
            "large_print": True,
            "hms_ref": "",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    resident = Resident.objects.get(pk=response.json()["id"])
    assert (resident.first_name_key, resident.last_name_key) == ("zoe", "obrien")
    assert resident.hms_ref is None
    assert response.json()["current_tenancies"] == []
    event = _audit(AuditAction.CREATE, "resident", resident.pk)
    assert event.resident_id == resident.pk
    assert "O'Brien" not in event.summary


def test_it_changes_a_resident_through_the_resident_update_service(officer_api: APIClient) -> None:
    resident = ResidentFactory(last_name="Smith")
    response = officer_api.patch(
        f"/api/v1/residents/{resident.pk}/", {"last_name": "Smyth", "consents_to_news": True}, format="json"
    )
    assert response.status_code == 200, response.json()
    resident.refresh_from_db()
    assert resident.last_name_key == "smyth"
    assert resident.news_consent_at is not None
    event = _audit(AuditAction.UPDATE, "resident", resident.pk)
    assert event.changes["last_name"] == ["Smith", "Smyth"]


def test_it_does_not_let_the_api_set_read_only_fields(officer_api: APIClient) -> None:
    resident = ResidentFactory()
    response = officer_api.patch(
        f"/api/v1/residents/{resident.pk}/",
        {"news_consent_at": "2020-01-01T00:00:00Z", "current_tenancies": [{"tenancy_ref": "X"}]},
        format="json",
    )
    assert response.status_code == 200
    resident.refresh_from_db()
    assert resident.news_consent_at is None
    assert not resident.memberships.exists()


def test_reading_a_resident_is_audited_once_and_a_list_once_per_request(officer_api: APIClient) -> None:
    residents = ResidentFactory.create_batch(3)
    officer_api.get(f"/api/v1/residents/{residents[0].pk}/")
    assert (
        AuditEvent.objects.filter(action=AuditAction.VIEW, resident_id=residents[0].pk, via="api").count()
        == 1
    )
    officer_api.get("/api/v1/residents/", {"last_name": "smi", "page_size": 2})
    searches = AuditEvent.objects.filter(action=AuditAction.SEARCH, via="api")
    assert searches.count() == 1
    assert "last_name=smi" in searches.get().summary
    assert AuditEvent.objects.filter(action=AuditAction.VIEW).count() == 1


@pytest.mark.parametrize("resource", ["areas", "properties", "tenancies", "residents"])
def test_the_log_names_each_list_in_plain_words(officer_api: APIClient, resource: str) -> None:
    officer_api.get(f"/api/v1/{resource}/")
    assert AuditEvent.objects.get(action=AuditAction.SEARCH, via="api").summary == f"API list of {resource}"


@pytest.mark.parametrize("resource", ["areas", "properties", "tenancies", "residents"])
def test_a_refused_write_changes_nothing_and_writes_no_audit_row(
    manager_api: APIClient, resource: str
) -> None:
    TenancyFactory()
    before = {m: m.objects.count() for m in (Area, Property, Tenancy, Resident)}
    response = manager_api.post(f"/api/v1/{resource}/", {"name": "X", "hms_ref": "X"}, format="json")
    assert response.status_code == 403
    assert {m: m.objects.count() for m in before} == before
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()
