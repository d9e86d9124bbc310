"""The demo landlord: synthetic residents, a strategy, and sign-ins for every role.

Only for a machine with DEBUG on: the accounts have published passwords and authenticator
keys, so that anyone trying TenantVoice can sign in as each kind of user.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenantvoice.accounts.models import User
from tenantvoice.core.errors import DomainError
from tenantvoice.core.roles import Role
from tenantvoice.core.summaries import bump
from tenantvoice.residents.models import PRIMARY_ROLES, MemberRole, Resident

if TYPE_CHECKING:
    from tenantvoice.audiences.rules import Audience

DEMO_PASSWORD = "tenantvoice-demo"  # noqa: S105 - published on purpose: DEBUG-only demo
# A fixed authenticator key (hex) so that the demo's MFA codes are reproducible; base32
# for an authenticator app: see demo_totp_secret().
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_STRATEGY = "housing-for-women"
DEMO_LANDLORD = "Riverside Demo Homes"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    full_name: str
    note: str


STAFF_ACCOUNTS = (
    DemoAccount(
        "admin@demo.example.org",
        Role.ADMINISTRATOR,
        "Ada Administrator",
        "everything, including equality data and the audit log",
    ),
    DemoAccount(
        "officer@demo.example.org",
        Role.ENGAGEMENT_OFFICER,
        "Olu Officer",
        "the register, imports and involvement",
    ),
    DemoAccount(
        "manager@demo.example.org", Role.MANAGER, "Mo Manager", "reads the register, changes nothing"
    ),
    DemoAccount("board@demo.example.org", Role.BOARD_READER, "Bea Board", "reports only, no personal data"),
)
RESIDENT_ACCOUNTS = (
    DemoAccount("tenant@demo.example.org", Role.RESIDENT, "", "a named tenant"),
    DemoAccount("householder@demo.example.org", Role.RESIDENT, "", "another member of a household"),
)


class DemoRefused(DomainError):
    pass


def demo_refuse_unless_debug() -> None:
    if not settings.DEBUG:
        raise DemoRefused(
            "The demo creates accounts with published passwords, so it only runs with DEBUG on "
            "(the local settings). Never run it on a real landlord's server."
        )


def demo_totp_secret() -> str:
    """The demo key in base32, as an authenticator app asks for it."""
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def demo_code(email: str) -> tuple[str, int]:
    """The current 6-digit code for a demo staff account, and seconds it stays valid."""
    demo_refuse_unless_debug()
    device = TOTPDevice.objects.filter(user__email__iexact=email, confirmed=True).first()
    if device is None:
        raise DemoRefused(f"{email} has no authenticator set up.")
    now = int(time.time())
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{code:0{device.digits}d}", device.step - (now - device.t0) % device.step


@transaction.atomic
def demo_accounts() -> list[tuple[DemoAccount, User]]:
    """Create (or reset) the demo sign-ins. Idempotent."""
    made = []
    for account in STAFF_ACCOUNTS:
        user = _user(account)
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="Demo authenticator", key=DEMO_TOTP_KEY, confirmed=True)
        made.append((account, user))
    residents = _demo_residents()
    for account, resident in zip(RESIDENT_ACCOUNTS, residents, strict=False):
        user = _user(account, resident=resident)
        made.append((account, user))
    return made


def _user(account: DemoAccount, resident: Resident | None = None) -> User:
    user = User.objects.filter(email__iexact=account.email).first() or User(email=account.email)
    user.role = account.role
    user.full_name = account.full_name or (resident.display_name if resident else account.email)
    user.is_active = True
    if resident is not None:
        user.resident = resident
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _demo_residents() -> list[Resident]:
    """A named tenant and a household member of the same home, with email addresses."""
    existing = [
        User.objects.filter(email__iexact=a.email).values_list("resident", flat=True).first()
        for a in RESIDENT_ACCOUNTS
    ]
    if all(existing):
        return list(Resident.objects.filter(pk__in=existing).order_by("pk"))
    member = (
        Resident.objects.filter(
            memberships__role=MemberRole.HOUSEHOLD_MEMBER, date_of_birth__year__lt=2000, account__isnull=True
        )
        .exclude(email="")
        .order_by("pk")
        .first()
    )
    if member is None:
        return []
    tenancy = member.memberships.get(role=MemberRole.HOUSEHOLD_MEMBER).tenancy
    tenant = Resident.objects.filter(
        memberships__tenancy=tenancy, memberships__role=MemberRole.TENANT
    ).first()
    return [r for r in (tenant, member) if r is not None]


def demo_involvement(seed: int = 2026) -> int:
    """Residents on each level, applications, a waiting list and panel seats, so that the
    involvement pages show what a landlord's would. Only when nobody has joined yet."""
    import datetime as dt
    import random

    from django.utils import timezone

    from tenantvoice.core.selectors import landlord_get
    from tenantvoice.involvement.models import Group, Level, LevelMembership
    from tenantvoice.involvement.services import (
        InvolvementError,
        application_decide,
        involvement_consent_wording,
        level_join,
        seat_fill,
    )

    if LevelMembership.objects.exists() or not Level.objects.exists():
        return 0
    rng = random.Random(seed)
    wording = involvement_consent_wording(landlord_get().name)
    tenants = list(
        Resident.objects.filter(memberships__role=MemberRole.TENANT, memberships__end_date__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:400]
    )
    rng.shuffle(tenants)
    levels = list(Level.objects.filter(is_default=False).order_by("order"))
    wanted = [60, 18, 16][: len(levels)]
    joined = 0
    start = timezone.localdate() - dt.timedelta(days=200)
    for level, count in zip(levels, wanted, strict=False):
        for _ in range(count):
            if not tenants:
                break
            resident = Resident.objects.get(pk=tenants.pop())
            try:
                membership = level_join(
                    resident=resident,
                    level=level,
                    consent_wording=wording,
                    ways=["surveys"],
                    application="I would like to help improve services.",
                    channel="portal",
                    on=start + dt.timedelta(days=rng.randrange(150)),
                )
            except InvolvementError:
                continue
            joined += 1
            if membership.status == "applied" and joined % 4:
                application_decide(
                    membership=membership, accept=True, reason="Meets the role description", by=None
                )
    group = Group.objects.filter(seat_categories__isnull=False).order_by("pk").first()
    category = group.seat_categories.filter(for_residents=True).first() if group is not None else None
    if group is not None and category is not None:
        members = LevelMembership.objects.filter(status="active", level=group.level).order_by("pk")
        for membership in list(members)[: category.seats or 12]:
            # The seat starts when the member was on the group's level, so the dates agree;
            # a seat filled by ballot or nomination has neither in the demo, so say why.
            try:
                seat_fill(
                    category=category,
                    resident=membership.resident,
                    started_on=max(membership.started_on or start, start),
                    override_reason=""
                    if category.how_filled not in ("election", "nomination")
                    else "Demo data: members chosen before TenantVoice was used.",
                )
            except InvolvementError:
                continue
    return joined


def demo_activities() -> int:
    """A venue, a past panel meeting with its register, a year of monthly meetings and an open
    day on the public calendar. Only when there are no activities yet."""
    import datetime as dt

    from django.utils import timezone

    from tenantvoice.activities.models import Activity, Participant, Venue
    from tenantvoice.activities.services import activity_schedule
    from tenantvoice.involvement.models import Group

    if Activity.objects.exists():
        return 0
    hall = Venue.objects.create(
        name="Riverside Community Hall",
        address="2 Canal Street",
        postcode="M15 4AB",
        step_free=True,
        hearing_loop=True,
        accessible_toilet=True,
        access_notes="Buses 85 and 86 stop outside. Lift to the first floor.",
    )
    group = Group.objects.filter(seat_categories__holdings__isnull=False).distinct().order_by("pk").first()
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    last_month = dt.datetime.combine(today - dt.timedelta(days=28), dt.time(18), tzinfo=zone)
    past = Activity.objects.create(
        title=f"{group.name} meeting" if group else "Residents meeting",
        group=group,
        starts_at=last_month,
        ends_at=last_month + dt.timedelta(hours=2),
        venue=hall,
        notice_sent_on=today - dt.timedelta(days=50),
    )
    if group is not None:
        from tenantvoice.involvement.selectors import group_holdings_current

        for number, holding in enumerate(group_holdings_current(group.pk, past.date)):
            if holding.resident_id:
                Participant.objects.create(
                    activity=past,
                    resident_id=holding.resident_id,
                    rsvp="yes",
                    attendance="present" if number % 5 else "apologies",
                )
    first = dt.datetime.combine(today + dt.timedelta(days=30), dt.time(18), tzinfo=zone)
    created = activity_schedule(
        title=f"{group.name} meeting" if group else "Residents meeting",
        group=group,
        starts_at=first,
        ends_at=first + dt.timedelta(hours=2),
        venue=hall,
        repeat="monthly",
        repeat_count=12,
    )
    open_day = dt.datetime.combine(today + dt.timedelta(days=45), dt.time(11), tzinfo=zone)
    created += activity_schedule(
        title="Open day: meet the repairs team",
        kind="open_day",
        public=True,
        starts_at=open_day,
        ends_at=open_day + dt.timedelta(hours=4),
        venue=hall,
        description="Drop in with your questions about repairs. Tea and cake.",
    )
    return len(created) + 1


def demo_accountability() -> int:
    """The last panel meeting's action points, one done and one running late, and a referral
    to the Board answered with an agreed action. Only when there are no actions yet besides the
    strategy's action plan; returns how many things were made."""
    import datetime as dt

    from django.utils import timezone

    from tenantvoice.actions.models import Action, ActionStatus
    from tenantvoice.actions.services import action_create, action_progress
    from tenantvoice.activities.models import Activity
    from tenantvoice.referrals.services import referral_make, referral_respond

    past = (
        Activity.objects.filter(starts_at__lt=timezone.now(), group__isnull=False)
        .order_by("-starts_at")
        .first()
    )
    # The strategy's action plan is loaded with the strategy: only other actions count here.
    if past is None or Action.objects.filter(plan__isnull=True).exists():
        return 0
    today = timezone.localdate()
    lift = action_create(
        source=past,
        title="Report the lift breakdowns at Elm House to the panel",
        owner_name="Repairs Manager",
        due_on=today - dt.timedelta(days=7),
        public=True,
    )
    action_progress(
        action=lift, status=ActionStatus.IN_PROGRESS, progress=40, note="Contractor's log requested."
    )
    leaflet = action_create(
        source=past,
        title="Send the new repairs leaflet to the readers panel",
        owner_name="Communications Officer",
        due_on=today + dt.timedelta(days=14),
    )
    action_progress(action=leaflet, status=ActionStatus.DONE, evidence="Sent on the day after the meeting.")
    referral = referral_make(
        group=past.group,  # type: ignore[arg-type]
        kind="idea",
        title="A repairs open day",
        detail="Hold an open day each spring where residents can meet the repairs contractor.",
        referred_on=past.date,
        agreed_at=past,
    )
    referral_respond(
        referral=referral,
        decision="agreed",
        response="Agreed: the first open day will be in the spring, with the contractor's managers.",
        responded_on=min(today, past.date + dt.timedelta(days=14)),
    )
    action_create(
        source=referral,
        title="Hold the first repairs open day",
        owner_name="Head of Repairs",
        due_on=today + dt.timedelta(days=120),
        public=True,
    )
    return 4


def demo_scrutiny() -> int:
    """A scrutiny review of repairs by the panel with members, answered by the last meeting:
    its plan, a request for evidence, evidence, findings, three recommendations (two accepted
    and in the tracker, one under consideration) and its published report. Only when there are
    no reviews yet; returns how many were made."""
    import datetime as dt

    from django.utils import timezone

    from tenantvoice.activities.models import Activity
    from tenantvoice.involvement.models import Group
    from tenantvoice.scrutiny.models import Review, Stage
    from tenantvoice.scrutiny.services import (
        evidence_add,
        evidence_request_add,
        evidence_request_answer,
        finding_add,
        milestone_add,
        recommendation_add,
        recommendation_respond,
        review_create,
        review_publish,
        review_report_save,
        review_stage_set,
    )

    panel = Group.objects.filter(seat_categories__holdings__isnull=False).distinct().order_by("pk").first()
    meeting = Activity.objects.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
    if panel is None or meeting is None or Review.objects.exists():
        return 0
    today = timezone.localdate()
    review = review_create(
        title="Repairs: keeping residents informed",
        reason="In the last satisfaction survey, fewer residents were satisfied with being kept informed "
        "about repairs than with the repairs themselves.",
        panel=panel,
        service_standard="Residents are told the date of a repair when they report it",
        terms_of_reference="Find out how residents are told about repairs, and recommend improvements.",
    )
    review_stage_set(review=review, stage=Stage.SCOPING, on=today - dt.timedelta(days=90))
    review_stage_set(review=review, stage=Stage.EVIDENCE, on=today - dt.timedelta(days=75))
    milestone_add(
        review=review, title="Site visit to the repairs call centre", due_on=today - dt.timedelta(days=60)
    )
    milestone_add(review=review, title="Final report", due_on=today - dt.timedelta(days=30), is_report=True)
    asked = evidence_request_add(
        review=review,
        question="How many repairs were booked with a date given on the first call, last quarter?",
        officer_name="Repairs Manager",
        asked_on=today - dt.timedelta(days=70),
    )
    evidence_request_answer(request=asked, answer="61% of 2,140 repairs.", on=asked.due_on)
    evidence_add(
        review=review,
        kind="data",
        title="Repairs booked with a date",
        describes_on=today - dt.timedelta(days=80),
        summary="61% of repairs were given a date on the first call.",
    )
    evidence_add(
        review=review,
        kind="site_visit",
        title="Visit to the repairs call centre",
        describes_on=today - dt.timedelta(days=60),
        summary="Call handlers cannot see the contractor's diary.",
    )
    diary = finding_add(
        review=review, text="Call handlers cannot see the contractor's diary, so cannot give a date."
    )
    texts = finding_add(review=review, text="Residents are not told when a repair is moved.")
    recommendations = [
        recommendation_add(
            review=review, text="Give call handlers the contractor's diary.", findings=[diary]
        ),
        recommendation_add(review=review, text="Text residents when a repair is moved.", findings=[texts]),
        recommendation_add(
            review=review, text="Publish repairs figures each quarter.", findings=[diary, texts]
        ),
    ]
    review_stage_set(review=review, stage=Stage.AWAITING_RESPONSE, on=today - dt.timedelta(days=25))
    for recommendation, owner, days in zip(
        recommendations[:2], ("Head of Repairs", "Repairs Manager"), (90, 45), strict=True
    ):
        recommendation_respond(
            recommendation=recommendation,
            response="accepted",
            meeting=meeting,
            owner_name=owner,
            due_on=today + dt.timedelta(days=days),
            retest_on=today + dt.timedelta(days=days + 180),
        )
    recommendation_respond(recommendation=recommendations[2], response="considering", meeting=meeting)
    review_stage_set(review=review, stage=Stage.IMPLEMENTING)
    review_report_save(
        review=review,
        report="We looked at how residents are told about repairs. Most repairs are done well, but "
        "four in ten residents are not given a date when they report one, and nobody is told when a "
        "repair is moved. We make three recommendations.",
    )
    review_publish(review=review)
    return 1


def demo_complaints() -> int:
    """Complaints going through the procedure's clock, by its own services: one not yet
    acknowledged and late, one extended, one answered with an upheld point, compensation, an
    action and learning, the demo tenant's at stage 2, and a service request. Only when there
    are no complaints yet and the demo's staff accounts exist; returns how many were made."""
    import datetime as dt

    from django.utils import timezone

    from tenantvoice.complaints.models import Category, Complaint
    from tenantvoice.complaints.services import (
        category_save,
        complaint_record,
        stage_acknowledge,
        stage_assign,
        stage_escalate,
        stage_extend,
        stage_respond,
    )
    from tenantvoice.core.working_days import add_working_days, landlord_nation

    officer = User.objects.filter(email__iexact=STAFF_ACCOUNTS[1].email).first()
    admin = User.objects.filter(email__iexact=STAFF_ACCOUNTS[0].email).first()
    tenants = list(
        Resident.objects.filter(
            memberships__role=MemberRole.TENANT, memberships__tenancy__end_date__isnull=True
        )
        .exclude(pk__in=[r.pk for r in _demo_residents()])
        .order_by("pk")
        .distinct()[:4]
    )
    demo_tenant = next(iter(_demo_residents()), None)
    if (
        Complaint.objects.exists()
        or officer is None
        or admin is None
        or len(tenants) < 4
        or demo_tenant is None
    ):
        return 0
    today = timezone.localdate()
    nation = landlord_nation()

    def days_ago(n: int) -> dt.date:
        return add_working_days(today, -n, nation)

    if not Category.objects.exists():
        for n, name in enumerate(
            ("Repairs", "Damp and mould", "Anti-social behaviour", "Communication", "Staff conduct")
        ):
            category_save(name=name, order=n)
    repairs, damp, _asb, communication, _staff = Category.objects.order_by("order")[:5]

    late = complaint_record(
        resident=tenants[0],
        received_on=days_ago(8),
        received_by="phone",
        categories=[repairs],
        what_went_wrong="I reported a leaking kitchen tap three weeks ago and nobody has been.",
        outcome_wanted="The tap fixed.",
        handler=officer,
    )
    extended = complaint_record(
        resident=tenants[1],
        received_on=days_ago(12),
        received_by="email",
        categories=[damp],
        what_went_wrong="There is black mould in the children's bedroom and it keeps coming back.",
        outcome_wanted="The cause found and put right, and the room redecorated.",
        handler=officer,
    )
    stage = extended.stages.get()
    stage_acknowledge(
        stage=stage,
        acknowledged_on=days_ago(10),
        defined_as="Recurring mould in a child's bedroom; the resident wants the cause treated.",
    )
    stage_extend(
        stage=stage,
        new_date=add_working_days(stage.respond_due, 5, nation),
        reason="We are waiting for the damp surveyor's report, due next week.",
        agreed_on=days_ago(1),
    )
    answered = complaint_record(
        resident=tenants[2],
        received_on=days_ago(25),
        received_by="letter",
        categories=[repairs, communication],
        what_went_wrong="My repair appointment was cancelled three times without anyone telling me. "
        "I took three days off work.",
        outcome_wanted="An apology and the repair done.",
        handler=officer,
    )
    stage = answered.stages.get()
    stage_acknowledge(
        stage=stage,
        acknowledged_on=days_ago(22),
        defined_as="Repair appointments cancelled without notice; the resident lost three days' work.",
    )
    stage_respond(
        stage=stage,
        responded_on=days_ago(14),
        response="Thank you for your complaint. We are sorry: we let you down.",
        points=[
            {
                "summary": "Appointments were cancelled without telling you",
                "decision": "upheld",
                "reasons": "Our contractor cancelled three times and our system did not send you a text.",
            },
            {
                "summary": "The repair has not been done",
                "decision": "partly_upheld",
                "reasons": "The part was on order for two weeks; it has now arrived.",
            },
        ],
        remedies=[
            {"kind": "apology", "description": "We apologise for the cancellations.", "point": 0},
            {
                "kind": "compensation",
                "description": "For the time off work",
                "amount": "150.00",
                "amount_reason": "£50 for each wasted day, under our compensation policy.",
                "point": 0,
            },
        ],
        actions=[{"title": "Fit the new boiler part", "due_on": today + dt.timedelta(days=7)}],
        learning={
            "what_learnt": "When the contractor cancels, our system does not tell the resident.",
            "change_made": "Cancellations now send the resident a text the same day.",
        },
    )
    stage_two = complaint_record(
        resident=demo_tenant,
        received_on=days_ago(45),
        received_by="portal",
        categories=[_asb],
        what_went_wrong="My neighbour plays loud music every night and nothing has been done.",
        outcome_wanted="The noise to stop.",
        handler=officer,
    )
    stage = stage_two.stages.get()
    stage_acknowledge(stage=stage, acknowledged_on=days_ago(42), defined_as="Noise nuisance at night.")
    stage_respond(
        stage=stage,
        responded_on=days_ago(33),
        response="We have spoken to your neighbour and will keep monitoring.",
        points=[
            {
                "summary": "Nothing was done about the noise",
                "decision": "not_upheld",
                "reasons": "We visited twice and gave a warning; we have a noise diary for you to fill in.",
            }
        ],
    )
    second = stage_escalate(complaint=stage_two, requested_on=days_ago(3))
    stage_assign(stage=second, handler=admin)
    stage_acknowledge(
        stage=second,
        acknowledged_on=days_ago(1),
        defined_as="The resident is unhappy that the noise continues after our stage 1 response.",
    )
    complaint_record(
        kind="service_request",
        resident=tenants[3],
        received_on=days_ago(2),
        received_by="phone",
        categories=[repairs],
        what_went_wrong="The gutter at the back of the house is blocked and overflowing.",
        outcome_wanted="The gutter cleared.",
    )
    assert late.stages.get().acknowledged_on is None  # late: shown as late on every page
    return 5


def _demo_profiles() -> list[tuple[str, Audience, str]]:
    from tenantvoice.audiences.rules import Audience

    # The platform's examples, the segments issue 18 names, of the customer profiling Thenue's
    # strategy (seed 001, 3.2 "Customer Profiles") asks for: "analysing our data on customers to
    # produce a set of customer profiles".
    why = "Platform's example customer profile (issue 18, after Thenue's 3.2 'Customer Profiles')."
    return [
        ("Prefers letters and over 75", Audience(age_bands=("75-",), channels=("letter",)), why),
        ("Under 35 and prefers text messages", Audience(age_max=34, channels=("sms",)), why),
        # The register's support needs as the representation tables group them (decision 0047).
        ("Needs an interpreter or an accessible format", Audience(support=("format",)), why),
        ("No email or mobile on file", Audience(contact_missing="both"), why),
        ("Has support needs", Audience(support=("any",)), why),
    ]


def demo_engagement() -> int:
    """An open consultation with replies, a saved group, a draft newsletter and a year's survey
    programme. Only when there are no consultations yet; returns how many things were made."""
    import datetime as dt

    from django.utils import timezone

    from tenantvoice.audiences.models import Segment
    from tenantvoice.audiences.rules import Audience
    from tenantvoice.comms.campaigns import campaign_create
    from tenantvoice.consultations.models import Consultation
    from tenantvoice.consultations.services import earliest_close, representation_add
    from tenantvoice.programme.services import programme_create

    if Consultation.objects.exists():
        return 0
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        title="Our new repairs policy",
        summary="We propose to fix non-urgent repairs by appointment within 20 working days, with a "
        "morning or afternoon slot you choose.",
        likely_effect="You would choose your appointment slot. "
        "Non-urgent repairs might take a few days longer.",
        who_is_affected="All tenants.",
        opens_on=today,
        closes_on=max(earliest_close(today), today + dt.timedelta(days=21)),
        status="open",
    )
    for number, resident in enumerate(Resident.objects.order_by("pk")[:3]):
        views = [
            "Please keep evening slots.",
            "Text me the day before.",
            "Twenty days is too long for a leak.",
        ]
        representation_add(
            consultation=consultation, text=views[number], resident=resident, received_on=today
        )
    Segment.objects.get_or_create(
        name="Secure tenants",
        defaults={
            "rules": Audience(tenures=("secure",)).to_json(),
            "description": "For rent and tenancy news.",
        },
    )
    for name, audience, description in _demo_profiles():
        Segment.objects.get_or_create(
            name=name,
            defaults={"rules": audience.to_json(), "description": description, "is_profile": True},
        )
    # About a third of those we can reach agreed to news, so the newsletter has readers; news
    # goes only to residents who agreed (the campaign's confirmation page counts them).
    reachable = list(
        Resident.objects.exclude(email="", mobile_phone="").order_by("pk").values_list("pk", flat=True)
    )
    agreed = reachable[::3]
    for start in range(0, len(agreed), 2000):
        Resident.objects.filter(pk__in=agreed[start : start + 2000]).update(
            consents_to_news=True, news_consent_at=timezone.now()
        )
    bump("register")  # update() sends no signal (decision 0040)
    campaign_create(
        name="Winter newsletter",
        subject="Winter news from ((landlord))",
        body="Dear ((name)),\n\nOur gritting rota for estate paths is on our website.\n\n((landlord))\n\n"
        "To stop getting news from us: ((unsubscribe_link))",
        sms="((landlord)): the winter gritting rota is on our website. Stop news: ((unsubscribe_link))",
        audience=Audience(),
        purpose="news",
        by=None,
    )
    programme_create(
        title=f"Survey programme {today.year + 1}",
        starts_on=dt.date(today.year + 1, 1, 4),
        titles=["Repairs", "Communal cleaning", "Anti-social behaviour", "Getting in touch"],
    )
    return 4


def demo_surveys(seed: int = 2026) -> int:
    """Two waves of a tenant satisfaction survey answered by a few hundred residents (older
    residents answer more, as they do, so weighting has something to correct) and a peer group,
    so that results, weighting, change since last year and quartiles can be tried at once.
    Only when there are no surveys yet; returns how many responses were made."""
    import datetime as dt
    import random

    from django.utils import timezone

    from tenantvoice.surveys.models import PeerFigure, PeerGroup, Survey
    from tenantvoice.surveys.services import response_record, tsm_add

    if Survey.objects.exists():
        return 0
    today = timezone.localdate()
    rng = random.Random(seed)
    tenants = list(
        Resident.objects.filter(
            memberships__role__in=PRIMARY_ROLES, memberships__tenancy__end_date__isnull=True
        )
        .distinct()
        .order_by("pk")[:1500]
    )
    made = 0
    for year, kindness in ((today.year - 1, 0.0), (today.year, 0.08)):
        survey = Survey.objects.create(
            title=f"Tenant satisfaction survey {year}",
            intro="Ten minutes on how we are doing. Your answers are confidential.",
            status="open",
            closes_on=dt.date(year, 10, 31),
        )
        tsm_add(survey=survey, landlord=DEMO_LANDLORD)
        questions = {q.code: q for q in survey.questions.order_by("order")}
        for resident in tenants:
            age = resident.age_on(today) or 40
            if rng.random() > (0.45 if age >= 55 else 0.15):
                continue
            lean = kindness + (0.1 if age >= 65 else 0.0)
            answers: dict[int, list[str]] = {}
            # Filter questions come before the questions they open, so one pass in order works.
            for question in questions.values():
                parent = question.filter_question_id
                if parent is not None and not set(answers.get(parent, [])) & set(question.filter_values):
                    continue
                choices = [c for c, _ in question.choices()]
                if question.code in ("REPAIR", "COMPLAINT", "COMMUNAL"):
                    answers[question.pk] = [rng.choice(choices)]
                else:
                    answers[question.pk] = [choices[0] if rng.random() < 0.3 + lean else rng.choice(choices)]
            response_record(
                survey=survey,
                answers=answers,
                channel=rng.choice(["portal", "link", "paper", "phone"]),
                resident=resident,
                today=dt.date(year, 10, 1),
            )
            made += 1
        survey.status, survey.closed_on = "closed", dt.date(year, 10, 31)
        survey.opens_on = dt.date(year, 9, 1)
        survey.save(update_fields=["status", "closed_on", "opens_on"])
    peers = PeerGroup.objects.create(
        name="Housing associations in the region (example figures)", source="Demo data"
    )
    PeerFigure.objects.bulk_create(
        PeerFigure(
            peer_group=peers,
            landlord=f"Peer landlord {n}",
            measure=f"TP{m:02d}",
            tenure_group="lcra",
            percent=round(55 + 30 * rng.random(), 1),
        )
        for n in range(1, 13)
        for m in range(1, 13)
    )
    return made


def demo_annual_report() -> int:
    """Last year's annual report to residents, with both voices, approved at the panel's last
    meeting after the year and published (left a draft if no such meeting was held). Only when
    there is no annual report yet; returns how many were made."""
    from django.utils import timezone

    from tenantvoice.activities.models import Activity, ActivityKind
    from tenantvoice.annual_reports.models import AnnualReport
    from tenantvoice.annual_reports.services import (
        report_approve,
        report_create,
        report_publish,
        report_update,
    )
    from tenantvoice.core.reporting_year import ReportingYear

    if AnnualReport.objects.exists():
        return 0
    year = ReportingYear(ReportingYear.of(timezone.localdate()).first - 1)
    report = report_create(year=year.first)
    report_update(
        report=report,
        officer_words=(
            "Thank you to everyone who took part this year. This report tells you what you told us, "
            "what we changed and how we did against our promises."
        ),
        panel_name="The Residents Panel",
        panel_words=(
            "We read every chapter of this report and asked for the figures behind it. We think it is fair."
        ),
        how_made="The panel chose what goes in this report and asked for an easy-read version.",
    )
    meeting = (
        Activity.objects.filter(
            kind=ActivityKind.MEETING,
            group__isnull=False,
            cancelled=False,
            starts_at__date__gt=year.end,
            starts_at__lte=timezone.now(),
        )
        .order_by("-starts_at")
        .first()
    )
    if meeting is not None:
        report_approve(report=report, meeting=meeting, decided="Approved for publishing.")
        report_publish(report=report)
    return 1
