"""Every page and endpoint takes as many queries with a larger world as with a small one
(issue 15 item 3), so an N+1 cannot come back unnoticed.

The URLs, their arguments and who may open them are the role matrix's (``ACCESS``,
``_kwargs``, ``_may``): a URL added there is counted here too. Each page that an allowed
visitor can GET is asked for in the matrix's world, then the world grows by several more of
every kind of row a page lists (residents, homes, areas, tenancies, level memberships, seat
holders, places at activities, survey invitations and responses, consultation replies,
messages in the outbox, imports, audit rows ...), attached to the very objects the URLs name,
and the page is asked for again. The number of queries must be the same: a query per row
shows as more queries in the larger world.

Each request is made twice in a row and the second one counted, after the cache is emptied,
so what a first request fills once per process (content types, the landlord's settings, the
background-delay warning) is counted the same way in both worlds. Each request runs in a
savepoint rolled back after it, so what one writes (an audit row of a read) is not in the next.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.utils.http import urlencode

from tenantvoice.actions.models import ActionUpdate
from tests.conftest import rows_shared_by_tests
from tests.factories import (
    ActionFactory,
    ActivityFactory,
    AnswerFactory,
    BallotRecordFactory,
    ConsultationFactory,
    ElectionFactory,
    ExpenseClaimFactory,
    GroupFactory,
    HoursLogFactory,
    InformationRequestFactory,
    LevelMembershipFactory,
    MessageFactory,
    NominationFactory,
    NoticeFactory,
    ParticipantFactory,
    PropertyFactory,
    RecommendationFactory,
    RepresentationFactory,
    ResponseFactory,
    ReviewCommentFactory,
    ReviewFactory,
    ScrutinyReviewFactory,
    SeatHoldingFactory,
    SupportRequestFactory,
    SurveyFactory,
    SurveyInvitationFactory,
    TenancyFactory,
    TenancyMemberFactory,
    VenueFactory,
    VoteFactory,
    staff_user,
)
from tests.security.test_role_matrix import (
    ACCESS,
    API,
    PUBLIC,
    RESIDENT,
    Rule,
    _annual_report,
    _board_pack,
    _charter,
    _client,
    _complaint_reports,
    _equality_assessment,
    _indicator,
    _kwargs,
    _may,
    _report_presented,
    _walk,
    world_build,
)

# How many more of each kind of row the larger world has. A page showing up to a page's worth
# of rows (20 or more everywhere) shows them all in both worlds, so a query per row would show.
MORE = 4

# Pages whose number of queries may differ between the two worlds, with the reason. Empty: a
# page that reads a row at a time is fixed, not listed.
DIFFERS: dict[str, str] = {}


def _visitors(name: str, rule: Rule) -> list[str]:
    """Who is counted on ``name``: a resident on residents' pages, an officer (or the first staff
    role allowed) on staff pages and the API, and public pages both signed out and as a resident
    (a signed-in resident's public pages show their own involvement too)."""
    if rule.allowed == PUBLIC:
        return ["anonymous", "resident"]
    if rule.allowed == RESIDENT:
        return ["resident"]
    return [next(p for p in ("officer", "administrator", "manager", "board") if _may(p, rule))]


FIRST, LATER, SEARCHED = "first page", "a later page", "searched"
# Pages that list nothing until asked: counted once more with this query, which every resident
# ``grow`` makes matches (their surname).
SURNAME = "Countwell"
SEARCHES = {"staff:resident-search": {"q": SURNAME}, "staff:resident-pick": {"q": SURNAME}}
COUNTED = [
    (name, persona, page)
    for name, rule in sorted(ACCESS.items())
    if rule.method == "get"
    for persona in _visitors(name, rule)
    # An API list's later page (after a cursor) is counted too: its query is not the first's.
    for page in (
        (FIRST, LATER)
        if rule.allowed == API and name.endswith("-list")
        else (FIRST, SEARCHED)
        if name in SEARCHES
        else (FIRST,)
    )
]


def _count(name: str, persona: str, page: str, world: dict[str, Any]) -> tuple[int, int, list[str]]:
    """The status, the number of queries and their SQL of ``persona``'s second GET of ``name``."""
    from django.test.utils import CaptureQueriesContext

    pattern = dict(_walk(get_resolver().url_patterns))[name]
    url = reverse(name, kwargs=_kwargs(pattern, world))
    client = _client(persona, world)
    if page == SEARCHED:
        url += "?" + urlencode(SEARCHES[name])
    if page == LATER:
        # After the first row, so that every list (even of elections) has a later page, and
        # then a whole page of rows after it, so that a query per row would show there too.
        url = client.get(url, {"page_size": 1}).json()["next"]
        assert url, f"{name} has one page only: the world needs another row of it"
        url = url.replace("page_size=1", "page_size=50")
    with transaction.atomic():
        cache.clear()
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        transaction.set_rollback(True)
    status = response.status_code
    if page == SEARCHED:  # the search found the residents grow() made
        assert SURNAME in response.content.decode(), f"{name} found nobody"
    return status, len(queries.captured_queries), [q["sql"] for q in queries.captured_queries]


def _measure(world: dict[str, Any]) -> dict[tuple[str, str, str], tuple[int, int, list[str]]]:
    return {(name, persona, page): _count(name, persona, page, world) for name, persona, page in COUNTED}


def _more_people(n: int) -> list[Any]:
    """``n`` residents, each the tenant of a home of their own in a new area, all found by a
    search for SURNAME."""
    return [
        TenancyMemberFactory(resident__last_name=SURNAME, resident__last_name_key=SURNAME.lower()).resident
        for _ in range(n)
    ]


def _grow_complaints(world: dict[str, Any], more: int, tag: str) -> None:
    """Complaints in the reports' year, each in its own area and category, answered (upheld,
    with learning and an action), one taken to the Ombudsman; actions on a provision of the
    self-assessment."""
    from tenantvoice.actions.services import action_create
    from tenantvoice.complaints.services import (
        category_save,
        complaint_record,
        ombudsman_case_record,
        ombudsman_determine,
        stage_acknowledge,
        stage_assign,
        stage_respond,
    )
    from tenantvoice.core.reporting_year import ReportingYear
    from tests.factories import AreaFactory, UserFactory, make_resident

    reports = _complaint_reports(world)
    start = ReportingYear(reports["year"]).start
    handler = UserFactory()
    for n in range(more):
        complaint = complaint_record(
            what_went_wrong="Nobody came.",
            received_on=start + dt.timedelta(days=7 * n),
            received_by="phone",
            resident=make_resident(home=PropertyFactory(area=AreaFactory(name=f"Area {tag} {n}"))),
            categories=[category_save(name=f"Reported category {tag} {n}")],
        )
        stage = complaint.stages.get()
        stage_assign(stage=stage, handler=handler)
        stage_acknowledge(stage=stage, acknowledged_on=stage.opened_on, defined_as="Missed repairs")
        stage.refresh_from_db()
        stage_respond(
            stage=stage,
            responded_on=stage.opened_on + dt.timedelta(days=1),
            response="Sorry.",
            points=[{"summary": "Missed", "decision": "upheld", "reasons": "Records."}],
            learning={"what_learnt": "Lost bookings", "change_made": "Daily check"},
            actions=[{"title": "Fix it", "due_on": dt.date(2027, 1, 1)}],
        )
        case = ombudsman_case_record(
            complaint=complaint, reference=f"HO{tag}{n}", referred_on=stage.opened_on
        )
        ombudsman_determine(
            case=case,
            determined_on=stage.opened_on + dt.timedelta(days=2),
            findings=[{"issue": "Repairs", "determination": "maladministration"}],
            orders=[{"order": "Pay", "comply_by": dt.date(2027, 1, 1), "compensation_ordered": "50"}],
        )
        action_create(
            title=f"Meet the provision {tag} {n}", source=reports["item"], due_on=dt.date(2027, 1, 1)
        )


def _grow_equality_assessments(world: dict[str, Any], more: int, tag: str) -> None:
    """More equality impact assessments in the register (rows made directly: drawing each one's
    figures would only slow the world), and more mitigations on the world's assessment."""
    from tenantvoice.equality_impact.models import Assessment
    from tenantvoice.equality_impact.services import mitigation_add

    assessment = _equality_assessment(world)
    lead = world["staff_account"]
    for n in range(more):
        Assessment.objects.create(
            title=f"EIA {tag} {n}",
            subject_kind="group",
            group=GroupFactory(),
            owner=lead,
            started_on=dt.date(2026, 1, 5),
        )
        for aspect in ("age", "overall"):
            mitigation_add(
                assessment=assessment,
                aspect=aspect,
                title=f"Mitigation {tag} {n}",
                due_on=dt.date(2027, 1, 1),
                owner_user=lead,
            )


def _grow_indicators(world: dict[str, Any], more: int, tag: str) -> None:
    """More indicators with values this year and last, targets and peers' figures, and more
    values and targets of the world's indicator."""
    from tenantvoice.core.reporting_year import ReportingYear
    from tenantvoice.indicators.models import IndicatorPeerSet, IndicatorTarget
    from tenantvoice.indicators.services import charter_comment_make
    from tests.factories import IndicatorFactory, IndicatorValueFactory, ResidentFactory

    this = ReportingYear.of(timezone.localdate())
    peers = IndicatorPeerSet.objects.create(name=f"Peers {tag}", year=this.first)
    for n in range(more):
        indicator = IndicatorFactory(name=f"Indicator {tag} {n}")
        for year in (this, ReportingYear(this.first - 1)):
            IndicatorValueFactory(indicator=indicator, period_start=year.start, period_end=year.end)
        IndicatorTarget.objects.create(indicator=indicator, year=this.first, value=80)
        for k in range(4):
            peers.figures.create(indicator=indicator, landlord=f"Landlord {k}", value=70 + k)
        year = ReportingYear((1950 if tag == "small" else 1960) + n)
        IndicatorValueFactory(indicator=_indicator(world), period_start=year.start, period_end=year.end)
        IndicatorTarget.objects.create(indicator=_indicator(world), year=year.first, value=80)
        # The Charter's page and report to tenants (decision 0053): indicators in the framework
        # with the Scottish average, and residents' comments (the world's resident's among them).
        charter = IndicatorFactory(name=f"Charter {tag} {n}", framework="charter", outcome=2 + n % 2)
        report = _charter(world).report
        charter_year = ReportingYear(report.year)
        for year in (charter_year, ReportingYear(report.year - 1)):
            IndicatorValueFactory(indicator=charter, period_start=year.start, period_end=year.end)
        charter_peers = IndicatorPeerSet.objects.filter(year=report.year).first() or (
            IndicatorPeerSet.objects.create(name=f"Charter peers {tag}", year=report.year)
        )
        charter_peers.figures.create(
            indicator=charter, landlord="Scottish average", value=75, is_average=True
        )
        for k in range(4):
            charter_peers.figures.create(indicator=charter, landlord=f"Landlord {k}", value=70 + k)
        for resident in (world["resident"], ResidentFactory()):
            charter_comment_make(report=report, resident=resident, text=f"Comment {tag} {n}")


def _grow_reporting(world: dict[str, Any], more: int, tag: str) -> None:
    """More reporting duties to the world's group, each with its first quarter presented at one
    of the group's meetings, and more presentations of the world's duty (its second quarter
    and after, one per period)."""
    from tests.factories import ReportingDutyFactory, ReportPresentationFactory

    world_duty = _report_presented(world).duty
    taken = set(world_duty.presentations.values_list("period_start", flat=True))
    free = [p for p in world_duty.periods_until(timezone.localdate()) if p.start not in taken][:more]
    for period in free:
        ReportPresentationFactory(duty=world_duty, period_start=period.start, period_end=period.end)
    for n in range(more):
        duty = ReportingDutyFactory(slug=f"report-{tag}-{n}", group=world["group"])
        ReportPresentationFactory(duty=duty, meeting__group=world["group"])


def _grow_board_packs(world: dict[str, Any], more: int, tag: str) -> None:
    """More Board packs, each with sections, and more sections in the world's pack."""
    from tenantvoice.boardpacks.services import section_add
    from tests.factories import BoardPackFactory

    pack = _board_pack(world)
    for n in range(more):
        other = BoardPackFactory(title=f"Pack {tag} {n}", meeting=world["activity"])
        for kind in ("standards", "indicators"):
            section_add(pack=other, kind=kind)
            section_add(pack=pack, kind=kind)


def _grow_annual_reports(world: dict[str, Any], more: int, tag: str) -> None:
    """More comments on the world's annual report, and more years' reports with their chapters."""
    from tenantvoice.annual_reports.services import annual_report_comment_make, report_create

    report = _annual_report(world)
    for n in range(more):
        annual_report_comment_make(report=report, resident=world["resident"], text=f"Comment {tag} {n}")
        year = world["annual_report_years"] = world.get("annual_report_years", report.year) - 1
        report_create(year=year)


def grow(world: dict[str, Any], more: int, tag: str) -> None:
    """``more`` more of every kind of row the pages list, on the objects the URLs name."""
    from django.core.files.base import ContentFile
    from rest_framework.authtoken.models import Token

    from tenantvoice.accounts.services import invitation_create
    from tenantvoice.activities.models import Minutes, Paper
    from tenantvoice.audiences.models import Segment
    from tenantvoice.audiences.rules import Audience
    from tenantvoice.comms.campaigns import campaign_create
    from tenantvoice.comms.models import MessageStatus, SendRun
    from tenantvoice.core.models import AuditEvent
    from tenantvoice.core.roles import Role
    from tenantvoice.involvement.models import Level, MembershipStatus, RoleHolding, SeatCategory
    from tenantvoice.outcomes.models import Outcome
    from tenantvoice.programme.services import programme_create
    from tenantvoice.residents.models import ImportRun, MemberRole

    _grow_complaints(world, more, tag)
    _grow_equality_assessments(world, more, tag)
    _grow_indicators(world, more, tag)
    _grow_reporting(world, more, tag)
    _grow_board_packs(world, more, tag)
    _grow_annual_reports(world, more, tag)
    resident = world["resident"]
    tenancy = resident.memberships.select_related("tenancy__property__area").first().tenancy
    home, area = tenancy.property, tenancy.property.area
    people = _more_people(more * 3)
    # The register: homes in the resident's area, tenancies of the resident's home (past ones),
    # members of the resident's household, and the resident's own past tenancies elsewhere.
    for n in range(more):
        PropertyFactory(area=area)
        TenancyFactory(property=home, start_date=dt.date(2000 + n, 1, 1), end_date=dt.date(2000 + n, 12, 31))
        TenancyMemberFactory(tenancy=tenancy, role=MemberRole.HOUSEHOLD_MEMBER)
        TenancyMemberFactory(
            resident=resident,
            tenancy=TenancyFactory(end_date=dt.date(2010 + n, 1, 1), start_date=dt.date(2009, 1, 1)),
        )
    # Involvement: memberships of the world's level in every state, the resident's own history,
    # seat holders (with offices) on the world's group, elections' nominations and ballots.
    level, group = world["level"], world["group"]
    other_levels = list(Level.objects.exclude(pk=level.pk))
    for person in people[:more]:
        LevelMembershipFactory(
            resident=person, level=level, status=MembershipStatus.ACTIVE, started_on=dt.date(2025, 1, 1)
        )
    for person in people[more : 2 * more]:
        LevelMembershipFactory(resident=person, level=level, status=MembershipStatus.APPLIED)
    for person in people[2 * more :]:
        LevelMembershipFactory(
            resident=person,
            level=level,
            status=MembershipStatus.OFFERED,
            offer_expires_on=dt.date(2099, 1, 1),
        )
    for n, other in enumerate(other_levels[:more]):
        LevelMembershipFactory(
            resident=resident,
            level=other,
            status=MembershipStatus.LEFT,
            started_on=dt.date(2020, 1, 1),
            ended_on=dt.date(2020, 6, 1 + n),
        )
    category = SeatCategory.objects.filter(group=group).order_by("pk").first()
    for person in people[:more]:
        holding = SeatHoldingFactory(seat_category=category, resident=person, started_on=dt.date(2025, 4, 1))
        RoleHolding.objects.create(holding=holding, role="member", started_on=dt.date(2025, 4, 1))
    election = world["election"]
    for _ in range(more):
        ElectionFactory(seat_category=election.seat_category)
    for person in people[:more]:
        nomination = NominationFactory(election=election, resident=person)
        BallotRecordFactory(election=election, resident=person)
        VoteFactory(nomination=nomination)
    # Activities: more people at the world's activity (with support asked for), more actions and
    # papers; more activities of the group, each with minutes; the resident's own other places.
    activity = world["activity"]
    for person in people[:more]:
        place = ParticipantFactory(activity=activity, resident=person, rsvp="yes", attendance="present")
        SupportRequestFactory(participant=place)
        ActionFactory(activity=activity)
        # The tracker: sub-actions of the world's action, public actions of each owner kind,
        # officers' own actions, residents who raised it, and its history.
        ActionFactory(activity=activity, parent=world["action"], public=True)
        ActionFactory(
            activity=None,
            public=True,
            owner_group=group,
            owner_user=world["staff_account"],
            due_on=None,
            due_note="Ongoing",
        )
        world["action"].raised_by.add(person)
        ActionUpdate.objects.create(
            action=world["action"], on=dt.date(2026, 1, 2), status="in_progress", progress=10
        )
        paper = Paper(activity=activity, title="More")
        paper.file.save("more.txt", ContentFile(b"More"), save=True)
    now = timezone.now()
    for n in range(more):
        other = ActivityFactory(
            group=group,
            starts_at=now - dt.timedelta(days=n + 1),
            venue=VenueFactory(),
            public=True,
        )
        ParticipantFactory(activity=other, resident=resident)
        Minutes.objects.create(activity=other, draft="Draft")
        ActivityFactory(starts_at=now + dt.timedelta(days=n + 1), public=True, group=group)
        InformationRequestFactory(group=group, resident=people[n])
        ExpenseClaimFactory(resident=resident, amount=Decimal("1.20"))
        ExpenseClaimFactory(resident=people[n], amount=Decimal("2.40"))
        HoursLogFactory(resident=resident, group=group)
    # Surveys and consultations: invitations and responses (with answers) to the world's
    # survey, more surveys the resident is invited to, replies and notices of the consultation.
    survey = world["survey"]
    question = survey.questions.get()
    for person in people[:more]:
        invitation = SurveyInvitationFactory(survey=survey, resident=person)
        response = ResponseFactory(survey=survey, resident=person, invitation=invitation, area=area)
        AnswerFactory(response=response, question=question, choice="yes")
    for _ in range(more):
        SurveyInvitationFactory(survey=SurveyFactory(public=False), resident=resident)
        closed = SurveyFactory(status="closed", closes_on=dt.date(2025, 1, 1))
        Outcome.objects.create(
            survey=closed, title=closed.title, you_said="s", we_did="d", published_on=dt.date(2025, 2, 1)
        )
    consultation = world["consultation"]
    for person in people[:more]:
        RepresentationFactory(consultation=consultation, resident=person)
        NoticeFactory(consultation=consultation, resident=person)
    for n in range(more):
        closed = ConsultationFactory(status="decided", closes_on=dt.date(2025, 1, 1 + n))
        Outcome.objects.create(
            consultation=closed,
            title=closed.title,
            you_said="s",
            we_did="d",
            published_on=dt.date(2025, 2, 1),
        )
    # Messages: the outbox in every state, messages to the resident, mass sends and campaigns.
    for status in MessageStatus.values:
        for person in people[:more]:
            MessageFactory(recipient=person, status=status, channel="letter")
        MessageFactory(recipient=resident, status=status)
    for n in range(more):
        SendRun.objects.create(kind="survey_invitation", object_id=survey.pk, title=f"S{n}")
        campaign_create(
            name=f"News {tag} {n}",
            subject="News",
            body="Dear ((name))",
            sms="",
            audience=Audience(),
            purpose="news",
            by=None,
        )
        Segment.objects.create(name=f"Segment {tag} {n}", rules={})
    review = world["review"]
    for person in people[:more]:
        SeatHoldingFactory(seat_category=review.group.seat_categories.get(), resident=person)
        ReviewCommentFactory(review=review, resident=person)
        ReviewFactory(group=review.group)
    # Strategy action plans and reviews: more actions on the plan (each with a sub-action and
    # an owner), and more reviews held with the actions they added.
    from tenantvoice.plans.models import PlanItem, StrategyReview

    cycle = world["strategy_review"].cycle
    for n in range(more):
        parent = ActionFactory(activity=None, plan=cycle.plan, owner_group=group)
        PlanItem.objects.create(plan=cycle.plan, key=f"{tag}-{n}", action=parent, measure="Survey")
        ActionFactory(activity=None, plan=cycle.plan, parent=parent)
        held = StrategyReview.objects.create(
            cycle=cycle,
            due_on=dt.date(2000 + n, 1 if tag == "small" else 2, 1),
            held_on=dt.date(2000 + n, 1, 5),
            activity=activity,
            outcome="Fine",
        )
        held.actions_added.add(parent)
    # Scrutiny: more panel members, milestones, requests, evidence, findings, recommendations
    # answered and turned into actions on the world's review; more reviews, published.
    from tenantvoice.scrutiny.models import Evidence, EvidenceRequest, Finding, Milestone

    scrutiny_review = world["scrutiny_review"]
    lead = world["users"]["officer"]
    meeting = ActivityFactory()
    for n, person in enumerate(people[:more]):
        SeatHoldingFactory(seat_category=scrutiny_review.panel.seat_categories.get(), resident=person)
        Milestone.objects.create(review=scrutiny_review, title=f"Step {n}", due_on=dt.date(2027, 2, 1 + n))
        EvidenceRequest.objects.create(
            review=scrutiny_review,
            question="More",
            officer=lead,
            asked_on=dt.date(2026, 1, 5),
            due_on=dt.date(2026, 1, 19),
            working_days=10,
        )
        evidence = Evidence(
            review=scrutiny_review, kind="data", title="More", describes_on=dt.date(2026, 1, 1)
        )
        evidence.file.save("more.txt", ContentFile(b"More"), save=True)
        finding = Finding.objects.create(review=scrutiny_review, order=10 + n, text="More")
        recommendation = RecommendationFactory(
            review=scrutiny_review,
            response="accepted",
            responded_at=meeting,
            responded_on=dt.date(2026, 3, 1),
        )
        recommendation.findings.add(finding)
        ActionFactory(
            activity=None, recommendation=recommendation, owner_user=lead, due_on=dt.date(2026, 1, 1)
        )
        ScrutinyReviewFactory(published_on=dt.date(2026, 2, 1), officer=lead, stage="scoping")
    # Complaints: more complaints of the resident and of others (in the list, the resident's
    # pages and subject access), and on the world's complaint more points, remedies to pay,
    # extensions, categories, learning, actions, new issues and Ombudsman's cases with
    # findings and orders.
    from tenantvoice.complaints.models import Extension as ComplaintExtension
    from tenantvoice.complaints.models import Finding as OmbudsmanFinding
    from tenantvoice.complaints.models import Learning, OmbudsmanCase, Order, Point, Remedy
    from tenantvoice.complaints.services import category_save, complaint_record
    from tests.complaints.helpers import complaint_answered

    complaint = world["complaint"]
    stage = complaint.stages.get()
    for n in range(more):
        complaint_answered(resident, lead)
        complaint_answered(people[n], lead)
        complaint_record(
            resident=resident,
            received_on=dt.date(2026, 1, 5),
            received_by="portal",
            what_went_wrong="More",
            raised_during=complaint,
        )
        complaint.categories.add(category_save(name=f"Category {tag} {n}"))
        point = Point.objects.create(stage=stage, order=2 + n, summary="More", decision="upheld", reasons="R")
        Remedy.objects.create(
            stage=stage, point=point, kind="compensation", description="More", amount=Decimal("10")
        )
        ComplaintExtension.objects.create(
            stage=stage, new_date=stage.respond_by, reason="More", agreed_on=stage.opened_on
        )
        Learning.objects.create(
            complaint=complaint, what_learnt="More", change_made="More", recorded_on=dt.date(2026, 1, 5)
        )
        ActionFactory(activity=None, complaint=complaint, owner_user=lead, due_on=dt.date(2026, 1, 1))
        case = OmbudsmanCase.objects.create(
            complaint=complaint, reference=f"{tag}{n}", referred_on=dt.date(2026, 1, 5)
        )
        OmbudsmanFinding.objects.create(case=case, issue="More", determination="maladministration")
        Order.objects.create(case=case, order="More", comply_by=dt.date(2026, 2, 1))
    # The staff home shows ten of each kind of work and counts the rest: more than ten overdue
    # actions from the start, so its count runs in both worlds (many kinds above add more).
    if tag == "small":
        from tenantvoice.staff.work import ITEMS_SHOWN

        for _ in range(ITEMS_SHOWN + 1):
            ActionFactory(activity=None, due_on=dt.date(2026, 1, 1))
    # Accounts, imports, programmes and the audit log.
    admin = world["users"]["administrator"]
    for n in range(more):
        Token.objects.create(user=staff_user(Role.ENGAGEMENT_OFFICER, f"more{tag}{n}@example.org"))
        invitation_create(resident_id=people[n].pk, created_by=admin)
        ImportRun.objects.create(
            original_name=f"hms{n}.csv",
            file="imports/hms.csv",
            status="checked",
            dry_run=True,
            created_by=admin,
        )
        programme_create(title=f"Programme {tag} {n}", starts_on=dt.date(2027, 1, 4), count=2)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=admin,
            actor_label=admin.email,
            action="view",
            object_type="resident",
            object_id=str(person.pk),
            resident_id=person.pk,
            summary="Viewed",
        )
        for person in [*people, resident]
        for _ in range(2)
    )
    for _ in range(more):
        SeatHoldingFactory(seat_category__group=GroupFactory(), started_on=dt.date(2025, 4, 1))


@pytest.fixture(scope="module")
def counts(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[dict[Any, Any], dict[Any, Any]]]:
    with rows_shared_by_tests(django_db_blocker):
        world = world_build()
        # One of every kind first, so that a query that runs only when there is a row (the
        # prefetch of a list) runs in both worlds; then several more.
        grow(world, 1, "small")
        small = _measure(world)
        grow(world, MORE, "larger")
        larger = _measure(world)
        yield small, larger


@pytest.mark.parametrize(("name", "persona", "page"), COUNTED)
def test_queries_do_not_grow_with_the_data(
    name: str, persona: str, page: str, counts: tuple[dict[Any, Any], dict[Any, Any]], db: None
) -> None:
    small, larger = counts
    key = (name, persona, page)
    (status, before, sql_before), (status_after, after, sql) = small[key], larger[key]
    ok = ACCESS[name].ok if ACCESS[name].allowed != API else (200,)
    assert status in ok and status_after == status, f"{name} as {persona}: {status}, then {status_after}"
    if name in DIFFERS:
        assert before != after, f"{name} no longer differs: take it out of DIFFERS"
        return
    assert after == before, f"{name} as {persona}: {before} queries, then {after}; more often:\n" + _repeated(
        sql_before, sql
    )


def _repeated(before: list[str], after: list[str]) -> str:
    """The queries (with their values taken out) run more often in the larger world."""
    shape = functools.partial(re.sub, r"'[^']*'|\b\d+\b", "?")
    more = Counter(map(shape, after)) - Counter(map(shape, before))
    return "\n".join(f"{n} x {sql[:600]}" for sql, n in more.most_common())


def test_every_page_anyone_may_get_is_counted() -> None:
    gets = {name for name, rule in ACCESS.items() if rule.method == "get"}
    assert gets == {name for name, _, _ in COUNTED}
    assert set(DIFFERS) <= gets
