"""Forms of the annual report's pages; every POST goes through ``core.form_action`` (decision
0032)."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.activities.fields import MeetingChoiceField, meetings_to_choose
from tenantvoice.activities.models import ActivityKind
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.reporting_year import ReportingYear

from .models import AnnualReport
from .services import NARRATIVE_LIMIT, WORDS_LIMIT

# Platform's choice: reports can be started for the last five years that have ended.
YEARS_OFFERED = 5


def years_to_start(today: Any) -> list[ReportingYear]:
    """Reporting years that have ended, newest first, that have no report yet."""
    latest = ReportingYear.of(today).first - 1
    made = set(AnnualReport.objects.values_list("year", flat=True))
    return [ReportingYear(y) for y in range(latest, latest - YEARS_OFFERED, -1) if y not in made]


class StartForm(PlainForm):
    year = forms.TypedChoiceField(label="Year", coerce=int, error_messages={"required": "Choose the year."})

    def __init__(self, *args: Any, years: list[ReportingYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [(y.first, f"{y.label} ({y.words})") for y in years]


def _words(label: str, help_text: str, *, rows: int = 8) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=WORDS_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class WordsForm(PlainForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the report a title."}
    )
    officer_words = _words(
        "A word from us",
        "The officer's introduction: what the year was like and what comes next, in plain words.",
    )
    panel_name = forms.CharField(
        label="Who the panel's words are from",
        required=False,
        max_length=200,
        help_text="For example: The Residents Panel.",
    )
    panel_words = _words(
        "The panel's words", "What the residents' panel wants to say to residents, in its own words."
    )
    how_made = _words(
        "How residents shaped this report",
        "What residents asked us to report on and how they agreed it is shown.",
        rows=4,
    )


class NarrativeForm(PlainForm):
    narrative = forms.CharField(
        label="What residents should know",
        required=False,
        max_length=NARRATIVE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A few sentences in plain words: what the figures show and what we will do next.",
    )


class IncludeForm(PlainForm):
    included = forms.TypedChoiceField(
        label="In the report",
        choices=[("yes", "Put it in"), ("no", "Leave it out")],
        coerce=lambda value: value == "yes",
    )


class ApproveForm(PlainForm):
    meeting = MeetingChoiceField(label="The panel's meeting", held_only=True)
    decided = forms.CharField(
        label="What the panel decided",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As the minutes record it, for example: “Approved with the changes discussed.”",
        error_messages={"required": "Say what the panel decided."},
    )

    def __init__(self, *args: Any, report: AnnualReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = meetings_to_choose(held_only=True).filter(
            kind=ActivityKind.MEETING,
            group__isnull=False,
            starts_at__date__gt=report.reporting_year.end,
        )
        meeting.empty_label = "Choose the meeting"
        meeting.error_messages["required"] = "Choose the panel's meeting that approved the report."
