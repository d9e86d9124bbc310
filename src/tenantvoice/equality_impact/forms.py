"""Forms of the equality impact assessment pages; errors in plain words (core.plain_errors)."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.accounts.models import User
from tenantvoice.accounts.selectors import staff_accounts_to_choose
from tenantvoice.consultations.models import Consultation
from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group

from .aspects import ASPECTS, OVERALL
from .models import STATES, Impact, SubjectKind

TEXTAREA = forms.Textarea(attrs={"rows": 4})


def _owner_field(required: bool = True) -> forms.ModelChoiceField[User]:
    return forms.ModelChoiceField(
        label="Owner",
        queryset=User.objects.none(),
        required=required,
        empty_label="Choose a member of staff",
        help_text="The member of staff who leads the assessment.",
        error_messages={"required": "Choose who owns the assessment."},
    )


class AssessmentForm(PlainForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the assessment a title."}
    )
    subject_kind = forms.ChoiceField(
        label="What is assessed",
        choices=SubjectKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the assessment is of."},
    )
    policy_name = forms.CharField(
        label="The policy", max_length=200, required=False, help_text="Only for a policy: its name."
    )
    consultation = forms.ModelChoiceField(
        label="The consultation",
        queryset=Consultation.objects.none(),
        required=False,
        empty_label="Only for a consultation: choose it",
    )
    group = forms.ModelChoiceField(
        label="The group",
        queryset=Group.objects.none(),
        required=False,
        empty_label="Only for a group: choose it",
    )
    period_start = date_field(
        "Activities from", required=False, help_text="Only for a programme of activities."
    )
    period_end = date_field("Activities to", required=False, help_text="Only for a programme of activities.")
    owner = _owner_field()
    purpose = forms.CharField(label="What it is for and who it affects", required=False, widget=TEXTAREA)
    review_on = date_field("Review by", required=False, help_text="You can set it when you complete it.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]
        self.fields["consultation"].queryset = Consultation.objects.order_by("-closes_on", "-pk")  # type: ignore[attr-defined]
        self.fields["group"].queryset = Group.objects.order_by("name")  # type: ignore[attr-defined]


class AssessmentChangeForm(PlainForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the assessment a title."}
    )
    owner = _owner_field()
    purpose = forms.CharField(label="What it is for and who it affects", required=False, widget=TEXTAREA)
    review_on = date_field("Review by", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]


class FindingForm(PlainForm):
    impact = forms.ChoiceField(
        label="Likely impact",
        choices=Impact.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the likely impact: positive, neutral, negative or not known yet."
        },
    )
    evidence = forms.CharField(
        label="Evidence",
        widget=TEXTAREA,
        help_text="The figures, what residents said, research; or, if not known yet, how you will find out.",
        error_messages={"required": "Give the evidence for the impact, or say how you will find out."},
    )


class MitigationForm(PlainForm):
    prefix = "mitigation"

    aspect = forms.ChoiceField(
        label="For",
        choices=[(OVERALL, "The assessment as a whole")]
        + [(a.key, a.label) for a in ASPECTS if a.key != OVERALL],
        error_messages={"required": "Choose the characteristic it is for, or the assessment as a whole."},
    )
    title = forms.CharField(
        label="What will be done", max_length=300, error_messages={"required": "Say what will be done."}
    )
    due_on = date_field("Done by")
    owner_user = forms.ModelChoiceField(
        label="Who will do it: a member of staff",
        queryset=User.objects.none(),
        required=False,
        empty_label="No one chosen",
    )
    owner_name = forms.CharField(label="Or a post or a name", max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]


class CompleteForm(PlainForm):
    prefix = "complete"

    completed_on = date_field("Completed on")
    review_on = date_field("Review by")


class ReviewForm(PlainForm):
    prefix = "review"

    reviewed_on = date_field("Reviewed on")
    notes = forms.CharField(
        label="What the review found",
        widget=TEXTAREA,
        error_messages={"required": "Say what the review found."},
    )
    reopen = forms.BooleanField(label="The assessment needs changing: reopen it", required=False)
    next_review_on = date_field("Next review by", required=False, help_text="Not needed when you reopen it.")


class RegisterFilterForm(PlainForm):
    status = forms.ChoiceField(label="Status", choices=[("", "Any"), *STATES.items()], required=False)
