"""The strategy action plan report (issue 16, item 5; decision 0043): each plan's actions with
owner, target date, status, progress and a RAG status, counted by RAG.

The RAG rule (the platform's, not a strategy's; ``settings.TENANTVOICE_PLAN_AMBER_DAYS``):

- Green: done; or open, with a target date more than the amber window away and progress at
  least the share of the time from when it was added to its target date that has gone.
- Amber: open and due within the amber window; or open with progress behind that share.
- Red: open after its target date.
- Not rated: open with no target date (the plan says "Ongoing", "TBC" ...), or not going ahead.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.core.charts import BarChart, bar_chart
from tenantvoice.core.tables import Table

from .models import ActionPlan

RED, AMBER, GREEN, NOT_RATED = "Red", "Amber", "Green", "Not rated"
RAGS = (RED, AMBER, GREEN, NOT_RATED)


def amber_days() -> int:
    return int(settings.TENANTVOICE_PLAN_AMBER_DAYS)


def rag(action: Action, today: dt.date, window: int | None = None) -> str:
    """The action's RAG status on ``today`` (the rule is in this module's docstring)."""
    window = amber_days() if window is None else window
    if action.status == ActionStatus.DONE:
        return GREEN
    if action.status == ActionStatus.NOT_DOING or action.due_on is None:
        return NOT_RATED
    if action.due_on < today:
        return RED
    if (action.due_on - today).days <= window:
        return AMBER
    start = timezone.localdate(action.created_at) if action.created_at else today
    span = (action.due_on - start).days
    if span > 0:
        gone = max(0, (today - start).days) * 100 / span
        if action.progress < gone:
            return AMBER
    return GREEN


@dataclass
class Row:
    action: Action
    depth: int
    kind: str
    measure: str
    rag: str


@dataclass
class PlanReport:
    plan: ActionPlan
    rows: list[Row] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(RAGS, 0)
        for row in self.rows:
            found[row.rag] += 1
        return found

    @property
    def chart(self) -> BarChart:
        return bar_chart(f"{self.plan.title}: actions by RAG status", list(self.counts.items()))

    def tables(self) -> list[Table]:
        counts = self.counts
        total = sum(counts.values())
        return [
            Table(
                f"{self.plan.title}: actions",
                [
                    "Action",
                    "Kind",
                    "Sub-action of",
                    "Owner",
                    "Target date",
                    "Status",
                    "Progress (%)",
                    "RAG",
                    "Measure",
                    "Strategy section",
                    "Strategy's words",
                ],
                [
                    [
                        row.action.title,
                        row.kind,
                        row.action.parent.title if row.action.parent_id and row.action.parent else "",
                        row.action.owner_display if row.action.owner_display != "No owner yet" else "",
                        row.action.due_on if row.action.due_on else row.action.due_note,
                        row.action.get_status_display(),
                        row.action.progress,
                        row.rag,
                        row.measure,
                        row.action.source_section,
                        row.action.source_quote,
                    ]
                    for row in self.rows
                ],
            ),  # fmt: skip
            Table(
                f"{self.plan.title}: by RAG status",
                ["RAG status", "Actions", "Share (%)"],
                [[name, n, round(100 * n / total) if total else 0] for name, n in counts.items()],
                note=f"Amber: due within {amber_days()} days, or progress behind the time gone. "
                "Not rated: no target date, or not going ahead.",
            ),
        ]


def plan_reports(today: dt.date) -> list[PlanReport]:
    """Every loaded plan with its actions in the plan's order, sub-actions under their parent:
    two queries whatever the number of plans and actions."""
    plans = list(ActionPlan.objects.all())
    actions = list(
        Action.objects.filter(plan__in=plans)
        .select_related("owner_user", "owner_group", "parent", "plan_item")
        .order_by("plan_item__order", "pk")
    )
    children: dict[int | None, list[Action]] = defaultdict(list)
    for action in actions:
        children[action.parent_id].append(action)
    by_plan: dict[int, list[Action]] = defaultdict(list)
    for action in children[None]:
        by_plan[action.plan_id].append(action)  # type: ignore[index]
    window = amber_days()
    reports = []
    for plan in plans:
        report = PlanReport(plan)
        stack = [(action, 0) for action in reversed(by_plan[plan.pk])]
        while stack:  # depth first, in the plan's order
            action, depth = stack.pop()
            item = getattr(action, "plan_item", None)
            kind = item.get_kind_display() if item is not None else "Added since the plan was loaded"
            measure = item.measure if item is not None else ""
            report.rows.append(Row(action, depth, kind, measure, rag(action, today, window)))
            stack.extend((child, depth + 1) for child in reversed(children[action.pk]))
        reports.append(report)
    return reports
