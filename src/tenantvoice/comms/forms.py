"""Small forms of the comms pages' buttons (campaign and template forms are in
``campaign_forms.py`` and ``template_forms.py``)."""

from __future__ import annotations

from django import forms

from tenantvoice.core.plain_errors import PlainForm

from .models import Message


class LettersPrintedForm(PlainForm):
    """The letters ticked as printed and posted on the post room's page."""

    letter = forms.ModelMultipleChoiceField(
        label="Letters printed and posted", queryset=Message.objects.all(), required=False
    )


class RetryForm(PlainForm):
    """The messages ticked on the outbox's page to be sent again."""

    NONE_CHOSEN = "Choose at least one message that could not be sent."

    message = forms.ModelMultipleChoiceField(
        label="Messages to send again", queryset=Message.objects.all(), required=False
    )
