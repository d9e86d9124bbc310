"""Forms of the officers' pages. Where a resident's own form fits, it is reused, reworded
for an officer speaking about the resident rather than to them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.models import AuditAction
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.residents.forms import DetailsForm, EqualityForm, PreferencesForm
from tenantvoice.residents.models import Area, ResidentKind
from tenantvoice.residents.selectors import areas_for_choice

# The resident-facing messages in the portal forms, as an officer reads them.
_THIRD_PERSON = (
    ("You have asked us", "The resident has asked us"),
    ("your ", "their "),
    ("Enter your", "Enter their"),
    ("first change your", "first change their"),
    ("We do not have your", "We do not have their"),
)


def _reword(form: forms.Form) -> None:
    for field, errors in form.errors.items():
        reworded = []
        for error in errors:
            text = str(error)
            for resident_words, officer_words in _THIRD_PERSON:
                text = text.replace(resident_words, officer_words)
            reworded.append(text)
        form.errors[field] = form.error_class(reworded)


class ResidentSearchForm(PlainForm):
    q = forms.CharField(
        label="Name, reference, postcode or address",
        required=False,
        max_length=100,
        help_text="For example: Smith, Ann Smith, P0001234, M15 4 or 12 Oak Road.",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.none(),
        required=False,
        empty_label="All areas",
        help_text="Includes the areas inside it.",
    )
    kind = forms.ChoiceField(
        label="Kind of resident", required=False, choices=[("", "All"), *ResidentKind.choices]
    )
    former = forms.BooleanField(label="Include former residents", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = areas_for_choice()


class StaffDetailsForm(DetailsForm):
    error_owner = "the"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preferred_name"].label = "Preferred name"
        self.fields[
            "email"
        ].help_text = "Where we send emails. A portal account's sign-in email is not changed."
        self.fields[
            "correspondence_address"
        ].help_text = "Only if letters go somewhere other than their home."
        for name in ("first_name", "last_name"):
            label = str(self.fields[name].label).lower()
            self.fields[name].error_messages["required"] = f"Enter their {label}."

    def full_clean(self) -> None:
        super().full_clean()
        _reword(self)


class StaffPreferencesForm(PreferencesForm):
    error_owner = "the"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "preferred_channel": "How do they most like us to contact them?",
            "channels": "Which ways are OK for us to contact them?",
            "language": "Which language do they want us to use?",
            "needs_interpreter": "They would like an interpreter when we speak or meet",
            "formats": "Do they need letters and papers in another format?",
            "support_needs": "Anything else that would help them take part",
            "consents_to_news": "They agree to receive news and newsletters",
        }
        for name, label in labels.items():
            self.fields[name].label = label

    def full_clean(self) -> None:
        super().full_clean()
        _reword(self)


class PaperEqualityForm(EqualityForm):
    """Answers copied from a paper equality form; the form's consent box must have been ticked."""

    error_owner = "the"

    consent_date = forms.DateField(
        label="Date the resident signed the form",
        required=False,
        help_text="As written on the form, for example 24/11/2026. Leave empty if the form is not dated.",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": "Enter the date like 24/11/2026."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args,
            consent_label="The resident ticked the box agreeing to us keeping these "
            "answers on the paper form",
            **kwargs,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("consent"):
            self.add_error(
                "consent",
                "Answers from a paper form can only be kept if the resident ticked the box "
                "to agree. If they did not, do not enter the answers.",
            )
        signed = cleaned.get("consent_date")
        if signed and signed > timezone.localdate():
            self.add_error("consent_date", "The date cannot be in the future.")
        return cleaned


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
