from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import ServiceArea

from .selectors import services_with_outcomes


class OutcomeFilterForm(PlainForm):
    """The public page's filter: one service's outcomes, or all."""

    service: forms.ModelChoiceField[ServiceArea] = forms.ModelChoiceField(
        label="Service",
        queryset=ServiceArea.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All services",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only services something was published about, read when the page is asked for.
        self.fields["service"].queryset = services_with_outcomes()  # type: ignore[attr-defined]


class OutcomeTextForm(PlainForm):
    """What an officer writes to publish "you said, we did". Both boxes may arrive empty: the
    publishing service refuses that in its own words (``outcomes.services.outcome_check``), so
    the rule lives in one place."""

    you_said = forms.CharField(label="What residents said", required=False, max_length=30_000)
    we_did = forms.CharField(label="What we did, or will do", required=False, max_length=30_000)
