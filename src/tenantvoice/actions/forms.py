"""The tracker's forms: what an officer filters by and how progress is recorded."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.plain_errors import PlainForm

from .models import ActionStatus
from .sources import source_choices

OVERDUE = "overdue"


class ActionFilterForm(PlainForm):
    """The tracker's filters (all optional): who owns it, where it came from, its status, and
    when it is due."""

    owner = forms.CharField(
        label="Owner", required=False, max_length=160, help_text="Part of a name, a post or a group."
    )
    source = forms.ChoiceField(label="From", required=False)
    status = forms.ChoiceField(label="Status", required=False)
    due_from = forms.DateField(
        label="Due on or after",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 1/4/2027.",
        error_messages={"invalid": "Enter the date like 1/4/2027."},
    )
    due_to = forms.DateField(
        label="Due on or before",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 31/3/2028.",
        error_messages={"invalid": "Enter the date like 31/3/2028."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Anywhere"), *source_choices()]  # type: ignore[attr-defined]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", "Any status"),
            ("open", "Open (not started or in progress)"),
            (OVERDUE, "Overdue"),
            *ActionStatus.choices,
        ]


class ActionProgressForm(PlainForm):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)
    progress = forms.IntegerField(
        label="Progress (%)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="From 0 to 100. A parent's progress comes from its sub-actions.",
        error_messages={
            "min_value": "Progress is a percentage from 0 to 100.",
            "max_value": "Progress is a percentage from 0 to 100.",
            "invalid": "Enter progress as a whole number from 0 to 100.",
        },
    )
    evidence = forms.CharField(
        label="Evidence it is done",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What shows it is done, so the panel can check: needed to mark it done.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What has happened. When the status changes, this is sent to those told.",
    )
