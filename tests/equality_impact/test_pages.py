"""The register and an assessment's pages (issue 18 item 4; decision 0049)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.equality_impact.models import Assessment, AssessmentStatus
from tenantvoice.equality_impact.services import assessment_complete
from tests.conftest import sign_in
from tests.factories import ConsultationFactory

from .helpers import group_assessment, panel_with_members, record_every_finding

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_an_officer_starts_an_assessment_of_a_group_and_sees_its_figures(
    officer_client: Client, officer: User
) -> None:
    group = panel_with_members(seats=6, residents=20)
    response = officer_client.post(
        reverse("staff:equality-assessment-new"),
        {"title": "Panel EIA", "subject_kind": "group", "group": group.pk, "owner": officer.pk},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:equality-assessment", args=[assessment.pk])
    page = officer_client.get(response["Location"])
    text = page.content.decode()
    assert "Residents holding a seat on Residents Panel" in text
    assert "Support needs and accessible formats" in text  # the table of a characteristic
    assert "<svg" in text  # with its chart
    assert "Marriage and civil partnership" in text
    assert "The register does not record this" in text
    assert "Equality Act 2010 s.4" in text


def test_a_form_without_its_subject_says_what_is_missing(officer_client: Client, officer: User) -> None:
    response = officer_client.post(
        reverse("staff:equality-assessment-new"),
        {"title": "EIA", "subject_kind": "group", "owner": officer.pk},
    )
    assert response.status_code == 400
    assert "Choose the group the assessment is of." in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_new_page_is_filled_in_from_a_consultations_link(officer_client: Client) -> None:
    consultation = ConsultationFactory(title="Rent policy")
    page = officer_client.get(reverse("staff:equality-assessment-new") + f"?consultation={consultation.pk}")
    assert page.context["form"].initial["consultation"] == consultation.pk
    assert page.context["form"].initial["subject_kind"] == "consultation"


def test_recording_impact_and_a_mitigation_then_completing(officer_client: Client, officer: User) -> None:
    assessment = group_assessment(officer)
    url = reverse("staff:equality-assessment-finding", args=[assessment.pk, "age"])
    refused = officer_client.post(url, {"age-impact": "negative", "age-evidence": ""})
    assert refused.status_code == 400
    assert "Give the evidence for the impact" in refused.content.decode()
    done = officer_client.post(
        url, {"age-impact": "negative", "age-evidence": "No one under 35 on the panel"}
    )
    assert done.status_code == 302 and done["Location"].endswith("#age")
    assert assessment.findings.get(aspect="age").impact == "negative"
    added = officer_client.post(
        reverse("staff:equality-assessment-mitigation", args=[assessment.pk]),
        {
            "mitigation-aspect": "age",
            "mitigation-title": "Recruit younger members",
            "mitigation-due_on": (TODAY + dt.timedelta(days=90)).strftime("%d/%m/%Y"),
            "mitigation-owner_name": "Engagement lead",
        },
    )
    assert added.status_code == 302
    action = Action.objects.get()
    assert action.impact_finding.aspect == "age"
    record_every_finding(assessment)
    officer_client.post(url, {"age-impact": "negative", "age-evidence": "Still no one under 35"})
    completed = officer_client.post(
        reverse("staff:equality-assessment-complete", args=[assessment.pk]),
        {
            "complete-completed_on": TODAY.strftime("%d/%m/%Y"),
            "complete-review_on": (TODAY + dt.timedelta(days=365)).strftime("%d/%m/%Y"),
        },
    )
    assert completed.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.COMPLETED
    page = officer_client.get(reverse("staff:equality-assessment", args=[assessment.pk])).content.decode()
    assert "Recruit younger members" in page
    assert "Record the review" in page
    # The tracker names where the action came from and links back.
    tracker = officer_client.get(reverse("staff:action-detail", args=[action.pk])).content.decode()
    assert "Equality impact assessment" in tracker


def test_completing_too_early_is_refused_in_words(officer_client: Client, officer: User) -> None:
    assessment = group_assessment(officer)
    response = officer_client.post(
        reverse("staff:equality-assessment-complete", args=[assessment.pk]),
        {
            "complete-completed_on": TODAY.strftime("%d/%m/%Y"),
            "complete-review_on": (TODAY + dt.timedelta(days=365)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 400
    assert "Record the likely impact and its evidence for: Age" in response.content.decode()


def test_the_register_marks_reviews_due_and_filters_by_status(
    client: Client, officer: User, board_reader: User
) -> None:
    due = group_assessment(officer)
    record_every_finding(due)
    assessment_complete(assessment=due, completed_on=TODAY, review_on=TODAY + dt.timedelta(days=1))
    Assessment.objects.filter(pk=due.pk).update(review_on=TODAY)  # its review date has come
    draft = group_assessment(officer)
    Assessment.objects.filter(pk=draft.pk).update(title="Draft one")
    sign_in(client, board_reader)
    page = client.get(reverse("staff:equality-assessments"))
    text = page.content.decode()
    assert '<strong class="tag tag--red">Due for review</strong>' in text
    assert "Draft one" in text
    assert "Start an assessment" not in text  # the board reads, does not record
    filtered = client.get(reverse("staff:equality-assessments"), {"status": "due_for_review"})
    assert [row["assessment"].pk for row in filtered.context["rows"]] == [due.pk]
    drafts = client.get(reverse("staff:equality-assessments"), {"status": "draft"})
    assert [row["assessment"].pk for row in drafts.context["rows"]] == [draft.pk]
    detail = client.get(reverse("staff:equality-assessment", args=[draft.pk])).content.decode()
    assert "Save: Age" not in detail


def test_a_review_reopens_the_assessment(officer_client: Client, officer: User) -> None:
    assessment = group_assessment(officer)
    record_every_finding(assessment)
    assessment_complete(assessment=assessment, completed_on=TODAY, review_on=TODAY + dt.timedelta(days=1))
    response = officer_client.post(
        reverse("staff:equality-assessment-review", args=[assessment.pk]),
        {
            "review-reviewed_on": TODAY.strftime("%d/%m/%Y"),
            "review-notes": "New panel members",
            "review-reopen": "on",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PROGRESS


def test_the_figures_are_drawn_again_on_request(officer_client: Client, officer: User) -> None:
    assessment = group_assessment(officer)
    Assessment.objects.filter(pk=assessment.pk).update(profile={})
    response = officer_client.post(reverse("staff:equality-assessment-profile", args=[assessment.pk]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.profile["characteristics"]


def test_editing_changes_the_owner_and_review_date(
    officer_client: Client, officer: User, manager: User
) -> None:
    assessment = group_assessment(officer)
    response = officer_client.post(
        reverse("staff:equality-assessment-change", args=[assessment.pk]),
        {
            "title": "Renamed",
            "owner": manager.pk,
            "review_on": (TODAY + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.title, assessment.owner) == ("Renamed", manager)


def test_a_consultations_and_a_groups_page_link_to_their_assessments(
    officer_client: Client, officer: User
) -> None:
    consultation = ConsultationFactory(title="Rent policy")
    page = officer_client.get(reverse("staff-consultations:consultation-detail", args=[consultation.pk]))
    text = page.content.decode()
    assert "Equality impact assessments" in text
    assert f"{reverse('staff:equality-assessment-new')}?consultation={consultation.pk}" in text
    assessment = group_assessment(officer)
    group_page = officer_client.get(
        reverse("staff:group-detail", args=[assessment.group.slug])
    ).content.decode()
    assert reverse("staff:equality-assessment", args=[assessment.pk]) in group_page
    assert "Residents Panel EIA</a> (draft)" in group_page


def test_the_assessment_downloads_with_its_impacts_and_kept_figures(
    officer_client: Client, officer: User
) -> None:
    assessment = group_assessment(officer)
    url = reverse("staff:equality-assessment-finding", args=[assessment.pk, "age"])
    officer_client.post(url, {"age-impact": "negative", "age-evidence": "No one under 35 on the panel"})
    page = reverse("staff:equality-assessment", args=[assessment.pk])
    assert 'href="?format=csv"' in officer_client.get(page).content.decode()
    rows = list(csv.reader(io.StringIO(officer_client.get(page, {"format": "csv"}).content.decode())))
    assert ["Characteristic", "Likely impact", "Evidence", "Mitigations"] in rows
    assert any(row[:3] == ["Age", "Negative", "No one under 35 on the panel"] for row in rows)
    # The kept figures follow, hidden as on the page (4 residents: every count is below 5).
    assert any("hidden" in " ".join(row).lower() or "[c]" in row for row in rows)
    workbook = load_workbook(io.BytesIO(officer_client.get(page, {"format": "xlsx"}).content))
    assert len(workbook.sheetnames) > 1
