"""Forms of the resident register: a resident's own details, preferences and equality answers,
the same reworded for officers, and the officers' search. Messages are plain English and say
how to put things right."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.forms import PhoneField
from tenantvoice.core.languages import language_choices
from tenantvoice.core.pickers import PickerForm
from tenantvoice.core.plain_errors import ResidentForm
from tenantvoice.core.widgets import Checkboxes, Radios
from tenantvoice.residents.models import (
    CaringResponsibility,
    Channel,
    Disability,
    Ethnicity,
    GenderSameAsSex,
    Religion,
    Resident,
    ResidentKind,
    Sex,
    SexualOrientation,
)
from tenantvoice.residents.normalise import format_postcode, is_valid_postcode
from tenantvoice.residents.widgets import AreaField


class DetailsForm(ResidentForm):
    """The name and contact details a resident may change themselves."""

    title = forms.CharField(
        label="Title",
        required=False,
        max_length=20,
        help_text="For example Mr, Mrs, Ms, Mx, Dr. You can leave this blank.",
        widget=forms.TextInput(attrs={"autocomplete": "honorific-prefix", "class": "input--width-10"}),
    )
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter your first name."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter your last name."},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    preferred_name = forms.CharField(
        label="What would you like us to call you?",
        required=False,
        max_length=100,
        help_text="If it is not your first name.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="Where we send emails. This does not change the email address you sign in with.",
        error_messages={"invalid": "Enter an email address like name@example.com."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    mobile_phone = PhoneField(
        label="Mobile phone number",
        mobile=True,
        required=False,
        help_text="For text messages and calls.",
        error_messages={
            "not_mobile": "A UK mobile number starts with 07, for example 07700 900123. "
            "Put other numbers in 'Other phone number'."
        },
    )
    other_phone = PhoneField(
        label="Other phone number",
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    correspondence_address = forms.CharField(
        label="Address for letters",
        required=False,
        max_length=1000,
        help_text="Only if you want letters sent somewhere other than your home.",
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    correspondence_postcode = forms.CharField(
        label="Postcode for letters",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "input--width-10"}),
    )

    FIELDS = (
        "title",
        "first_name",
        "last_name",
        "preferred_name",
        "email",
        "mobile_phone",
        "other_phone",
        "correspondence_address",
        "correspondence_postcode",
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        self.resident = resident
        kwargs.setdefault("initial", {name: getattr(resident, name) for name in self.FIELDS})
        super().__init__(*args, **kwargs)

    def clean_first_name(self) -> str:
        return str(self.cleaned_data["first_name"]).strip()

    def clean_last_name(self) -> str:
        return str(self.cleaned_data["last_name"]).strip()

    def clean_email(self) -> str:
        return str(self.cleaned_data.get("email") or "").strip().lower()

    def clean_correspondence_postcode(self) -> str:
        postcode = str(self.cleaned_data.get("correspondence_postcode") or "").strip()
        if postcode and not is_valid_postcode(postcode):
            raise ValidationError("Enter a real postcode, for example M15 4AB.")
        return format_postcode(postcode) if postcode else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        r = self.resident
        # Removing the only way we reach someone would silently stop their messages.
        if (
            "email" in cleaned
            and not cleaned["email"]
            and (r.accepts_email or r.preferred_channel == Channel.EMAIL)
        ):
            self.add_error(
                "email",
                "You have asked us to email you, so we need an email address. "
                "To remove it, first change your communication preferences.",
            )
        if (
            "mobile_phone" in cleaned
            and not cleaned["mobile_phone"]
            and (r.accepts_sms or r.preferred_channel == Channel.SMS)
        ):
            self.add_error(
                "mobile_phone",
                "You have asked us to text you, so we need a mobile number. "
                "To remove it, first change your communication preferences.",
            )
        if cleaned.get("correspondence_address") and not cleaned.get("correspondence_postcode"):
            self.add_error("correspondence_postcode", "Enter the postcode of the address for letters.")
        return cleaned

    def changed_data_for_save(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


FORMAT_FIELDS = {
    "large_print": "Large print",
    "braille": "Braille",
    "audio": "Audio (spoken)",
    "easy_read": "Easy read (simple words and pictures)",
    "translation": "Translated into my language",
}


class PreferencesForm(ResidentForm):
    preferred_channel = forms.ChoiceField(
        label="How would you most like us to contact you?",
        choices=Channel.choices,
        widget=Radios,
        error_messages={"required": "Choose how you would most like us to contact you."},
    )
    channels = forms.MultipleChoiceField(
        label="Which ways are OK for us to contact you?",
        choices=Channel.choices,
        required=False,
        widget=Checkboxes,
        help_text="Tick all that are OK.",
    )
    language = forms.ChoiceField(label="Which language would you like us to use?")
    needs_interpreter = forms.BooleanField(
        label="I would like an interpreter when I speak to you or come to a meeting", required=False
    )
    formats = forms.MultipleChoiceField(
        label="Do you need our letters and papers in another format?",
        choices=list(FORMAT_FIELDS.items()),
        required=False,
        widget=Checkboxes,
        help_text="Tick any that help you. Leave them all empty if you do not need them.",
    )
    support_needs = forms.CharField(
        label="Is there anything else that would help you take part?",
        required=False,
        max_length=2000,
        help_text="For example a hearing loop, step-free access, help with travel or childcare, "
        "or meetings at a certain time of day.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "Use 2,000 characters or fewer."},
    )
    consents_to_news = forms.BooleanField(
        label="Yes, send me news and newsletters",
        required=False,
        help_text="We always send you messages about your home and your tenancy, whatever you "
        "choose here. This is only about news, newsletters and chances to get involved.",
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        self.resident = resident
        kwargs.setdefault(
            "initial",
            {
                "preferred_channel": resident.preferred_channel,
                "channels": resident.accepted_channels,
                "language": resident.language,
                "needs_interpreter": resident.needs_interpreter,
                "formats": [f for f in FORMAT_FIELDS if getattr(resident, f)],
                "support_needs": resident.support_needs,
                "consents_to_news": resident.consents_to_news,
            },
        )
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = language_choices(resident.language)
        self.missing_contact = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        channels = set(cleaned.get("channels") or [])
        preferred = cleaned.get("preferred_channel")
        if preferred and preferred not in channels:
            self.add_error(
                "preferred_channel",
                "The way you most like must also be ticked as OK. Tick it below, or choose another.",
            )
        r = self.resident
        if Channel.EMAIL in channels | {preferred} and not r.email:
            self.missing_contact = True
            self.add_error(
                "channels",
                "We do not have your email address. Add it on the "
                "'Change my details' page first, then choose email.",
            )
        if Channel.SMS in channels | {preferred} and not r.mobile_phone:
            self.missing_contact = True
            self.add_error(
                "channels",
                "We do not have your mobile number. Add it on the "
                "'Change my details' page first, then choose text message.",
            )
        if Channel.PHONE in channels | {preferred} and not (r.mobile_phone or r.other_phone):
            self.missing_contact = True
            self.add_error(
                "channels",
                "We do not have your phone number. Add it on the "
                "'Change my details' page first, then choose phone call.",
            )
        return cleaned

    def data_for_save(self) -> dict[str, Any]:
        c = self.cleaned_data
        channels = set(c["channels"])
        data: dict[str, Any] = {f"accepts_{ch.value}": ch.value in channels for ch in Channel}
        data.update({f: f in c["formats"] for f in FORMAT_FIELDS})
        data.update(
            {
                "preferred_channel": c["preferred_channel"],
                "language": c["language"],
                "needs_interpreter": c["needs_interpreter"],
                "support_needs": c["support_needs"].strip(),
                "consents_to_news": c["consents_to_news"],
            }
        )
        return data


ETHNIC_GROUPS = (
    "Asian or Asian British",
    "Black, Black British, Caribbean or African",
    "Mixed or multiple ethnic groups",
    "White",
    "Other ethnic group",
)


def _radios(label: str, choices: Any, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=Radios, help_text=help_text)


class EqualityForm(ResidentForm):
    """The optional equality questions. Every question may be skipped or answered
    "Prefer not to say"; nothing is kept without the consent box ticked."""

    consent = forms.BooleanField(required=False)
    sex = _radios("What is your sex?", Sex.choices)
    gender_same_as_sex_at_birth = _radios(
        "Is the gender you identify with the same as your sex registered at birth?", GenderSameAsSex.choices
    )
    gender_identity = forms.CharField(
        label="If you would like to, tell us your gender identity in your own words",
        required=False,
        max_length=100,
    )
    ethnicity = _radios("What is your ethnic group?", Ethnicity.choices)
    disability = _radios(
        "Do you have any physical or mental health conditions or illnesses lasting or expected to "
        "last 12 months or more, that reduce your ability to carry out day-to-day activities?",
        Disability.choices,
    )
    religion = _radios("What is your religion?", Religion.choices)
    sexual_orientation = _radios(
        "Which of these best describes your sexual orientation?", SexualOrientation.choices
    )
    caring_responsibilities = _radios(
        "Do you look after, or give any help or support to, anyone because of a long-term condition, "
        "illness or problems related to old age?",
        CaringResponsibility.choices,
        help_text="Do not count anything you do as part of paid work.",
    )

    ANSWER_FIELDS = (
        "sex",
        "gender_same_as_sex_at_birth",
        "gender_identity",
        "ethnicity",
        "disability",
        "religion",
        "sexual_orientation",
        "caring_responsibilities",
    )

    # Nothing is saved without the box ticked, and existing answers stay: deleting them is its
    # own, confirmed step.
    consent_missing = (
        "We have not saved your answers, because the box to agree is not ticked. Tick it to save "
        "them, or leave this page to skip the questions."
    )

    def __init__(self, *args: Any, consent_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("consent"):
            self.add_error("consent", self.consent_missing)
        return cleaned

    def answers(self) -> dict[str, str]:
        return {name: str(self.cleaned_data.get(name) or "").strip() for name in self.ANSWER_FIELDS}

    def ethnicity_groups(self) -> list[tuple[str, list[tuple[Any, str]]]]:
        """The ethnicity radios grouped by the census's five headings, group name dropped from
        each label; "Prefer not to say" comes last on its own (group name "")."""
        groups: dict[str, list[tuple[Any, str]]] = {g: [] for g in ETHNIC_GROUPS}
        rest: list[tuple[Any, str]] = []
        for radio in self["ethnicity"]:
            label = str(radio.choice_label)
            group, _, short = label.partition(": ")
            if group in groups and short:
                groups[group].append((radio, short[:1].upper() + short[1:]))
            else:
                rest.append((radio, label))
        return [*groups.items(), ("", rest)]


# --- Officers' forms: a resident's own forms, reworded for an officer speaking about them ------


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


class ResidentSearchForm(PickerForm):
    """The register's search (a GET form). The area is chosen by searching for it: a list of
    every area would grow with the register (decision 0039); ``?area=<id>`` still works."""

    q = forms.CharField(
        label="Name, reference, postcode or address",
        required=False,
        max_length=100,
        help_text="For example: Smith, Ann Smith, P0001234, M15 4 or 12 Oak Road.",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    area = AreaField(
        label="Area",
        required=False,
        help_text="Includes the areas inside it. Type the start of its name and press Find; "
        "leave it empty for all areas.",
    )
    kind = forms.ChoiceField(
        label="Kind of resident", required=False, choices=[("", "All"), *ResidentKind.choices]
    )
    former = forms.BooleanField(label="Include former residents", required=False)


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
    consent_missing = (
        "Answers from a paper form can only be kept if the resident ticked the box to agree. If "
        "they did not, do not enter the answers."
    )

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
        signed = cleaned.get("consent_date")
        if signed and signed > timezone.localdate():
            self.add_error("consent_date", "The date cannot be in the future.")
        return cleaned
