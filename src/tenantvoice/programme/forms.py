"""Forms of the survey programme's pages."""

from __future__ import annotations

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.plain_errors import PlainForm


class ProgrammeForm(PlainForm):
    title = forms.CharField(
        label="Name", max_length=200, required=False, help_text="For example 'Resident surveys 2027'."
    )
    starts_on = forms.DateField(
        label="First survey goes out on",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 4/1/2027.",
        error_messages={
            "required": "Enter the date the first survey goes out.",
            "invalid": "Enter the date like 4/1/2027.",
        },
    )
    count = forms.IntegerField(label="Surveys in the year", min_value=1, max_value=26, required=False)
    cycle_weeks = forms.IntegerField(
        label="Weeks in each survey's cycle", min_value=1, max_value=13, required=False
    )
    titles = forms.CharField(
        label="Survey titles, one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Optional. Surveys without a title are numbered.",
    )


class MilestoneDoneForm(PlainForm):
    """The "Mark done" button, with an optional note."""

    note = forms.CharField(label="Note", required=False)
