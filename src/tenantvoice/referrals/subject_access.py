"""Referrals are a group's, not one resident's: nothing here is about one resident (decision
0016). The messages that told each member of the response are in comms' part."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import Referral

not_exported(Referral, "created_by", reason="The staff account that recorded the referral.")
