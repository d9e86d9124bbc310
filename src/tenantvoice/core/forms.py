"""Core's forms: the landlord's contact details and published pages, as administrators edit
them, and the audit log's filter."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import AuditAction, Landlord
from .plain_errors import PlainForm, PlainModelForm

TEXT_MAX = 30_000


class ContactForm(PlainModelForm):
    class Meta:
        model = Landlord
        fields = ["phone", "email", "address", "opening_hours"]
        labels = {"phone": "Phone number", "email": "Email address", "opening_hours": "Opening hours"}
        help_texts = {
            "phone": "The number residents call, for example 0300 123 4567.",
            "email": "The address residents write to.",
        }
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
            "address": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not set(phone) <= set("0123456789 +()-"):
            raise forms.ValidationError("Enter a phone number using digits, spaces and + ( ) - only.")
        return phone


class PageForm(PlainForm):
    text = forms.CharField(
        label="The page's text",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "true"}),
        help_text=(
            'A line starting "# " is a heading and "## " a smaller one; lines starting "- " are a list; '
            "a blank line starts a new paragraph. Web and email addresses become links. "
            "((name)), ((phone)), ((email)), ((address)), ((opening_hours)) and ((site_url)) show the "
            "current contact details. HTML is shown as typed, never run."
        ),
        error_messages={"required": "Write the page's text."},
    )


class ButtonForm(PlainForm):
    """The form of a button with nothing to fill in (send, open, delete, carry on): valid when
    posted, it holds the service's refusal for the page's error summary (decision 0032)."""


class AuditFilterForm(PlainForm):
    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date like 24/11/2026."},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date like 24/11/2026."},
    )
    action = forms.ChoiceField(
        label="What happened", required=False, choices=[("", "Anything"), *AuditAction.choices]
    )
    actor = forms.CharField(label="By (email address)", required=False, max_length=254)
    resident = forms.IntegerField(
        label="About resident number",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter the resident's number, like 1234."},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date.")
        return cleaned
