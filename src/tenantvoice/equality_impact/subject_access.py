"""Equality impact assessments hold no resident's personal data (decision 0049): their figures
are counts of groups, suppressed by the landlord's threshold, kept as a snapshot; their
findings and mitigations are about groups of people, never a named resident. The only people
they name are the staff accounts that own, made and reviewed them. So no section of
"Everything we hold about you" shows them; each reference is left out with its reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import Assessment, Review

not_exported(Assessment, "owner", reason="The staff account that leads the assessment; it names no resident.")
not_exported(Assessment, "created_by", reason="The staff account that made the assessment.")
not_exported(Review, "reviewed_by", reason="The staff account that recorded the review.")
