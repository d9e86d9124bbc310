"""Core's forms: pieces every app shares (the phone number box), the landlord's contact details
and published pages, as administrators edit them, and the audit log's filter."""

from __future__ import annotations

from typing import Any

from django import forms

from .age_bands import AgeBandsError, age_bands_data, parse_age_bands
from .dates import DATE_INPUT_FORMATS
from .models import AuditAction, Landlord
from .phones import REFUSALS, PhoneError, normalise_phone, phone_for_people
from .plain_errors import PlainForm, PlainModelForm

TEXT_MAX = 30_000


def date_field(
    label: str, example: str = "31/1/2027", *, required: bool = True, help_text: str = ""
) -> forms.DateField:
    """A date box that takes the ways people write dates (31/1/2027, 31 Jan 2027 ...), with an
    example in its hint and errors that say what to type."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text or f"For example {example}.",
        error_messages={
            "required": f"Enter the date: {label.lower()}.",
            "invalid": f"Enter the date like {example}.",
        },
    )


class PhoneField(forms.CharField):
    """A phone number box: the number is cleaned to E.164 by ``core.phones.normalise_phone`` and
    shown as people write it ("07700 900123"). ``mobile=True`` for a box that texts go to.

    A form may word a refusal its own way with ``error_messages`` keyed by the refusal's code
    (``core.phones.REFUSALS``: ``not_a_number``, ``invalid``, ``rounded``, ``extension``,
    ``not_mobile``).
    """

    default_error_messages = {code: advice for code, (_, advice) in REFUSALS.items()}

    def __init__(self, *, mobile: bool = False, **kwargs: Any) -> None:
        self.mobile = mobile
        # Room for "+44 (0) 7700 900 123" and the like; the number stored is at most 16.
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        try:
            return normalise_phone(text, mobile=self.mobile)
        except PhoneError as exc:
            raise forms.ValidationError(self.error_messages[exc.code], code=exc.code) from None

    def prepare_value(self, value: Any) -> Any:
        return phone_for_people(value) if isinstance(value, str) else value


class ContactForm(PlainModelForm):
    phone = PhoneField(
        label="Phone number",
        required=False,
        help_text="The number residents call, for example 0300 123 4567.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )

    class Meta:
        model = Landlord
        fields = ["phone", "email", "address", "opening_hours"]
        labels = {"email": "Email address", "opening_hours": "Opening hours"}
        help_texts = {"email": "The address residents write to."}
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
        }


class ReportingForm(PlainForm):
    """How reports count people: the smallest count shown and the age bands."""

    suppression_threshold = forms.IntegerField(
        label="Smallest number of people a report shows",
        min_value=2,
        max_value=100,
        help_text=(
            "Counts below this are hidden in every report of people, with any figure made from them. "
            "5 or 10 are common."
        ),
        error_messages={
            "required": "Enter the smallest number of people a report shows, like 5.",
            "invalid": "Enter a whole number, like 5.",
            "min_value": "Enter 2 or more: a count of 1 always points to one person.",
            "max_value": "Enter 100 or less.",
        },
    )
    age_bands = forms.CharField(
        label="Age bands",
        required=False,
        max_length=200,
        help_text=(
            "How reports of who takes part group residents by age, for example 16-34, 35-54, 55+. "
            "Leave blank for 16-24, 25-34, 35-44, 45-54, 55-64, 65-74 and 75+, the bands survey "
            "results are weighted by."
        ),
    )

    def clean_age_bands(self) -> list[list[int | None]]:
        try:
            return age_bands_data(parse_age_bands(self.cleaned_data.get("age_bands") or ""))
        except AgeBandsError as exc:
            raise forms.ValidationError(str(exc)) from exc


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
