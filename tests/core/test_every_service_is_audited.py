"""Every service that changes state writes an audit row (decision 0021).

The services are found, not listed: every public function defined in each app's
``services`` module and in the modules in ``SERVICE_LIKE_MODULES``. Each one is either in
``NOT_STATE_CHANGES`` (with the reason) or in ``CALLS``, which builds valid keyword arguments
for it from the ``World`` of factories; the test calls it and expects a new audit row, written
as the acting user's (``by``) when one is given.

Adding a service: add a line to ``CALLS`` (a function of the ``World`` returning its
keyword arguments), building what it needs through ``World``'s properties or factories.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

import tenantvoice
from tenantvoice.accounts.models import User
from tenantvoice.accounts.services import sign_up_code_send
from tenantvoice.activities.models import Activity, ExpenseClaim, Participant, Venue
from tenantvoice.activities.services import information_request_log
from tenantvoice.annual_reports.services import annual_report_comment_make
from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience
from tenantvoice.comms.models import Message, MessageStatus, Review
from tenantvoice.complaints.services import ombudsman_determine
from tenantvoice.consultations.models import Consultation, ConsultationStatus
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.roles import Role
from tenantvoice.core.selectors import landlord_get
from tenantvoice.indicators.services import charter_comment_make, charter_report_publish, charter_report_save
from tenantvoice.involvement.models import (
    Election,
    ElectionStatus,
    Group,
    Level,
    LevelMembership,
    MembershipStatus,
    SeatCategory,
    SeatHolding,
)
from tenantvoice.programme.services import programme_create
from tenantvoice.residents.hms_columns import COLUMN_NAMES
from tenantvoice.residents.models import Area, ImportRun, Property, Resident, Tenancy, Tenure
from tenantvoice.scrutiny.models import EvidenceRequest, Milestone
from tenantvoice.strategies.loader import strategy_load
from tenantvoice.surveys.models import Question, Survey, SurveyStatus
from tests.factories import (
    BEFORE_TENANTVOICE,
    ActivityFactory,
    BoardPackFactory,
    ConsultationFactory,
    ElectionFactory,
    ExpenseClaimFactory,
    GroupFactory,
    IndicatorFactory,
    InvolvementCostFactory,
    NominationFactory,
    ParticipantFactory,
    PropertyFactory,
    QuestionFactory,
    RecommendationFactory,
    ReferralFactory,
    ReportingDutyFactory,
    ReportPresentationFactory,
    ReviewFactory,
    ScrutinyReviewFactory,
    SeatCategoryFactory,
    SupportRequestFactory,
    SurveyFactory,
    TenancyFactory,
    UserFactory,
    make_resident,
    staff_user,
)

pytestmark = pytest.mark.django_db

# Modules that hold services without being called ``services``.
SERVICE_LIKE_MODULES = [
    "tenantvoice.activities.papers",
    "tenantvoice.comms.campaigns",
    "tenantvoice.complaints.assessment",
    "tenantvoice.comms.delivery",
    "tenantvoice.comms.outbox",
    "tenantvoice.comms.reviews",
    "tenantvoice.comms.templating",
    "tenantvoice.complaints.possible",
    "tenantvoice.involvement.elections",
    "tenantvoice.residents.importing.checking",
    "tenantvoice.residents.importing.mapping",
    "tenantvoice.residents.importing.rows",
    "tenantvoice.residents.importing.running",
    "tenantvoice.residents.importing.runs",
    "tenantvoice.residents.importing.writing",
    "tenantvoice.strategies.loader",
    "tenantvoice.surveys.answering",
    "tenantvoice.surveys.importing",
    "tenantvoice.surveys.peers",
]

# Public functions that change nothing (reads and pure helpers), or whose change is recorded
# by the service that calls them. Each says why.
NOT_STATE_CHANGES: dict[str, str] = {
    "indicators.services.framework_check": "pure: checks an indicator's framework, outcome and number",
    "complaints.assessment.provision_order": "pure: where a provision sits",
    "complaints.assessment.unassessed": "a read",
    "complaints.assessment.without_actions": "a read",
    "accounts.services.mfa_device_for_setup": "an unconfirmed authenticator does nothing; "
    "confirming it is audited",
    "accounts.services.mfa_confirmed_device": "a read",
    "accounts.services.invitation_find": "a read",
    "accounts.services.invitation_route": "pure: which way an invitation goes",
    "accounts.services.api_token_expires_at": "pure: a date",
    "accounts.services.email_confirmation_send": "queues the link for the service that asked for it "
    "(sign-up or an email change), which writes the row",
    "accounts.services.recorded_details_tell": "queues a message for the service that changed the "
    "account, which writes the row",
    "comms.campaigns.anyone_reachable": "a read",
    "comms.campaigns.campaign_run": "the worker's half of campaign_send, which writes the row",
    "comms.services.message_queue_to": "the outbox's building block for one address (see message_queue)",
    "comms.services.report_comment_reply_queue": "queues a reply; the reply's service audits it",
    "activities.services.notice_problem": "pure: the notice standard's wording",
    "activities.services.minutes_due_by": "pure: a date",
    "activities.services.minutes_context": "pure: the minutes message's placeholders",
    "activities.services.invitation_rule": "pure: the send's rule",
    "activities.papers.paper_check": "pure: whether an upload is acceptable",
    "comms.services.format_notes": "pure",
    "complaints.possible.dissatisfaction_in": "pure: the rule",
    "comms.services.route_for": "pure: which channel a message takes",
    "comms.services.quiet_until": "pure",
    "comms.services.resident_placeholders": "pure",
    "comms.services.unsubscribe_link": "pure",
    "comms.services.retry_delay": "pure",
    "comms.services.message_queue": "the outbox's building block: the Message row is the record of each "
    "message, and the service that causes the messages writes the audit row",
    "comms.services.send_queued_messages": "the worker's delivery of queued messages (recorded on "
    "each Message)",
    "comms.services.recover_stale_claims": "the worker's bookkeeping of its own claims on messages",
    "comms.campaigns.unknown_placeholders": "pure",
    "comms.campaigns.campaign_audience": "a read",
    "comms.campaigns.campaign_progress": "a read",
    "comms.campaigns.campaign_queue_messages": "the worker's half of campaign_send, which writes the row",
    "comms.delivery.message_for_reference": "a read",
    "comms.delivery.delivery_record": "a provider's receipt on a Message; a bounce that flags a resident's "
    "contact detail is audited",
    "comms.delivery.anymail_tracking": "a signal handler calling delivery_record",
    "comms.outbox.outbox_summary": "a read",
    "comms.outbox.outbox_stuck": "a read",
    "comms.outbox.since_days": "pure",
    "comms.reviews.panel_members": "a read",
    "comms.reviews.reviews_for": "a read",
    "comms.templating.sms_parts": "pure",
    "comms.templating.template_for": "makes the officers' row for a built-in kind on first use, no wording",
    "comms.templating.unknown_placeholders": "pure",
    "comms.templating.sample_values": "pure",
    "comms.templating.preview": "a read",
    "comms.templating.resident_data_gaps": "a read",
    "consultations.services.earliest_close": "pure",
    "consultations.services.check_period": "pure: raises when the period is too short",
    "consultations.services.organisations_told": "a read",
    "consultations.services.notice_placeholders": "pure",
    "involvement.services.consecutive_terms_before": "a read",
    "involvement.services.level_held_through_seat": "a read",
    "involvement.services.involvement_consent_wording": "pure",
    "involvement.elections.elector_problems": "a read",
    "outcomes.services.outcome_check": "pure: whether an outcome can be published",
    "programme.services.step_offsets": "pure",
    "programme.services.milestone_state": "pure",
    "programme.services.programme_table": "a read",
    "residents.services.resident_set_keys": "fills search keys on an unsaved object; the caller saves",
    "residents.services.property_set_keys": "fills search keys on an unsaved object; the caller saves",
    "residents.services.area_get_or_create_path": "the test factories' way to make areas (imports "
    "make theirs inside import_rows, which writes the row)",
    "residents.services.area_descendant_ids": "a read",
    "residents.importing.mapping.header_key": "pure",
    "residents.importing.mapping.mapping_load": "reads a mapping file",
    "residents.importing.mapping.mapping_default": "pure",
    "residents.importing.checking.check_file": "a check that saves nothing",
    "residents.importing.checking.check_rows": "a check that saves nothing",
    "residents.importing.runs.errors_as_csv": "pure",
    "strategies.loader.strategy_names": "a read",
    "strategies.loader.strategy_read": "a read",
    "strategies.loader.strategy_info": "a read",
    "surveys.services.survey_approach_update": lambda w: {
        "survey": w.survey(),
        "contractor": "Acme Research",
        "incentives": "",
        "method_notes": "",
        **by(w),
    },
    "surveys.services.survey_link": "pure",
    "surveys.services.respondent_facts": "a read",
    "surveys.services.draft_only": "a check: raises when the survey's structure may no longer change",
    "surveys.services.answers_check": "pure",
    "surveys.answering.shown_questions": "pure",
    "surveys.answering.answers_from": "pure",
    "surveys.answering.template_context": "a read",
    "surveys.peers.quartiles": "a read",
}

TODAY = timezone.localdate()
LATER = TODAY + dt.timedelta(days=60)
ZONE = timezone.get_default_timezone()


def at(day: dt.date, hour: int = 18) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZONE)


class World:
    """What the services act on, made on first use from factories (Winchester's strategy)."""

    def __init__(self, media: Path) -> None:
        strategy_load("winchester")
        self.media = media
        self.officer = staff_user(Role.ENGAGEMENT_OFFICER, "olive.officer@example.org")

    @functools.cached_property
    def admin(self) -> User:
        return staff_user(Role.ADMINISTRATOR, "ada.administrator@example.org")

    def account(self) -> User:
        """A resident's confirmed website account."""
        resident = self.resident()
        return UserFactory(resident=resident, email_confirmed_at=timezone.now())

    # --- complaints ---------------------------------------------------------------------
    def complaint(self, kind: str = "complaint") -> Any:
        from tenantvoice.complaints.services import complaint_record

        return complaint_record(
            what_went_wrong="Nobody came to fix the boiler.",
            received_on=TODAY - dt.timedelta(days=20),
            received_by="phone",
            kind=kind,
            resident=self.resident(),
        )

    def stage(self, acknowledged: bool = False, answered: bool = False) -> Any:
        from tenantvoice.complaints.services import stage_acknowledge, stage_assign, stage_respond

        stage = self.complaint().stages.get()
        stage_assign(stage=stage, handler=self.officer)
        if acknowledged or answered:
            stage_acknowledge(
                stage=stage, acknowledged_on=stage.opened_on, defined_as="The boiler", late_reason="x"
            )
        if answered:
            stage_respond(
                stage=stage,
                responded_on=stage.opened_on,
                response="Our answer",
                points=[{"summary": "Boiler", "decision": "not_upheld", "reasons": "Fixed"}],
                remedies=[
                    {"kind": "compensation", "description": "Time", "amount": "20", "amount_reason": "A day"}
                ],
            )
        stage.refresh_from_db()
        return stage

    def possible_complaint(self) -> Any:
        from tenantvoice.complaints.models import PossibleComplaint
        from tenantvoice.consultations.models import Representation

        reply = Representation.objects.create(
            consultation=ConsultationFactory(), resident=self.resident(), text="Awful", received_on=TODAY
        )
        return PossibleComplaint.objects.create(
            representation=reply, resident=reply.resident, matched="awful", said_on=TODAY
        )

    def ombudsman_case(self) -> Any:
        from tenantvoice.complaints.services import ombudsman_case_record

        return ombudsman_case_record(
            complaint=self.stage(answered=True).complaint, reference="202412345", referred_on=TODAY
        )

    # --- residents ----------------------------------------------------------------------
    def resident(self, **kwargs: Any) -> Resident:
        return make_resident(tenure=Tenure.SECURE, **kwargs)

    def involved(self) -> Resident:
        """A resident on Winchester's "involved tenant" level, who can sit on its panel."""
        from tenantvoice.involvement.services import level_join

        resident = self.resident()
        level_join(
            resident=resident, level=self.level, consent_wording="I agree.", on=TODAY - dt.timedelta(days=9)
        )
        return resident

    @functools.cached_property
    def level(self) -> Level:
        return Level.objects.get(slug="involved-tenant")

    def level_with_selection(self) -> Level:
        Level.objects.filter(pk=self.level.pk).update(needs_application=True)
        return Level.objects.get(pk=self.level.pk)

    def membership(self, status: str, level: Level | None = None) -> LevelMembership:
        now = timezone.now()
        return LevelMembership.objects.create(
            resident=self.resident(),
            level=level or self.level,
            status=status,
            requested_at=now,
            consent_wording="I agree.",
            consent_at=now,
            started_on=TODAY if status == MembershipStatus.ACTIVE else None,
        )

    @functools.cached_property
    def panel(self) -> SeatCategory:
        return SeatCategory.objects.get(group__slug="tenant-panel")

    @functools.cached_property
    def holding(self) -> SeatHolding:
        from tenantvoice.involvement.services import seat_fill

        return seat_fill(
            category=self.panel,
            started_on=TODAY,
            resident=self.involved(),
            override_reason=BEFORE_TENANTVOICE,
        )

    @property
    def group(self) -> Group:
        self.holding  # noqa: B018  (a group with a member sitting)
        return self.panel.group

    # --- elections ----------------------------------------------------------------------
    def election(self, status: str = ElectionStatus.NOMINATIONS) -> Election:
        election = ElectionFactory(
            seat_category=self.panel,
            title="Tenants Panel",
            seats=1,
            nominations_close_on=TODAY + dt.timedelta(days=5),
            voting_opens_on=TODAY + dt.timedelta(days=10),
            voting_closes_on=TODAY + dt.timedelta(days=20),
            electorate=self.panel.electorate,
            status=status,
        )
        NominationFactory(election=election, resident=self.involved())
        return election

    def counted_election(self) -> Election:
        from tenantvoice.involvement.elections import election_count, vote_cast

        election = self.election(ElectionStatus.VOTING)
        nomination = election.nominations.get()
        vote_cast(
            election=election, voter=self.involved(), choices=[nomination.pk], on=election.voting_opens_on
        )
        return election_count(election=election, by=None, on=election.voting_closes_on + dt.timedelta(days=1))

    # --- activities ---------------------------------------------------------------------
    def activity(self, day: dt.date = LATER, *, with_participant: bool = True) -> Activity:
        activity = ActivityFactory(title="Panel meeting", starts_at=at(day), ends_at=at(day, 20))
        if with_participant:
            ParticipantFactory(activity=activity, resident=self.resident())
        return activity

    def participant(self) -> Participant:
        return self.activity().participants.get()

    def action(self, **kwargs: Any) -> Any:
        """A meeting's action point in the tracker."""
        from tests.factories import ActionFactory

        return ActionFactory(activity=self.activity(), **kwargs)

    def strategy_review(self) -> Any:
        """A review of Winchester's action plan waiting to be held (its strategy states no cycle)."""
        from tenantvoice.plans.models import ActionPlan, ReviewCycle, StrategyReview

        cycle = ReviewCycle.objects.create(
            slug="plan-review", plan=ActionPlan.objects.get(), what="The action plan", months=12,
            frequency="Annually", starts_on=TODAY - dt.timedelta(days=365),
        )  # fmt: skip
        return StrategyReview.objects.create(cycle=cycle, due_on=TODAY)

    def claim(self, status: str = "submitted") -> ExpenseClaim:
        return ExpenseClaimFactory(
            resident=self.resident(), description="Bus fare", amount=Decimal("4.50"), status=status
        )

    def upload(self, name: str = "agenda.pdf", content: bytes = b"%PDF-1.4 agenda") -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content)

    def file(self, name: str, text: str) -> Path:
        path = self.media / name
        path.write_text(text, encoding="utf-8")
        return path

    # --- consultations and surveys ------------------------------------------------------
    def consultation(self, status: str = ConsultationStatus.DRAFT) -> Consultation:
        return ConsultationFactory(
            title="Lettings policy",
            summary="We propose to change how we let homes.",
            likely_effect="Waiting times may change.",
            opens_on=TODAY - dt.timedelta(days=1) if status != ConsultationStatus.DRAFT else None,
            closes_on=LATER if status in (ConsultationStatus.DRAFT, ConsultationStatus.OPEN) else TODAY,
            status=status,
            decision="Adopted" if status == ConsultationStatus.DECIDED else "",
        )

    def survey(self, status: str = SurveyStatus.DRAFT) -> Survey:
        survey = SurveyFactory(title="Repairs", status=status, closes_on=LATER)
        QuestionFactory(survey=survey, order=1, kind="text", text="What could be better?")
        return survey

    def exit_survey(self) -> None:
        """An open survey after activities, and someone present at one yesterday."""
        SurveyFactory(title="How was it?", status=SurveyStatus.OPEN, after_activities=True)
        self.activity(TODAY - dt.timedelta(days=1)).participants.update(attendance="present")

    def question(self) -> Question:
        return self.survey().questions.get()

    # --- comms --------------------------------------------------------------------------
    def campaign(self) -> Any:
        from tenantvoice.comms.campaigns import campaign_create

        self.resident()  # someone to reach by email
        return campaign_create(
            name="Repairs news",
            subject="Repairs",
            body="Hello ((first_name))",
            sms="",
            audience=Audience(),
            purpose="service",
            by=None,
        )

    def review(self) -> Review:
        return ReviewFactory(title="Repairs leaflet", group=self.group, closes_on=LATER, text="Draft")

    def failed_message(self) -> Message:
        from tenantvoice.comms.services import message_queue

        [message] = message_queue(recipients=[self.resident()], template="level_offered", key="t", context={})
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
        return message

    # --- the register and imports -------------------------------------------------------
    def extract(self) -> Path:
        row = {
            "person_ref": "P1",
            "first_name": "Ann",
            "last_name": "Ash",
            "date_of_birth": "1960-04-01",
            "tenancy_ref": "T1",
            "tenure": "secure",
            "tenancy_start": "2010-01-04",
            "property_ref": "H1",
            "address_line_1": "1 Oak Street",
            "town": "Leeds",
            "postcode": "LS1 4AP",
            "area": "North",
            "property_type": "general_needs",
        }
        names = list(COLUMN_NAMES)
        return self.file("hms.csv", ",".join(names) + "\n" + ",".join(row.get(n, "") for n in names) + "\n")

    def import_run(self, *, dry_run: bool) -> ImportRun:
        from tenantvoice.residents.importing import import_run_create

        upload = SimpleUploadedFile("hms.csv", self.extract().read_bytes())
        return import_run_create(
            upload=upload, by=self.officer, dry_run=dry_run, good_rows_only=False, full_extract=False
        )


def _year() -> int:
    from tenantvoice.core.reporting_year import ReportingYear

    return ReportingYear.of(TODAY).first


def _assessment() -> Any:
    from tenantvoice.complaints.assessment import assessment_start

    return assessment_start(year=_year())


def _not_met_item() -> Any:
    from tenantvoice.complaints.assessment import assessment_item_save

    item = _assessment().items.first()
    return assessment_item_save(item=item, compliance="no", evidence="No policy yet")


def _annual_report() -> Any:
    from tenantvoice.complaints.assessment import annual_report_save

    return annual_report_save(year=_year())


def _presented_annual_report() -> Any:
    from tenantvoice.complaints.assessment import record_present

    return record_present(record=_annual_report(), meeting=ActivityFactory(), response="Noted.")


def _eia(w: World) -> Any:
    from tenantvoice.equality_impact.services import assessment_create

    return assessment_create(title="Panel EIA", subject_kind="group", group=w.group, owner=w.officer)


def _recorded_eia(w: World) -> Any:
    """An assessment with every characteristic's impact recorded, ready to complete."""
    from tenantvoice.equality_impact.aspects import ASPECT_KEYS
    from tenantvoice.equality_impact.services import finding_save

    assessment = _eia(w)
    for key in ASPECT_KEYS:
        finding_save(assessment=assessment, aspect=key, impact="neutral", evidence="Figures")
    return assessment


def _completed_eia(w: World) -> Any:
    from tenantvoice.equality_impact.services import assessment_complete

    return assessment_complete(assessment=_recorded_eia(w), completed_on=TODAY, review_on=LATER)


def _strategy_asks_for_eia() -> dict[str, Any]:
    landlord = landlord_get()
    landlord.standards = {**landlord.standards, "equality_impact_assessment_months": 12}
    landlord.save()
    return {}


def by(w: World | User) -> dict[str, Any]:
    return {"by": w if isinstance(w, User) else w.officer}


# Function name (module without "tenantvoice.") -> its keyword arguments, built from the World.
def _pack_section(sections: int = 1) -> Any:
    """The last of ``sections`` sections of a draft Board pack."""
    from tenantvoice.boardpacks.services import section_add

    pack = BoardPackFactory()
    for _ in range(sections):
        section = section_add(pack=pack, kind="standards")
    return section


def _residents_report(stage: str = "draft") -> Any:
    """The last ended year's annual report to residents: a draft, ready (words written),
    approved or published."""
    from tenantvoice.annual_reports.services import (
        report_approve,
        report_create,
        report_publish,
        report_update,
    )

    report = report_create(year=ReportingYear.of(timezone.localdate()).first - 1)
    if stage == "draft":
        return report
    report_update(report=report, officer_words="Our year.", panel_words="We approve.")
    if stage == "ready":
        return report
    report_approve(report=report, meeting=_panel_meeting(), decided="Approved.")
    if stage == "approved":
        return report
    return report_publish(report=report)


def _panel_meeting() -> Any:
    from tenantvoice.activities.models import ActivityKind

    return ActivityFactory(kind=ActivityKind.MEETING, group=GroupFactory(), starts_at=timezone.now())


CALLS: dict[str, Callable[[World], dict[str, Any]]] = {
    # accounts and portal
    "accounts.services.mfa_device_confirm": lambda w: (
        lambda d: {"device": d, "token": f"{totp(d.bin_key):06d}"}
    )(TOTPDevice.objects.create(user=w.officer, name="New phone", confirmed=False)),
    "accounts.services.invitation_create": lambda w: {
        "resident_id": w.resident().pk,
        "created_by": w.officer,
    },
    "accounts.services.sign_up_code_send": lambda w: {
        "resident": w.resident(email="code.me@example.org"),
        "channel": "email",
        "session_key": "session-1",
    },
    "accounts.services.sign_up_code_check": lambda w: (
        lambda r: (
            sign_up_code_send(resident=r, channel="email", session_key="session-2"),
            {"resident_id": r.pk, "session_key": "session-2", "typed": "not a code"},
        )[1]
    )(w.resident(email="check.me@example.org")),
    "accounts.services.account_email_change_request": lambda w: {
        "user": w.account(),
        "new_email": "moved@example.org",
    },
    "accounts.services.account_email_confirm": lambda w: (
        lambda u: (User.objects.filter(pk=u.pk).update(pending_email="confirmed@example.org"), {"user": u})[1]
    )(w.account()),
    "accounts.services.password_reset_request": lambda w: {"email": w.account().email},
    "accounts.services.password_set": lambda w: {"user": w.account(), "password": "a-long-enough-password-2"},
    "accounts.services.staff_account_create": lambda w: {
        "email": "new.officer@example.org",
        "full_name": "New Officer",
        "role": Role.ENGAGEMENT_OFFICER,
        **by(w.admin),
    },
    "accounts.services.staff_account_role_change": lambda w: {
        "account": w.officer,
        "role": Role.MANAGER,
        **by(w.admin),
    },
    "accounts.services.staff_account_active_set": lambda w: {
        "account": w.officer,
        "active": False,
        **by(w.admin),
    },
    "accounts.services.staff_mfa_reset": lambda w: {"account": w.officer, **by(w.admin)},
    "accounts.services.api_token_revoke": lambda w: (
        Token.objects.create(user=w.officer),
        {"account": w.officer, **by(w.admin)},
    )[1],
    "core.services.landlord_contact_update": lambda w: {
        "landlord": landlord_get(),
        "phone": "0300 123 4567",
        **by(w.admin),
    },
    "core.services.landlord_reporting_update": lambda w: {
        "landlord": landlord_get(),
        "suppression_threshold": 10,
        "age_bands": [[16, 34], [35, 54], [55, None]],
        **by(w.admin),
    },
    "core.services.published_page_update": lambda w: {
        "landlord": landlord_get(),
        "page": "privacy",
        "text": "Our own privacy notice.",
        **by(w.admin),
    },
    "accounts.services.resident_account_create": lambda w: {
        "resident": w.resident(),
        "email": "new.account@example.org",
        "password": "a-long-enough-password-1",
        "proof": "date_of_birth",
    },
    # activities
    "activities.services.activity_schedule": lambda w: {
        "title": "Panel",
        "starts_at": at(LATER),
        "ends_at": at(LATER, 20),
        "late_notice_reason": "Urgent",
        **by(w),
    },
    "activities.services.participant_add": lambda w: {
        "activity": w.activity(with_participant=False),
        "resident": w.resident(),
        **by(w),
    },
    "activities.services.attendance_record": lambda w: (
        lambda a: {"activity": a, "marks": {p.pk: "present" for p in a.participants.all()}, **by(w)}
    )(w.activity(TODAY - dt.timedelta(days=1))),
    "activities.services.minutes_send": lambda w: {
        "activity": w.activity(TODAY - dt.timedelta(days=1)),
        "text": "We met.",
        "late_reason": "Late",
        **by(w),
    },
    "activities.services.minutes_draft_save": lambda w: {
        "activity": w.activity(TODAY - dt.timedelta(days=1)),
        "text": "We met.",
        **by(w),
    },
    "activities.services.walk_in_add": lambda w: {
        "activity": w.activity(TODAY - dt.timedelta(days=1), with_participant=False),
        "resident": w.resident(),
        **by(w),
    },
    "activities.services.walk_in_new": lambda w: {
        "activity": w.activity(TODAY - dt.timedelta(days=1), with_participant=False),
        "first_name": "Vera",
        "last_name": "Visitor",
        "email": "vera@example.org",
        **by(w),
    },
    "scrutiny.services.review_create": lambda w: {
        "title": "Void repairs",
        "reason": "Repairs satisfaction fell",
        "panel": GroupFactory(),
        **by(w),
    },
    "scrutiny.services.review_change": lambda w: {
        "review": ScrutinyReviewFactory(),
        "title": "Voids",
        **by(w),
    },
    "scrutiny.services.review_stage_set": lambda w: {
        "review": ScrutinyReviewFactory(),
        "stage": "scoping",
        **by(w),
    },
    "scrutiny.services.review_committee_set": lambda w: {
        "review": ScrutinyReviewFactory(),
        "committee_on": LATER,
        **by(w),
    },
    "scrutiny.services.milestone_add": lambda w: {
        "review": ScrutinyReviewFactory(),
        "title": "Site visit",
        "due_on": LATER,
        **by(w),
    },
    "scrutiny.services.milestone_change": lambda w: {
        "milestone": Milestone.objects.create(review=ScrutinyReviewFactory(), title="Visit", due_on=LATER),
        "done_on": TODAY,
        **by(w),
    },
    "scrutiny.services.evidence_request_add": lambda w: {
        "review": ScrutinyReviewFactory(),
        "question": "Void turnaround times",
        "officer_name": "Head of Repairs",
        **by(w),
    },
    "scrutiny.services.evidence_request_answer": lambda w: {
        "request": EvidenceRequest.objects.create(
            review=ScrutinyReviewFactory(),
            question="Void times",
            officer_name="Head of Repairs",
            asked_on=TODAY,
            due_on=LATER,
            working_days=10,
        ),
        "answer": "Attached",
        **by(w),
    },
    "scrutiny.services.evidence_add": lambda w: {
        "review": ScrutinyReviewFactory(),
        "kind": "site_visit",
        "title": "Visit to Elm Court",
        **by(w),
    },
    "scrutiny.services.finding_add": lambda w: {"review": ScrutinyReviewFactory(), "text": "Slow", **by(w)},
    "scrutiny.services.recommendation_add": lambda w: {
        "review": ScrutinyReviewFactory(),
        "text": "Be quicker",
        **by(w),
    },
    "scrutiny.services.recommendation_respond": lambda w: {
        "recommendation": RecommendationFactory(),
        "response": "accepted",
        "meeting": w.activity(),
        "owner_name": "Head of Repairs",
        "due_on": LATER,
        **by(w),
    },
    "scrutiny.services.review_report_save": lambda w: {
        "review": ScrutinyReviewFactory(),
        "report": "We found ...",
        **by(w),
    },
    "scrutiny.services.review_publish": lambda w: {
        "review": RecommendationFactory(review__report="We found ...").review,
        **by(w),
    },
    "actions.services.action_create": lambda w: {
        "source": w.activity(),
        "title": "Write to the contractor",
        "owner_name": "Olive",
        "due_on": LATER,
        **by(w),
    },
    "actions.services.action_progress": lambda w: {
        "action": w.action(),
        "status": "done",
        "evidence": "The letter, sent on the 3rd",
        **by(w),
    },
    "actions.services.action_change": lambda w: {"action": w.action(), "title": "Write twice", **by(w)},
    "complaints.services.complaint_record": lambda w: {
        "what_went_wrong": "Nobody came to fix the boiler.",
        "received_on": TODAY,
        "received_by": "email",
        "resident": w.resident(),
        **by(w),
    },
    "complaints.services.request_to_complaint": lambda w: {
        "request": w.complaint("service_request"),
        "what_went_wrong": "Still not fixed.",
        "received_on": TODAY,
        "received_by": "phone",
        **by(w),
    },
    "complaints.services.request_close": lambda w: {
        "request": w.complaint("service_request"),
        "closed_on": TODAY,
        **by(w),
    },
    "complaints.services.stage_assign": lambda w: {
        "stage": w.complaint().stages.get(),
        "handler": w.officer,
        **by(w),
    },
    "complaints.services.stage_acknowledge": lambda w: {
        "stage": w.complaint().stages.get(),
        "acknowledged_on": TODAY,
        "defined_as": "The boiler",
        "late_reason": "Backlog",
        **by(w),
    },
    "complaints.services.stage_extend": lambda w: (
        lambda st: {
            "stage": st,
            "new_date": st.respond_by + dt.timedelta(days=1),
            "reason": "Report",
            **by(w),
        }
    )(w.stage(acknowledged=True)),
    "complaints.services.stage_respond": lambda w: {
        "stage": w.stage(acknowledged=True),
        "responded_on": TODAY,
        "response": "Our answer",
        "points": [{"summary": "Boiler", "decision": "not_upheld", "reasons": "Fixed"}],
        "late_reason": "Backlog",
        **by(w),
    },
    "complaints.services.remedy_paid": lambda w: {
        "remedy": w.stage(answered=True).remedies.get(),
        "paid_on": TODAY,
        **by(w),
    },
    "complaints.services.stage_escalate": lambda w: {
        "complaint": w.stage(answered=True).complaint,
        "requested_on": TODAY,
        **by(w),
    },
    "complaints.services.complaint_refuse": lambda w: {
        "complaint": w.complaint(),
        "reason": "legal_proceedings",
        "detail": "The matter is before the court.",
        "refused_on": TODAY,
        **by(w),
    },
    "complaints.services.complaint_withdraw": lambda w: {
        "complaint": w.complaint(),
        "withdrawn_on": TODAY,
        "note": "Resolved by phone",
        **by(w),
    },
    "complaints.services.new_issue_raise": lambda w: {
        "complaint": w.complaint(),
        "detail": "The door too",
        "related": True,
        "received_on": TODAY,
        **by(w),
    },
    "complaints.services.learning_record": lambda w: {
        "complaint": w.complaint(),
        "what_learnt": "Bookings were lost",
        "change_made": "A daily check",
        **by(w),
    },
    "complaints.possible.possible_complaints_scan": lambda w: {**by(w)},
    "complaints.possible.possible_complaint_record": lambda w: {"possible": w.possible_complaint(), **by(w)},
    "complaints.possible.possible_complaint_dismiss": lambda w: {
        "possible": w.possible_complaint(),
        "reason": "Praise",
        **by(w),
    },
    "complaints.services.category_save": lambda w: {"name": "Repairs", **by(w)},
    "complaints.services.ombudsman_case_record": lambda w: {
        "complaint": w.stage(answered=True).complaint,
        "reference": "202412345",
        "referred_on": TODAY,
        **by(w),
    },
    "complaints.services.ombudsman_determine": lambda w: {
        "case": w.ombudsman_case(),
        "determined_on": TODAY,
        "findings": [{"issue": "Repairs", "determination": "maladministration"}],
        "orders": [{"order": "Pay £100", "comply_by": LATER, "compensation_ordered": "100"}],
        **by(w),
    },
    "complaints.services.ombudsman_order_comply": lambda w: (
        lambda case: {
            "order": case.orders.get(),
            "complied_on": TODAY,
            "compensation_paid": "100",
            **by(w),
        }
    )(
        ombudsman_determine(
            case=w.ombudsman_case(),
            determined_on=TODAY,
            findings=[{"issue": "Repairs", "determination": "service_failure"}],
            orders=[{"order": "Pay", "comply_by": LATER}],
        )
    ),
    "complaints.assessment.assessment_start": lambda w: {"year": _year(), **by(w)},
    "complaints.assessment.assessment_provision_add": lambda w: {
        "assessment": _assessment(),
        "number": "8.1",
        "section": "",
        "text": "Words copied from the Code.",
        **by(w),
    },
    "complaints.assessment.assessment_item_save": lambda w: {
        "item": _assessment().items.first(),
        "compliance": "partly",
        "evidence": "Policy section 3",
        **by(w),
    },
    "complaints.assessment.assessment_action_add": lambda w: (
        lambda item: {"item": item, "title": "Train staff", "due_on": LATER, **by(w)}
    )(_not_met_item()),
    "complaints.assessment.annual_report_save": lambda w: {
        "year": _year(),
        "member_responsible": "Ms A Board",
        **by(w),
    },
    "complaints.assessment.record_present": lambda w: {
        "record": _annual_report(),
        "meeting": ActivityFactory(),
        "response": "Noted by the Board.",
        **by(w),
    },
    "complaints.assessment.record_publish": lambda w: (
        lambda report: {"record": report, "published_on": TODAY, **by(w)}
    )(_presented_annual_report()),
    "equality_impact.services.assessment_create": lambda w: {
        "title": "Strategy EIA",
        "subject_kind": "strategy",
        "owner": w.officer,
        **by(w),
    },
    "equality_impact.services.assessment_change": lambda w: {
        "assessment": _eia(w),
        "title": "Renamed",
        "owner": w.officer,
        **by(w),
    },
    "equality_impact.services.profile_draw": lambda w: {"assessment": _eia(w), **by(w)},
    "equality_impact.services.finding_save": lambda w: {
        "assessment": _eia(w),
        "aspect": "age",
        "impact": "negative",
        "evidence": "Few under 35s",
        **by(w),
    },
    "equality_impact.services.mitigation_add": lambda w: {
        "assessment": _eia(w),
        "aspect": "age",
        "title": "Evening meetings",
        "due_on": LATER,
        "owner_name": "Engagement lead",
        **by(w),
    },
    "equality_impact.services.assessment_complete": lambda w: {
        "assessment": _recorded_eia(w),
        "completed_on": TODAY,
        "review_on": LATER,
        **by(w),
    },
    "equality_impact.services.assessment_review": lambda w: {
        "assessment": _completed_eia(w),
        "reviewed_on": TODAY,
        "notes": "Still right",
        "next_review_on": LATER + dt.timedelta(days=365),
        **by(w),
    },
    "equality_impact.services.scheduled_assessments_make": lambda w: {**_strategy_asks_for_eia(), **by(w)},
    "referrals.services.referral_make": lambda w: {
        "group": w.group,
        "title": "Estate lighting",
        "detail": "Fund brighter lights on the paths.",
        "referred_on": TODAY,
        **by(w),
    },
    "referrals.services.referral_respond": lambda w: {
        "referral": ReferralFactory(group=w.group, referred_on=TODAY),
        "decision": "agreed",
        "response": "Agreed: lights in the next budget.",
        "responded_on": TODAY,
        **by(w),
    },
    "actions.services.action_retest": lambda w: (lambda a: {"action": a, "result": "Still works", **by(w)})(
        w.action(status="done", progress=100)
    ),
    "plans.services.strategy_review_record": lambda w: {
        "review": w.strategy_review(),
        "activity": w.activity(TODAY - dt.timedelta(days=2)),
        "outcome": "Still fit for purpose",
        "actions": ["Refresh the survey programme"],
        **by(w),
    },
    "activities.services.information_request_log": lambda w: {
        "question": "How many repairs?",
        "received_on": TODAY,
        "resident": w.resident(),
        **by(w),
    },
    "activities.services.information_request_answer": lambda w: (
        lambda r: {"request": r, "answer": "Twelve", "late_reason": "Late", **by(w)}
    )(information_request_log(question="How many?", received_on=TODAY, resident=w.resident())),
    "activities.services.rsvp_set": lambda w: {"participant": w.participant(), "answer": "yes", **by(w)},
    "activities.services.support_request": lambda w: {
        "participant": w.participant(),
        "kind": "transport",
        **by(w),
    },
    "activities.services.support_request_update": lambda w: {
        "item": SupportRequestFactory(participant=w.participant(), kind="transport"),
        "status": "arranged",
        **by(w),
    },
    "activities.services.expense_claim_submit": lambda w: {
        "resident": w.resident(),
        "description": "Bus fare",
        "amount": Decimal("4.50"),
        **by(w),
    },
    "activities.services.expense_claim_decide": lambda w: {
        "claim": w.claim(),
        "approve": True,
        "budget_code": "ENG-01",
        **by(w),
    },
    "activities.services.expense_claim_paid": lambda w: {"claim": w.claim("approved"), **by(w)},
    "activities.services.hours_log": lambda w: {
        "resident": w.resident(),
        "on": TODAY,
        "hours": Decimal("2"),
        "description": "Panel",
        **by(w),
    },
    "activities.services.activity_invite": lambda w: {"activity": w.activity(), **by(w)},
    "activities.services.venue_add": lambda w: {"venue": Venue(name="Community hall"), **by(w)},
    "activities.services.activity_cancel": lambda w: {
        "activity": w.activity(),
        "reason": "Venue closed",
        **by(w),
    },
    "activities.services.activity_move": lambda w: {
        "activity": w.activity(),
        "starts_at": at(LATER + dt.timedelta(days=7)),
        "ends_at": at(LATER + dt.timedelta(days=7), 20),
        **by(w),
    },
    "activities.papers.paper_add": lambda w: {
        "activity": w.activity(),
        "title": "Agenda",
        "file": w.upload(),
        **by(w),
    },
    "activities.papers.papers_send": lambda w: (
        lambda a: (a.papers.create(title="Agenda", file=w.upload()), {"activity": a, **by(w)})[1]
    )(w.activity()),
    "activities.papers.activity_change": lambda w: {
        "activity": w.activity(),
        "changes": {"title": "Panel meeting (moved)"},
        "start_time": dt.time(17),
        "end_time": dt.time(19),
        "late_notice_reason": "Venue",
        **by(w),
    },
    # audiences
    "audiences.services.segment_create": lambda w: {
        "name": "Everyone",
        "description": "",
        "audience": Audience(),
        **by(w),
    },
    "audiences.services.segment_update": lambda w: {
        "segment": Segment.objects.create(name="To change"),
        "name": "Changed",
        "description": "",
        "audience": Audience(channels=("letter",)),
        "is_profile": True,
        **by(w),
    },
    "audiences.services.segment_delete": lambda w: {"segment": Segment.objects.create(name="Old"), **by(w)},
    # comms
    "comms.services.letters_mark_printed": lambda w: {"messages": [w.failed_message()], **by(w)},
    "comms.services.news_unsubscribe": lambda w: {
        "token": signing.dumps(w.resident(consents_to_news=True).pk, salt="tenantvoice.comms.unsubscribe")
    },
    "comms.campaigns.campaign_create": lambda w: {
        "name": "Repairs news",
        "subject": "Repairs",
        "body": "Hello",
        "sms": "",
        "audience": Audience(),
        "purpose": "service",
        **by(w),
    },
    "comms.campaigns.campaign_send": lambda w: {"campaign": w.campaign(), **by(w)},
    "comms.outbox.messages_retry": lambda w: {"ids": [w.failed_message().pk], **by(w)},
    "comms.reviews.review_create": lambda w: {
        "title": "Repairs leaflet",
        "group": w.group,
        "closes_on": LATER,
        "text": "Draft wording",
        **by(w),
    },
    "comms.reviews.review_comment": lambda w: {
        "review": w.review(),
        "resident": w.holding.resident,
        "text": "Clear enough",
        **by(w),
    },
    "comms.reviews.review_decide": lambda w: {"review": w.review(), "outcome": "approved", **by(w)},
    "comms.templating.version_save": lambda w: {
        "slug": "level_offered",
        "language": "en",
        "subject": "A place for you",
        "body": "Hello",
        **by(w),
    },
    "comms.templating.version_restore_builtin": lambda w: {"slug": "level_offered", **by(w)},
    "comms.templating.template_create": lambda w: {"name": "Estate newsletter", **by(w)},
    # consultations
    "consultations.services.consultation_create": lambda w: {
        "title": "Lettings policy",
        "summary": "A change",
        "likely_effect": "Some",
        "opens_on": TODAY,
        "closes_on": LATER,
        **by(w),
    },
    "consultations.services.document_add": lambda w: {
        "consultation": w.consultation(),
        "title": "The proposal",
        "file": w.upload("proposal.pdf"),
        **by(w),
    },
    "consultations.services.consultation_open": lambda w: {"consultation": w.consultation(), **by(w)},
    "consultations.services.consultation_update": lambda w: {
        "consultation": w.consultation(),
        "title": "Lettings and transfers policy",
        "closes_on": LATER + dt.timedelta(days=7),
        **by(w),
    },
    "consultations.services.consultation_correct": lambda w: {
        "consultation": w.consultation(ConsultationStatus.OPEN),
        "summary": "We propose to change how we let our homes.",
        **by(w),
    },
    "consultations.services.document_remove": lambda w: (
        lambda c: {
            "document": c.documents.create(title="Old plan", file=w.upload("old.pdf")),
            **by(w),
        }
    )(w.consultation()),
    "consultations.services.representation_add": lambda w: {
        "consultation": w.consultation(ConsultationStatus.OPEN),
        "text": "Please keep the local lettings plan.",
        "resident": w.resident(),
        **by(w),
    },
    "consultations.services.consultations_close_due": lambda w: {"today": TODAY},
    "consultations.services.consultation_decide": lambda w: {
        "consultation": w.consultation(ConsultationStatus.CLOSED),
        "decision": "Adopted",
        "regard_had": "",
        **by(w),
    },
    # outcomes (each kind of source, and corrections: tests/outcomes)
    "outcomes.services.outcome_publish": lambda w: {
        "source": w.survey(SurveyStatus.CLOSED),
        "you_said": "Repairs are slow",
        "we_did": "We hired more trades",
        **by(w),
    },
    # involvement
    "involvement.services.level_join": lambda w: {
        "resident": w.resident(),
        "level": w.level,
        "consent_wording": "I agree.",
        **by(w),
    },
    "involvement.services.level_leave": lambda w: {
        "membership": w.membership(MembershipStatus.ACTIVE),
        **by(w),
    },
    "involvement.services.level_leaving_record": lambda w: {
        "membership": w.membership(MembershipStatus.ACTIVE),
        "on": TODAY,
        "reason": "Moved away",
        **by(w),
    },
    "involvement.services.application_decide": lambda w: {
        "membership": w.membership(MembershipStatus.APPLIED, w.level_with_selection()),
        "accept": False,
        "reason": "Not this year",
        **by(w),
    },
    "involvement.services.offer_respond": lambda w: {
        "membership": w.membership(MembershipStatus.OFFERED),
        "accept": False,
        **by(w),
    },
    "involvement.services.offers_expire": lambda w: {},
    "involvement.services.seat_fill": lambda w: {
        "category": w.panel,
        "started_on": TODAY,
        "resident": w.involved(),
        "override_reason": BEFORE_TENANTVOICE,
        **by(w),
    },
    "involvement.services.seat_nomination_record": lambda w: {
        "category": SeatCategoryFactory(
            group=w.panel.group, slug="nominated", name="Nominated", seats=1, how_filled="nomination"
        ),
        "resident": w.involved(),
        "nominated_on": TODAY,
        "body_name": "TACT",
        **by(w),
    },
    "involvement.services.seat_end": lambda w: {
        "holding": w.holding,
        "on": TODAY,
        "reason": "Resigned",
        **by(w),
    },
    "involvement.services.role_assign": lambda w: {
        "holding": w.holding,
        "role": "secretary",
        "started_on": TODAY,
        **by(w),
    },
    "involvement.services.group_recognition_update": lambda w: {
        "group": w.panel.group,
        "recognition": "recognised",
        "constitution_adopted_on": TODAY,
        "last_agm_on": None,
        **by(w),
    },
    "involvement.elections.election_create": lambda w: {
        "category": w.panel,
        "title": "Tenants Panel",
        "seats": 1,
        "nominations_close_on": TODAY + dt.timedelta(days=5),
        "voting_opens_on": TODAY + dt.timedelta(days=10),
        "voting_closes_on": TODAY + dt.timedelta(days=20),
        **by(w),
    },
    "involvement.elections.nomination_add": lambda w: {
        "election": w.election(),
        "resident": w.involved(),
        "on": TODAY,
        **by(w),
    },
    "involvement.elections.voting_open": lambda w: {"election": w.election(), **by(w)},
    "involvement.elections.vote_cast": lambda w: (
        lambda e: {
            "election": e,
            "voter": w.involved(),
            "choices": [e.nominations.get().pk],
            "on": e.voting_opens_on,
            **by(w),
        }
    )(w.election(ElectionStatus.VOTING)),
    "involvement.elections.election_count": lambda w: (
        lambda e: {"election": e, "on": e.voting_closes_on + dt.timedelta(days=1), **by(w)}
    )(w.election(ElectionStatus.VOTING)),
    "involvement.elections.election_publish": lambda w: {"election": w.counted_election(), **by(w)},
    # programme
    "programme.services.programme_create": lambda w: {
        "title": "Surveys 2027",
        "starts_on": TODAY,
        "count": 2,
        "cycle_weeks": 4,
        **by(w),
    },
    "programme.services.milestone_done": lambda w: {
        "milestone": programme_create(title="P", starts_on=TODAY, count=1, cycle_weeks=4)
        .surveys.get()
        .milestones.first(),
        **by(w),
    },
    # residents and imports
    "residents.services.resident_update": lambda w: {
        "resident": w.resident(),
        "data": {"email": "changed@example.org"},
        **by(w),
    },
    "residents.services.equality_profile_save": lambda w: {
        "resident": w.resident(),
        "answers": {},
        "consent": True,
        "consent_method": "portal",
        "landlord_name": "Winchester",
        **by(w),
    },
    "residents.services.equality_profile_save_from_paper": lambda w: {
        "resident": w.resident(),
        "answers": {},
        "signed_on": None,
        "landlord_name": "Winchester",
        **by(w),
    },
    "residents.services.area_create": lambda w: {"name": "Riverside", **by(w)},
    "residents.services.area_update": lambda w: {
        "area": Area.objects.get(pk=PropertyFactory().area_id),
        "data": {"name": "Renamed"},
        **by(w),
    },
    "residents.services.property_create": lambda w: {
        "data": {"hms_ref": "H99", "address_line_1": "1 Elm Road", "postcode": "SO23 8UJ"},
        **by(w),
    },
    "residents.services.property_update": lambda w: {
        "prop": Property.objects.get(pk=PropertyFactory().pk),
        "data": {"town": "Winchester"},
        **by(w),
    },
    "residents.services.tenancy_create": lambda w: {
        "data": {"hms_ref": "T99", "property": PropertyFactory(), "tenure": "secure", "start_date": TODAY},
        **by(w),
    },
    "residents.services.tenancy_update": lambda w: {
        "tenancy": Tenancy.objects.get(pk=TenancyFactory().pk),
        "data": {"end_date": TODAY},
        **by(w),
    },
    "residents.services.resident_create": lambda w: {
        "data": {"first_name": "Ann", "last_name": "Ash"},
        **by(w),
    },
    "residents.importing.running.import_file": lambda w: {
        "path": w.extract(),
        "full_extract": False,
        **by(w),
    },
    "residents.importing.running.import_rows": lambda w: {
        "rows": [line.split(",") for line in w.extract().read_text().splitlines()],
        "name": "one.csv",
        "full_extract": False,
        **by(w),
    },
    "residents.importing.runs.import_run_create": lambda w: {
        "upload": SimpleUploadedFile("hms.csv", w.extract().read_bytes()),
        "dry_run": True,
        "good_rows_only": False,
        "full_extract": False,
        **by(w),
    },
    "residents.importing.runs.import_run_confirm": lambda w: {
        "check": w.import_run(dry_run=True),
        "good_rows_only": False,
        "allow_many_ended": False,
        **by(w),
    },
    # These two run an import: the import writes the row, as the run's creator's.
    "residents.importing.runs.import_run_execute": lambda w: {"run": w.import_run(dry_run=False)},
    "residents.importing.runs.import_run_start": lambda w: {"run": w.import_run(dry_run=False)},
    "strategies.loader.strategy_load": lambda w: {"name": "winchester", **by(w)},
    # surveys
    "surveys.services.survey_create": lambda w: {
        "survey": Survey(title="Estate services"),
        "audience": Audience(),
        **by(w),
    },
    "surveys.services.question_add": lambda w: {
        "survey": w.survey(),
        "kind": "text",
        "text": "Anything else?",
        **by(w),
    },
    "surveys.services.tsm_add": lambda w: {
        "survey": SurveyFactory(title="TSM", status="draft"),
        "landlord": "Winchester",
        **by(w),
    },
    "surveys.services.question_move": lambda w: {"question": w.question(), "up": False, **by(w)},
    "surveys.services.survey_update": lambda w: {
        "survey": w.survey(),
        "title": "Repairs and maintenance",
        "audience": Audience(tenures=(Tenure.SECURE,)),
        **by(w),
    },
    "surveys.services.question_update": lambda w: {
        "question": w.question(),
        "kind": "text",
        "text": "What one thing could be better?",
        **by(w),
    },
    "surveys.services.survey_correct": lambda w: (
        lambda s: {
            "survey": s,
            "intro": "Five minutes.",
            "questions": {s.questions.get().pk: {"text": "What could we do better?"}},
            **by(w),
        }
    )(w.survey(SurveyStatus.OPEN)),
    "surveys.services.question_delete": lambda w: {"question": w.question(), **by(w)},
    "surveys.services.survey_open": lambda w: (w.resident(), {"survey": w.survey(), **by(w)})[1],
    "surveys.services.survey_remind": lambda w: {"survey": w.survey(SurveyStatus.OPEN), **by(w)},
    "surveys.services.survey_close": lambda w: {"survey": w.survey(SurveyStatus.OPEN), **by(w)},
    "surveys.services.exit_surveys_send": lambda w: (w.exit_survey(), {"today": TODAY})[1],
    "surveys.services.response_record": lambda w: (
        lambda s: {
            "survey": s,
            "answers": {s.questions.get().pk: ["Quicker repairs"]},
            "channel": "paper",
            "resident": w.resident(),
            **by(w),
        }
    )(w.survey(SurveyStatus.OPEN)),
    "surveys.services.translations_save": lambda w: (
        lambda s: {
            "survey": s,
            "language": "cy",
            "entered": {s.questions.get().pk: {"text": "Beth?"}},
            **by(w),
        }
    )(w.survey()),
    "surveys.importing.responses_import": lambda w: {
        "survey": w.survey(SurveyStatus.OPEN),
        "path": w.file("responses.csv", "Q1\nQuicker repairs\n"),
        **by(w),
    },
    "boardpacks.services.pack_create": lambda w: {
        "title": "Board, July",
        "meeting": ActivityFactory(),
        "period_start": dt.date(2026, 4, 1),
        "period_end": dt.date(2026, 6, 30),
        **by(w),
    },
    "boardpacks.services.pack_update": lambda w: {
        "pack": BoardPackFactory(),
        "title": "Board, August",
        **by(w),
    },
    "boardpacks.services.section_add": lambda w: {"pack": BoardPackFactory(), "kind": "standards", **by(w)},
    "boardpacks.services.section_redraw": lambda w: {"section": _pack_section(), **by(w)},
    "boardpacks.services.pack_redraw_all": lambda w: {"pack": _pack_section(2).pack, **by(w)},
    "boardpacks.services.section_narrative_save": lambda w: {
        "section": _pack_section(),
        "narrative": "All meetings had their notice.",
        **by(w),
    },
    "boardpacks.services.section_move": lambda w: {"section": _pack_section(2), "direction": "up", **by(w)},
    "boardpacks.services.section_remove": lambda w: {"section": _pack_section(), **by(w)},
    "boardpacks.services.pack_finalise": lambda w: {"pack": _pack_section().pack, **by(w)},
    "annual_reports.services.report_create": lambda w: {
        "year": ReportingYear.of(timezone.localdate()).first - 1,
        **by(w),
    },
    "annual_reports.services.report_update": lambda w: {
        "report": _residents_report(),
        "officer_words": "A year of change.",
        **by(w),
    },
    "annual_reports.services.chapter_redraw": lambda w: {
        "chapter": _residents_report().chapters.first(),
        **by(w),
    },
    "annual_reports.services.report_redraw": lambda w: {"report": _residents_report(), **by(w)},
    "annual_reports.services.chapter_narrative_save": lambda w: {
        "chapter": _residents_report().chapters.first(),
        "narrative": "More residents took part.",
        **by(w),
    },
    "annual_reports.services.chapter_include": lambda w: {
        "chapter": _residents_report().chapters.first(),
        "included": False,
        **by(w),
    },
    "annual_reports.services.report_approve": lambda w: {
        "report": _residents_report("ready"),
        "meeting": _panel_meeting(),
        "decided": "Approved.",
        **by(w),
    },
    "annual_reports.services.report_reopen": lambda w: {"report": _residents_report("approved"), **by(w)},
    "annual_reports.services.report_publish": lambda w: {"report": _residents_report("approved"), **by(w)},
    "annual_reports.services.report_letters_send": lambda w: {
        "report": _residents_report("published"),
        **by(w),
    },
    "annual_reports.services.annual_report_comment_make": lambda w: {
        "report": _residents_report("published"),
        "resident": w.resident(),
        "text": "Please show repairs by area.",
        **by(w),
    },
    "annual_reports.services.annual_report_comment_reply": lambda w: {
        "comment": annual_report_comment_make(
            report=_residents_report("published"), resident=w.resident(), text="Please show repairs by area."
        ),
        "reply": "We will next year.",
        **by(w),
    },
    "annual_reports.services.annual_report_comment_read": lambda w: {
        "comment": annual_report_comment_make(
            report=_residents_report("published"), resident=w.resident(), text="Please show repairs by area."
        ),
        **by(w),
    },
    "indicators.services.indicator_create": lambda w: {
        "name": "Repairs done on time",
        "unit": "percent",
        **by(w),
    },
    "indicators.services.indicator_update": lambda w: {
        "indicator": IndicatorFactory(),
        "definition": "Repairs done within the target time.",
        **by(w),
    },
    "indicators.services.value_record": lambda w: {
        "indicator": IndicatorFactory(),
        "period_start": dt.date(2025, 4, 1),
        "period_end": dt.date(2026, 3, 31),
        "value": Decimal("91"),
        **by(w),
    },
    "indicators.services.value_compute": lambda w: {
        "indicator": IndicatorFactory(unit="count", source="policies_consulted"),
        "year": timezone.localdate().year - 1,
        **by(w),
    },
    "indicators.services.target_set": lambda w: {
        "indicator": IndicatorFactory(),
        "year": 2025,
        "value": Decimal(90),
        **by(w),
    },
    "indicators.services.values_import": lambda w: {
        "path": w.file(
            "values.csv",
            f"indicator,period start,period end,value\n{IndicatorFactory().name},1/4/2025,31/3/2026,90\n",
        ),
        **by(w),
    },
    "indicators.services.peers_import": lambda w: {
        "path": w.file("indicator-peers.csv", f"landlord,{IndicatorFactory().name}\nHousing A,72.5\n"),
        "name": "Southern peers",
        "year": 2025,
        **by(w),
    },
    "value_for_money.services.cost_record": lambda w: {
        "data": {
            "kind": "venues",
            "spent_on": dt.date(2026, 1, 5),
            "amount": Decimal("80"),
            "description": "Hall hire",
        },
        **by(w),
    },
    "value_for_money.services.cost_change": lambda w: {
        "cost": InvolvementCostFactory(),
        "data": {"amount": Decimal("95.50")},
        **by(w),
    },
    "value_for_money.services.cost_delete": lambda w: {"cost": InvolvementCostFactory(), **by(w)},
    "indicators.services.charter_report_save": lambda w: {"year": 2025, "introduction": "Our year.", **by(w)},
    "indicators.services.charter_report_publish": lambda w: {
        "report": charter_report_save(year=2025, introduction="Our year."),
        **by(w),
    },
    "indicators.services.charter_comment_make": lambda w: {
        "report": charter_report_publish(report=charter_report_save(year=2025, introduction="Our year.")),
        "resident": w.resident(),
        "text": "Please say more about repairs.",
        **by(w),
    },
    "indicators.services.charter_comment_reply": lambda w: {
        "comment": charter_comment_make(
            report=charter_report_publish(report=charter_report_save(year=2025, introduction="Our year.")),
            resident=w.resident(),
            text="Please say more about repairs.",
        ),
        "reply": "We will next year.",
        **by(w),
    },
    "indicators.services.charter_comment_read": lambda w: {
        "comment": charter_comment_make(
            report=charter_report_publish(report=charter_report_save(year=2025, introduction="Our year.")),
            resident=w.resident(),
            text="Please say more about repairs.",
        ),
        **by(w),
    },
    "reporting.services.presentation_record": lambda w: _report_to_present(w),
    "reporting.services.presentation_remove": lambda w: {
        "presentation": ReportPresentationFactory(),
        "reason": "Recorded against the wrong quarter",
        **by(w),
    },
    "surveys.peers.peers_import": lambda w: {
        "path": w.file("peers.csv", "landlord,TP01\nHousing A,72.5\n"),
        "name": "Southern peers",
        **by(w),
    },
}


def _report_to_present(w: World) -> dict[str, Any]:
    """A quarterly report to a group, its first quarter (April to June 2025) presented at the
    group's meeting a week ago."""
    duty = ReportingDutyFactory()
    return {
        "duty": duty,
        "period_start": dt.date(2025, 4, 1),
        "meeting": ActivityFactory(group=duty.group),
        "decided": "Noted.",
        **by(w),
    }


def _service_modules() -> list[ModuleType]:
    names = [
        f"tenantvoice.{app.name}.services"
        for app in pkgutil.iter_modules(tenantvoice.__path__)
        if app.ispkg and importlib.util.find_spec(f"tenantvoice.{app.name}.services") is not None
    ]
    return [importlib.import_module(name) for name in sorted({*names, *SERVICE_LIKE_MODULES})]


def _public_functions() -> dict[str, Callable[..., Any]]:
    found = {}
    for module in _service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                found[f"{module.__name__.removeprefix('tenantvoice.')}.{name}"] = function
    return found


def test_every_service_function_is_declared() -> None:
    """A new public function in a services module must be called below or said to change nothing."""
    found = set(_public_functions())
    undeclared = sorted(found - set(CALLS) - set(NOT_STATE_CHANGES))
    assert not undeclared, (
        "These service functions are not declared in tests/core/test_every_service_is_audited.py: "
        f"{', '.join(undeclared)}. Add each to CALLS (how to call it; it must write an audit row) "
        "or, if it changes nothing, to NOT_STATE_CHANGES with the reason."
    )
    assert not set(CALLS) & set(NOT_STATE_CHANGES)
    gone = sorted((set(CALLS) | set(NOT_STATE_CHANGES)) - found)
    assert not gone, f"Declared but no longer found (remove them): {', '.join(gone)}"


@pytest.fixture
def world(settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path
    return World(tmp_path)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_service_writes_an_audit_row(world: World, name: str) -> None:
    function = _public_functions()[name]
    kwargs = CALLS[name](world)
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    function(**kwargs)
    written = AuditEvent.objects.filter(pk__gt=last)
    assert written.exists(), f"{name} changed state and wrote no audit row"
    actor = kwargs.get("by") or kwargs.get("created_by")
    if isinstance(actor, User):
        assert written.filter(actor=actor).exists(), f"{name} did not record who acted"


def test_the_audit_export_shows_who_changed_what(client: Any, world: World) -> None:
    """A change made through a service reaches the administrator's download, with its changes."""
    from django.urls import reverse

    from tenantvoice.surveys.services import survey_close
    from tests.conftest import sign_in

    survey = world.survey(SurveyStatus.OPEN)
    survey_close(survey=survey, by=world.officer)
    sign_in(client, staff_user(Role.ADMINISTRATOR, "ada.admin@example.org"))
    export = client.get(reverse("staff:audit-export"), {"actor": world.officer.email, "action": "update"})
    body = b"".join(export.streaming_content).decode()
    assert "Changes" in body.splitlines()[0]
    [row] = [line for line in body.splitlines() if "Closed Repairs" in line]
    assert world.officer.email in row and '[""open""' in row and "closed" in row


def test_each_read_of_personal_data_is_audited_once_by_the_selector(
    officer: User, administrator: User, tenant_user: User, tess: Resident
) -> None:
    """The record, the equality answers and "everything we hold" each write one row per look."""
    from django.test import Client
    from django.urls import reverse

    from tenantvoice.core.models import AuditAction
    from tenantvoice.residents.services import equality_profile_save
    from tests.conftest import sign_in

    equality_profile_save(
        resident=tess, answers={}, consent=True, consent_method="portal", by=None, landlord_name="Winchester"
    )
    start = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert sign_in(Client(), officer).get(reverse("staff:resident-detail", args=[tess.pk])).status_code == 200
    assert (
        sign_in(Client(), administrator).get(reverse("staff:resident-equality", args=[tess.pk])).status_code
        == 200
    )
    assert sign_in(Client(), tenant_user).get(reverse("portal:data")).status_code == 200
    looks = AuditEvent.objects.filter(pk__gt=start, resident_id=tess.pk)
    assert looks.filter(action=AuditAction.VIEW_EQUALITY, actor=administrator).count() == 1
    assert looks.filter(action=AuditAction.EXPORT, actor=tenant_user).count() == 1
    assert looks.filter(action=AuditAction.VIEW, actor=officer).count() == 1
