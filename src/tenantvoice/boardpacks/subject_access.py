"""Board packs hold no resident's personal data (decision 0052): their figures are counts for
the landlord as a whole, drawn from reports that hide small numbers, and the officer's words
about them. The only people they name are the staff accounts that made, drew and finalised a
pack. So no section of "Everything we hold about you" shows them; each reference is left out
with its reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import BoardPack, PackSection

not_exported(BoardPack, "created_by", reason="The staff account that started the Board pack.")
not_exported(BoardPack, "finalised_by", reason="The staff account that marked the Board pack final.")
not_exported(PackSection, "drawn_by", reason="The staff account that drew the section's figures.")
