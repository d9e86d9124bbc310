"""Outcomes are what the landlord published, not what residents said: nothing here is about one
resident (decision 0016). The messages that told each resident are in comms' part."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import Outcome, OutcomeCorrection

not_exported(Outcome, "published_by", reason="The staff account that published what was done.")
not_exported(OutcomeCorrection, "corrected_by", reason="The staff account that corrected what was published.")
