"""Background jobs hold no resident's data: a job's row names what it works on and the staff
account that asked for it, which is left out with its reason."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import JobRun

not_exported(JobRun, "created_by", reason="The staff account that asked for a background job.")
