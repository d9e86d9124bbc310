"""Forms of the Board pack pages; every POST goes through ``core.form_action`` (decision 0032)."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.activities.models import Activity
from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.widgets import Radios

from .models import BoardPack
from .sections import pack_kinds
from .selectors import meetings_for_packs

# Platform's choice: a narrative is a short piece for each section (about a page of text).
NARRATIVE_MAX = 4000


class MeetingChoiceField(forms.ModelChoiceField[Activity]):
    def label_from_instance(self, obj: Activity) -> str:
        group = f", {obj.group.name}" if obj.group_id and obj.group else ""
        return f"{obj.title}{group}, {obj.date:%d/%m/%Y}"


class PackForm(PlainForm):
    title = forms.CharField(label="Title", max_length=200, help_text="For example: Board, 15 July 2026.")
    meeting = MeetingChoiceField(
        label="Meeting",
        queryset=Activity.objects.none(),
        help_text="The meeting the pack is for.",
    )
    period_start = forms.DateField(
        label="Period from",
        input_formats=DATE_INPUT_FORMATS,
        help_text="The first day the figures cover, for example 1/4/2026.",
    )
    period_end = forms.DateField(
        label="Period to",
        input_formats=DATE_INPUT_FORMATS,
        help_text="The last day the figures cover, for example 30/6/2026.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = meetings_for_packs()


class PackChangeForm(PlainForm):
    title = forms.CharField(label="Title", max_length=200)
    period_start = forms.DateField(label="Period from", input_formats=DATE_INPUT_FORMATS)
    period_end = forms.DateField(label="Period to", input_formats=DATE_INPUT_FORMATS)


class SectionAddForm(PlainForm):
    kind = forms.ChoiceField(label="Section", widget=Radios)
    survey = forms.ChoiceField(
        label="Survey", required=False, help_text="For survey results: the survey to show."
    )

    def __init__(self, *args: Any, pack: BoardPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = [k for k in pack_kinds() if k.offered(pack.period_start, pack.period_end)]
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.key, k.label) for k in offered]
        surveys = next((k.choices(pack.period_start, pack.period_end) for k in offered if k.needs), [])
        survey = self.fields["survey"]
        assert isinstance(survey, forms.ChoiceField)
        survey.choices = [("", "Choose a survey"), *surveys]
        if not surveys:
            del self.fields["survey"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        survey = cleaned.pop("survey", "")
        cleaned["parameters"] = {"survey": survey} if survey else {}
        return cleaned


class NarrativeForm(PlainForm):
    narrative = forms.CharField(
        label="What the Board should know",
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="A short narrative in plain words: what the figures show and why it matters.",
    )


class MoveForm(PlainForm):
    direction = forms.ChoiceField(label="Move", choices=[("up", "Up"), ("down", "Down")])
