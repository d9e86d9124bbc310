"""The forms of the complaints reports, the self-assessment and the annual report."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.accounts.selectors import staff_accounts_to_choose
from tenantvoice.activities.fields import MeetingChoiceField, meetings_field_refresh
from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm

from .models import Compliance

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class AnnualReportForm(PlainForm):
    prefix = "ar"

    member_responsible = forms.CharField(
        label="Member Responsible for Complaints",
        max_length=200,
        required=False,
        help_text="The member of the governing body the Code asks for, by name.",
    )
    member_responsible_user = forms.ModelChoiceField(
        label="Their account, if they read the reports here",
        queryset=staff_accounts_to_choose().none(),
        required=False,
        empty_label="No account",
    )
    commentary = forms.CharField(
        label="Commentary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figures show, and what will change because of them.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member_responsible_user"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]


class PresentForm(PlainForm):
    prefix = "pr"

    meeting = MeetingChoiceField(
        label="Meeting of the governing body it was presented at",
        held_only=True,
        empty_label="Choose the meeting",
        error_messages={"required": "Choose the meeting it was presented at."},
    )
    response = forms.CharField(
        label="The governing body's response",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Published alongside it.",
        error_messages={"required": "Give the governing body's response."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings_field_refresh(self.fields["meeting"])


class PublishForm(PlainForm):
    prefix = "pub"

    published_on = date_field("Date of publication", required=False, help_text="Leave empty for today.")


class ItemForm(PlainForm):
    compliance = forms.ChoiceField(
        label="Do we comply?",
        choices=Compliance.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you comply, partly comply or do not comply."},
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=TEXTAREA,
        error_messages={"required": "Give the evidence."},
    )
    commentary = forms.CharField(label="Commentary", required=False, widget=TEXTAREA)


class ActionForm(PlainForm):
    title = forms.CharField(
        label="Action to meet it", max_length=300, error_messages={"required": "Say what will be done."}
    )
    due_on = date_field("Done by")
    owner_name = forms.CharField(label="Who will do it", max_length=200, required=False)


class ProvisionForm(PlainForm):
    prefix = "prov"

    number = forms.CharField(
        label="Provision number",
        max_length=12,
        help_text="As the Code numbers it, for example 8.1.",
        error_messages={"required": "Give the provision's number."},
    )
    section = forms.CharField(
        label="Section", max_length=120, required=False, help_text="Leave empty to use the number's section."
    )
    text = forms.CharField(
        label="The provision's words, copied from the Code",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the provision's words, copied from the Code."},
    )
    source = forms.URLField(
        assume_scheme="https",
        label="Where the words were copied from (web address)",
        required=False,
        max_length=400,
    )
