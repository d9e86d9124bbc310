"""Everything we hold about you, with one of everything: each kind of row shows on the page
and in the JSON file, in plain words; the export's queries do not grow with the rows; and
no one learns from it whom a resident voted for."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenantvoice.accounts.models import Invitation, SignUpCode, User
from tenantvoice.activities.models import Attendance, ClaimStatus, SupportStatus
from tenantvoice.annual_reports.models import AnnualReport, AnnualReportComment
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.core.personal_data import section_specs, subject_access_export
from tenantvoice.indicators.models import CharterComment, CharterReport
from tenantvoice.involvement.elections import (
    election_count,
    election_create,
    election_publish,
    nomination_add,
    vote_cast,
    voting_open,
)
from tenantvoice.involvement.models import (
    ElectionStatus,
    GroupRole,
    Level,
    MembershipEvent,
    MembershipStatus,
    RoleHolding,
    SeatCategory,
    SeatNomination,
    Vote,
)
from tenantvoice.involvement.services import level_join
from tenantvoice.residents.models import Resident, Tenure
from tenantvoice.residents.services import equality_profile_save
from tenantvoice.scrutiny.models import NamedResident
from tenantvoice.strategies.loader import strategy_load
from tenantvoice.surveys.models import QuestionKind
from tests.factories import make_resident

from ..conftest import sign_in
from ..factories import (
    ActionFactory,
    ActivityFactory,
    AnswerFactory,
    BallotRecordFactory,
    ElectionFactory,
    ExpenseClaimFactory,
    GroupFactory,
    HoursLogFactory,
    InformationRequestFactory,
    LevelFactory,
    LevelMembershipFactory,
    MessageFactory,
    NominationFactory,
    NoticeFactory,
    ParticipantFactory,
    QuestionFactory,
    RepresentationFactory,
    ResidentFactory,
    ResponseFactory,
    ReviewCommentFactory,
    ScrutinyReviewFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
    SupportRequestFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    UserFactory,
    VoteFactory,
)
from ..involvement.conftest import CONSENT


def _complaint_of_every_kind(tess: Resident, suffix: str) -> None:
    """A complaint answered with a point, a remedy and an extension, its learning, an Ombudsman
    case with a finding and an order; and an answer offered as a possible complaint."""
    from tenantvoice.complaints.models import PossibleComplaint
    from tenantvoice.complaints.services import (
        complaint_record,
        ombudsman_case_record,
        ombudsman_determine,
        stage_acknowledge,
        stage_assign,
        stage_extend,
        stage_respond,
    )

    complaint = complaint_record(
        what_went_wrong=f"The boiler has failed{suffix}",
        received_on=dt.date(2026, 3, 2),
        received_by="phone",
        resident=tess,
    )
    stage = complaint.stages.get()
    stage_assign(stage=stage, handler=UserFactory())
    stage_acknowledge(stage=stage, acknowledged_on=dt.date(2026, 3, 3), defined_as="The boiler")
    stage.refresh_from_db()
    stage_extend(stage=stage, new_date=stage.respond_by + dt.timedelta(days=3), reason="Parts on order")
    stage_respond(
        stage=stage,
        responded_on=dt.date(2026, 3, 20),
        response="We are sorry.",
        points=[{"summary": "No heating", "decision": "upheld", "reasons": "Parts were late"}],
        remedies=[
            {"kind": "compensation", "description": "No heating", "amount": "80", "amount_reason": "8 days"}
        ],
        learning={"what_learnt": "Parts stock", "change_made": "Keep spares"},
    )
    case = ombudsman_case_record(
        complaint=complaint, reference=f"2026{suffix}01", referred_on=dt.date(2026, 5, 1)
    )
    ombudsman_determine(
        case=case,
        determined_on=dt.date(2026, 9, 1),
        findings=[{"issue": "Heating", "determination": "service_failure"}],
        orders=[{"order": "Apologise", "comply_by": dt.date(2026, 10, 1)}],
    )
    reply = RepresentationFactory(resident=tess, text=f"Nobody came{suffix}")
    PossibleComplaint.objects.create(
        representation=reply, resident=tess, matched="nobody came", said_on=reply.received_on
    )


def one_of_everything(tess: Resident, suffix: str = "") -> dict[str, str]:
    """A row of every kind about Tess; returns, per section, a value that must show in it."""
    capped = LevelFactory(name=f"Involved tenants{suffix}", cap=1)
    LevelMembershipFactory(level=capped, status=MembershipStatus.WAITING)  # someone ahead of Tess
    waiting = LevelMembershipFactory(
        resident=tess,
        level=capped,
        status=MembershipStatus.WAITING,
        application=f"I want to help{suffix}",
    )
    MembershipEvent.objects.create(
        membership=waiting, from_status=MembershipStatus.APPLIED, to_status=MembershipStatus.WAITING
    )
    group = GroupFactory(name=f"Scrutiny panel{suffix}")
    holding = SeatHoldingFactory(resident=tess, seat_category=SeatCategoryFactory(group=group))
    RoleHolding.objects.create(holding=holding, role=GroupRole.CHAIR, started_on=dt.date(2025, 5, 1))
    SeatNomination.objects.create(
        seat_category=SeatCategoryFactory(group=group, how_filled="nomination"),
        resident=tess,
        body_name=f"Hulme TRA{suffix}",
        nominated_on=dt.date(2025, 3, 1),
    )
    NominationFactory(resident=tess, statement=f"I will speak up for older residents{suffix}")
    BallotRecordFactory(resident=tess, election=ElectionFactory(title=f"Board election{suffix}"))
    place = ParticipantFactory(
        resident=tess,
        activity=ActivityFactory(title=f"Estate walkabout{suffix}"),
        attendance=Attendance.PRESENT,
    )
    SupportRequestFactory(
        participant=place, details=f"A taxi from home{suffix}", status=SupportStatus.ARRANGED
    )
    HoursLogFactory(resident=tess, description=f"Read the repairs leaflet{suffix}")
    ExpenseClaimFactory(resident=tess, description=f"Bus fare to the panel{suffix}", status=ClaimStatus.PAID)
    InformationRequestFactory(resident=tess, question=f"How many voids are there{suffix}?")
    survey = SurveyFactory(title=f"Repairs survey{suffix}")
    SurveyInvitationFactory(resident=tess, survey=survey)
    response = ResponseFactory(survey=survey, resident=tess, tenure=Tenure.ASSURED)
    AnswerFactory(
        response=response, question=QuestionFactory(survey=survey, text=f"How satisfied are you{suffix}?")
    )
    AnswerFactory(
        response=response,
        question=QuestionFactory(survey=survey, kind=QuestionKind.TEXT, text=f"Anything else{suffix}?"),
        choice="",
        text=f"The lift is slow{suffix}",
    )
    NoticeFactory(resident=tess)
    RepresentationFactory(resident=tess, text=f"Keep the office open{suffix}")
    MessageFactory(
        recipient=tess, subject=f"Your panel meeting{suffix}", body=f"Dear Tess, please come{suffix}"
    )
    ReviewCommentFactory(resident=tess, text=f"Use bigger letters{suffix}")
    ActionFactory(activity=None, title=f"Fix the door entry system{suffix}").raised_by.add(tess)
    NamedResident.objects.create(
        review=ScrutinyReviewFactory(title=f"Void repairs review{suffix}"),
        resident=tess,
        named_on=dt.date(2026, 5, 1),
    )
    _complaint_of_every_kind(tess, suffix)
    charter_report, _ = CharterReport.objects.get_or_create(
        year=2025, defaults={"introduction": "Our year.", "published_on": dt.date(2026, 5, 1)}
    )
    CharterComment.objects.create(
        report=charter_report, resident=tess, text=f"More open days, please{suffix}"
    )
    annual_report, _ = AnnualReport.objects.get_or_create(
        year=2025,
        defaults={
            "title": "Annual report 2025/26",
            "status": "published",
            "published_on": dt.date(2026, 7, 1),
        },
    )
    AnnualReportComment.objects.create(
        report=annual_report, resident=tess, text=f"Show repairs by area{suffix}"
    )
    return {
        "complaints": f"The boiler has failed{suffix}",
        "possible_complaints": "nobody came",
        "levels": f"I want to help{suffix}",
        "groups": f"Scrutiny panel{suffix}",
        "nominations": f"I will speak up for older residents{suffix}",
        "ballots": f"Board election{suffix}",
        "activities": f"Estate walkabout{suffix}",
        "support": f"A taxi from home{suffix}",
        "hours": f"Read the repairs leaflet{suffix}",
        "expenses": f"Bus fare to the panel{suffix}",
        "information_requests": f"How many voids are there{suffix}?",
        "survey_invitations": f"Repairs survey{suffix}",
        "survey_answers": f"The lift is slow{suffix}",
        "consultation_notices": "Letter",
        "consultation_replies": f"Keep the office open{suffix}",
        "messages": f"Dear Tess, please come{suffix}",
        "readers_panel": f"Use bigger letters{suffix}",
        "actions": f"Fix the door entry system{suffix}",
        "scrutiny_named": f"Void repairs review{suffix}",
        "charter_comments": f"More open days, please{suffix}",
        "annual_report_comments": f"Show repairs by area{suffix}",
    }


@pytest.fixture
def full_record(tess: Resident, tenant_user: User, officer: User) -> dict[str, str]:
    expected = one_of_everything(tess)
    equality_profile_save(
        resident=tess,
        answers={"religion": "buddhist"},
        consent=True,
        consent_method="portal",
        by=tenant_user,
        landlord_name="Oakfield Homes",
    )
    # Tess has an account, so the service would refuse a new invitation: this one came before.
    Invitation.objects.create(
        resident=tess,
        token_hash="0" * 64,
        created_by=officer,
        sent_by="letter",
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    SignUpCode.objects.create(
        resident=tess,
        channel="sms",
        code_hash="1" * 64,
        session_hash="2" * 64,
        expires_at=timezone.now() + dt.timedelta(minutes=15),
    )
    audit_record(
        actor=officer,
        action=AuditAction.VIEW,
        object_type="resident",
        object_id=tess.pk,
        resident_id=tess.pk,
        summary="Viewed the resident",
    )
    return expected | {
        "details": "Tess",
        "household": tess.memberships.get().tenancy.hms_ref,
        "contact": "Letter",
        "equality": "Buddhist",
        "account": "tess@example.org",
        "account_invitations": "Letter",
        "sign_up_codes": "Text message",
        "audit_trail": "Viewed the resident",
    }


def test_every_section_has_its_row_on_the_page_and_in_the_file(
    tenant_client: Client, full_record: dict[str, str]
) -> None:
    page = tenant_client.get("/my/data/").content.decode()
    sections = tenant_client.get("/my/data.json").json()["sections"]
    specs = section_specs()
    # A section added later needs a row here too: one of everything means everything.
    assert {spec.key for spec in specs} == set(full_record)
    for spec in specs:
        assert f'<h2 id="{spec.key}">{spec.title}</h2>' in page, spec.key
        if spec.empty:
            assert spec.empty not in page, spec.key
        records = sections[spec.key]["records"]
        assert records, spec.key
        assert full_record[spec.key] in json.dumps(records, ensure_ascii=False), spec.key
        assert full_record[spec.key] in page, spec.key


def test_it_reads_in_plain_words(tenant_client: Client, full_record: dict[str, str]) -> None:
    page = tenant_client.get("/my/data/").content.decode()
    sections = tenant_client.get("/my/data.json").json()["sections"]
    for words in (
        "Groups you are a member of",
        "Meetings and events you were invited to",
        "17 May 1970",
        "1 April 2025",
        "Chair from 1 May 2025",
        "Your place on the waiting list",
        "On the waiting list",
        "Applied: waiting for a decision to On the waiting list",
        "Very satisfied",
        "How satisfied are you?",
        "Assured tenancy",
        "£4.80",
        "Paid",
        "Arranged",
        "Present",
        "Not kept: votes are secret",
    ):
        assert words in page, words
    assert sections["levels"]["records"][0]["Your place on the waiting list"] == 2
    assert sections["activities"]["records"][0]["Hours counted"] == "2"
    answers = sections["survey_answers"]["records"][0]
    assert answers["How satisfied are you?"] == "Very satisfied"
    assert answers["Anything else?"] == "The lift is slow"


def test_it_shows_nothing_about_anyone_else(tenant_client: Client, full_record: dict[str, str]) -> None:
    other = ResidentFactory(first_name="Samira", last_name="Stranger")
    one_of_everything(other, suffix=" (Samira's)")
    page = tenant_client.get("/my/data/").content.decode()
    text = tenant_client.get("/my/data.json").content.decode()
    assert "Samira" not in page and "Samira" not in text
    assert "olive.officer@example.org" not in page and "olive.officer@example.org" not in text


def test_the_export_makes_the_same_number_of_queries_for_one_row_of_each_kind_as_for_many(
    tess: Resident, tenant_user: User
) -> None:
    one_of_everything(tess)
    subject_access_export(resident=tess, viewer=tenant_user)  # the landlord's row is made the first time
    with CaptureQueriesContext(connection) as one:
        subject_access_export(resident=tess, viewer=tenant_user)
    for n in range(3):
        one_of_everything(tess, suffix=f" {n}")
    with CaptureQueriesContext(connection) as many:
        export = subject_access_export(resident=tess, viewer=tenant_user)
    # Four rows of everything, each with 4 messages: one made directly, and a complaint's
    # acknowledgement, extension letter and response.
    assert len(export.section("messages").records) == 4 * 4
    assert len(many.captured_queries) == len(one.captured_queries)


# --- The secret ballot ---------------------------------------------------------------------


def test_the_page_and_the_file_say_that_i_voted_and_never_for_whom(client: Client, db: None) -> None:
    strategy_load("winchester")
    panel = SeatCategory.objects.get(group__slug="tenant-panel")
    involved_level = Level.objects.get(slug="involved-tenant")

    def involved(**names: str) -> Resident:
        resident = make_resident(tenure=Tenure.SECURE, **names)
        level_join(resident=resident, level=involved_level, consent_wording=CONSENT, on=dt.date(2026, 1, 5))
        return resident

    election = election_create(
        category=panel,
        title="Tenants Panel 2026",
        seats=1,
        nominations_close_on=dt.date(2026, 3, 10),
        voting_opens_on=dt.date(2026, 3, 15),
        voting_closes_on=dt.date(2026, 3, 31),
    )
    chosen = nomination_add(
        election=election,
        resident=involved(first_name="Cassandra", last_name="Chosen"),
        statement="Cassandra's promise",
        on=dt.date(2026, 3, 1),
    )
    nomination_add(
        election=election,
        resident=involved(first_name="Dorothy", last_name="Other"),
        statement="Dorothy's promise",
        on=dt.date(2026, 3, 1),
    )
    voting_open(election=election)
    vera = involved(first_name="Vera", last_name="Voter")
    vote_cast(election=election, voter=vera, choices=[chosen.pk], on=dt.date(2026, 3, 20))
    election_count(election=election, by=None, on=dt.date(2026, 4, 1))
    election_publish(election=election)
    sign_in(client, UserFactory(email="vera@example.org", resident=vera))

    page = client.get("/my/data/").content.decode()
    text = client.get("/my/data.json").content.decode()
    ballots = json.loads(text)["sections"]["ballots"]["records"]
    assert ballots == [
        {
            "Election": "Tenants Panel 2026",
            "You voted on": "2026-03-20",
            "How your vote reached us": "Online, by the resident",
            "Who you voted for": "Not kept: votes are secret",
        }
    ]
    assert "Tenants Panel 2026" in page and "20 March 2026" in page
    for secret in ("Cassandra", "Chosen", "Dorothy", "promise", *(str(v.pk) for v in Vote.objects.all())):
        assert secret not in page, secret
        assert secret not in text, secret


def test_a_candidate_sees_their_own_nomination_and_published_result(
    tess: Resident, tenant_client: Client
) -> None:
    election = ElectionFactory(
        title="Board 2026",
        status=ElectionStatus.PUBLISHED,
    )
    mine = NominationFactory(election=election, resident=tess, statement="Tess's promise")
    VoteFactory(nomination=mine)
    election.results = [{"nomination": mine.pk, "name": "Tess Tenant", "votes": 1, "elected": True}]
    election.save(update_fields=["results"])
    record = tenant_client.get("/my/data.json").json()["sections"]["nominations"]["records"][0]
    assert record["What you wrote for the ballot paper"] == "Tess's promise"
    assert record["Result"] == "Elected with 1 vote"
