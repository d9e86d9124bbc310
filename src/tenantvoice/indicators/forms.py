"""Officers' forms for indicators; the services check the rules and say what is wrong."""

from __future__ import annotations

from django import forms

from tenantvoice.core.dates import DATE_INPUT_FORMATS
from tenantvoice.core.plain_errors import PlainForm

from .models import Framework, Unit
from .sources import source_choices

DIRECTIONS = [("higher", "Higher is better"), ("lower", "Lower is better")]


class IndicatorForm(PlainForm):
    name = forms.CharField(label="Name of the indicator", max_length=200)
    definition = forms.CharField(
        label="What it measures",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How it is counted, so a reader knows what the number means.",
    )
    direction = forms.ChoiceField(label="Which is better", choices=DIRECTIONS, widget=forms.RadioSelect)
    order = forms.IntegerField(label="Place in the list", min_value=0, initial=0, required=False)
    framework = forms.ChoiceField(
        label="Regulator's framework",
        required=False,
        choices=[("", "None: our own indicator"), *Framework.choices],
    )
    outcome = forms.IntegerField(
        label="The framework's outcome",
        required=False,
        help_text="For the Charter, for example 3 (participation).",
    )
    number = forms.CharField(
        label="Its number in the annual return",
        required=False,
        max_length=20,
        help_text=(
            "Only 3 and 4, the complaints indicators, are confirmed; other numbers are shown as not "
            "confirmed."
        ),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if "direction" in data:
            data["higher_is_better"] = data.pop("direction") == "higher"
        data["order"] = data.get("order") or 0
        data["framework"] = data.get("framework") or ""
        data["number"] = data.get("number") or ""
        return data


class IndicatorNewForm(IndicatorForm):
    unit = forms.ChoiceField(label="Unit", choices=Unit.choices)
    source = forms.ChoiceField(
        label="Where the values come from",
        required=False,
        help_text=(
            "Leave it as typed in or imported for measures kept elsewhere, such as repairs done on time."
        ),
    )
    source_parameter = forms.CharField(
        label="Survey question's code",
        required=False,
        max_length=60,
        help_text="Only for a survey question's satisfied share: the code of the question it reads.",
    )
    is_survey = forms.BooleanField(
        label="It is a survey measure (each value has a sample size and a margin of error)", required=False
    )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        data["source_parameter"] = data.get("source_parameter") or ""
        return data

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["source"].choices = [("", "Typed in or imported"), *source_choices()]  # type: ignore[attr-defined]


class ValueForm(PlainForm):
    period_start = forms.DateField(
        label="Period from", input_formats=DATE_INPUT_FORMATS, help_text="For example 1/4/2025."
    )
    period_end = forms.DateField(
        label="Period to", input_formats=DATE_INPUT_FORMATS, help_text="For example 31/3/2026."
    )
    value = forms.DecimalField(label="Value", max_digits=14, decimal_places=2)
    sample_size = forms.IntegerField(
        label="Sample size", required=False, help_text="Survey measures only: the number of answers."
    )
    margin = forms.DecimalField(
        label="Margin of error",
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text=(
            "Survey measures only, in percentage points at 95%. Leave empty to work it out from the "
            "sample size."
        ),
    )
    note = forms.CharField(label="Where the figure comes from", required=False, max_length=500)


class TargetForm(PlainForm):
    year = forms.IntegerField(
        label="Reporting year starting in", help_text="For example 2025 for 1 April 2025 to 31 March 2026."
    )
    value = forms.DecimalField(
        label="Target",
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text="Leave empty to remove the target.",
    )
    note = forms.CharField(label="Where the target comes from", required=False, max_length=500)


class ComputeForm(PlainForm):
    year = forms.IntegerField(label="Reporting year starting in")


class ValuesImportForm(PlainForm):
    file = forms.FileField(
        label="The file (CSV or Excel)",
        help_text="One row per indicator and period, headed indicator, period start, period end, value, "
        "and for survey measures sample size and margin of error.",
        error_messages={"required": "Choose the file to upload."},
    )


class PeersImportForm(PlainForm):
    name = forms.CharField(
        label="Name of the peer group", max_length=200, help_text="For example: HouseMark peer group 2025/26."
    )
    year = forms.IntegerField(label="Reporting year starting in", help_text="For example 2025.")
    source = forms.CharField(label="Where the figures come from", max_length=300, required=False)
    file = forms.FileField(
        label="The file (CSV or Excel)",
        help_text=(
            "One row per landlord: a 'landlord' column and a column for each indicator, headed with "
            "its name as here. To give the Scottish average, add a column headed 'average' and put "
            "'yes' on the average's row."
        ),
        error_messages={"required": "Choose the file to upload."},
    )


class CharterReportForm(PlainForm):
    introduction = forms.CharField(
        label="Introduction for residents",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "In plain words: what the year was like and what the figures below show. The figures are "
            "added for you."
        ),
        error_messages={"required": "Write the introduction."},
    )
