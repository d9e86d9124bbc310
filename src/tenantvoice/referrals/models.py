"""A group's referral of an issue or idea to the Board, and the Board's response (issue 16
item 4).

Southway's Voice Panel: "Ideas, suggestions and proposed actions from the Panel will be
referred directly to the Southway Board for their consideration", and "The Southway Board will
respond positively to recommendations from the Panel whenever possible" (Southway seed,
section 5.2.3, "Collective Routes"). Any group may refer: which groups do is the landlord's
practice, not a rule the platform enforces. What the Board agrees to do becomes actions in the
tracker with the referral as their source, and the group is told of the response and of each
action's progress.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReferralKind(models.TextChoices):
    ISSUE = "issue", "An issue or a gap in services"
    IDEA = "idea", "An idea or suggestion"
    PROPOSAL = "proposal", "A proposed action"


class BoardDecision(models.TextChoices):
    AGREED = "agreed", "Agreed"
    AGREED_IN_PART = "in_part", "Agreed in part"
    NOT_AGREED = "not_agreed", "Not agreed"
    NOTED = "noted", "Noted (no decision needed)"


# A decision that needs its reasons written down for the group.
NEEDS_REASONS = (BoardDecision.AGREED_IN_PART, BoardDecision.NOT_AGREED)


class Referral(models.Model):
    group = models.ForeignKey("involvement.Group", on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=10, choices=ReferralKind.choices, default=ReferralKind.ISSUE)
    title = models.CharField(max_length=200)
    detail = models.TextField("what the group asks")
    # The body it goes to, in the landlord's words ("the Board", "Cabinet (Housing) Committee").
    to_body = models.CharField("referred to", max_length=120, default="the Board")
    referred_on = models.DateField()
    # The group's meeting that agreed to refer it, and the Board's meeting that considered it.
    agreed_at = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="meeting that agreed to refer it",
    )
    considered_at = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="meeting that considered it",
    )
    decision = models.CharField(max_length=10, choices=BoardDecision.choices, blank=True)
    response = models.TextField("the response", blank=True)
    responded_on = models.DateField(null=True, blank=True)
    # Bumped on each response recorded, so a corrected response is news to the group too.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_on", "-pk"]
        indexes = [models.Index(fields=["group", "-referred_on"], name="referral_group_newest")]

    def __str__(self) -> str:
        return self.title

    @property
    def awaiting_response(self) -> bool:
        return not self.decision
