from __future__ import annotations

from django import forms

from tenantvoice.core.plain_errors import PlainForm

from .catalogue import KINDS
from .models import Purpose

NEWS = KINDS["news"]


class CampaignForm(PlainForm):
    name = forms.CharField(
        label="Name of the campaign", max_length=160, help_text="For you, e.g. 'Spring newsletter 2027'."
    )
    purpose = forms.ChoiceField(
        label="What kind of message is it?",
        choices=[
            (
                Purpose.NEWS,
                "News or a newsletter: only to residents who agreed to news, with a link to stop it",
            ),
            (Purpose.SERVICE, "About their home, tenancy or involvement: to everyone in the audience"),
        ],
        initial=Purpose.NEWS,
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(
        label="Subject (and heading of the letter)", max_length=200, initial=NEWS.subject
    )
    body = forms.CharField(
        label="Message for email and letter",
        widget=forms.Textarea(attrs={"rows": 12}),
        initial=NEWS.body,
        help_text="You can use ((name)), ((first_name)), ((full_name)) and ((landlord)); news ends with "
        "((unsubscribe_link)).",
    )
    sms = forms.CharField(
        label="Text message (for residents who prefer texts)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        initial=NEWS.sms,
        help_text="Keep it short: 160 characters is one text. If empty, the email wording is sent.",
    )
