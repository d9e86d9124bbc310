"""Officers' forms for the reporting timetable; the services check the rules and say what is
wrong."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.activities.fields import MeetingChoiceField, meetings_to_choose
from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm

from .models import ReportingDuty
from .selectors import Status


class PresentationForm(PlainForm):
    meeting = MeetingChoiceField(label="The meeting it was presented at", required=False, held_only=True)
    presented_on = date_field("Date it was presented", required=False)
    where = forms.CharField(
        label="Where it was presented or published",
        max_length=300,
        required=False,
        help_text="For example “Executive team meeting” or “Annual Review, on the web site”.",
    )
    decided = forms.CharField(
        label="What was decided",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what was decided, or “Noted” if nothing was."},
    )
    evidence = forms.CharField(
        label="Where it is recorded (optional)",
        max_length=500,
        required=False,
        help_text="For example “Minutes, item 5” or the address of the published report.",
    )

    def __init__(self, *args: Any, duty: ReportingDuty, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = meetings_to_choose(held_only=True)
        if duty.group_id is not None:
            # A group's report is presented at one of its meetings: nothing else to say.
            self.fields["meeting"].queryset = meetings.filter(group=duty.group_id)  # type: ignore[attr-defined]
            self.fields["meeting"].required = True
            self.fields["meeting"].empty_label = "Choose a meeting"  # type: ignore[attr-defined]
            self.fields["meeting"].error_messages["required"] = (
                f"Choose the meeting of {duty.group.name if duty.group else duty.audience} at which "
                "the report was presented."
            )
            self.fields[
                "meeting"
            ].label = f"The meeting of {duty.group.name if duty.group else ''} it was presented at"
            del self.fields["presented_on"], self.fields["where"]
        else:
            self.fields["meeting"].queryset = meetings.filter(group__isnull=True)  # type: ignore[attr-defined]
            self.fields["meeting"].help_text = (
                f"{duty.audience} is not a group on TenantVoice: choose a meeting only if it is "
                "recorded here, otherwise give the date and say where."
            )


class RemoveForm(PlainForm):
    reason = forms.CharField(
        label="Why is this record taken out?",
        max_length=500,
        error_messages={"required": "Say why the record is taken out."},
        help_text="For example “Recorded against the wrong quarter”. The audit log keeps it.",
    )


STATUS_CHOICES = [("", "Any"), *Status.choices]
