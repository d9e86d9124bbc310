"""Forms for joining a level, deciding applications and filling seats."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.pickers import PickerForm
from tenantvoice.core.plain_errors import PlainForm, ResidentForm
from tenantvoice.core.widgets import Checkboxes, Radios
from tenantvoice.residents.widgets import ResidentField

from .models import Influence, JoinChannel, Level, OpportunityKind, SeatCategory, ServiceArea, WayToTakePart


class JoinLevelForm(PlainForm):
    interests = forms.ModelMultipleChoiceField(
        label="What are you interested in?",
        queryset=ServiceArea.objects.none(),
        required=False,
        widget=Checkboxes,
        help_text="Tick any that interest you. You can leave them all empty.",
    )
    ways = forms.MultipleChoiceField(
        label="How would you like to take part?",
        choices=WayToTakePart.choices,
        required=False,
        widget=Checkboxes,
        help_text="Tick all that suit you.",
    )
    application = forms.CharField(
        label="Why would you like to join?",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Places are limited, so we choose members. "
        "Tell us what you would bring, in your own words.",
        error_messages={"max_length": "Use 3,000 characters or fewer."},
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": "Tick the box to agree, so that we can keep your details and contact you about it."
        },
    )

    def __init__(self, *args: Any, level: Level, consent_wording: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        interests = self.fields["interests"]
        assert isinstance(interests, forms.ModelMultipleChoiceField)
        interests.queryset = ServiceArea.objects.all()
        self.fields["consent"].label = consent_wording
        if not level.needs_application:
            del self.fields["application"]
        else:
            self.fields["application"].required = True
            self.fields["application"].error_messages["required"] = "Tell us why you would like to join."


class StaffJoinLevelForm(JoinLevelForm):
    """An officer records a resident joining, from a phone call, a paper form or the doorstep."""

    level = forms.ModelChoiceField(label="Level", queryset=Level.objects.none(), empty_label=None)
    channel = forms.ChoiceField(
        label="How did they ask?",
        choices=[c for c in JoinChannel.choices if c[0] != JoinChannel.PORTAL],
        widget=Radios,
    )

    field_order = ["level", "channel", "interests", "ways", "application", "consent"]

    def __init__(self, *args: Any, consent_wording: str, **kwargs: Any) -> None:
        super().__init__(
            *args, level=Level(needs_application=True), consent_wording=consent_wording, **kwargs
        )
        level = self.fields["level"]
        assert isinstance(level, forms.ModelChoiceField)
        level.queryset = Level.objects.filter(is_default=False)
        self.fields["interests"].label = "What are they interested in?"
        self.fields["ways"].label = "How would they like to take part?"
        self.fields["application"].label = "Their reasons for joining (levels with selection)"
        self.fields["application"].required = False
        self.fields[
            "consent"
        ].label = f"I read this to the resident and they agreed: \u201c{consent_wording}\u201d"
        self.fields["consent"].error_messages["required"] = (
            "Only record this if the resident agreed to the wording. Read it to them, then tick the box."
        )
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        level = cleaned.get("level")
        if level is not None and level.needs_application and not (cleaned.get("application") or "").strip():
            self.add_error("application", f"'{level.name}' needs an application: write down their reasons.")
        return cleaned


class DecisionForm(PlainForm):
    decision = forms.ChoiceField(
        label="Decision",
        widget=Radios,
        choices=[
            ("accept", "Accept: offer a place (or the waiting list if the level is full)"),
            ("refuse", "Do not accept"),
        ],
        error_messages={"required": "Choose accept or do not accept."},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the application. The resident may ask to see it.",
        error_messages={"required": "Give the reason for the decision."},
    )


class MenuFilterForm(PlainForm):
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any"), *OpportunityKind.choices])
    style = forms.ChoiceField(
        label="How",
        required=False,
        choices=[
            ("", "Any"),
            ("informal", "Informal"),
            ("formal", "Formal"),
            ("individual", "On your own"),
            ("collective", "With others"),
        ],
    )
    influence = forms.ChoiceField(
        label="What it can change", required=False, choices=[("", "Anything"), *Influence.choices]
    )
    hours = forms.ChoiceField(
        label="Time each month",
        required=False,
        choices=[("", "Any"), ("1", "Up to 1 hour"), ("2", "Up to 2 hours"), ("4", "Up to 4 hours")],
    )


if TYPE_CHECKING:
    # Generic only in django-stubs; at run time the class takes no [].
    _ModelChoiceField = forms.ModelChoiceField[SeatCategory]
else:
    _ModelChoiceField = forms.ModelChoiceField


class SeatChoiceField(_ModelChoiceField):
    """Seats of one group, named without the group's name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SeatFillForm(PickerForm):
    seat_category = SeatChoiceField(label="Seat", queryset=SeatCategory.objects.none(), empty_label=None)
    resident = ResidentField(
        label="Resident",
        required=False,
        help_text="Search by name, person reference or postcode, then choose them. Leave empty for "
        "someone who is not a resident, such as a councillor.",
    )
    person_name = forms.CharField(label="Name, if not a resident", required=False, max_length=160)
    organisation = forms.CharField(
        label="Organisation or party, if not a resident", required=False, max_length=160
    )
    started_on = forms.DateField(
        label="Start of their term",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 1/4/2026.",
        error_messages={
            "required": "Enter the date their term starts.",
            "invalid": "Enter the date like 1/4/2026.",
        },
    )
    override_reason = forms.CharField(
        label="Reason to fill it although a rule is not met (only if needed)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave empty unless the page has told you a rule is not met. The reason is kept with "
        "the seat and shown on the group's page and the resident's record.",
    )

    def __init__(self, *args: Any, group: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seats = self.fields["seat_category"]
        assert isinstance(seats, forms.ModelChoiceField)
        seats.queryset = group.seat_categories.all()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("resident") and not (cleaned.get("person_name") or "").strip():
            self.add_error(
                "resident",
                "Choose the resident, or enter the name of the person if they are not a resident.",
            )
        return cleaned


class SeatNominationForm(PickerForm):
    """An officer records a nominating body's nomination for a nominated seat."""

    seat_category = SeatChoiceField(label="Seat", queryset=SeatCategory.objects.none(), empty_label=None)
    resident = ResidentField(
        label="Resident nominated",
        help_text="Search by name, person reference or postcode, then choose them.",
    )
    body_name = forms.CharField(
        label="Which body nominated them",
        required=False,
        max_length=160,
        help_text="For example the name of the Tenants' and Residents' Association. Not needed when the "
        "seat is nominated by one group.",
    )
    nominated_on = forms.DateField(
        label="Date of the nomination",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 12/3/2026.",
        error_messages={"required": "Enter the date.", "invalid": "Enter the date like 12/3/2026."},
    )
    note = forms.CharField(
        label="Where it is recorded",
        required=False,
        max_length=1000,
        help_text="For example 'AGM minutes, 12 March 2026'.",
    )

    def __init__(self, *args: Any, group: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seats = self.fields["seat_category"]
        assert isinstance(seats, forms.ModelChoiceField)
        seats.queryset = group.seat_categories.filter(how_filled="nomination", for_residents=True)


class SeatEndForm(PlainForm):
    ended_on = forms.DateField(
        label="Last day",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 31/3/2026.",
        error_messages={"required": "Enter their last day.", "invalid": "Enter the date like 31/3/2026."},
    )
    reason = forms.CharField(
        label="Why",
        max_length=200,
        error_messages={"required": "Say why, for example 'End of term' or 'Resigned'."},
    )


class LevelLeavingForm(PlainForm):
    ended_on = forms.DateField(
        label="Last day on the level",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 31/3/2026.",
        error_messages={"required": "Enter their last day.", "invalid": "Enter the date like 31/3/2026."},
    )
    reason = forms.CharField(
        label="Why they left",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example 'Moved away' or 'Asked to stop'. Kept in their history.",
        error_messages={"required": "Say why they left, for example 'Moved away' or 'Asked to stop'."},
    )


class RoleForm(PlainForm):
    role = forms.ChoiceField(label="Role", choices=[])
    started_on = forms.DateField(
        label="From",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"required": "Enter the date.", "invalid": "Enter the date like 1/4/2026."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import GroupRole

        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = GroupRole.choices


class ElectionForm(PlainForm):
    seat_category = forms.ModelChoiceField(
        label="Seats", queryset=SeatCategory.objects.none(), empty_label=None
    )
    title = forms.CharField(
        label="Title", max_length=200, help_text="For example 'Tenants Panel election 2026'."
    )
    seats = forms.IntegerField(label="How many seats", min_value=1, max_value=100)
    nominations_close_on = forms.DateField(label="Nominations close", input_formats=DATE_INPUT_FORMATS)
    voting_opens_on = forms.DateField(label="Voting opens", input_formats=DATE_INPUT_FORMATS)
    voting_closes_on = forms.DateField(label="Voting closes", input_formats=DATE_INPUT_FORMATS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seats = self.fields["seat_category"]
        assert isinstance(seats, forms.ModelChoiceField)
        seats.queryset = SeatCategory.objects.filter(how_filled="election").select_related("group")
        for name in ("nominations_close_on", "voting_opens_on", "voting_closes_on"):
            self.fields[name].help_text = "For example 31/3/2026."
            self.fields[name].error_messages["invalid"] = "Enter the date like 31/3/2026."
            self.fields[name].error_messages["required"] = (
                f"Enter the date {str(self.fields[name].label).lower()}."
            )


class BallotForm(PlainForm):
    choices = forms.MultipleChoiceField(
        label="Your choices", widget=Checkboxes, error_messages={"required": "Choose at least one candidate."}
    )

    def __init__(self, *args: Any, election: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["choices"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (str(n.pk), str(n.resident))
            for n in election.nominations.filter(withdrawn=False).select_related("resident")
        ]
        field.label = f"Choose up to {election.seats} candidate{'s' if election.seats != 1 else ''}"
        self.election = election

    def clean_choices(self) -> list[int]:
        chosen = [int(c) for c in self.cleaned_data["choices"]]
        if len(chosen) > self.election.seats:
            raise forms.ValidationError(f"Choose up to {self.election.seats}, not {len(chosen)}.")
        return chosen


class NominationForm(PickerForm):
    """An officer adds a candidate to an election."""

    resident = ResidentField(
        label="Candidate",
        help_text="Search by name, person reference or postcode, then choose them.",
    )
    statement = forms.CharField(
        label="Their statement", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PaperBallotForm(PickerForm, BallotForm):
    """An officer enters a paper ballot: who voted (from the counterfoil) and their choices."""

    voter = ResidentField(
        label="Voter",
        help_text="From the ballot paper's counterfoil: search by name, person reference or postcode, "
        "then choose them. Their choices are not linked to them.",
    )
    field_order = ["voter", "choices"]


class RecognitionForm(PlainForm):
    recognition = forms.ChoiceField(label="Recognition", required=False, widget=Radios)
    constitution_adopted_on = forms.DateField(
        label="Constitution adopted on",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 1/4/2024.",
        error_messages={"invalid": "Enter the date like 1/4/2024."},
    )
    last_agm_on = forms.DateField(
        label="Last annual general meeting",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 28/11/2025.",
        error_messages={"invalid": "Enter the date like 28/11/2025."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Recognition

        field = self.fields["recognition"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = Recognition.choices


class OnDateForm(PlainForm):
    on = forms.DateField(
        label="Figures on",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 31/3/2026. Leave empty for today.",
        required=False,
        error_messages={"invalid": "Enter the date like 31/3/2026."},
    )


class OfferAnswerForm(ResidentForm):
    """The resident's answer to a place offered from the waiting list."""

    answer = forms.ChoiceField(
        label="Will you take the place?",
        choices=[("accept", "Yes, I will take the place"), ("decline", "No, thank you")],
        error_messages={
            "required": "Say whether you will take the place.",
            "invalid_choice": "Say whether you will take the place.",
        },
    )


class PublishForm(PlainForm):
    """Publishing an election's result, and the day the winners take their seats (if seated now)."""

    seats_from = forms.DateField(
        label="The new members start on",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": "Enter the date the new members start like 1/4/2026, or leave it empty."},
    )
