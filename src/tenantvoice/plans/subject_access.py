"""A strategy's action plan and its reviews are the landlord's, not about one resident. The
actions themselves (and who raised them) are the action tracker's part."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import PlanItem, StrategyReview

not_exported(
    PlanItem, "action", reason="An item of the strategy's action plan; its action is the tracker's part."
)
not_exported(
    StrategyReview, "actions_added", reason="Actions a strategy review agreed; each is the tracker's part."
)
not_exported(StrategyReview, "recorded_by", reason="The staff account that recorded the strategy review.")
