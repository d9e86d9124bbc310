"""Officers' forms for the costs of involvement; the services check the rules and say what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group

from .models import CostKind


class CostForm(PlainForm):
    kind = forms.ChoiceField(label="What kind of cost", choices=CostKind.choices)
    spent_on = date_field("Date of the cost")
    amount = forms.DecimalField(
        label="Amount in pounds", max_digits=10, decimal_places=2, help_text="For example 120.50."
    )
    description = forms.CharField(label="What it was for", max_length=200)
    staff_hours = forms.DecimalField(
        label="Staff hours",
        max_digits=7,
        decimal_places=2,
        required=False,
        help_text="Only for staff time: the hours the amount pays for.",
    )
    group = forms.ModelChoiceField(
        label="For a group", queryset=Group.objects.none(), required=False, empty_label="Not for one group"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.order_by("name")  # type: ignore[attr-defined]
