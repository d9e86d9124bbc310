"""The costs of involvement hold no resident's personal data (decision 0055): amounts the
landlord spent, on a kind of cost and perhaps a group. The only person one names is the staff
account that recorded it, left out with its reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import InvolvementCost

not_exported(
    InvolvementCost, "recorded_by", reason="The staff account that recorded the cost; it names no resident."
)
