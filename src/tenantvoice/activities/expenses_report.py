"""Expense claims for a period by budget code and status, for the budget holder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from .models import ClaimStatus, ExpenseClaim


@dataclass(frozen=True)
class ExpenseLine:
    budget_code: str
    status: str
    status_label: str
    claims: int
    amount: Decimal


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
        .annotate(claims=Count("pk"), amount=Sum("amount"))
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
            )
            for row in rows
        ],
    )
