"""Recording a strategy review as held."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from tenantvoice.activities.models import Activity
from tenantvoice.core.plain_errors import PlainForm

# Meetings offered for a review: those held in this many days before today.
MEETINGS_LOOK_BACK_DAYS = 730


class MeetingChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}, {obj.date:%-d %B %Y}"


class ReviewRecordForm(PlainForm):
    activity = MeetingChoice(
        label="The meeting it was held at",
        queryset=Activity.objects.none(),
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
        now = timezone.now()
        field = self.fields["activity"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Activity.objects.filter(
            cancelled=False,
            starts_at__lte=now,
            starts_at__gte=now - dt.timedelta(days=MEETINGS_LOOK_BACK_DAYS),
        ).order_by("-starts_at", "pk")

    def clean_actions(self) -> list[str]:
        text = self.cleaned_data.get("actions", "")
        return [line.strip() for line in text.splitlines() if line.strip()]
