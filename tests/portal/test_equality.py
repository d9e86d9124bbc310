"""The optional equality questions: explained, stored only with consent, deletable."""

from __future__ import annotations

from django.test import Client

from tenantvoice.core.models import AuditEvent
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import EQUALITY_CONSENT_WORDING, EqualityProfile, Resident

ANSWERS = {
    "sex": "female",
    "gender_same_as_sex_at_birth": "yes",
    "ethnicity": "white_irish",
    "disability": "prefer_not_to_say",
    "religion": "none",
    "sexual_orientation": "straight",
    "caring_responsibilities": "under_20",
}


def test_it_explains_why_and_how_answers_are_protected(tenant_client: Client) -> None:
    page = tenant_client.get("/my/equality/").content.decode()
    assert "Why we ask" in page and "How we protect your answers" in page
    assert "Only a few named members of staff" in page
    assert "never shown in a way that could identify you" in page
    assert page.count("Prefer not to say") >= 7
    assert EQUALITY_CONSENT_WORDING.format(landlord=landlord_get().name) in page
    # Grouped ethnicity, with all 19 census categories.
    assert "Asian or Asian British</legend>" in page
    assert page.count('name="ethnicity"') == 20


def test_without_consent_nothing_is_saved(tenant_client: Client, tess: Resident) -> None:
    response = tenant_client.post("/my/equality/", ANSWERS)
    assert response.status_code == 400
    assert "We have not saved your answers" in response.content.decode()
    assert not EqualityProfile.objects.exists()
    assert not AuditEvent.objects.filter(object_type="equality_profile").exists()


def test_with_consent_the_answers_and_the_wording_agreed_to_are_stored(
    tenant_client: Client, tess: Resident
) -> None:
    response = tenant_client.post("/my/equality/", {**ANSWERS, "consent": "on"})
    assert response["Location"] == "/my/"
    profile = EqualityProfile.objects.get(resident=tess)
    assert profile.ethnicity == "white_irish" and profile.caring_responsibilities == "under_20"
    assert profile.consent_method == "portal"
    assert profile.consent_wording == EQUALITY_CONSENT_WORDING.format(landlord=landlord_get().name)
    assert AuditEvent.objects.filter(object_type="equality_profile", action="create").exists()
    # Shown again, pre-filled, and the view of equality data is itself logged.
    page = tenant_client.get("/my/equality/").content.decode()
    assert 'value="white_irish" id="id_ethnicity_13" checked>' in page
    assert AuditEvent.objects.filter(action="view_equality", resident_id=tess.pk).exists()


def test_every_question_may_be_skipped(tenant_client: Client, tess: Resident) -> None:
    tenant_client.post("/my/equality/", {"consent": "on"})
    profile = EqualityProfile.objects.get(resident=tess)
    assert profile.sex == "" and profile.ethnicity == ""


def test_unticking_consent_keeps_existing_answers_until_deleted(
    tenant_client: Client, tess: Resident
) -> None:
    tenant_client.post("/my/equality/", {**ANSWERS, "consent": "on"})
    tenant_client.post("/my/equality/", {**ANSWERS, "religion": "muslim"})
    assert EqualityProfile.objects.get(resident=tess).religion == "none"


def test_delete_my_answers_withdraws_consent_and_removes_them(tenant_client: Client, tess: Resident) -> None:
    tenant_client.post("/my/equality/", {**ANSWERS, "consent": "on"})
    assert "Delete my answers" in tenant_client.get("/my/equality/").content.decode()
    # A link (GET) never deletes.
    tenant_client.get("/my/equality/delete/")
    assert EqualityProfile.objects.filter(resident=tess).exists()
    response = tenant_client.post("/my/equality/delete/")
    assert response["Location"] == "/my/"
    assert not EqualityProfile.objects.filter(resident=tess).exists()
    assert AuditEvent.objects.filter(
        object_type="equality_profile", action="delete", resident_id=tess.pk
    ).exists()


def test_an_unknown_answer_is_refused(tenant_client: Client, tess: Resident) -> None:
    response = tenant_client.post("/my/equality/", {**ANSWERS, "sex": "robot", "consent": "on"})
    assert "Choose an answer to “What is your sex?” from the options shown." in response.content.decode()
    assert not EqualityProfile.objects.exists()
