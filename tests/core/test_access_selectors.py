"""The access_<thing>_for_<role> selectors (decision 0038): each returns the object it is
asked for, and raises Http404 (never 403) for another resident's object or a missing one; an
officer's read of a resident's record writes exactly one audit row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.accounts.selectors import access_account_for_admin, access_staff_account_for_admin
from tenantvoice.activities.models import Paper
from tenantvoice.activities.selectors import (
    access_expense_claim_for_staff,
    access_information_request_for_staff,
    access_paper_for_user,
    access_place_for_resident,
    access_support_request_for_staff,
)
from tenantvoice.comms.selectors import access_review_document_for_user, access_review_for_resident
from tenantvoice.consultations.models import ConsultationDocument, ConsultationStatus
from tenantvoice.consultations.selectors import (
    access_consultation_document_for_user,
    access_consultation_for_anyone,
)
from tenantvoice.core.models import AuditEvent
from tenantvoice.involvement.models import ElectionStatus
from tenantvoice.involvement.selectors import (
    access_election_ballot_for_resident,
    access_election_results_for_anyone,
    access_membership_for_resident,
    access_membership_for_staff,
    access_seat_holding_for_staff,
)
from tenantvoice.residents.models import Resident
from tenantvoice.residents.selectors import access_resident_for_staff
from tenantvoice.surveys.selectors import access_open_survey_for_anyone, access_survey_for_resident
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ElectionFactory,
    ExpenseClaimFactory,
    InformationRequestFactory,
    LevelMembershipFactory,
    ParticipantFactory,
    ResidentFactory,
    ReviewFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
    SupportRequestFactory,
    SurveyFactory,
    SurveyInvitationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def verified_officer(officer: User) -> User:
    """The officer as a request would carry them, past their second factor."""
    officer.is_verified = lambda: True  # type: ignore[attr-defined]
    return officer


@pytest.fixture
def stranger() -> Resident:
    return ResidentFactory(first_name="Sam", last_name="Stranger")


def test_a_place_is_the_residents_own(tess: Resident, stranger: Resident) -> None:
    place = ParticipantFactory(resident=tess)
    assert access_place_for_resident(tess, place.pk) == place
    with pytest.raises(Http404):
        access_place_for_resident(stranger, place.pk)
    with pytest.raises(Http404):
        access_place_for_resident(tess, place.pk + 1000)


def test_a_paper_is_for_the_activitys_participants_and_officers(
    tenant_user: User, tess: Resident, stranger: Resident, verified_officer: User
) -> None:
    activity = ActivityFactory()
    paper = Paper.objects.create(activity=activity, title="Agenda", file=ContentFile(b"x", name="agenda.pdf"))
    ParticipantFactory(activity=activity, resident=stranger)
    with pytest.raises(Http404):
        access_paper_for_user(tenant_user, paper.pk)
    with pytest.raises(Http404):
        access_paper_for_user(AnonymousUser(), paper.pk)
    assert access_paper_for_user(verified_officer, paper.pk) == paper
    ParticipantFactory(activity=activity, resident=tess)
    assert access_paper_for_user(tenant_user, paper.pk) == paper


def test_a_review_is_for_the_groups_members(tenant_user: User, tess: Resident, stranger: Resident) -> None:
    review = ReviewFactory(document=ContentFile(b"x", name="leaflet.pdf"))
    seat = SeatCategoryFactory(group=review.group)
    SeatHoldingFactory(seat_category=seat, resident=tess, started_on=dt.date(2020, 1, 1))
    assert access_review_for_resident(tess, review.pk) == review
    assert access_review_document_for_user(tenant_user, review.pk) == review
    with pytest.raises(Http404):
        access_review_for_resident(stranger, review.pk)
    with pytest.raises(Http404):
        access_review_document_for_user(AnonymousUser(), review.pk)


def test_a_survey_is_public_or_the_residents_invitation(tess: Resident, stranger: Resident) -> None:
    invited = SurveyFactory(public=False)
    SurveyInvitationFactory(survey=invited, resident=tess)
    assert access_survey_for_resident(tess, invited.pk) == invited
    with pytest.raises(Http404):
        access_survey_for_resident(stranger, invited.pk)
    with pytest.raises(Http404):
        access_open_survey_for_anyone(invited.pk)
    public = SurveyFactory(public=True)
    assert access_survey_for_resident(stranger, public.pk) == public
    assert access_open_survey_for_anyone(public.pk) == public


def test_a_membership_is_the_residents_own(tess: Resident, stranger: Resident) -> None:
    membership = LevelMembershipFactory(resident=tess)
    assert access_membership_for_resident(tess, membership.pk) == membership
    with pytest.raises(Http404):
        access_membership_for_resident(stranger, membership.pk)
    assert access_membership_for_staff(membership.pk) == membership


def test_a_ballot_only_while_voting_is_open(tess: Resident) -> None:
    election = ElectionFactory(status=ElectionStatus.VOTING)
    during, after = dt.date(2026, 3, 20), dt.date(2026, 4, 20)
    assert access_election_ballot_for_resident(tess, election.pk, during) == election
    with pytest.raises(Http404):
        access_election_ballot_for_resident(tess, election.pk, after)
    with pytest.raises(Http404):
        access_election_results_for_anyone(election.pk)


def test_a_draft_consultation_and_its_documents_are_for_officers(
    tenant_user: User, verified_officer: User
) -> None:
    draft = ConsultationFactory(status=ConsultationStatus.DRAFT)
    document = ConsultationDocument.objects.create(
        consultation=draft, title="Proposal", file=ContentFile(b"x", name="proposal.pdf")
    )
    with pytest.raises(Http404):
        access_consultation_for_anyone(draft.pk)
    with pytest.raises(Http404):
        access_consultation_document_for_user(tenant_user, document.pk)
    assert access_consultation_document_for_user(verified_officer, document.pk) == document
    draft.status = ConsultationStatus.OPEN
    draft.save()
    assert access_consultation_for_anyone(draft.pk) == draft
    assert access_consultation_document_for_user(tenant_user, document.pk) == document


def test_officers_fetch_claims_requests_and_seats_or_404() -> None:
    claim, request, holding = ExpenseClaimFactory(), SupportRequestFactory(), SeatHoldingFactory()
    question = InformationRequestFactory()
    assert access_information_request_for_staff(question.pk) == question
    assert access_expense_claim_for_staff(claim.pk) == claim
    assert access_support_request_for_staff(request.pk) == request
    assert access_seat_holding_for_staff(holding.pk) == holding
    with pytest.raises(Http404):
        access_expense_claim_for_staff(claim.pk + 1000)


def test_an_officers_read_of_a_resident_writes_one_audit_row(officer: User, tess: Resident) -> None:
    before = AuditEvent.objects.count()
    assert access_resident_for_staff(officer, tess.pk, summary="Viewed the record") == tess
    rows = AuditEvent.objects.order_by("-pk")[: AuditEvent.objects.count() - before]
    assert [(r.resident_id, r.summary, r.actor_id) for r in rows] == [
        (tess.pk, "Viewed the record", officer.pk)
    ]


@pytest.mark.parametrize("pk", [999_999, "not-a-number"])
def test_a_missing_resident_is_404_and_unaudited(officer: User, pk: object) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(Http404):
        access_resident_for_staff(officer, pk)
    assert AuditEvent.objects.count() == before


def test_an_administrator_manages_staff_accounts_here_not_residents(officer: User, tenant_user: User) -> None:
    assert access_staff_account_for_admin(officer.pk) == officer
    with pytest.raises(Http404):
        access_staff_account_for_admin(tenant_user.pk)
    assert access_account_for_admin(tenant_user.pk) == tenant_user


def test_an_officer_opening_a_residents_involvement_page_is_audited_once(
    officer_client: Client, tess: Resident
) -> None:
    """This page read a resident's personal data without an audit row before decision 0038."""
    before = AuditEvent.objects.count()
    response = officer_client.get(reverse("staff:resident-involvement", args=[tess.pk]))
    assert response.status_code == 200
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(r.resident_id, r.summary) for r in rows] == [(tess.pk, "Viewed the resident's involvement")]
