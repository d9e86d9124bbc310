"""Today's work for the staff home: what needs doing, each with its deadline in working days
and a link to the page where it is done.

Every count reads a work table (applications, offers, activities, requests, consultations,
surveys, imports, the outbox's warning), on its status and date columns, never the register
of residents, so the home stays quick for a landlord with a million residents. Each kind of
work is looked for only if the reader can open the page where it is done. Nobody is named:
the link leads to the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tenantvoice.core.navigation import can_open
from tenantvoice.core.working_days import add_working_days, landlord_nation, working_days_between

# Shown per kind; the heading gives the number and a link to the rest.
ITEMS_SHOWN = 10
# The heading counts this many at most, then says "more than 100": the exact figure beyond it
# changes nothing an officer does today, and counting it would read every waiting row (a
# backlog of applications or imports after a mass send or a migration) on each visit.
COUNT_UP_TO = 100
# Consultations and surveys are listed from this many working days before they close.
CLOSING_SOON_WORKING_DAYS = 10
# Minutes not sent for an activity older than this are left to the service standards report.
MINUTES_LOOK_BACK_DAYS = 365
# A check of an import file not confirmed within this time is taken as abandoned.
CHECK_KEPT_DAYS = 30
# Strategy reviews are listed from this many days before they fall due.
STRATEGY_REVIEW_NOTICE_DAYS = 30
# Complaints are listed when a step (acknowledgement or response) is due within this many
# working days, or late: the platform's choice, enough notice to do it on time.
COMPLAINT_NOTICE_WORKING_DAYS = 2


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    # The deadline in plain words ("Due in 3 working days", "2 working days late").
    deadline: str
    due_on: dt.date | None = None
    late: bool = False


@dataclass
class WorkKind:
    key: str
    heading: str
    # How many wait, up to COUNT_UP_TO + 1 (see ``total_words``).
    total: int
    items: list[WorkItem] = field(default_factory=list)
    # Where to see them all when more than ITEMS_SHOWN wait.
    all_url: str = ""

    @property
    def more_than_counted(self) -> bool:
        return self.total > COUNT_UP_TO

    @property
    def total_words(self) -> str:
        """The number waiting as the heading says it: "7", or "more than 100"."""
        return f"more than {COUNT_UP_TO}" if self.more_than_counted else str(self.total)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def deadline_words(due: dt.date, today: dt.date, nation: str, *, verb: str = "Due") -> tuple[str, bool]:
    """The deadline ``due`` seen from ``today`` in working days, and whether it has passed."""
    if due < today:
        late = working_days_between(due, today, nation)
        return (f"{_plural(late, 'working day')} late" if late else "Late"), True
    if due == today:
        return f"{verb} today", False
    left = working_days_between(today, due, nation)
    return (
        f"{verb} in {_plural(left, 'working day')}" if left else f"{verb} before the next working day"
    ), False


def waiting_words(since: dt.date, today: dt.date, nation: str) -> str:
    """How long something without a deadline has waited, in working days."""
    waited = working_days_between(since, today, nation)
    return f"Waiting {_plural(waited, 'working day')}" if waited else "Since today"


def _kind(
    key: str,
    heading: str,
    queryset: QuerySet[Any],
    item: Callable[[Any], WorkItem],
    all_url: str = "",
) -> WorkKind | None:
    rows = list(queryset[: ITEMS_SHOWN + 1])
    if not rows:
        return None
    # COUNT over at most COUNT_UP_TO + 1 rows (a LIMIT inside the count), never the whole backlog.
    total = len(rows) if len(rows) <= ITEMS_SHOWN else queryset[: COUNT_UP_TO + 1].count()
    return WorkKind(key, heading, total, [item(row) for row in rows[:ITEMS_SHOWN]], all_url)


def todays_work(user: Any, *, today: dt.date | None = None) -> list[WorkKind]:
    """The kinds of work waiting that ``user`` can do, in the order an officer meets them."""
    today = today or timezone.localdate()
    nation = landlord_nation()
    finders = [
        ("staff:involvement-decide", _applications),
        ("staff:involvement-decide", _offers),
        ("staff:activity-minutes", _minutes),
        ("staff:information-request-answer", _information_requests),
        ("staff:complaint-acknowledge", _complaints_due),
        ("staff:action-change", _overdue_actions),
        ("staff-consultations:consultation-detail", _consultations_closing),
        ("surveys:survey-detail", _surveys_closing),
        ("campaigns:outbox", _messages_waiting),
        ("staff:import-confirm", _imports_to_confirm),
        ("staff:strategy-review-record", _strategy_reviews),
        ("staff:reporting-present", _reports_due),
    ]
    work = []
    for url_name, finder in finders:
        args = () if url_name == "campaigns:outbox" else (1,)
        if not can_open(user, url_name, *args):
            continue
        kind = finder(today, nation)
        if kind is not None:
            work.append(kind)
    return work


def _reports_due(today: dt.date, nation: str) -> WorkKind | None:
    """Reports the strategy's timetable says are due or overdue and not yet recorded as
    presented (decision 0051): the reminder, without an email. Two queries, as the timetable."""
    from tenantvoice.reporting.selectors import Status, timetable

    lines = sorted(
        (line for line in timetable(today) if line.status in (Status.DUE, Status.OVERDUE)),
        key=lambda line: (line.due_on, line.duty.order, line.duty.pk),
    )
    if not lines:
        return None

    def item(line: Any) -> WorkItem:
        words, late = deadline_words(line.due_on, today, nation)
        return WorkItem(
            f"{line.duty.title} for {line.period.label} to {line.duty.audience}, "
            f"due by {line.due_on:%-d %B %Y}",
            f"{reverse('staff:reporting-draft', args=[line.duty.pk])}?start={line.period.start:%Y-%m-%d}",
            words,
            line.due_on,
            late,
        )

    return WorkKind(
        "reports-due",
        "Reports due to present",
        len(lines),
        [item(line) for line in lines[:ITEMS_SHOWN]],
        reverse("staff:reporting-timetable"),
    )


def _strategy_reviews(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.plans.models import StrategyReview

    def item(review: Any) -> WorkItem:
        words, late = deadline_words(review.due_on, today, nation)
        return WorkItem(
            f"Review of {review.cycle.what}, due {review.due_on:%-d %B %Y}",
            reverse("staff:strategy-review-record", args=[review.pk]),
            words,
            review.due_on,
            late,
        )

    due = (
        StrategyReview.objects.waiting()
        .filter(due_on__lte=today + dt.timedelta(days=STRATEGY_REVIEW_NOTICE_DAYS))
        .select_related("cycle")
        .order_by("due_on", "pk")
    )
    return _kind("strategy-reviews", "Strategy reviews due", due, item, reverse("staff:strategy-reviews"))


def _applications(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.involvement.models import LevelMembership, MembershipStatus

    def item(m: Any) -> WorkItem:
        received = timezone.localdate(m.requested_at)
        return WorkItem(
            f"Application to join {m.level.name}, received {received:%-d %B %Y}",
            reverse("staff:involvement-level", args=[m.level.slug]),
            waiting_words(received, today, nation),
        )

    waiting = (
        LevelMembership.objects.filter(status=MembershipStatus.APPLIED)
        .select_related("level")
        .order_by("requested_at", "pk")
    )
    return _kind("applications", "Applications to decide", waiting, item, reverse("staff:involvement"))


def _offers(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.involvement.models import LevelMembership, MembershipStatus

    def item(m: Any) -> WorkItem:
        if m.offer_expires_on is None:
            return WorkItem(
                f"Place offered on {m.level.name}",
                reverse("staff:involvement-level", args=[m.level.slug]),
                "No end date",
            )
        words, late = deadline_words(m.offer_expires_on, today, nation, verb="Ends")
        return WorkItem(
            f"Place offered on {m.level.name}, waiting for the resident's answer",
            reverse("staff:involvement-level", args=[m.level.slug]),
            words,
            m.offer_expires_on,
            late,
        )

    offers = (
        LevelMembership.objects.filter(status=MembershipStatus.OFFERED)
        .select_related("level")
        .order_by(F("offer_expires_on").asc(nulls_last=True), "pk")
    )
    return _kind("offers", "Offers waiting for an answer", offers, item, reverse("staff:involvement"))


def _minutes(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.activities.models import Activity
    from tenantvoice.strategies.standards import standards_get

    days = standards_get().minutes_working_days
    if not days:
        return None

    def item(activity: Any) -> WorkItem:
        due = add_working_days(activity.date, days, nation)
        words, late = deadline_words(due, today, nation)
        return WorkItem(
            f"Minutes of {activity.title}, {activity.date:%-d %B %Y}",
            reverse("staff:activity-minutes", args=[activity.pk]),
            words,
            due,
            late,
        )

    now = timezone.now()
    unsent = (
        Activity.objects.filter(
            cancelled=False,
            starts_at__lt=now,
            starts_at__gte=now - dt.timedelta(days=MINUTES_LOOK_BACK_DAYS),
        )
        .filter(Q(minutes__isnull=True) | Q(minutes__sent_on__isnull=True))
        .order_by("starts_at", "pk")
    )
    return _kind("minutes", "Minutes to send", unsent, item, reverse("staff:activities"))


def _information_requests(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.activities.models import InformationRequest

    def item(request: Any) -> WorkItem:
        title = f"Request for information received {request.received_on:%-d %B %Y}"
        url = reverse("staff:information-request-answer", args=[request.pk])
        if request.due_on is None:
            return WorkItem(title, url, waiting_words(request.received_on, today, nation))
        words, late = deadline_words(request.due_on, today, nation)
        return WorkItem(title, url, words, request.due_on, late)

    unanswered = InformationRequest.objects.filter(answered_on__isnull=True).order_by(
        F("due_on").asc(nulls_last=True), "received_on", "pk"
    )
    return _kind(
        "requests",
        "Requests for information to answer",
        unanswered,
        item,
        reverse("staff:information-requests"),
    )


def _complaints_due(today: dt.date, nation: str) -> WorkKind | None:
    from django.db.models import Case, When

    from tenantvoice.complaints.models import CaseStatus, Stage

    def item(stage: Any) -> WorkItem:
        acknowledging = stage.acknowledge_due is not None and stage.acknowledged_on is None
        step = "acknowledge" if acknowledging else "respond to"
        words, late = deadline_words(stage.next_due, today, nation)
        return WorkItem(
            f"{step.capitalize()} complaint {stage.complaint.reference} ({stage.name}), "
            f"by {stage.next_due:%-d %B %Y}",
            reverse("staff:complaint", args=[stage.complaint_id]),
            words,
            stage.next_due,
            late,
        )

    horizon = add_working_days(today, COMPLAINT_NOTICE_WORKING_DAYS, nation)
    due = (
        Stage.objects.filter(responded_on__isnull=True, complaint__status=CaseStatus.OPEN)
        .annotate(
            next_due=Case(
                When(acknowledged_on__isnull=True, acknowledge_due__isnull=False, then=F("acknowledge_due")),
                default=F("respond_by"),
            )
        )
        .filter(next_due__lte=horizon)
        .select_related("complaint")
        .order_by("next_due", "pk")
    )
    return _kind(
        "complaints",
        "Complaints to acknowledge or answer",
        due,
        item,
        f"{reverse('staff:complaints')}?state=awaiting_response",
    )


def _overdue_actions(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.actions.forms import OVERDUE
    from tenantvoice.actions.models import Action

    def item(action: Any) -> WorkItem:
        words, late = deadline_words(action.due_on, today, nation)
        return WorkItem(
            action.title, reverse("staff:action-detail", args=[action.pk]), words, action.due_on, late
        )

    # Top-level actions, as the tracker's list it links to counts them (an overdue sub-action
    # is flagged on its parent's page). The partial index action_open_due answers it.
    overdue = Action.objects.top_level().overdue(today).order_by("due_on", "pk")
    return _kind("actions", "Overdue actions", overdue, item, f"{reverse('staff:actions')}?status={OVERDUE}")


def _closing_words(closes_on: dt.date, today: dt.date, nation: str) -> tuple[str, bool]:
    if closes_on < today:
        return "The closing date has passed: close it", True
    return deadline_words(closes_on, today, nation, verb="Closes")


def _consultations_closing(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.consultations.models import Consultation, ConsultationStatus

    def item(consultation: Any) -> WorkItem:
        words, late = _closing_words(consultation.closes_on, today, nation)
        return WorkItem(
            consultation.title,
            reverse("staff-consultations:consultation-detail", args=[consultation.pk]),
            words,
            consultation.closes_on,
            late,
        )

    horizon = add_working_days(today, CLOSING_SOON_WORKING_DAYS, nation)
    closing = Consultation.objects.filter(status=ConsultationStatus.OPEN, closes_on__lte=horizon).order_by(
        "closes_on", "pk"
    )
    return _kind("consultations", "Consultations closing", closing, item, reverse("staff-consultations:list"))


def _surveys_closing(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.surveys.models import Survey, SurveyStatus

    def item(survey: Any) -> WorkItem:
        words, late = _closing_words(survey.closes_on, today, nation)
        return WorkItem(
            survey.title, reverse("surveys:survey-detail", args=[survey.pk]), words, survey.closes_on, late
        )

    horizon = add_working_days(today, CLOSING_SOON_WORKING_DAYS, nation)
    closing = Survey.objects.filter(
        status=SurveyStatus.OPEN, closes_on__isnull=False, closes_on__lte=horizon
    ).order_by("closes_on", "pk")
    return _kind("surveys", "Surveys closing", closing, item, reverse("surveys:list"))


def _messages_waiting(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.worker.selectors import background_delay

    delay = background_delay()
    oldest = delay.get("oldest_message")
    if not oldest:
        return None
    since = timezone.localtime(oldest)
    item = WorkItem(
        f"Messages to residents waiting to be sent since {since:%-d %B %Y, %H:%M}",
        reverse("campaigns:outbox"),
        f"Waiting more than {delay['minutes']} minutes: check the outbox and the task worker",
        late=True,
    )
    return WorkKind("messages", "Messages waiting longer than expected", 1, [item])


def _imports_to_confirm(today: dt.date, nation: str) -> WorkKind | None:
    from tenantvoice.residents.models import ImportRun, ImportStatus

    def item(run: Any) -> WorkItem:
        checked = timezone.localdate(run.finished_at or run.created_at)
        return WorkItem(
            f"{run.original_name}: checked {checked:%-d %B %Y}, not imported yet",
            reverse("staff:import-detail", args=[run.pk]),
            waiting_words(checked, today, nation),
        )

    imported = ImportRun.objects.filter(from_check=OuterRef("pk")).exclude(status=ImportStatus.FAILED)
    checks = (
        ImportRun.objects.filter(
            status=ImportStatus.CHECKED,
            created_at__gte=timezone.now() - dt.timedelta(days=CHECK_KEPT_DAYS),
        )
        .exclude(Exists(imported))
        .order_by("created_at", "pk")
    )
    return _kind("imports", "Imports to confirm", checks, item, reverse("staff:import-list"))


# Reports that need no choice of record, with what each tells its reader. The menu's Reports
# section lists the same pages (core.navigation.REPORTS).
REPORT_PAGES: tuple[tuple[str, str, str], ...] = (
    ("staff:standards-report", "Service standards", "notice, minutes and requests for information on time."),
    ("staff:quarterly-return", "Quarterly return", "persons engaged and hours at each level."),
    (
        "staff:involvement-report",
        "Involvement in numbers",
        "residents at each level and vacant seats on groups, on any date.",
    ),
    (
        "staff:governance-timetable",
        "Governance timetable",
        "the dates that get residents' views into committee papers.",
    ),
    ("staff:expenses-report", "Expenses by budget code", "claims, approvals and payments for any period."),
    (
        "staff:action-plan-report",
        "Strategy action plans",
        "each plan's actions with owner, target date, progress and RAG status.",
    ),
    (
        "staff:scrutiny-tracker",
        "Scrutiny tracker",
        "reviews by stage, recommendations by response and the progress of their actions.",
    ),
    (
        "staff:complaints-report",
        "Complaints in numbers",
        "CH01 and CH02, themes by category, area and month, the annual report and the self-assessment.",
    ),
    (
        "audiences:profiles",
        "Customer profiles",
        "each profile's size, preferred channels, involvement and reach, and all residents by group.",
    ),
    (
        "staff:representation-report",
        "Who takes part",
        "involved residents against all residents by age, tenure, home, area and more, on any date.",
    ),
    (
        "staff:representation-board-report",
        "Who takes part: report for the Board",
        "all involved residents against all residents, with the scores' trend; printable.",
    ),
    (
        "staff:value-for-money",
        "Value for money of involvement",
        "what involvement cost in expenses, rewards, venues and staff time against what it achieved.",
    ),
    (
        "staff:reporting-timetable",
        "Reports due",
        "what the strategy says goes to whom and how often, what is overdue, and when each was presented.",
    ),
    (
        "staff:board-packs",
        "Board packs",
        "a pack for a meeting: the sections chosen, their figures and narrative, on the web and as PDF.",
    ),
    (
        "staff:annual-reports",
        "Annual report to residents",
        "the year's report made from its data, with the officer's and the panel's words, approved by the "
        "panel, then on the web, as PDF, in easy read and by letter; residents' comments.",
    ),
)
# Survey results and programmes listed, newest first.
REPORTS_PER_LIST = 50


@dataclass(frozen=True)
class ReportLink:
    title: str
    url: str
    summary: str = ""


@dataclass
class ReportList:
    heading: str
    links: list[ReportLink]
    note: str = ""


def reports_readable(user: Any) -> list[ReportList]:
    """Every report ``user`` may read, grouped, each linked only if the user can open it."""
    from tenantvoice.programme.models import Programme
    from tenantvoice.surveys.models import Survey, SurveyStatus

    lists = []
    pages = [
        ReportLink(title, reverse(name), summary)
        for name, title, summary in REPORT_PAGES
        if can_open(user, name)
    ]
    if pages:
        lists.append(ReportList("Reports", pages))
    if can_open(user, "surveys:survey-results", 1):
        surveys = Survey.objects.filter(status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED]).order_by(
            F("opens_on").desc(nulls_last=True), "-pk"
        )
        links = [
            ReportLink(
                survey.title,
                reverse("surveys:survey-results", args=[survey.pk]),
                "open: the results so far" if survey.status == SurveyStatus.OPEN else "closed",
            )
            for survey in surveys.only("pk", "title", "status", "opens_on")[:REPORTS_PER_LIST]
        ]
        if links:
            note = f"The {REPORTS_PER_LIST} most recent." if len(links) == REPORTS_PER_LIST else ""
            lists.append(ReportList("Survey results", links, note))
    if can_open(user, "programme:programme-detail", 1):
        programmes = [
            ReportLink(
                programme.title,
                reverse("programme:programme-detail", args=[programme.pk]),
                f"from {programme.starts_on:%-d %B %Y}: each survey's steps, and whether on time",
            )
            for programme in Programme.objects.order_by("-starts_on", "-pk")[:REPORTS_PER_LIST]
        ]
        if programmes:
            lists.append(ReportList("Survey programmes", programmes))
    return lists
