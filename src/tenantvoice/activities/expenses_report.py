"""Expense claims for a period by budget code and status, for the budget holder.

Each claim is one resident's, and the report goes to anyone who reads reports (board members
too), so a row of claims made by fewer people than the landlord's threshold hides its claims
and its amount: the amount of one person's claims is theirs (decision 0017). The totals stay,
with complementary suppression so that no hidden row can be worked out from them; officers
see every claim, by name, on the claims page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from tenantvoice.core.suppression import Suppression, suppress
from tenantvoice.core.tables import Table

from .models import ClaimStatus, ExpenseClaim


@dataclass(frozen=True)
class ExpenseLine:
    budget_code: str
    status: str
    status_label: str
    claims: int
    amount: Decimal
    claimants: int = 0


@dataclass(frozen=True)
class ExpensesReport:
    start: dt.date
    end: dt.date
    rows: list[ExpenseLine]

    @property
    def claims(self) -> int:
        return sum(row.claims for row in self.rows)

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.rows), Decimal(0))

    def total_for(self, status: str) -> Decimal:
        return sum((row.amount for row in self.rows if row.status == status), Decimal(0))

    @property
    def committed(self) -> Decimal:
        """Approved or paid: what the budget has spent or owes."""
        return self.total_for(ClaimStatus.APPROVED) + self.total_for(ClaimStatus.PAID)


def expenses_by_budget_code(start: dt.date, end: dt.date) -> ExpensesReport:
    """Claims submitted between ``start`` and ``end`` (inclusive), grouped in the database."""
    rows = (
        ExpenseClaim.objects.filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
        .values("budget_code", "status")
        .annotate(claims=Count("pk"), amount=Sum("amount"), claimants=Count("resident", distinct=True))
        .order_by("budget_code", "status")
    )
    return ExpensesReport(
        start,
        end,
        [
            ExpenseLine(
                row["budget_code"],
                row["status"],
                str(ClaimStatus(row["status"]).label),
                row["claims"],
                row["amount"] or Decimal(0),
                row["claimants"],
            )
            for row in rows
        ],
    )


COMMITTED = (ClaimStatus.APPROVED, ClaimStatus.PAID)


def expenses_suppression(report: ExpensesReport) -> Suppression[tuple[object, ...]]:
    """Rows hidden by the number of people who claimed; the sums a reader has are all claims
    (and their amount) and the approved or paid ones (and theirs). Amounts follow claims, so the
    same cells hide in both and neither sum gives a hidden row away."""
    from tenantvoice.surveys.results import landlord_threshold

    counts: dict[tuple[object, ...], int] = {("row", i): row.claims for i, row in enumerate(report.rows)}
    counts[("all",)] = report.claims
    committed = [("row", i) for i, row in enumerate(report.rows) if row.status in COMMITTED]
    counts[("committed",)] = sum(counts[k] for k in committed)
    threshold = landlord_threshold()
    return suppress(
        counts,
        threshold,
        totals=[(("all",), [("row", i) for i in range(len(report.rows))]), (("committed",), committed)],
        also_small=[("row", i) for i, row in enumerate(report.rows) if 0 < row.claimants < threshold],
    )


def _pounds(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(Decimal("0.01"))


def expenses_table(report: ExpensesReport) -> tuple[Table, object]:
    """The report's table (page, CSV and XLSX) and the approved-or-paid amount, both suppressed."""
    shown = expenses_suppression(report)
    rows: list[list[object]] = [
        [
            row.budget_code or "(none)",
            row.status_label,
            shown.count(("row", i)),
            shown.or_hidden(_pounds(row.amount), ("row", i)),
        ]
        for i, row in enumerate(report.rows)
    ]
    rows.append(["Total", "", shown.count(("all",)), shown.or_hidden(_pounds(report.total), ("all",))])
    table = Table(
        f"Expenses by budget code {report.start:%d/%m/%Y} to {report.end:%d/%m/%Y}",
        ["Budget code", "Status", "Claims", "Amount (GBP)"],
        rows,
        note=f"Rows with claims made by fewer than {shown.threshold} people are hidden ([c]), and so are "
        "some others so that hidden ones cannot be worked out from the totals."
        if shown.hidden
        else "",
    )
    return table, shown.or_hidden(_pounds(report.committed), ("committed",))
