"""Saved segments: a named audience rule that campaigns and surveys can pick again."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Segment(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # An ``audiences.rules.Audience`` as JSON; read through ``Audience.from_json``.
    rules = models.JSONField(default=dict)
    # Shown in the customer profile report (decision 0048): the landlord's segments of its
    # customers, kept beside the saved audiences that serve one campaign.
    is_profile = models.BooleanField(
        "customer profile",
        default=False,
        help_text="Show this group in the customer profile report.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
