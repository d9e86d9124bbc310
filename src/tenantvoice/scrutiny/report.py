"""The scrutiny tracker (issue 16 item 5): reviews by stage, recommendations by response and by
the progress of their actions, the shares accepted, awaiting a response and implemented by
their due date, overdue actions, and the year's count against the strategy's target.

Built once as ``core.tables.Table``s, so the page, its charts, the CSV and the XLSX hold the
same figures. The public version counts published reviews only and names nobody.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.core.tables import Table

from .models import ACCEPTED_RESPONSES, NO_RESPONSE_LABEL, Recommendation, Response, Review, Stage


def percent(part: int, whole: int) -> int | None:
    """A whole per cent, or None when there is nothing to divide by."""
    return round(100 * part / whole) if whole else None


def shown(value: int | None) -> str:
    return "none yet" if value is None else f"{value}%"


@dataclass
class Target:
    year: int
    count: int
    target: int | None
    source: dict[str, str] = field(default_factory=dict)

    @property
    def words(self) -> str:
        if self.target is None:
            return f"{self.count} started in {self.year} (the strategy sets no yearly target)"
        return f"{self.count} of {self.target} this year"


@dataclass
class Tracker:
    on: dt.date
    public: bool
    recommendations: int
    accepted: int
    awaiting: int
    due: int
    on_time: int
    target: Target
    tables: list[Table]

    @property
    def accepted_share(self) -> int | None:
        return percent(self.accepted, self.recommendations)

    @property
    def awaiting_share(self) -> int | None:
        return percent(self.awaiting, self.recommendations)

    @property
    def on_time_share(self) -> int | None:
        return percent(self.on_time, self.due)


def year_target(year: int, reviews: QuerySet[Review] | None = None) -> Target:
    """Reviews started in ``year`` against the strategy's yearly target (Housing for Women:
    "3 areas of service reviewed annually")."""
    from tenantvoice.core.selectors import landlord_get
    from tenantvoice.strategies.standards import standards_get

    reviews = reviews if reviews is not None else Review.objects.all()
    count = reviews.filter(started_on__year=year).count()
    source = dict(landlord_get().standards_sources.get("scrutiny_reviews_per_year") or {})
    return Target(year, count, standards_get().scrutiny_reviews_per_year, source)


def tracker(on: dt.date, *, public: bool = False) -> Tracker:
    reviews = Review.objects.filter(published_on__isnull=False) if public else Review.objects.all()
    recommendations = Recommendation.objects.filter(review__in=reviews.values("pk"))
    actions = Action.objects.top_level().filter(recommendation__review__in=reviews.values("pk"))

    by_stage = dict(reviews.order_by().values_list("stage").annotate(n=Count("pk")))
    stage_rows: list[list[object]] = [[label, by_stage.get(value, 0)] for value, label in Stage.choices]

    by_response = dict(recommendations.order_by().values_list("response").annotate(n=Count("pk")))
    total = sum(by_response.values())
    response_rows: list[list[object]] = [
        [label, by_response.get(value, 0), shown(percent(by_response.get(value, 0), total))]
        for value, label in [*Response.choices, ("", NO_RESPONSE_LABEL)]
    ]
    accepted = sum(by_response.get(value, 0) for value in ACCEPTED_RESPONSES)
    awaiting = by_response.get(Response.CONSIDERING, 0) + by_response.get("", 0)

    by_status = dict(actions.order_by().values_list("status").annotate(n=Count("pk")))
    overdue = list(
        actions.overdue(on)
        .select_related("recommendation__review", "owner_user", "owner_group")
        .order_by("due_on", "pk")
    )
    progress_rows: list[list[object]] = [
        [label, by_status.get(value, 0)] for value, label in ActionStatus.choices
    ]
    progress_rows.append(["Overdue (open after its due date)", len(overdue)])
    progress_rows.append(
        ["Recommendations with no action (not accepted or awaiting a response)", total - accepted]
    )

    # Implemented by the due date: of the actions due by ``on`` (not those not going ahead),
    # those done on or before their due date.
    due = list(
        actions.filter(due_on__lte=on)
        .exclude(status=ActionStatus.NOT_DOING)
        .values_list("status", "due_on", "done_on")
    )
    on_time = len(
        [
            status
            for status, due_on, done_on in due
            if status == ActionStatus.DONE
            and done_on is not None
            and due_on is not None
            and done_on <= due_on
        ]
    )

    target = year_target(on.year, reviews)
    share_rows: list[list[object]] = [
        ["Accepted or partly accepted", accepted, total, shown(percent(accepted, total))],
        [
            "Awaiting a response (under consideration or none yet)",
            awaiting,
            total,
            shown(percent(awaiting, total)),
        ],
        [
            "Actions done by their due date (of those due by today)",
            on_time,
            len(due),
            shown(percent(on_time, len(due))),
        ],
    ]
    tables = [
        Table("Reviews by stage", ["Stage", "Reviews"], stage_rows),
        Table(
            "Recommendations by the landlord's response",
            ["Response", "Recommendations", "Share"],
            response_rows,
        ),
        Table(
            "Shares of recommendations and their actions", ["Measure", "Count", "Out of", "Share"], share_rows
        ),
        Table("Actions from recommendations by progress", ["Progress", "Actions"], progress_rows),
        Table(
            "Reviews started this year against the strategy's target",
            ["Year", "Reviews started", "Target"],
            [[target.year, target.count, target.target if target.target is not None else "none set"]],
            note=(
                f"Section {target.source.get('section')}: \u201c{target.source.get('quote')}\u201d"
                if target.source
                else ""
            ),
        ),
    ]
    overdue_headers = (
        ["Review", "Recommendation", "Action", "Due by"]
        if public
        else [
            "Review",
            "Recommendation",
            "Action",
            "Owner",
            "Due by",
        ]
    )
    overdue_rows: list[list[object]] = []
    for action in overdue:
        rec = action.recommendation
        assert rec is not None
        row: list[object] = [rec.review.title, rec.order, action.title, action.due_on]
        if not public:
            row.insert(3, action.owner_display)
        overdue_rows.append(row)
    tables.append(Table("Overdue actions from recommendations", overdue_headers, overdue_rows))
    return Tracker(
        on=on,
        public=public,
        recommendations=total,
        accepted=accepted,
        awaiting=awaiting,
        due=len(due),
        on_time=on_time,
        target=target,
        tables=tables,
    )
