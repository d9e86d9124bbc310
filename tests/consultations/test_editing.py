"""Drafts can be corrected (issue 13): a draft consultation is edited in full (every field, its
audience, documents added and removed); once open only its wording is corrected, each
correction kept as a version with who and when (decision 0028)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.consultations.models import Consultation, ConsultationCorrection, ConsultationStatus
from tenantvoice.consultations.services import (
    ConsultationError,
    consultation_correct,
    consultation_create,
    consultation_update,
    document_add,
    document_remove,
)
from tenantvoice.core.models import AuditEvent
from tenantvoice.involvement.models import ServiceArea
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def draft(by: Any = None) -> Consultation:
    return consultation_create(
        title="Lettings policy",
        summary="We propose to change how we let homes.",
        likely_effect="Waiting times may change.",
        closes_on=TODAY + dt.timedelta(days=40),
        by=by,
    )


def opened(consultation: Consultation) -> Consultation:
    Consultation.objects.filter(pk=consultation.pk).update(status=ConsultationStatus.OPEN, opens_on=TODAY)
    consultation.refresh_from_db()
    return consultation


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 plan", content_type="application/pdf")


def edit_url(consultation: Consultation) -> str:
    return reverse("staff-consultations:consultation-edit", args=[consultation.pk])


def full_edit(**changes: str) -> dict[str, str]:
    return {
        "step": "draft",
        "c-title": "Lettings and transfers policy",
        "c-summary": "We propose to change how we let and transfer homes.",
        "c-proposal": "The whole proposal.",
        "c-likely_effect": "Transfers may be quicker.",
        "c-who_is_affected": "Tenants waiting for a transfer.",
        "c-topic": "housing_management",
        "c-is_policy": "",
        "c-statutory_s54": "on",
        "c-closes_on": (TODAY + dt.timedelta(days=50)).strftime("%d/%m/%Y"),
        "a-tenures": "secure",
        **changes,
    }


def test_a_draft_is_edited_in_full_with_its_audience(officer_client: Client, officer: User) -> None:
    consultation = draft(by=officer)
    lettings, _ = ServiceArea.objects.get_or_create(slug="lettings", defaults={"name": "Lettings"})
    page = officer_client.get(edit_url(consultation)).content.decode()
    assert "Edit the draft" in page and "Lettings policy" in page

    response = officer_client.post(edit_url(consultation), full_edit(**{"c-service_areas": str(lettings.pk)}))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Lettings and transfers policy"
    assert consultation.summary == "We propose to change how we let and transfer homes."
    assert consultation.proposal == "The whole proposal."
    assert consultation.likely_effect == "Transfers may be quicker."
    assert consultation.who_is_affected == "Tenants waiting for a transfer."
    assert consultation.topic == "housing_management"
    assert consultation.is_policy is False and consultation.statutory_s54 is True
    assert consultation.closes_on == TODAY + dt.timedelta(days=50)
    assert consultation.audience == {"tenures": ["secure"]}
    assert list(consultation.service_areas.all()) == [lettings]
    event = AuditEvent.objects.filter(object_type="consultation", actor=officer).latest("pk")
    assert event.changes["service_areas"] == ["", "Lettings"]
    assert event.changes["title"] == ["Lettings policy", "Lettings and transfers policy"]
    assert event.changes["audience"][1] == str({"tenures": ["secure"]})
    detail = officer_client.get(reverse("staff-consultations:consultation-detail", args=[consultation.pk]))
    assert "Secure" in detail.content.decode()  # the audience described

    # A draft still has the create form's checks, shown as the page's problem.
    blank = officer_client.post(edit_url(consultation), full_edit(**{"c-title": ""}))
    assert blank.status_code == 400 and "There is a problem" in blank.content.decode()
    short = officer_client.post(
        edit_url(consultation),
        full_edit(**{"c-closes_on": (TODAY - dt.timedelta(days=1)).strftime("%d/%m/%Y")}),
    )
    assert (
        short.status_code == 400
        and "The closing date must be after the day it opens." in short.content.decode()
    )


def test_a_document_is_removed_from_a_draft(officer_client: Client, officer: User, tmp_path: Path) -> None:
    consultation = draft()
    keep = document_add(consultation=consultation, title="The proposal", file=pdf(), by=officer)
    old = document_add(consultation=consultation, title="Last year's plan", file=pdf("old.pdf"), by=officer)
    stored = Path(old.file.path)
    assert stored.exists()
    detail = reverse("staff-consultations:consultation-detail", args=[consultation.pk])
    assert (
        'Remove<span class="visually-hidden"> the document Last year&#x27;s plan'
        in officer_client.get(detail).content.decode()
    )

    response = officer_client.post(
        reverse("staff-consultations:consultation-document-remove", args=[old.pk]), follow=True
    )
    assert response.status_code == 200
    assert "Removed the document" in response.content.decode()
    assert list(consultation.documents.all()) == [keep] and not stored.exists()
    event = AuditEvent.objects.filter(object_type="consultation", actor=officer).latest("pk")
    assert event.action == "delete" and "Last year's plan" in event.summary

    # Added again through the page, as before.
    added = officer_client.post(
        reverse("staff-consultations:document", args=[consultation.pk]),
        {"doc-title": "A map", "doc-file": pdf("map.pdf")},
    )
    assert added.status_code == 302 and consultation.documents.count() == 2


def test_once_open_structural_edits_are_refused_with_the_reason(
    officer_client: Client, officer: User
) -> None:
    consultation = draft()
    document = document_add(consultation=consultation, title="The proposal", file=pdf(), by=officer)
    consultation = opened(consultation)
    closes = consultation.closes_on

    # The edit page opened while it was a draft, saved after it opened.
    response = officer_client.post(edit_url(consultation), full_edit())
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "only its wording can be corrected" in page
    consultation.refresh_from_db()
    assert consultation.closes_on == closes and consultation.title == "Lettings policy"
    assert consultation.audience == {}

    removed = officer_client.post(
        reverse("staff-consultations:consultation-document-remove", args=[document.pk])
    )
    assert removed.status_code == 400 and "only its wording can be corrected" in removed.content.decode()
    assert consultation.documents.count() == 1

    with pytest.raises(ConsultationError, match="only its wording can be corrected"):
        consultation_update(consultation=consultation, closes_on=closes + dt.timedelta(days=7), by=officer)
    with pytest.raises(ConsultationError, match="only its wording can be corrected"):
        consultation_correct(consultation=consultation, closes_on="1/2/2099", by=officer)
    with pytest.raises(ConsultationError, match="only its wording can be corrected"):
        consultation_correct(consultation=consultation, topic="repairs", by=officer)
    with pytest.raises(ConsultationError, match="only its wording can be corrected"):
        document_remove(document=document, by=officer)
    with pytest.raises(ConsultationError, match="only its wording can be corrected"):
        document_add(consultation=consultation, title="Another", file=pdf("b.pdf"), by=officer)
    # A draft is edited, not corrected.
    with pytest.raises(ConsultationError, match="still a draft"):
        consultation_correct(consultation=draft(), summary="New words", by=officer)


def test_a_wording_correction_is_kept_with_who_and_when_and_residents_see_it(
    officer_client: Client, officer: User, tenant_user: User
) -> None:
    consultation = opened(draft())
    page = officer_client.get(edit_url(consultation)).content.decode()
    assert "Correct the wording" in page and "Closing date" not in page

    words = {
        "step": "correct",
        "w-title": "Lettings policy",
        "w-summary": "We propose to change how we let our homes.",
        "w-proposal": "",
        "w-likely_effect": "Waiting times may change.",
        "w-who_is_affected": "",
    }
    assert officer_client.post(edit_url(consultation), words).status_code == 302
    [version] = ConsultationCorrection.objects.filter(consultation=consultation)
    assert version.field == "summary"
    assert version.old_text == "We propose to change how we let homes."
    assert version.new_text == "We propose to change how we let our homes."
    assert version.corrected_by == officer and version.corrected_by_name == str(officer)
    assert (timezone.now() - version.corrected_at).total_seconds() < 60
    event = AuditEvent.objects.filter(object_type="consultation", actor=officer).latest("pk")
    assert event.changes == {
        "summary": ["We propose to change how we let homes.", "We propose to change how we let our homes."]
    }

    detail = officer_client.get(
        reverse("staff-consultations:consultation-detail", args=[consultation.pk])
    ).content.decode()
    assert "<h2>Corrections</h2>" in detail
    assert str(officer) in detail and "We propose to change how we let homes." in detail
    assert version.corrected_at.astimezone(timezone.get_current_timezone()).strftime("%H:%M") in detail

    public = (
        sign_in(Client(), tenant_user).get(reverse("consultation", args=[consultation.pk])).content.decode()
    )
    assert "We propose to change how we let our homes." in public
    assert "We propose to change how we let homes." not in public

    # Nothing changed, or a needed text emptied: refused in plain words, nothing kept.
    same = officer_client.post(edit_url(consultation), words)
    assert same.status_code == 400 and "Nothing was changed" in same.content.decode()
    empty = officer_client.post(edit_url(consultation), {**words, "w-title": ""})
    assert empty.status_code == 400 and "Give it a title." in empty.content.decode()
    assert ConsultationCorrection.objects.count() == 1

    # A later correction is another version; the history lists both, latest first.
    consultation_correct(consultation=consultation, title="Lettings policy 2027", by=officer)
    assert [v.field for v in consultation.corrections.all()] == ["title", "summary"]


def test_board_readers_and_residents_cannot_reach_the_edit_pages(
    board_reader: User, tenant_user: User, officer: User
) -> None:
    consultation = draft()
    document = document_add(consultation=consultation, title="The proposal", file=pdf(), by=officer)
    remove = reverse("staff-consultations:consultation-document-remove", args=[document.pk])
    for user in (board_reader, tenant_user):
        client = sign_in(Client(), user)
        assert client.get(edit_url(consultation)).status_code == 403
        assert client.post(edit_url(consultation), full_edit()).status_code == 403
        assert client.post(remove).status_code == 403
    assert Client().get(edit_url(consultation)).status_code == 302  # to sign in
    consultation.refresh_from_db()
    assert consultation.title == "Lettings policy" and consultation.documents.count() == 1
