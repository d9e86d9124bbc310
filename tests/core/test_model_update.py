"""model_update: the one way a service changes a row it has (decision 0035)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenantvoice.consultations.models import Consultation
from tenantvoice.core.updates import model_update
from tenantvoice.involvement.models import ServiceArea
from tenantvoice.residents.models import Resident

from ..factories import ConsultationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def test_it_returns_what_changed_with_old_and_new_values() -> None:
    resident = ResidentFactory(first_name="Ann", email="ann@example.org")
    changes = model_update(
        resident, ["first_name", "email"], {"first_name": "Anne", "email": "ann@example.org"}
    )
    assert changes == {"first_name": ["Ann", "Anne"]}
    assert list(changes) == ["first_name"]
    assert Resident.objects.get(pk=resident.pk).first_name == "Anne"


def test_it_saves_nothing_when_nothing_changed(django_assert_num_queries: object) -> None:
    resident = ResidentFactory(first_name="Ann")
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert model_update(resident, ["first_name"], {"first_name": "Ann"}) == {}


def test_it_saves_only_the_changed_columns_and_updated_at() -> None:
    resident = ResidentFactory(first_name="Ann", last_name="Lee")
    before = resident.updated_at
    # Another writer changes the last name meanwhile; saving the first name must not undo it.
    Resident.objects.filter(pk=resident.pk).update(last_name="Li")
    with CaptureQueriesContext(connection) as queries:
        model_update(resident, ["first_name", "last_name"], {"first_name": "Anne"})
    [update] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert '"first_name"' in update and '"updated_at"' in update and '"last_name"' not in update
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.first_name, stored.last_name) == ("Anne", "Li") and stored.updated_at > before


def test_derived_columns_are_saved_but_not_reported() -> None:
    resident = ResidentFactory(last_name="Lee", last_name_key="lee")

    def keys(changed: list[str]) -> list[str]:
        assert changed == ["last_name"]
        resident.last_name_key = resident.last_name.lower()
        return ["last_name_key"]

    assert model_update(resident, ["last_name"], {"last_name": "Li"}, derive=keys) == {
        "last_name": ["Lee", "Li"]
    }
    assert Resident.objects.get(pk=resident.pk).last_name_key == "li"


def test_a_field_the_caller_may_not_change_is_refused_not_dropped() -> None:
    resident = ResidentFactory()
    with pytest.raises(TypeError, match="email_problem"):
        model_update(resident, ["first_name"], {"email_problem": "bounced"})


def test_many_to_many_changes_are_set_and_reported() -> None:
    repairs = ServiceArea.objects.create(slug="repairs", name="Repairs")
    asb = ServiceArea.objects.create(slug="asb", name="Anti-social behaviour")
    consultation: Consultation = ConsultationFactory()
    consultation.service_areas.set([repairs])
    changes = model_update(consultation, ["service_areas"], {"service_areas": [repairs, asb]})
    assert changes == {"service_areas": ["Repairs", "Anti-social behaviour; Repairs"]}
    assert model_update(consultation, ["service_areas"], {"service_areas": [asb, repairs]}) == {}
