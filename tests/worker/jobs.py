"""A job for the recovery tests that is not marked safe to run again."""

from __future__ import annotations

from collections.abc import Callable

from django_tasks import task

# What the job does, set by a test.
behaviour: Callable[[], None] | None = None


@task()
def not_rerunnable() -> None:
    """Stands for a job that would do its work twice if it were run again."""
    if behaviour is not None:
        behaviour()
