from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.pickers import PickerForm
from tenantvoice.core.plain_errors import PlainForm, PlainModelForm
from tenantvoice.residents.widgets import ResidentField

from .models import Channel, Question, QuestionKind, Survey
from .population import WEIGHT_VARIABLES


class SurveyForm(PlainModelForm):
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


class QuestionForm(PlainForm):
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

    def __init__(self, *args: Any, survey: Survey, question: Question | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        field = self.fields["filter_question"]
        assert isinstance(field, forms.ChoiceField)
        others = survey.questions.filter(kind__in=[QuestionKind.YES_NO, QuestionKind.SINGLE])
        if question is not None:
            others = others.exclude(pk=question.pk)
        field.choices = [("", "Always ask it")] + [(str(q.pk), f"{q.order}. {q.text[:80]}") for q in others]

    @classmethod
    def for_question(cls, question: Question, **kwargs: Any) -> QuestionForm:
        """The form filled in with a draft's question, to edit it."""
        wanted = question.filter_question.choices() if question.filter_question else []
        labels = dict(wanted)
        initial = {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "section": question.section,
            "required": question.required,
            "options": "\n".join(str(label) for _, label in question.options),
            "filter_question": str(question.filter_question_id or ""),
            "filter_values": ", ".join(labels.get(v, v) for v in question.filter_values),
        }
        return cls(initial=initial, survey=question.survey, question=question, **kwargs)

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


class OpenForm(PlainForm):
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


class ApproachForm(PlainModelForm):
    """What the survey-approach summary cannot work out for itself."""

    class Meta:
        model = Survey
        fields = ["contractor", "incentives", "method_notes"]
        widgets = {"method_notes": forms.Textarea(attrs={"rows": 3})}


class PeerGroupForm(PlainForm):
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


class ResponsesUploadForm(PlainForm):
    """A contractor's file of responses: all or nothing, unless the good rows are kept."""

    file = forms.FileField(label="The file", error_messages={"required": "Choose the file to upload."})
    good_rows_only = forms.BooleanField(label="Keep the good rows even if some are wrong", required=False)


class CorrectionForm(PlainForm):
    """The wording of an open survey: its title and introduction, and each question's text,
    hint and answers' labels (never the answers' values). Each change is kept as a version."""

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the survey a title."}
    )
    intro = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What it is for and how long it takes, in plain words.",
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": survey.title,
                "intro": survey.intro,
                **{f"q{q.pk}_text": q.text for q in survey.questions.all()},
                **{f"q{q.pk}_help_text": q.help_text for q in survey.questions.all()},
                **{f"q{q.pk}_o_{code}": label for q in survey.questions.all() for code, label in q.options},
            },
        )
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q{question.pk}_text"] = forms.CharField(
                label=f"Question {number}",
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": f"Write question {number}: a correction cannot leave it empty."},
            )
            self.fields[f"q{question.pk}_help_text"] = forms.CharField(
                label=f"Hint to question {number}", required=False, max_length=300
            )
            if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                for n, (code, _) in enumerate(question.options, start=1):
                    self.fields[f"q{question.pk}_o_{code}"] = forms.CharField(
                        label=f"Answer {n} to question {number}",
                        max_length=200,
                        error_messages={"required": f"Give answer {n} to question {number} its words."},
                    )

    def grouped(self) -> list[tuple[int, Question, list[forms.BoundField]]]:
        """Each question's fields together, for one fieldset a question."""
        return [
            (
                number,
                question,
                [self[name] for name in self.fields if name.startswith(f"q{question.pk}_")],
            )
            for number, question in enumerate(self.questions, start=1)
        ]

    def corrections(self) -> dict[str, Any]:
        """The keyword arguments for survey_correct."""
        data = self.cleaned_data
        questions: dict[int, dict[str, Any]] = {}
        for question in self.questions:
            entry: dict[str, Any] = {
                "text": data[f"q{question.pk}_text"],
                "help_text": data[f"q{question.pk}_help_text"],
            }
            options = {
                code: data[f"q{question.pk}_o_{code}"]
                for code, _ in question.options
                if f"q{question.pk}_o_{code}" in data
            }
            if options:
                entry["options"] = options
            questions[question.pk] = entry
        return {"title": data["title"], "intro": data["intro"], "questions": questions}


class QuestionChoiceForm(PlainForm):
    """Which of the survey's questions a "Move up", "Move down" or "Delete" button is for."""

    question = forms.ModelChoiceField(label="Question", queryset=Question.objects.none())

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        question = self.fields["question"]
        assert isinstance(question, forms.ModelChoiceField)
        question.queryset = survey.questions.all()
