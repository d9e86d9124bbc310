"""Surveys' and consultations' published "you said, we did" become outcomes (outcomes 0002):
the copying function itself on the schema just before it, with rows from the factories, then
the real migrations forwards, and the mass sends of before carrying on without telling anyone
twice."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator
from typing import Any

import factory
import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tenantvoice.comms.models import Message, SendKind, SendRun
from tenantvoice.comms.sends import send_run_process
from tenantvoice.core.roles import Role
from tenantvoice.outcomes.models import Outcome
from tests.factories import ConsultationFactory, MessageFactory, ResidentFactory, SurveyFactory, UserFactory

# Slow: migrating back and forth takes 5 to 30 s (its file runs first, see tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

copying = importlib.import_module("tenantvoice.outcomes.migrations.0002_i14_ysd_copy_published")

# The schema before the copy: outcomes exist, surveys and consultations still have their fields.
BEFORE = [
    ("outcomes", "0001_initial"),
    ("surveys", "0009_i13_corrections"),
    ("consultations", "0003_i13_corrections"),
]


def _migrate(targets: list[tuple[str, str]] | None = None) -> Apps:
    """Migrate the test database to ``targets`` (every app's latest when None); its models then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    loader = MigrationLoader(connection)
    return loader.project_state(list(loader.applied_migrations)).apps


@pytest.fixture
def old() -> Iterator[Apps]:
    try:
        yield _migrate(BEFORE)
    finally:
        _migrate()  # every other test needs today's schema


def build(apps: Apps, label: str, factory_class: Any, **fields: Any) -> Any:
    """A row of the old schema with the factory's values for everything else."""
    return apps.get_model(label).objects.create(**factory.build(dict, FACTORY_CLASS=factory_class, **fields))


def test_published_feedback_becomes_outcomes_with_dates_publishers_and_sends(old: Apps) -> None:
    officer = UserFactory(role=Role.ENGAGEMENT_OFFICER)
    survey = build(
        old,
        "surveys.Survey",
        SurveyFactory,
        title="Bins",
        status="closed",
        you_said="Bins are late.",
        we_did="A new rota.",
        feedback_published_on=dt.date(2025, 11, 3),
    )
    build(old, "surveys.Survey", SurveyFactory, status="closed")  # nothing published: no outcome
    consultation = build(
        old,
        "consultations.Consultation",
        ConsultationFactory,
        title="Office",
        status="decided",
        decision="It stays open.",
        feedback="You asked us to keep the office.",
        feedback_published_on=dt.date(2026, 2, 20),
    )
    repairs = old.get_model("involvement.ServiceArea").objects.create(slug="repairs", name="Repairs")
    consultation.service_areas.add(repairs)
    old.get_model("core.AuditEvent").objects.create(
        actor_id=officer.pk,
        actor_label=officer.email,
        action="update",
        object_type="survey",
        object_id=str(survey.pk),
        summary="Published you said, we did (send 1)",
    )
    told, not_yet = ResidentFactory(), ResidentFactory()
    Response = old.get_model("surveys.Response")
    for resident in (told, not_yet):
        Response.objects.create(survey_id=survey.pk, resident_id=resident.pk, channel="portal")
    # A send stopped part-way through: the first resident was told under the old kind.
    run = old.get_model("comms.SendRun").objects.create(
        kind="survey_feedback", object_id=survey.pk, title="You said, we did: Bins", status="running"
    )
    MessageFactory(
        recipient=told,
        template="you_said_we_did",
        dedupe_key=f"yswd:survey:{survey.pk}:{told.pk}",
        send_run_id=run.pk,
    )

    copying.copy_published(old, None)

    OldOutcome = old.get_model("outcomes.Outcome")
    by_source = {(o.survey_id, o.consultation_id): o for o in OldOutcome.objects.all()}
    assert set(by_source) == {(survey.pk, None), (None, consultation.pk)}
    from_survey, from_consultation = by_source[survey.pk, None], by_source[None, consultation.pk]
    assert (from_survey.title, from_survey.you_said, from_survey.we_did) == (
        "Bins",
        "Bins are late.",
        "A new rota.",
    )
    assert from_survey.published_on == dt.date(2025, 11, 3) and from_survey.published_by_id == officer.pk
    assert (from_consultation.you_said, from_consultation.we_did) == (
        "You asked us to keep the office.",
        "It stays open.",
    )
    assert (
        from_consultation.published_on == dt.date(2026, 2, 20) and from_consultation.published_by_id is None
    )
    assert list(from_consultation.service_areas.values_list("slug", flat=True)) == ["repairs"]
    moved = old.get_model("comms.SendRun").objects.get(pk=run.pk)
    assert (moved.kind, moved.object_id) == ("outcome", from_survey.pk)

    copying.copy_back(old, None)  # going back restores the fields and the send
    assert not OldOutcome.objects.exists()
    back = old.get_model("comms.SendRun").objects.get(pk=run.pk)
    assert (back.kind, back.object_id) == ("survey_feedback", survey.pk)
    assert old.get_model("consultations.Consultation").objects.get(pk=consultation.pk).feedback == (
        "You asked us to keep the office."
    )

    _migrate()  # the real migrations, forwards, on the same rows
    outcome = Outcome.objects.get(survey_id=survey.pk)
    assert outcome.published_on == dt.date(2025, 11, 3) and outcome.published_by == officer
    assert Outcome.objects.get(consultation_id=consultation.pk).we_did == "It stays open."
    assert SendRun.objects.get(pk=run.pk).kind == SendKind.OUTCOME
    send_run_process(run.pk)  # the stopped send carries on: only the resident not yet told
    assert sorted(
        Message.objects.filter(template="you_said_we_did").values_list("recipient_id", flat=True)
    ) == sorted([told.pk, not_yet.pk])
