"""One audience form for every page that picks who gets something (campaigns, surveys)."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.languages import language_choices
from tenantvoice.core.pickers import PickerForm
from tenantvoice.residents.models import Channel, Location, PropertyType, ResidentKind, Tenure
from tenantvoice.residents.widgets import AreaMultipleField

from .models import Segment
from .rules import (
    CONTACT_MISSING_CHOICES,
    INVOLVEMENT_CHOICES,
    NOT_KNOWN,
    SUPPORT_CHOICES,
    Audience,
    age_band_label,
)

MAX_AGE = 130


def age_band_choices() -> list[tuple[str, str]]:
    """The age bands the representation tables use (the landlord's, decision 0047), then "Date
    of birth not known"."""
    from tenantvoice.representation.characteristics import landlord_characteristics

    return [(c.code, age_band_label(c.code)) for c in landlord_characteristics()["age"].categories]


class AudienceForm(PickerForm):
    """Checkboxes for every criterion; leave all empty for everyone. Works without JavaScript.

    Areas are found by searching and ticked (any area at any depth, decision 0039); the
    landlord's short lists (saved groups, levels, groups) are checkboxes of them all."""

    segments = forms.MultipleChoiceField(
        label="Saved groups of residents", required=False, widget=forms.CheckboxSelectMultiple
    )
    levels = forms.MultipleChoiceField(
        label="Involved at these levels", required=False, widget=forms.CheckboxSelectMultiple
    )
    survey_group = forms.BooleanField(label="Only those in the survey group", required=False)
    groups = forms.MultipleChoiceField(
        label="Sitting on these groups", required=False, widget=forms.CheckboxSelectMultiple
    )
    areas = AreaMultipleField(
        label="Living in these areas (and every area inside them)",
        required=False,
        help_text="Type the start of an area's name and press Find, then tick it. "
        "Search again to add more; what you ticked stays ticked.",
    )
    tenures = forms.MultipleChoiceField(
        label="Tenure", required=False, choices=Tenure.choices, widget=forms.CheckboxSelectMultiple
    )
    property_types = forms.MultipleChoiceField(
        label="Type of home",
        required=False,
        choices=PropertyType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label="Who", required=False, choices=ResidentKind.choices, widget=forms.CheckboxSelectMultiple
    )
    primary_tenants_only = forms.BooleanField(
        label="Only named tenants (not other household members)", required=False
    )
    at_home = forms.BooleanField(
        label="Only residents living in one of our homes (not applicants or service users)", required=False
    )
    locations = forms.MultipleChoiceField(
        label="Urban or rural home",
        required=False,
        choices=Location.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    age_bands = forms.MultipleChoiceField(
        label="Age on the day it is sent", required=False, widget=forms.CheckboxSelectMultiple
    )
    age_min = forms.IntegerField(
        label="Or aged at least", required=False, min_value=0, max_value=MAX_AGE, help_text="In years."
    )
    age_max = forms.IntegerField(
        label="And at most", required=False, min_value=0, max_value=MAX_AGE, help_text="In years."
    )
    languages = forms.MultipleChoiceField(
        label="Preferred language", required=False, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(
        label="Prefers to hear from us by",
        required=False,
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    support = forms.MultipleChoiceField(
        label="Support needs", required=False, choices=SUPPORT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    contact_missing = forms.ChoiceField(
        label="Contact details on file",
        required=False,
        choices=[("", "Any")] + list(CONTACT_MISSING_CHOICES),
        widget=forms.RadioSelect,
    )
    involvement = forms.ChoiceField(
        label="Involvement",
        required=False,
        choices=[("", "Involved or not")] + list(INVOLVEMENT_CHOICES),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from tenantvoice.involvement.models import Group, Level

        super().__init__(*args, **kwargs)
        self._choices("segments", [(str(s.pk), s.name) for s in Segment.objects.all()])
        self._choices("levels", [(lv.slug, lv.name) for lv in Level.objects.order_by("order")])
        self._choices("groups", [(g.slug, g.name) for g in Group.objects.order_by("name")])
        self._choices("age_bands", age_band_choices())
        languages = [(code, name) for code, name in language_choices() if code]
        self._choices("languages", [*languages, (NOT_KNOWN, "Not recorded")])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", "The highest age must be the same as the lowest age or more.")
        return data

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices

    @classmethod
    def for_audience(cls, audience: Audience, **kwargs: Any) -> AudienceForm:
        data = audience.to_json()
        initial = {
            key: [str(v) for v in value] if isinstance(value, list) else value for key, value in data.items()
        }
        return cls(initial=initial, **kwargs)

    def audience(self) -> Audience:
        data = self.cleaned_data
        return Audience(
            segments=tuple(int(pk) for pk in data["segments"]),
            levels=tuple(data["levels"]),
            survey_group=data["survey_group"],
            groups=tuple(data["groups"]),
            areas=tuple(area.pk for area in data["areas"]),
            tenures=tuple(data["tenures"]),
            property_types=tuple(data["property_types"]),
            kinds=tuple(data["kinds"]),
            primary_tenants_only=data["primary_tenants_only"],
            at_home=data["at_home"],
            locations=tuple(data["locations"]),
            age_bands=tuple(data["age_bands"]),
            age_min=data["age_min"],
            age_max=data["age_max"],
            languages=tuple(data["languages"]),
            channels=tuple(data["channels"]),
            support=tuple(data["support"]),
            contact_missing=data["contact_missing"],
            involvement=data["involvement"],
        )
