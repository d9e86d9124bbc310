"""Choosing whom to compare, on which date and against whom (the "Who takes part" pages and
the API read the same form, so both accept the same choices and refuse them in the same
words).

Levels and groups are the landlord's short lists and are offered as choices; a survey or a
consultation is chosen from its own page (its results page links here with its number), never
from a list of every survey (decision 0039)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from tenantvoice.consultations.models import Consultation
from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group, Level
from tenantvoice.surveys.models import Survey

from .characteristics import Characteristic, landlord_characteristics
from .compare import quarter_ends_between
from .report import (
    MOST_QUARTERS,
    Population,
    against_respondents,
    attendees_population,
    consultation_population,
    everyone_involved,
    group_population,
    level_population,
    survey_population,
)

POPULATIONS = [
    ("all", "All involved residents"),
    ("level", "Residents on a level"),
    ("group", "Residents holding a seat on a group"),
    ("activities", "Residents present at meetings and events over a period"),
    ("survey", "Residents who answered a survey"),
    ("consultation", "Residents who replied to a consultation"),
]


def _date(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text,
        required=False,
        error_messages={"invalid": "Enter the date like 31/3/2026."},
    )


class ComparisonForm(PlainForm):
    population = forms.ChoiceField(
        label="Who to compare", choices=POPULATIONS, required=False, widget=forms.RadioSelect
    )
    level = forms.ModelChoiceField(
        label="Level",
        queryset=Level.objects.order_by("order"),
        to_field_name="slug",
        required=False,
        empty_label="Choose a level",
    )
    group = forms.ModelChoiceField(
        label="Group",
        queryset=Group.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Choose a group",
        help_text="For residents present at meetings and events: only that group's, if you choose one.",
    )
    start = _date("Meetings and events from", "For example 1/4/2025.")
    end = _date("Meetings and events to", "For example 31/3/2026.")
    survey = forms.ModelChoiceField(queryset=Survey.objects.all(), required=False, widget=forms.HiddenInput)
    consultation = forms.ModelChoiceField(
        queryset=Consultation.objects.all(), required=False, widget=forms.HiddenInput
    )
    on = _date("Figures on", "For example 31/3/2026. Leave empty for today.")
    base = forms.ChoiceField(
        label="Compare with",
        choices=[
            ("residents", "All residents living in our homes on the date"),
            ("survey", "The residents who answered the survey"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    equality = forms.BooleanField(
        label="Show the equality characteristics too (sex, ethnic group, disability, religion, "
        "sexual orientation, caring): only residents who consented are counted, and your "
        "looking is recorded",
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["population"].initial = "all"
        self.fields["base"].initial = "residents"
        # A survey or a consultation is offered only when its page sent it here.
        given = {name for name in ("survey", "consultation") if self.data.get(name)}
        population = self.fields["population"]
        assert isinstance(population, forms.ChoiceField)
        population.choices = [
            (code, label) for code, label in POPULATIONS if code not in {"survey", "consultation"} - given
        ]
        if "survey" not in given:
            del self.fields["base"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("population") or "all"
        needs = {"level": "Choose the level", "group": "Choose the group"}
        if kind in needs and not data.get(kind):
            self.add_error(kind, needs[kind])
        if kind == "activities":
            start, end = data.get("start"), data.get("end")
            if not start:
                self.add_error("start", "Enter the first day of the period")
            if not end:
                self.add_error("end", "Enter the last day of the period")
            if start and end and end < start:
                self.add_error("end", "The last day must be on or after the first day")
        for kind_needing in ("survey", "consultation"):
            if kind == kind_needing and not data.get(kind_needing):
                self.add_error(
                    "population",
                    f"Open the {kind_needing}'s results page and follow its “Who takes part” "
                    "link to choose it",
                )
        if data.get("base") == "survey" and not data.get("survey"):
            self.add_error("base", "Open the survey's results page to compare with its respondents")
        survey = data.get("survey")
        if survey is not None and survey.anonymous and (kind == "survey" or data.get("base") == "survey"):
            # Its responses keep no link to the resident (decision 0020): nobody could be counted.
            self.add_error(
                "population" if kind == "survey" else "base",
                "This survey is anonymous: its answers are not linked to residents, so who answered "
                "cannot be compared. Its results page weights the answers by the facts each one records",
            )
        return data

    @property
    def on_date(self) -> dt.date:
        on = self.cleaned_data.get("on") if self.is_bound and self.is_valid() else None
        return on or timezone.localdate()

    def chosen(self) -> Population:
        """The population chosen (all involved residents unless the form says otherwise)."""
        if not (self.is_bound and self.is_valid()):
            return everyone_involved()
        data = self.cleaned_data
        kind = data.get("population") or "all"
        population: Population
        if kind == "level":
            population = level_population(data["level"])
        elif kind == "group":
            population = group_population(data["group"])
        elif kind == "activities":
            population = attendees_population(data["start"], data["end"], data.get("group"))
        elif kind == "survey":
            population = survey_population(data["survey"])
        elif kind == "consultation":
            population = consultation_population(data["consultation"])
        else:
            population = everyone_involved()
        if data.get("base") == "survey":
            population = against_respondents(population, data["survey"])
        return population

    def characteristics(self) -> list[Characteristic]:
        """Every characteristic; the equality ones only when asked for."""
        found = landlord_characteristics().values()
        equality = self.is_bound and self.is_valid() and self.cleaned_data.get("equality")
        return [c for c in found if equality or not c.equality]


class OverTimeForm(ComparisonForm):
    characteristic = forms.ChoiceField(label="Characteristic", required=False)
    since = _date("From", "For example 1/4/2024. Leave empty for two years before the last date.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        characteristic = self.fields["characteristic"]
        assert isinstance(characteristic, forms.ChoiceField)
        characteristic.choices = [(c.slug, c.name) for c in landlord_characteristics().values()]
        self.fields["on"].label = "To"
        self.fields["on"].help_text = "For example 31/3/2026. Leave empty for today."
        del self.fields["equality"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        on = data.get("on") or timezone.localdate()
        since = data.get("since")
        if since and since > on:
            self.add_error("since", "The first date must be on or before the last date")
        elif since and len(quarter_ends_between(since, on)) > MOST_QUARTERS:
            self.add_error(
                "since", f"Choose at most {MOST_QUARTERS // 4} years ({MOST_QUARTERS} quarter ends)"
            )
        return data

    @property
    def since_date(self) -> dt.date:
        since = self.cleaned_data.get("since") if self.is_bound and self.is_valid() else None
        on = self.on_date
        return since or on.replace(year=on.year - 2, day=min(on.day, 28))

    def chosen_characteristic(self) -> Characteristic:
        found = landlord_characteristics()
        slug = self.cleaned_data.get("characteristic") if self.is_bound and self.is_valid() else None
        return found[slug or "age"]
