"""The reporting timetable holds no resident's personal data (decision 0051): duties come from
the strategy, and a presentation records a meeting, a date and what a body decided about
figures for the landlord as a whole (suppressed as their own reports are). The only people it
names are the staff accounts that recorded a presentation. So no section of "Everything we
hold about you" shows it; the reference is left out with its reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import ReportPresentation

not_exported(ReportPresentation, "recorded_by", reason="The staff account that recorded the presentation.")
