"""Shared set-up for the equality impact assessment tests."""

from __future__ import annotations

from typing import Any

from tenantvoice.accounts.models import User
from tenantvoice.equality_impact.aspects import ASPECT_KEYS
from tenantvoice.equality_impact.models import Assessment
from tenantvoice.equality_impact.services import assessment_create, finding_save
from tenantvoice.involvement.models import Group
from tests.factories import GroupFactory, SeatCategoryFactory, SeatHoldingFactory, make_resident


def panel_with_members(seats: int, residents: int) -> Group:
    """A group with ``seats`` residents holding a seat, among ``residents`` living in our homes."""
    group = GroupFactory(name="Residents Panel")
    category = SeatCategoryFactory(group=group)
    for n in range(residents):
        resident = make_resident()
        if n < seats:
            SeatHoldingFactory(seat_category=category, resident=resident)
    return group


def group_assessment(owner: User, group: Group | None = None, **extra: Any) -> Assessment:
    return assessment_create(
        title="Residents Panel EIA",
        subject_kind="group",
        group=group or panel_with_members(2, 4),
        owner=owner,
        **extra,
    )


def record_every_finding(assessment: Assessment, impact: str = "neutral", by: Any = None) -> None:
    for key in ASPECT_KEYS:
        finding_save(assessment=assessment, aspect=key, impact=impact, evidence=f"Evidence on {key}", by=by)
