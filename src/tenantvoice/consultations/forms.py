from __future__ import annotations

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.pickers import PickerForm
from tenantvoice.core.plain_errors import PlainForm, PlainModelForm
from tenantvoice.core.uploads import document_problem
from tenantvoice.residents.widgets import ResidentField

from .models import Consultation, RepresentationChannel


class ConsultationForm(PlainModelForm):
    closes_on = forms.DateField(
        label="Closing date",
        input_formats=DATE_INPUT_FORMATS,
        help_text="For example 15/1/2027. The strategy sets the shortest time residents get to reply.",
        error_messages={"required": "Enter the closing date.", "invalid": "Enter the date like 15/1/2027."},
    )

    class Meta:
        model = Consultation
        fields = [
            "title",
            "summary",
            "proposal",
            "likely_effect",
            "who_is_affected",
            "topic",
            "is_policy",
            "statutory_s54",
            "service_areas",
            "closes_on",
        ]
        labels = {
            "is_policy": "It is about a policy (counts in the quarterly return)",
            "service_areas": "Which of our services is it about?",
        }
        help_texts = {
            "service_areas": "Tenant organisations we consult on these services under their agreement "
            "with us are sent the notice too. Leave all unticked if none applies.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "proposal": forms.Textarea(attrs={"rows": 8}),
            "likely_effect": forms.Textarea(attrs={"rows": 4}),
            "who_is_affected": forms.Textarea(attrs={"rows": 2}),
            "service_areas": forms.CheckboxSelectMultiple,
        }


class ReplyForm(PlainForm):
    text = forms.CharField(
        label="Your views",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Write your views before sending them."},
    )


class RecordedReplyForm(PickerForm):
    """A reply that came by letter, email, phone or at a meeting, entered by an officer."""

    from_name = forms.CharField(
        label="From",
        max_length=200,
        help_text="The person or organisation, as they signed it.",
        error_messages={"required": "Enter who it is from."},
    )
    resident = ResidentField(
        label="Resident on the register",
        required=False,
        help_text="So they get the outcome personally: search by name, person reference or postcode, "
        "then choose them.",
    )
    channel = forms.ChoiceField(label="How it came", choices=RepresentationChannel.choices)
    received_on = forms.DateField(
        label="Received on",
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "required": "Enter the date it arrived.",
            "invalid": "Enter the date like 4/12/2026.",
        },
    )
    text = forms.CharField(label="What they said", widget=forms.Textarea(attrs={"rows": 6}))


class DecisionForm(PlainForm):
    decision = forms.CharField(label="What was decided", widget=forms.Textarea(attrs={"rows": 4}))
    regard_had = forms.CharField(
        label="How the replies were considered",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Needed when anyone replied: what they said, and what changed because of it.",
    )


class FeedbackForm(PlainForm):
    feedback = forms.CharField(
        label="You said, we did",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Published on the website and sent to everyone who replied.",
        error_messages={"required": "Write what residents said and what we did."},
    )


class DocumentForm(PlainForm):
    title = forms.CharField(label="Title of the document", max_length=200)
    file = forms.FileField(label="File (PDF, Word or OpenDocument, up to 20 MB)")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if problem := document_problem(upload):
            raise forms.ValidationError(problem)
        return upload


class CorrectionForm(PlainForm):
    """The wording of an open consultation; each change is kept as a version."""

    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Give it a title."})
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In plain words: what we propose and why.",
        error_messages={"required": "Give it a summary."},
    )
    proposal = forms.CharField(label="Proposal", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    likely_effect = forms.CharField(
        label="Likely effect",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How it would affect residents.",
        error_messages={"required": "Say how it would affect residents."},
    )
    who_is_affected = forms.CharField(
        label="Who is affected", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def of(cls, consultation: Consultation, **kwargs: object) -> CorrectionForm:
        initial = {name: getattr(consultation, name) for name in cls.base_fields}
        return cls(initial=initial, **kwargs)  # type: ignore[arg-type]
