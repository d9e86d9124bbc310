"""Recording a strategy review as held."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.activities.fields import MeetingChoiceField, meetings_field_refresh
from tenantvoice.core.plain_errors import PlainForm


class ReviewRecordForm(PlainForm):
    activity = MeetingChoiceField(
        label="The meeting it was held at",
        held_only=True,
        empty_label="Choose the meeting",
        error_messages={"required": "Choose the meeting it was held at."},
        help_text=(
            "The Board or panel meeting, from the last two years. Add the meeting first if it is not listed."
        ),
    )
    outcome = forms.CharField(
        label="What the review found and decided",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    actions = forms.CharField(
        label="Actions it agreed (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="One a line. Each becomes an action in the tracker, from the strategy's action plan.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings_field_refresh(self.fields["activity"])

    def clean_actions(self) -> list[str]:
        text = self.cleaned_data.get("actions", "")
        return [line.strip() for line in text.splitlines() if line.strip()]
