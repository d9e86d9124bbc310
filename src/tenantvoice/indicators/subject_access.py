"""Indicators hold no resident's personal data (decision 0050): their values are figures for
the landlord as a whole (counts, rates and survey measures, suppressed where they count people),
typed in, imported or computed. The only people they name are the staff accounts that recorded
a value or imported peers' figures. So no section of "Everything we hold about you" shows them;
each reference is left out with its reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import IndicatorPeerSet, IndicatorValue

not_exported(IndicatorValue, "recorded_by", reason="The staff account that recorded or computed the value.")
not_exported(IndicatorPeerSet, "imported_by", reason="The staff account that imported the peers' figures.")
