"""Outcomes are what the landlord published, not what residents said: nothing here is about one
resident (decision 0016). The messages that told each resident are in comms' part."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import Outcome, OutcomeCorrection

not_exported(Outcome, "published_by", reason="The staff account that published what was done.")
not_exported(OutcomeCorrection, "corrected_by", reason="The staff account that corrected what was published.")
not_exported(
    Outcome,
    "learning",
    reason="Learning from a complaint is published without naming anyone; the learning itself is in "
    "'Your complaints and service requests'.",
)
not_exported(
    OutcomeCorrection,
    "outcome",
    reason="A correction of what was published; what was published names no one.",
)
