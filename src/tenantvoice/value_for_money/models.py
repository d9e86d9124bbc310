"""What involvement cost, beyond the expenses residents claim (issue 19 item 5; decision 0055).

Expenses paid to residents are already recorded as claims (``activities.ExpenseClaim``) and are
read from there, never typed again here. Everything else the landlord spends on involvement
(venues, staff time, rewards, training, refreshments, access support, printing) is typed in as a
cost, so the annual Value for Money statement can set what involvement cost against what it
achieved (Tower Hamlets Homes' strategy, "Outcomes Reporting": "an annual Value for Money
statement for the impact of involvement").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CostKind(models.TextChoices):
    VENUES = "venues", "Venues and room hire"
    STAFF_TIME = "staff_time", "Staff time"
    REWARDS = "rewards", "Rewards and vouchers"
    TRAINING = "training", "Training for residents"
    REFRESHMENTS = "refreshments", "Refreshments"
    ACCESS = "access", "Access support (interpreters, care, transport)"
    PRINTING = "printing", "Printing and postage"
    OTHER = "other", "Other"


class InvolvementCost(models.Model):
    kind = models.CharField(max_length=16, choices=CostKind.choices)
    spent_on = models.DateField("date of the cost")
    amount = models.DecimalField("amount (£)", max_digits=10, decimal_places=2)
    description = models.CharField(max_length=200)
    # For staff time: the hours the amount pays for, so the statement can say how many.
    staff_hours = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    # The group it was spent for, when it was for one (a panel's venue, its members' training).
    group = models.ForeignKey(
        "involvement.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="involvement_cost_positive"),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} on {self.get_kind_display()} ({self.spent_on})"
