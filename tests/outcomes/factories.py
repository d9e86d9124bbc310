"""Factories for outcomes (kept beside their tests while tests/factories.py is being reworked)."""

from __future__ import annotations

import datetime as dt

import factory

from tenantvoice.outcomes.models import Outcome
from tests.factories import ConsultationFactory, SurveyFactory


class SurveyOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    survey = factory.SubFactory(SurveyFactory, status="closed")
    title = factory.SelfAttribute("survey.title")
    you_said = "The bins are emptied late."
    we_did = "A new collection rota from May."
    published_on = dt.date(2026, 6, 1)


class ConsultationOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    consultation = factory.SubFactory(ConsultationFactory, status="decided", decision="We go ahead.")
    title = factory.SelfAttribute("consultation.title")
    you_said = "Keep the local office open."
    we_did = factory.SelfAttribute("consultation.decision")
    published_on = dt.date(2026, 6, 1)
