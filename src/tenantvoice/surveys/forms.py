from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.widgets import PickerForm, ResidentField

from .models import Channel, QuestionKind, Survey
from .population import WEIGHT_VARIABLES


class SurveyForm(forms.ModelForm):
    closes_on = forms.DateField(
        label="Closing date",
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 31/1/2027.",
        error_messages={"invalid": "Enter the date like 31/1/2027."},
    )

    class Meta:
        model = Survey
        fields = ["title", "intro", "closes_on", "anonymous", "public", "after_activities"]
        labels = {
            "anonymous": "Anonymous: do not keep who gave each response",
            "public": "Public: anyone with the open link may answer, as well as those invited",
        }
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of question", choices=QuestionKind.choices)
    text = forms.CharField(label="The question", widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(label="Hint", required=False, max_length=300)
    section = forms.CharField(label="Section", required=False, max_length=120)
    required = forms.BooleanField(label="An answer is needed", required=False)
    options = forms.CharField(
        label="Answers to choose from, one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only for one choice or several choices.",
    )
    filter_question = forms.ChoiceField(label="Ask only if the answer to", required=False)
    filter_values = forms.CharField(
        label="was",
        required=False,
        max_length=200,
        help_text="The answer, e.g. Yes. Several: separate with commas.",
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        field = self.fields["filter_question"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Always ask it")] + [
            (str(q.pk), f"{q.order}. {q.text[:80]}")
            for q in survey.questions.filter(kind__in=[QuestionKind.YES_NO, QuestionKind.SINGLE])
        ]

    def cleaned(self) -> dict[str, Any]:
        data = self.cleaned_data
        options = [line.strip() for line in data["options"].splitlines() if line.strip()]
        values: dict[str, Any] = {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "section": data["section"],
            "required": data["required"],
            "options": [[f"o{n}", label] for n, label in enumerate(options, start=1)],
        }
        if data["filter_question"]:
            question = self.survey.questions.get(pk=int(data["filter_question"]))
            wanted = {w.strip().lower() for w in data["filter_values"].split(",") if w.strip()}
            codes = [code for code, label in question.choices() if label.lower() in wanted or code in wanted]
            if not codes:
                raise forms.ValidationError("Say which answer to that question shows this one, e.g. Yes.")
            values |= {"filter_question": question, "filter_values": codes}
        return values


class OpenForm(forms.Form):
    sample_size = forms.IntegerField(
        label="Invite a random sample of this many (empty: everyone in the audience)",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter a whole number, like 400.",
            "min_value": "Enter a number of 1 or more, or leave it empty to invite everyone.",
        },
    )
    stratify_by = forms.ChoiceField(
        label="Share the sample out in proportion by",
        required=False,
        choices=[("", "Nothing: a simple random sample"), *WEIGHT_VARIABLES.items()],
        help_text="A stratified sample makes sure each group gets its fair share of invitations.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("stratify_by") and not data.get("sample_size"):
            self.add_error(
                "sample_size", "Enter the size of the sample to share out, or choose nothing to share by."
            )
        return data


class EntryForm(PickerForm):
    channel = forms.ChoiceField(
        label="How it came",
        choices=[(Channel.PAPER, Channel.PAPER.label), (Channel.PHONE, Channel.PHONE.label)],
    )
    resident = ResidentField(
        label="Who answered",
        required=False,
        help_text="Search by name, person reference or postcode, then choose them. Leave empty for an "
        "unnamed form.",
    )


class ApproachForm(forms.ModelForm):
    """What the survey-approach summary cannot work out for itself."""

    class Meta:
        model = Survey
        fields = ["contractor", "incentives", "method_notes"]
        widgets = {"method_notes": forms.Textarea(attrs={"rows": 3})}


class PeerGroupForm(forms.Form):
    name = forms.CharField(
        label="Name of the peer group",
        max_length=200,
        help_text="For example: London housing associations 2025/26.",
        error_messages={"required": "Give the peer group a name."},
    )
    source = forms.CharField(
        label="Where the figures come from",
        max_length=300,
        required=False,
        help_text="For example: the Regulator.",
    )
    file = forms.FileField(
        label="The file (CSV or Excel)",
        help_text="One row per landlord: a 'landlord' column, an optional 'tenure group' column "
        "(LCRA or LCHO) and a column for each measure, headed TP01 to TP12, with the percentage.",
        error_messages={"required": "Choose the file to upload."},
    )
    good_rows_only = forms.BooleanField(
        label="If some rows are wrong, import the others and leave those out", required=False
    )
