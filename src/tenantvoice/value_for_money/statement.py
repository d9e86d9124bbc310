"""The annual Value for Money statement of involvement (issue 19 item 5; decision 0055): what
involvement cost in a reporting year (expenses, rewards, venues, staff time and the rest)
against what it achieved (people involved, hours given, meetings held, policies consulted on,
"you said, we did" published, scrutiny recommendations accepted), with the cost per person and
per hour.

Tower Hamlets Homes' strategy (seed 002, "Outcomes Reporting") involves residents in producing
"an annual Value for Money statement for the impact of involvement"; Thenue's (seed 001, 2.2
"Value For Money") asks "Did we get Value For Money from the specific resources we committed to
customer engagement?". Which figures stand for "what it achieved" is the platform's choice,
stated on the page; the officer's and the panel's words go beside it in the annual report.

Figures about few people are hidden like every report's (``core.suppression``): the expenses
residents were paid are hidden when fewer residents than the threshold claimed (an amount is
theirs), and then so is the total and anything made from it; the hours are hidden when the
quarterly return hides a level's (the total would give it away).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.suppression import HIDDEN, Hidden, hidden_note
from tenantvoice.core.tables import Table

from .models import CostKind, InvolvementCost

EXPENSES = "expenses"
EXPENSES_LABEL = "Expenses paid to residents"
PENNY = Decimal("0.01")

Amount = Decimal | Hidden
Figure = int | Decimal | Hidden


@dataclass(frozen=True)
class CostLine:
    kind: str
    label: str
    amount: Amount
    # Where the figure comes from, in words.
    source: str
    records: int


@dataclass(frozen=True)
class AchievedLine:
    label: str
    value: Figure
    source: str


@dataclass(frozen=True)
class Statement:
    year: ReportingYear
    costs: tuple[CostLine, ...]
    total: Amount
    achieved: tuple[AchievedLine, ...]
    per_person: Amount | None
    per_hour: Amount | None
    staff_hours: Decimal
    threshold: int
    hides: bool

    @property
    def note(self) -> str:
        return hidden_note(self.threshold) if self.hides else ""


def _expenses(start: dt.date, end: dt.date, threshold: int) -> tuple[Amount, int]:
    """Claims submitted in the year that were approved or paid (what the budget spent or owes,
    as the expenses report counts them), hidden when fewer residents than ``threshold`` claimed."""
    from tenantvoice.activities.expenses_report import COMMITTED
    from tenantvoice.activities.models import ExpenseClaim

    found = ExpenseClaim.objects.filter(
        submitted_at__date__gte=start, submitted_at__date__lte=end, status__in=COMMITTED
    ).aggregate(amount=Sum("amount"), claims=Count("pk"), claimants=Count("resident", distinct=True))
    claimants = found["claimants"] or 0
    amount = (found["amount"] or Decimal(0)).quantize(PENNY)
    return (HIDDEN if 0 < claimants < threshold else amount), found["claims"] or 0


def _people_involved(start: dt.date, end: dt.date) -> int:
    """Different residents involved at any time in the year: on a level that counts as involved
    (held on at least one day of it) or present at an activity in it."""
    from tenantvoice.involvement.selectors import levels_held_during
    from tenantvoice.representation.populations import activity_attendees
    from tenantvoice.residents.models import Resident

    on_levels = levels_held_during(start, end).filter(
        level__is_default=False, level__counts_as_involved=True
    ).values("resident_id")
    return Resident.objects.filter(pk__in=on_levels).count() + (
        Resident.objects.filter(pk__in=activity_attendees(start, end)).exclude(pk__in=on_levels).count()
    )


def _hours(start: dt.date, end: dt.date) -> Decimal | Hidden:
    """The hours of involvement at every level (the quarterly return's count, for the year);
    hidden when the return hides a level's hours, which the total would give away."""
    from tenantvoice.activities.returns import quarterly_return

    lines = quarterly_return(start, end).shown_lines()
    if any(isinstance(hours, Hidden) for _, _, hours in lines):
        return HIDDEN
    return sum((Decimal(str(hours)) for _, _, hours in lines), Decimal(0))


def _counts(start: dt.date, end: dt.date) -> list[AchievedLine]:
    from tenantvoice.activities.models import Activity
    from tenantvoice.consultations.selectors import policies_consulted
    from tenantvoice.outcomes.models import Outcome
    from tenantvoice.scrutiny.models import ACCEPTED_RESPONSES, Recommendation

    return [
        AchievedLine(
            "Meetings and other activities held",
            Activity.objects.filter(
                cancelled=False, starts_at__date__gte=start, starts_at__date__lte=end
            ).count(),
            "Activities in the year that were not cancelled.",
        ),
        AchievedLine(
            "Policies consulted on",
            policies_consulted(start, end),
            "Consultations on a policy that closed in the year (as the quarterly return counts).",
        ),
        AchievedLine(
            "“You said, we did” published",
            Outcome.objects.filter(published_on__gte=start, published_on__lte=end).count(),
            "Outcomes of surveys, consultations, scrutiny and complaints first published in the year.",
        ),
        AchievedLine(
            "Scrutiny recommendations accepted",
            Recommendation.objects.filter(
                responded_on__gte=start, responded_on__lte=end, response__in=ACCEPTED_RESPONSES
            ).count(),
            "Recommendations the landlord accepted (in full or in part) in the year.",
        ),
    ]


def value_for_money_statement(year: ReportingYear, threshold: int | None = None) -> Statement:
    """The statement for ``year``: costs by kind, what was achieved, cost per person and hour."""
    from tenantvoice.surveys.results import landlord_threshold

    limit = landlord_threshold() if threshold is None else threshold
    start, end = year.start, year.end
    expenses, claims = _expenses(start, end, limit)
    typed = {
        row["kind"]: row
        for row in InvolvementCost.objects.filter(spent_on__gte=start, spent_on__lte=end)
        .values("kind")
        .annotate(amount=Sum("amount"), records=Count("pk"), hours=Sum("staff_hours"))
        .order_by()
    }
    costs = [
        CostLine(
            EXPENSES,
            EXPENSES_LABEL,
            expenses,
            "Residents' expense claims made in the year and approved or paid.",
            claims,
        )
    ]
    for kind in CostKind:
        row = typed.get(kind.value)
        costs.append(
            CostLine(
                kind.value,
                str(kind.label),
                (row["amount"] if row else Decimal(0)).quantize(PENNY),
                "Costs recorded by officers with a date in the year.",
                row["records"] if row else 0,
            )
        )
    total: Amount = (
        HIDDEN
        if isinstance(expenses, Hidden)
        else sum((line.amount for line in costs if isinstance(line.amount, Decimal)), Decimal(0))
    )
    people = _people_involved(start, end)
    shown_people: int | Hidden = HIDDEN if 0 < people < limit else people
    hours = _hours(start, end)
    achieved = [
        AchievedLine(
            "Residents involved",
            shown_people,
            "Different residents on a level that counts as involved, or present at an activity, "
            "at any time in the year.",
        ),
        AchievedLine(
            "Hours of involvement",
            hours,
            "Hours at meetings and activities attended and hours logged, as the quarterly return "
            "counts them.",
        ),
        *_counts(start, end),
    ]
    staff_hours = typed.get(CostKind.STAFF_TIME.value, {}).get("hours") or Decimal(0)
    return Statement(
        year=year,
        costs=tuple(costs),
        total=total,
        achieved=tuple(achieved),
        per_person=_per(total, shown_people),
        per_hour=_per(total, hours),
        staff_hours=Decimal(staff_hours),
        threshold=limit,
        hides=isinstance(total, Hidden) or isinstance(shown_people, Hidden) or isinstance(hours, Hidden),
    )


def _per(total: Amount, by: Figure) -> Amount | None:
    """``total`` divided by ``by`` to the penny; hidden when either is; None when ``by`` is 0."""
    if isinstance(total, Hidden) or isinstance(by, Hidden):
        return HIDDEN
    if not by:
        return None
    return (total / Decimal(by)).quantize(PENNY)


def _money(amount: Amount | None) -> object:
    return amount if amount is None or isinstance(amount, Hidden) else f"£{amount:,.2f}"


def statement_tables(statement: Statement) -> list[Table]:
    """The statement as tables, for the page's downloads and the API (``core.tables``)."""
    label = statement.year.label
    costs = Table(
        f"What involvement cost, {label}",
        ["Cost", "Amount", "Records", "Where it comes from"],
        [[line.label, _money(line.amount), line.records, line.source] for line in statement.costs]
        + [["Total", _money(statement.total), "", ""]],
        statement.note,
    )
    achieved = Table(
        f"What involvement achieved, {label}",
        ["Measure", "Figure", "How it is counted"],
        [[line.label, line.value, line.source] for line in statement.achieved],
        statement.note,
    )
    ratios = Table(
        f"Cost per person and per hour, {label}",
        ["Measure", "Amount"],
        [
            ["Cost per resident involved", _money(statement.per_person)],
            ["Cost per hour of involvement", _money(statement.per_hour)],
        ],
        "Total cost divided by the residents involved and by the hours of involvement.",
    )
    return [costs, achieved, ratios]
