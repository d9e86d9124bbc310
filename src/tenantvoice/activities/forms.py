"""Forms for scheduling activities and taking the register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from tenantvoice.audiences.models import Segment
from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.forms import PhoneField
from tenantvoice.core.pickers import PickerForm
from tenantvoice.core.plain_errors import PlainForm, PlainModelForm, ResidentForm
from tenantvoice.core.widgets import Radios
from tenantvoice.involvement.models import Group
from tenantvoice.residents.widgets import ResidentField

from .models import Activity, ActivityKind, Attendance, Format, Rsvp, SupportStatus, Venue

TIME_FORMATS = ["%H:%M", "%H.%M"]


class ActivityForm(PlainForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the activity a title."}
    )
    kind = forms.ChoiceField(label="Kind of activity", choices=ActivityKind.choices)
    group = forms.ModelChoiceField(
        label="Group",
        queryset=Group.objects.none(),
        required=False,
        empty_label="Not a group's meeting",
        help_text="The group's members are invited.",
    )
    date = forms.DateField(
        label="Date",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 4/12/2026.",
        error_messages={"required": "Enter the date.", "invalid": "Enter the date like 4/12/2026."},
    )
    start_time = forms.TimeField(
        label="Starts at",
        input_formats=TIME_FORMATS,
        help_text="For example 18:30.",
        error_messages={"required": "Enter the start time.", "invalid": "Enter the time like 18:30."},
    )
    end_time = forms.TimeField(
        label="Ends at",
        input_formats=TIME_FORMATS,
        help_text="For example 20:00.",
        error_messages={"required": "Enter the end time.", "invalid": "Enter the time like 20:00."},
    )
    format = forms.ChoiceField(label="Where", choices=Format.choices, widget=Radios, initial=Format.IN_PERSON)
    venue = forms.ModelChoiceField(
        label="Venue", queryset=Venue.objects.all(), required=False, empty_label="None"
    )
    online_details = forms.CharField(
        label="How to join online", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label="What it is about", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    public = forms.BooleanField(label="Show it on the public calendar", required=False)
    repeat = forms.ChoiceField(
        label="Repeats",
        required=False,
        choices=[
            ("", "Does not repeat"),
            ("weekly", "Every week"),
            ("fortnightly", "Every two weeks"),
            ("monthly", "Every month"),
        ],
    )
    repeat_count = forms.IntegerField(
        label="How many times in all", required=False, min_value=1, max_value=52, initial=1
    )
    late_notice_reason = forms.CharField(
        label="Reason for short notice",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if the date is inside the notice standard. It is recorded as a breach.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = Group.objects.filter(is_active=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _when(self, cleaned)
        if cleaned.get("format") in (Format.IN_PERSON, Format.HYBRID) and not cleaned.get("venue"):
            self.add_error("venue", "Choose the venue for an activity held in person.")
        if cleaned.get("format") in (Format.ONLINE, Format.HYBRID) and not cleaned.get("online_details"):
            self.add_error("online_details", "Say how to join online.")
        return cleaned


def _when(form: forms.Form, cleaned: dict[str, Any]) -> None:
    """The date and the two times as ``starts_at`` and ``ends_at`` in the landlord's time zone."""
    date, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
    if date and start and end:
        if end <= start:
            form.add_error("end_time", "The end must be after the start.")
        zone = timezone.get_current_timezone()
        cleaned["starts_at"] = dt.datetime.combine(date, start, tzinfo=zone)
        cleaned["ends_at"] = dt.datetime.combine(date, end, tzinfo=zone)


class MoveForm(PlainForm):
    """A new date and time for an activity: the same boxes as scheduling it."""

    date = ActivityForm.base_fields["date"]
    start_time = ActivityForm.base_fields["start_time"]
    end_time = ActivityForm.base_fields["end_time"]
    late_notice_reason = ActivityForm.base_fields["late_notice_reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _when(self, cleaned)
        return cleaned


class MinutesForm(PlainForm):
    text = forms.CharField(
        label="Minutes",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Saved as a draft. You see how they will look before they go to anyone.",
        error_messages={"required": "Write the minutes (or paste them) before saving them."},
    )


class MinutesSendForm(PlainForm):
    late_reason = forms.CharField(
        label="Reason they are late (only if they are)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChooseResidentForm(PickerForm):
    """One resident found on the register with the shared picker (decision 0027)."""

    resident = ResidentField(
        label="Name, reference or postcode",
        help_text="For example 'Ann Smith', a person reference, or a postcode like M15 4AB.",
    )

    @classmethod
    def for_request(cls, request: Any) -> ChooseResidentForm:
        """Bound to what was posted; or searching for ``?q=`` words from a link; or empty."""
        if request.method == "POST" and request.POST.get("new") != "yes":
            form = cls(request.POST, request=request)
        elif words := str(request.GET.get("q", "")).strip():
            form = cls({"resident_q": words, "resident_find": "1"}, request=request)
        else:
            return cls(request=request)
        form.is_valid()  # runs the search, so ``searching`` and the residents found are known
        return form


class WalkInForm(PlainForm):
    """Someone not on the register: their name, and how to reach them if they want us to."""

    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter their first name."}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter their last name."}
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )
    mobile_phone = PhoneField(label="Mobile phone", mobile=True, required=False)
    correspondence_address = forms.CharField(
        label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    correspondence_postcode = forms.CharField(label="Postcode", max_length=10, required=False)

    def clean_correspondence_postcode(self) -> str:
        from tenantvoice.residents.normalise import format_postcode, is_valid_postcode

        postcode = str(self.cleaned_data.get("correspondence_postcode") or "").strip()
        if postcode and not is_valid_postcode(postcode):
            raise forms.ValidationError("Enter a real postcode, for example M15 4AB.")
        return format_postcode(postcode) if postcode else ""


class InviteGroupForm(PlainForm):
    group = forms.ModelChoiceField(
        label="Group",
        queryset=Group.objects.none(),
        empty_label="Choose a group",
        error_messages={"required": "Choose the group whose members are invited."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = Group.objects.filter(is_active=True)


class InviteAudienceForm(PlainForm):
    segment = forms.ModelChoiceField(
        label="Saved audience",
        queryset=Segment.objects.all(),
        empty_label="Choose an audience",
        help_text="Audiences are saved on the Audiences page, as for campaigns.",
        error_messages={"required": "Choose the audience to invite."},
    )


class ActionForm(PlainForm):
    title = forms.CharField(
        label="Action",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what is to be done."},
    )
    owner_name = forms.CharField(
        label="Who will do it", max_length=160, error_messages={"required": "Say who will do it."}
    )
    due_on = forms.DateField(
        label="By",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 31/1/2027.",
        error_messages={"required": "Enter the date it is due.", "invalid": "Enter the date like 31/1/2027."},
    )


class InformationRequestForm(PickerForm):
    resident = ResidentField(
        label="Resident who asked",
        required=False,
        help_text="Search by name, person reference or postcode, then choose them.",
    )
    group = forms.ModelChoiceField(
        label="Or the group that asked",
        queryset=Group.objects.none(),
        required=False,
        empty_label="Not a group",
    )
    received_on = forms.DateField(
        label="Received on",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 24/11/2026.",
        error_messages={
            "required": "Enter the date it was received.",
            "invalid": "Enter the date like 24/11/2026.",
        },
    )
    question = forms.CharField(
        label="What they asked for",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write down what they asked for."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = Group.objects.filter(is_active=True)


class AnswerForm(PlainForm):
    answer = forms.CharField(
        label="The answer given",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write down the answer given."},
    )
    late_reason = forms.CharField(
        label="Reason for the delay (only if late)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodForm(PlainForm):
    date_from = forms.DateField(
        label="From",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 1/7/2026.",
        error_messages={"required": "Enter the first day.", "invalid": "Enter the date like 1/7/2026."},
    )
    date_to = forms.DateField(
        label="To",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 30/9/2026.",
        error_messages={"required": "Enter the last day.", "invalid": "Enter the date like 30/9/2026."},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_to"] < cleaned["date_from"]:
            self.add_error("date_to", "The end of the period must be after its start.")
        return cleaned


class SupportForm(PlainForm):
    kind = forms.ChoiceField(
        label="What help do you need?",
        widget=Radios,
        error_messages={"required": "Choose the kind of help you need."},
    )
    details = forms.CharField(
        label="Details",
        required=False,
        max_length=500,
        help_text="For example the language, or how many children and their ages.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import SupportKind

        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = SupportKind.choices


class ExpenseForm(PlainForm):
    description = forms.CharField(
        label="What did you spend the money on?",
        max_length=300,
        help_text="For example: bus fares to the panel meeting on 4 December.",
        error_messages={"required": "Say what the money was spent on."},
    )
    amount = forms.DecimalField(
        label="Amount, in pounds",
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="For example 4.50.",
        error_messages={
            "required": "Enter the amount.",
            "invalid": "Enter the amount in pounds, like 4.50.",
            "min_value": "Enter the amount you spent, more than £0.",
        },
    )
    receipt = forms.FileField(
        label="A photo or scan of the receipt",
        required=False,
        help_text="A picture (JPG or PNG) or a PDF, up to 10 MB. If you have no receipt, "
        "leave this empty and we will contact you.",
    )

    def clean_receipt(self) -> Any:
        receipt = self.cleaned_data.get("receipt")
        if receipt is None:
            return None
        if receipt.size > 10 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 10 MB. Take a smaller photo and try again.")
        if receipt.name.rsplit(".", 1)[-1].lower() not in {"jpg", "jpeg", "png", "pdf", "heic"}:
            raise forms.ValidationError("The receipt must be a photo (JPG or PNG) or a PDF.")
        return receipt


class HoursForm(PlainForm):
    on = forms.DateField(
        label="Date",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 20/11/2026.",
        error_messages={"required": "Enter the date.", "invalid": "Enter the date like 20/11/2026."},
    )
    hours = forms.DecimalField(
        label="Hours",
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        help_text="For example 1.5 for an hour and a half.",
        error_messages={
            "required": "Enter the hours.",
            "invalid": "Enter hours like 1.5.",
            "min_value": "Enter at least a quarter of an hour (0.25).",
            "max_value": "Enter at most 24 hours for one day.",
        },
    )
    description = forms.CharField(
        label="What they did",
        max_length=300,
        help_text="For example: reviewed the draft repairs leaflet at home.",
        error_messages={"required": "Say what they did."},
    )


class VenueForm(PlainModelForm):
    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "postcode",
            "step_free",
            "hearing_loop",
            "accessible_toilet",
            "parking",
            "access_notes",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "access_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": "Give the venue's name."}}

    def clean_postcode(self) -> str:
        from tenantvoice.residents.normalise import format_postcode, is_valid_postcode

        postcode = str(self.cleaned_data.get("postcode") or "").strip()
        if postcode and not is_valid_postcode(postcode):
            raise forms.ValidationError("Enter a real postcode, for example M15 4AB.")
        return format_postcode(postcode) if postcode else ""


class ActivityChangeForm(ActivityForm):
    """Change a meeting, or it and the later ones in its series."""

    scope = forms.ChoiceField(
        label="Change",
        choices=[("one", "This one only"), ("series", "This one and every later one in the series")],
        initial="one",
        widget=Radios,
        help_text="For the series, the date of each meeting stays; the times, place and details change.",
    )

    def __init__(self, *args: Any, series: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "group", "repeat", "repeat_count"):
            del self.fields[name]
        if not series:
            del self.fields["scope"]
        self.order_fields(["scope"])


class PaperForm(PlainForm):
    title = forms.CharField(label="Title", max_length=200, help_text="e.g. 'Agenda' or 'Repairs report'.")
    file = forms.FileField(label="The paper (PDF, Word, OpenDocument or text, up to 20 MB)")
    large_print = forms.FileField(label="A large-print version", required=False)


# --- The buttons of the activity's, the minutes' and the expenses' pages -------------------


class RegisterForm(PlainForm):
    """The register: each participant's mark, posted as ``p-<participant number>``."""

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for place in activity.participants.select_related("resident"):
            self.fields[f"p-{place.pk}"] = forms.ChoiceField(
                label=f"{place.resident.full_name}'s attendance", choices=Attendance.choices, required=False
            )

    def marks(self) -> dict[int, str]:
        """The marks given, by participant number (a participant left unmarked is not changed)."""
        return {int(name[2:]): mark for name, mark in self.cleaned_data.items() if mark}


class CancelForm(PlainForm):
    reason = forms.CharField(label="Why it is cancelled", required=False)
    series = forms.BooleanField(label="Cancel the rest of the series too", required=False)


class SupportUpdateForm(PlainForm):
    """An officer's answer to a request for help: arranged or not, with a note."""

    status = forms.ChoiceField(
        label="Arranged",
        choices=[(SupportStatus.ARRANGED, "Arranged"), (SupportStatus.NOT_POSSIBLE, "Could not be arranged")],
        error_messages={
            "required": "Choose arranged or could not be arranged.",
            "invalid_choice": "Choose arranged or could not be arranged.",
        },
    )
    note = forms.CharField(label="Note", required=False)


class ExpenseDecisionForm(PlainForm):
    """Approve (with the budget code), do not approve (with a note), or mark as paid."""

    action = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("reject", "Do not approve"), ("paid", "Mark as paid")],
        error_messages={
            "required": "Choose to approve, not approve or mark as paid.",
            "invalid_choice": "Choose to approve, not approve or mark as paid.",
        },
    )
    budget_code = forms.CharField(label="Budget code", required=False)
    note = forms.CharField(label="Note", required=False)


class RsvpForm(ResidentForm):
    answer = forms.ChoiceField(
        label="Are you coming?",
        choices=[(Rsvp.YES, "Yes"), (Rsvp.MAYBE, "Maybe"), (Rsvp.NO, "No")],
        error_messages={
            "required": "Say whether you are coming: yes, no or maybe.",
            "invalid_choice": "Say whether you are coming: yes, no or maybe.",
        },
    )
