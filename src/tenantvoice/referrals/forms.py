"""Forms of referrals to the Board."""

from __future__ import annotations

from typing import Any

from django import forms

from tenantvoice.activities.fields import MeetingChoiceField, meetings_field_refresh
from tenantvoice.core.forms import date_field
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.involvement.models import Group

from .models import BoardDecision, ReferralKind
from .selectors import ANSWERED, AWAITING


class ReferralForm(PlainForm):
    group = forms.ModelChoiceField(
        label="Group that refers it",
        queryset=Group.objects.none(),
        error_messages={"required": "Choose the group that refers it."},
    )
    kind = forms.ChoiceField(label="What it is", choices=ReferralKind.choices, initial=ReferralKind.ISSUE)
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Give the referral a short title."}
    )
    detail = forms.CharField(
        label="What the group asks the Board",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what the group asks the Board to consider."},
    )
    to_body = forms.CharField(label="Referred to", max_length=120, initial="the Board")
    referred_on = date_field("Date referred")
    agreed_at = MeetingChoiceField(label="The group's meeting that agreed to refer it", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.order_by("name")  # type: ignore[attr-defined]
        meetings_field_refresh(self.fields["agreed_at"])


class ResponseForm(PlainForm):
    decision = forms.ChoiceField(
        label="The Board's decision",
        choices=BoardDecision.choices,
        error_messages={"required": "Choose the Board's decision."},
    )
    response = forms.CharField(
        label="The response to the group",
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Sent to the group's members. Give the reasons if it is agreed in part or not agreed.",
    )
    responded_on = date_field("Date of the response")
    considered_at = MeetingChoiceField(label="The meeting that considered it", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings_field_refresh(self.fields["considered_at"])


class ReferralFilterForm(PlainForm):
    state = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "All referrals"), (AWAITING, "Awaiting a response"), (ANSWERED, "Answered")],
    )
