"""factory_boy factories for the resident register, accounts and the rows that refer to residents."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.actions import models as actions
from tenantvoice.activities import models as activities
from tenantvoice.boardpacks import models as boardpacks
from tenantvoice.comms import models as comms
from tenantvoice.consultations import models as consultations
from tenantvoice.core.roles import Role
from tenantvoice.indicators import models as indicators
from tenantvoice.involvement import models as involvement
from tenantvoice.referrals import models as referrals
from tenantvoice.reporting import models as reporting
from tenantvoice.residents import services as resident_services
from tenantvoice.residents.models import (
    Area,
    AreaLevel,
    MemberRole,
    Property,
    PropertyType,
    Resident,
    Tenancy,
    TenancyMember,
    Tenure,
)
from tenantvoice.scrutiny import models as scrutiny
from tenantvoice.surveys import models as surveys

PASSWORD = "correct-horse-battery-staple"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Area {n}")
    level = AreaLevel.AREA
    full_name = factory.LazyAttribute(
        lambda a: a.name if a.parent is None else f"{a.parent.full_name} > {a.name}"
    )
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return resident_services.area_get_or_create_path(
            names=kwargs["full_name"].split(" > "), levels=None, leaf_level=kwargs["level"]
        )


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Property

    hms_ref = factory.Sequence(lambda n: f"P{n:07d}")
    address_line_1 = factory.Sequence(lambda n: f"{n % 200 + 1} Oak Road")
    town = "Manchester"
    postcode = factory.Sequence(lambda n: f"M{n % 30 + 1} {n % 9 + 1}AB")
    postcode_key = factory.LazyAttribute(lambda p: p.postcode.replace(" ", "").upper())
    address_key = factory.LazyAttribute(lambda p: p.address_line_1.lower())
    area = factory.SubFactory(AreaFactory)
    property_type = PropertyType.GENERAL_NEEDS


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    hms_ref = factory.Sequence(lambda n: f"T{n:07d}")
    property = factory.SubFactory(PropertyFactory)
    tenure = Tenure.ASSURED
    start_date = dt.date(2015, 4, 1)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    hms_ref = factory.Sequence(lambda n: f"R{n:07d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    first_name_key = factory.LazyAttribute(lambda r: r.first_name.lower())
    last_name_key = factory.LazyAttribute(lambda r: r.last_name.lower())
    date_of_birth = dt.date(1970, 5, 17)
    email = factory.LazyAttribute(lambda r: f"{r.hms_ref.lower()}@example.org")
    accepts_email = True
    preferred_channel = "email"


class TenancyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenancyMember

    tenancy = factory.SubFactory(TenancyFactory)
    resident = factory.SubFactory(ResidentFactory)
    role = MemberRole.TENANT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    role = Role.RESIDENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]  # noqa: N805
        if create:
            obj.save()


def staff_user(role: str, email: str) -> User:
    """A staff account with a confirmed authenticator app."""
    user = UserFactory(role=role, email=email)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def make_resident(
    *,
    tenure: str = Tenure.ASSURED,
    role: str = MemberRole.TENANT,
    home: Property | None = None,
    managed_for: str = "",
    end_date: dt.date | None = None,
    **resident_kwargs: object,
) -> Resident:
    """A resident living in a home: the named tenant (or ``role``) of a tenancy of ``tenure``, in
    ``home`` or a new one (managed for another organisation if ``managed_for`` names it), ended
    on ``end_date`` if given. The one way the tests make a resident with a home."""
    home = home or PropertyFactory(managed_for=managed_for)
    tenancy = TenancyFactory(tenure=tenure, property=home, end_date=end_date)
    member = TenancyMemberFactory(tenancy=tenancy, role=role, resident=ResidentFactory(**resident_kwargs))
    return member.resident


def household(*, tenure: str = Tenure.ASSURED, members: int = 1, **resident_kwargs: object) -> Tenancy:
    """A tenancy with a named tenant and ``members - 1`` other household members."""
    tenancy = TenancyFactory(tenure=tenure)
    TenancyMemberFactory(tenancy=tenancy, resident=ResidentFactory(**resident_kwargs), role=MemberRole.TENANT)
    for _ in range(members - 1):
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.HOUSEHOLD_MEMBER)
    return tenancy


# --- Involvement, activities, surveys, consultations and messages ------------------------
# Rows made directly, for tests that need one of each kind (subject access); tests of the
# rules themselves go through the services.

AN_HOUR_AGO = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.Level

    order = factory.Sequence(lambda n: n + 2)
    slug = factory.Sequence(lambda n: f"level-{n}")
    name = factory.Sequence(lambda n: f"Level {n}")


class LevelMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.LevelMembership

    resident = factory.SubFactory(ResidentFactory)
    level = factory.SubFactory(LevelFactory)
    status = involvement.MembershipStatus.ACTIVE
    requested_at = AN_HOUR_AGO
    consent_wording = "I agree that you may keep my involvement details."
    consent_at = AN_HOUR_AGO


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.Group

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Group {n}")
    kind = involvement.OpportunityKind.PANEL


class SeatCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.SeatCategory

    group = factory.SubFactory(GroupFactory)
    slug = factory.Sequence(lambda n: f"seat-{n}")
    name = "Tenant member"
    seats = 8


class SeatHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.SeatHolding

    seat_category = factory.SubFactory(SeatCategoryFactory)
    resident = factory.SubFactory(ResidentFactory)
    started_on = dt.date(2025, 4, 1)


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.Election

    seat_category = factory.SubFactory(SeatCategoryFactory)
    title = factory.Sequence(lambda n: f"Panel election {n}")
    seats = 2
    nominations_close_on = dt.date(2026, 3, 10)
    voting_opens_on = dt.date(2026, 3, 15)
    voting_closes_on = dt.date(2026, 3, 31)


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.Nomination

    election = factory.SubFactory(ElectionFactory)
    resident = factory.SubFactory(ResidentFactory)
    statement = "I will listen."


class BallotRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.BallotRecord

    election = factory.SubFactory(ElectionFactory)
    resident = factory.SubFactory(ResidentFactory)
    voted_on = dt.date(2026, 3, 20)
    channel = involvement.JoinChannel.PORTAL


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = involvement.Vote

    id = factory.LazyFunction(uuid.uuid4)
    nomination = factory.SubFactory(NominationFactory)
    election = factory.LazyAttribute(lambda v: v.nomination.election)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.Venue

    name = factory.Sequence(lambda n: f"Community Hall {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.Activity

    title = factory.Sequence(lambda n: f"Panel meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda a: a.starts_at + dt.timedelta(hours=2))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.Participant

    activity = factory.SubFactory(ActivityFactory)
    resident = factory.SubFactory(ResidentFactory)


class ActionFactory(factory.django.DjangoModelFactory):
    """An action in the tracker; by default a meeting's action point."""

    class Meta:
        model = actions.Action

    activity = factory.SubFactory(ActivityFactory)
    title = "Chase the repairs contractor"
    owner_name = "Olive"
    due_on = dt.date(2026, 1, 10)


class ReferralFactory(factory.django.DjangoModelFactory):
    """A group's referral to the Board, not yet answered."""

    class Meta:
        model = referrals.Referral

    group = factory.SubFactory(GroupFactory)
    title = "Better lighting on the estates"
    detail = "The panel asks the Board to fund brighter lights on every estate path."
    referred_on = dt.date(2026, 9, 1)


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.SupportRequest

    participant = factory.SubFactory(ParticipantFactory)
    kind = activities.SupportKind.TRANSPORT


class HoursLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.HoursLog

    resident = factory.SubFactory(ResidentFactory)
    on = dt.date(2026, 2, 2)
    hours = Decimal("1.50")
    description = "Read a leaflet"


class ExpenseClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.ExpenseClaim

    resident = factory.SubFactory(ResidentFactory)
    description = "Bus fare"
    amount = Decimal("4.80")


class InformationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = activities.InformationRequest

    resident = factory.SubFactory(ResidentFactory)
    received_on = dt.date(2026, 2, 3)
    question = "How many repairs were late?"


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = surveys.Survey

    title = factory.Sequence(lambda n: f"Survey {n}")
    status = surveys.SurveyStatus.OPEN


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = surveys.Question

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = surveys.QuestionKind.SATISFACTION
    text = factory.Sequence(lambda n: f"Question {n}?")


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = surveys.Invitation

    survey = factory.SubFactory(SurveyFactory)
    resident = factory.SubFactory(ResidentFactory)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = surveys.Response

    survey = factory.SubFactory(SurveyFactory)
    resident = factory.SubFactory(ResidentFactory)
    channel = surveys.Channel.PORTAL


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = surveys.Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory, survey=factory.SelfAttribute("..response.survey"))
    choice = "very_satisfied"


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = consultations.Consultation

    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "We propose a change."
    likely_effect = "Little."
    closes_on = dt.date(2026, 6, 30)
    status = consultations.ConsultationStatus.OPEN


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = consultations.Notice

    consultation = factory.SubFactory(ConsultationFactory)
    resident = factory.SubFactory(ResidentFactory)
    sent_on = dt.date(2026, 5, 1)
    how = "Letter"


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = consultations.Representation

    consultation = factory.SubFactory(ConsultationFactory)
    resident = factory.SubFactory(ResidentFactory)
    text = "I agree with the proposal."
    received_on = dt.date(2026, 5, 10)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = comms.Message

    recipient = factory.SubFactory(ResidentFactory)
    channel = comms.MessageChannel.EMAIL
    template = "activity_invitation"
    to = factory.LazyAttribute(lambda m: m.recipient.email)
    subject = factory.Sequence(lambda n: f"Message {n}")
    body = "Dear resident, you are invited."
    dedupe_key = factory.Sequence(lambda n: f"test-{n}")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = comms.Review

    title = factory.Sequence(lambda n: f"Leaflet {n}")
    text = "Our new repairs leaflet."
    group = factory.SubFactory(GroupFactory, kind=involvement.OpportunityKind.READERS_PANEL)
    closes_on = dt.date(2026, 6, 1)


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = comms.ReviewComment

    review = factory.SubFactory(ReviewFactory)
    resident = factory.SubFactory(ResidentFactory)
    text = "Use bigger letters."


class ScrutinyReviewFactory(factory.django.DjangoModelFactory):
    """A scrutiny review of a panel (a group whose seat holders are the panel)."""

    class Meta:
        model = scrutiny.Review

    title = factory.Sequence(lambda n: f"Void repairs review {n}")
    reason = "Satisfaction with repairs fell in the last survey."
    panel = factory.SubFactory(GroupFactory)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = scrutiny.Recommendation

    review = factory.SubFactory(ScrutinyReviewFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = "Tell tenants the date of the repair when they report it."


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = indicators.Indicator

    name = factory.Sequence(lambda n: f"Repairs done on time {n}")
    definition = "Repairs completed within the landlord's target time."
    unit = indicators.Unit.PERCENT
    higher_is_better = True


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = indicators.IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = dt.date(2025, 4, 1)
    period_end = dt.date(2026, 3, 31)
    value = Decimal("80")
    origin = indicators.IndicatorValue.Origin.TYPED


class ReportingDutyFactory(factory.django.DjangoModelFactory):
    """A report that goes to a group quarterly, from 1 April 2025, as a strategy says."""

    class Meta:
        model = reporting.ReportingDuty

    slug = factory.Sequence(lambda n: f"report-{n}")
    kind = "involvement"
    group = factory.SubFactory(GroupFactory)
    audience = factory.LazyAttribute(lambda d: d.group.name if d.group else "The Executive")
    cadence = "quarterly"
    year_starts = 4
    due_days = 90
    starts_on = dt.date(2025, 4, 1)
    sources = factory.LazyFunction(
        lambda: {"cadence": {"section": "8", "quote": "Involvement will be reported quarterly"}}
    )


class ReportPresentationFactory(factory.django.DjangoModelFactory):
    """The first quarter of 2025/26's report, presented at a meeting of the duty's group."""

    class Meta:
        model = reporting.ReportPresentation

    duty = factory.SubFactory(ReportingDutyFactory)
    period_start = dt.date(2025, 4, 1)
    period_end = dt.date(2025, 6, 30)
    meeting = factory.SubFactory(
        ActivityFactory,
        group=factory.SelfAttribute("..duty.group"),
        starts_at=dt.datetime(2025, 7, 15, 18, tzinfo=dt.UTC),
        ends_at=dt.datetime(2025, 7, 15, 20, tzinfo=dt.UTC),
    )
    presented_on = dt.date(2025, 7, 15)
    decided = "Noted; the panel asked for hours by area next quarter."


class BoardPackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = boardpacks.BoardPack

    title = factory.Sequence(lambda n: f"Board, pack {n}")
    meeting = factory.SubFactory(
        ActivityFactory, starts_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    )
    period_start = dt.date(2026, 4, 1)
    period_end = dt.date(2026, 6, 30)


# Seats filled for tests of something else: the members were chosen (elected or nominated) before
# TenantVoice was used, which an officer records with this reason (decision 0024).
BEFORE_TENANTVOICE = "Chosen before TenantVoice was used; the record is on paper."


class InvolvementCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "value_for_money.InvolvementCost"

    kind = "venues"
    spent_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    amount = Decimal("120.00")
    description = "Room hire for the panel"
