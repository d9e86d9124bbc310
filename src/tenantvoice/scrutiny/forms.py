"""The forms officers use to run a scrutiny review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import Truncator

from tenantvoice.accounts.selectors import staff_accounts_to_choose
from tenantvoice.activities.fields import MeetingChoiceField, meetings_field_refresh
from tenantvoice.complaints.models import Category
from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group, ServiceArea
from tenantvoice.residents.models import Resident
from tenantvoice.surveys.models import Survey

from .models import EvidenceKind, Finding, Response, Stage


class ReviewForm(PlainForm):
    title = forms.CharField(
        label="Topic", max_length=200, error_messages={"required": "Give the review's topic."}
    )
    reason = forms.CharField(
        label="Why the panel chose it",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the panel chose this topic."},
    )
    survey = forms.ModelChoiceField(
        label="Survey results it was chosen from",
        queryset=Survey.objects.none(),
        required=False,
        empty_label="None",
    )
    service_area = forms.ModelChoiceField(
        label="Service it looks at", queryset=ServiceArea.objects.none(), required=False, empty_label="None"
    )
    complaint_category = forms.ModelChoiceField(
        label="Complaints it was chosen from",
        queryset=Category.objects.none(),
        required=False,
        empty_label="None",
        help_text="The category of complaints whose themes led the panel to this topic.",
    )
    service_standard = forms.CharField(
        label="Service standard it looks at",
        max_length=200,
        required=False,
        help_text="In words, for example 'Emergency repairs within 24 hours'.",
    )
    terms_of_reference = forms.CharField(
        label="Terms of reference", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    panel = forms.ModelChoiceField(
        label="Panel",
        queryset=Group.objects.none(),
        empty_label="Choose the group",
        help_text="Its members are the panel.",
        error_messages={"required": "Choose the group whose members are the panel."},
    )
    officer = forms.ModelChoiceField(
        label="Officer lead",
        queryset=staff_accounts_to_choose().none(),
        required=False,
        empty_label="Not chosen yet",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.order_by("-pk")  # type: ignore[attr-defined]
        self.fields["service_area"].queryset = ServiceArea.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["complaint_category"].queryset = Category.objects.filter(active=True)  # type: ignore[attr-defined]
        self.fields["panel"].queryset = Group.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["officer"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]


class StageForm(PlainForm):
    prefix = "stage"

    stage = forms.ChoiceField(
        label="Move the review to", choices=Stage.choices, error_messages={"required": "Choose a stage."}
    )


class CommitteeForm(PlainForm):
    prefix = "cmt"

    committee_on = date_field(
        "Committee date",
        "4/10/2027",
        help_text=(
            "The Board or committee the report goes to. "
            "Its report deadline comes from the governance timetable."
        ),
    )


class MilestoneForm(PlainForm):
    prefix = "ms"

    title = forms.CharField(
        label="Milestone", max_length=200, error_messages={"required": "Say what the milestone is."}
    )
    due_on = date_field("Due by", "31/1/2027")
    is_report = forms.BooleanField(label="This is the final report", required=False)


class MilestoneChangeForm(PlainForm):
    due_on = date_field("New due date", "31/1/2027", required=False)
    done_on = date_field("Done on", "31/1/2027", required=False)


class EvidenceRequestForm(PlainForm):
    prefix = "req"

    question = forms.CharField(
        label="What the panel asks for",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the panel asked for."},
    )
    officer = forms.ModelChoiceField(
        label="Officer asked (account)",
        queryset=staff_accounts_to_choose().none(),
        required=False,
        empty_label="Not an account",
    )
    officer_name = forms.CharField(label="Or the officer's name", max_length=160, required=False)
    asked_on = date_field("Asked on", "24/11/2026", required=False, help_text="Leave empty for today.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]


class AnswerForm(PlainForm):
    answer = forms.CharField(
        label="The answer given",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write down the answer given."},
    )
    on = date_field("Answered on", "24/11/2026", required=False, help_text="Leave empty for today.")
    late_reason = forms.CharField(
        label="Reason for the delay (only if late)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(PlainForm):
    prefix = "ev"

    kind = forms.ChoiceField(label="Kind", choices=EvidenceKind.choices)
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the evidence a title."}
    )
    describes_on = date_field(
        "Date it describes",
        "30/9/2026",
        required=False,
        help_text="A data snapshot's date, or the day of a visit or interview. For example 30/9/2026.",
    )
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label="File (PDF, Word, OpenDocument or text, up to 20 MB)", required=False)


class TextForm(PlainForm):
    prefix = "fd"

    text = forms.CharField(
        label="Text", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Write it."}
    )


class FindingsField(forms.ModelMultipleChoiceField[Finding]):
    """Findings to tick, each named by its number and words (not "Finding 3" alone)."""

    def label_from_instance(self, obj: Finding) -> str:
        return f"{obj.order}. {Truncator(obj.text).chars(160)}"


class RecommendationForm(PlainForm):
    prefix = "rec"

    text = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the recommendation."},
    )
    findings = FindingsField(
        label="The findings it comes from",
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, review: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if review is not None:
            self.fields["findings"].queryset = review.findings.all()  # type: ignore[attr-defined]


class ResponseForm(PlainForm):
    response = forms.ChoiceField(label="The landlord's response", choices=Response.choices)
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when it is partly accepted or not accepted.",
    )
    meeting = MeetingChoiceField(
        label="Board or committee meeting that considered it",
        empty_label="Choose the meeting",
        error_messages={"required": "Choose the meeting that considered it."},
    )
    on = date_field(
        "Date of the response", "4/10/2027", required=False, help_text="Leave empty for the meeting's day."
    )
    owner_user = forms.ModelChoiceField(
        label="Who will put it in place (account)",
        queryset=staff_accounts_to_choose().none(),
        required=False,
        empty_label="Not an account",
    )
    owner_name = forms.CharField(label="Or a post or name", max_length=160, required=False)
    due_on = date_field("Done by", "31/3/2028", required=False, help_text="Needed when it is accepted.")
    retest_on = date_field(
        "Re-test by", "30/9/2028", required=False, help_text="When the panel checks it lasted."
    )
    action_title = forms.CharField(
        label="The action, in words",
        max_length=300,
        required=False,
        help_text="Leave empty to use the recommendation.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = staff_accounts_to_choose()  # type: ignore[attr-defined]
        meetings_field_refresh(self.fields["meeting"])


class ReportForm(PlainForm):
    prefix = "rep"

    report = forms.CharField(
        label="The panel's closing report", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    report_file = forms.FileField(
        label="Or the report as a file (PDF, Word, OpenDocument or text)", required=False
    )


class PublishForm(PlainForm):
    prefix = "pub"

    also_told = forms.CharField(
        label="Also tell these residents (person references)",
        required=False,
        help_text="Besides the panel's members, who are always told. Separate references with commas.",
    )

    def clean_also_told(self) -> list[Resident]:
        refs = [part.strip() for part in self.cleaned_data.get("also_told", "").split(",") if part.strip()]
        found = list(Resident.objects.filter(hms_ref__in=refs))
        missing = sorted(set(refs) - {r.hms_ref for r in found})
        if missing:
            raise forms.ValidationError(
                f"Check the person references: no one on the register has {', '.join(missing)[:200]}."
            )
        return found


class OutcomeForm(PlainForm):
    prefix = "o"

    you_said = forms.CharField(
        label="What the panel said",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the panel found and recommended."},
    )
    we_did = forms.CharField(
        label="What we decided",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the landlord decided."},
    )
