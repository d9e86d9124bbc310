"""One audience form for every page that picks who gets something (campaigns, surveys)."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.pickers import PickerForm
from tenantvoice.residents.models import PropertyType, ResidentKind, Tenure
from tenantvoice.residents.widgets import AreaMultipleField

from .models import Segment
from .rules import Audience


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from tenantvoice.involvement.models import Group, Level

        super().__init__(*args, **kwargs)
        self._choices("segments", [(str(s.pk), s.name) for s in Segment.objects.all()])
        self._choices("levels", [(lv.slug, lv.name) for lv in Level.objects.order_by("order")])
        self._choices("groups", [(g.slug, g.name) for g in Group.objects.order_by("name")])

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
        )
