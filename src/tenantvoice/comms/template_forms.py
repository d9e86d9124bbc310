from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group

from .models import ReviewOutcome

LANGUAGE_HELP = "A code: en English, cy Welsh, pl Polish, so Somali, bn Bengali, ur Urdu, ar Arabic ..."


class VersionForm(PlainForm):
    language = forms.CharField(label="Language", max_length=16, initial="en", help_text=LANGUAGE_HELP)
    subject = forms.CharField(label="Subject (and heading of a letter)", max_length=200)
    body = forms.CharField(
        label="Email and letter",
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "Write the words of the email and letter."},
    )
    sms = forms.CharField(
        label="Text message",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Short: 160 characters is one text. If empty, texts use the email wording.",
    )
    note = forms.CharField(label="What you changed, and why", max_length=200, required=False)

    def clean_language(self) -> str:
        value = str(self.cleaned_data["language"]).strip().lower()
        if not value.replace("-", "").isalpha():
            raise forms.ValidationError("Enter a language code such as en, cy or pl.")
        return value


class NewTemplateForm(PlainForm):
    name = forms.CharField(label="Name", max_length=160, help_text="e.g. 'Estate newsletter'.")


class ReviewForm(PlainForm):
    title = forms.CharField(label="What is it?", max_length=200, help_text="e.g. 'Repairs leaflet, draft 2'.")
    group = forms.ModelChoiceField(
        label="Send it to",
        queryset=Group.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the group to send it to."},
    )
    question = forms.CharField(
        label="What you are asking",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Empty: 'Is this clear and easy to understand? What would you change?'",
    )
    closes_on = forms.DateField(
        label="Comments by",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 15/1/2027.",
        error_messages={
            "required": "Enter the last day for comments.",
            "invalid": "Enter the date like 15/1/2027.",
        },
    )
    text = forms.CharField(
        label="The wording to review",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Or upload the document below.",
    )
    document = forms.FileField(label="The document (PDF, Word, OpenDocument or text)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        # A readers panel first, then every other active group.
        group.queryset = Group.objects.filter(is_active=True).order_by("-kind", "name")


class DecisionForm(PlainForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(ReviewOutcome.APPROVED, "Resident Approved"), (ReviewOutcome.CHANGES, "Changes needed")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="What the panel said, and what changes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CommentForm(PlainForm):
    text = forms.CharField(
        label="Your comments",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your comments before sending them."},
    )
