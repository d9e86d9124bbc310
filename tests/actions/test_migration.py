"""Meeting action points become actions in the tracker (actions 0002): the copying function
itself on the schema just before it, with rows made there, then back again (the migration runs
backwards, so going back a release loses nothing)."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

# Slow: migrating back and forth takes 5 to 30 s (its file runs first, see tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

copying = importlib.import_module("tenantvoice.actions.migrations.0002_i16_action_points_become_actions")

# The schema before the copy: the tracker exists and action points are still there.
BEFORE = [("actions", "0001_initial"), ("activities", "0007_i15_staff_home_indexes")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> Apps:
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


def test_each_action_point_becomes_an_action_of_its_meeting_and_back(old: Apps) -> None:
    group = old.get_model("involvement.Group").objects.create(
        slug="panel", name="Residents Panel", kind="panel"
    )
    start = timezone.now() - dt.timedelta(days=30)
    meeting = old.get_model("activities.Activity").objects.create(
        title="Panel", group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    ActionPoint = old.get_model("activities.ActionPoint")
    open_point = ActionPoint.objects.create(
        activity=meeting, description="Chase the lift repair", owner="Olu", due_on=dt.date(2026, 4, 1)
    )
    long_text = "Write to every household about the new bin rota. " * 10
    ActionPoint.objects.create(
        activity=meeting,
        description=long_text,
        owner="Head of Estates",
        due_on=dt.date(2026, 3, 1),
        done_on=dt.date(2026, 2, 20),
        outcome="Letters sent on 20 February",
    )

    copying.forwards(old, None)

    Action = old.get_model("actions.Action")
    by_owner = {a.owner_name: a for a in Action.objects.all()}
    lift, bins = by_owner["Olu"], by_owner["Head of Estates"]
    assert (lift.title, lift.due_on, lift.status, lift.progress) == (
        "Chase the lift repair",
        dt.date(2026, 4, 1),
        "not_started",
        0,
    )
    assert lift.activity_id == meeting.pk and lift.asked_by_id == group.pk
    assert (bins.status, bins.progress, bins.done_on, bins.evidence) == (
        "done",
        100,
        dt.date(2026, 2, 20),
        "Letters sent on 20 February",
    )
    assert len(bins.title) == 300 and bins.detail == long_text.strip(), "every word is kept"

    ActionPoint.objects.all().delete()
    copying.backwards(old, None)
    again = {p.owner: p for p in ActionPoint.objects.all()}
    assert again["Olu"].description == open_point.description and again["Olu"].done_on is None
    assert again["Head of Estates"].outcome == "Letters sent on 20 February"
