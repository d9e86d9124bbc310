"""A public survey's open link slows one connection that answers too often, and nobody else."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tenantvoice.surveys.models import Response
from tenantvoice.surveys.services import question_add
from tests.factories import SurveyFactory

from ..conftest import ThrottleClock


def test_one_connection_waits_and_then_answers_again_while_others_answer_on(
    db: None, settings: Any, throttle_clock: ThrottleClock
) -> None:
    settings.TENANTVOICE_TRUSTED_PROXIES = 1
    survey = SurveyFactory(title="Open", status="open", public=True)
    question = question_add(survey=survey, kind="yes_no", text="Do you like the new bins?")
    url = reverse("survey-open", args=[survey.pk])
    answer = {f"q-{question.pk}": "yes"}
    via_proxy: dict[str, Any] = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(20):
        Client().post(url, answer, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    limited = Client().post(url, answer, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    assert "Please wait 1 minute and try again" in limited.content.decode()
    # Someone else behind the same proxy is not held up.
    assert Client().post(url, answer, HTTP_X_FORWARDED_FOR="203.0.113.5", **via_proxy).status_code == 200
    throttle_clock.advance(60)
    assert Client().post(url, answer, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy).status_code == 200
    assert Response.objects.filter(channel="open").count() == 22
