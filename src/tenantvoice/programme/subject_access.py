"""The survey programme plans surveys; it holds nothing about one resident (decision 0016)."""

from __future__ import annotations

from tenantvoice.core.personal_data import not_exported

from .models import Programme

not_exported(Programme, "created_by", reason="The staff account that planned the programme.")
