"""Saved audiences are rules, not lists of people: nothing here is about one resident (decision 0016)."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import Segment

not_exported(Segment, "created_by", reason="The staff account that saved the audience.")
