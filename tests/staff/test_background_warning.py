"""Staff who can act (officers and administrators) are told on every staff page when messages
or background jobs wait longer than expected, and when the task worker has stopped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from tenantvoice.accounts.models import User
from tenantvoice.comms.models import Message
from tenantvoice.comms.services import message_queue
from tenantvoice.worker.models import WorkerHeartbeat
from tests.conftest import sign_in
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

WARNING = "Background work is waiting longer than expected"


def waiting_message(minutes: int) -> Message:
    [message] = message_queue(
        recipients=[ResidentFactory(preferred_channel="email")],
        template="level_accepted",
        context={"level": "Panel"},
        key=f"waiting:{minutes}",
    )
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - dt.timedelta(minutes=minutes))
    return message


def page(client: Client, name: str = "staff:home") -> str:
    cache.clear()
    return client.get(reverse(name)).content.decode()


def test_an_officer_is_told_when_a_message_has_waited_more_than_15_minutes(officer_client: Client) -> None:
    waiting_message(16)

    text = page(officer_client)
    assert WARNING in text
    assert "waiting to be sent for more than 15 minutes" in text
    assert "No task worker has been seen" in text
    assert WARNING in page(officer_client, "staff:import-list"), "on every staff page"


def test_a_message_queued_just_now_or_waiting_for_its_retry_time_is_not_late(officer_client: Client) -> None:
    waiting_message(5)
    retrying = waiting_message(60)
    Message.objects.filter(pk=retrying.pk).update(next_attempt_at=timezone.now() - dt.timedelta(minutes=2))

    assert WARNING not in page(officer_client)


def test_a_job_waiting_for_a_worker_is_reported(admin_client: Client) -> None:
    job = DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="tenantvoice.residents.tasks.run_import",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - dt.timedelta(minutes=20))

    assert "Background jobs, such as large imports, have been waiting" in page(admin_client)


def test_a_worker_that_stopped_beating_is_reported_even_with_nothing_waiting(officer_client: Client) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="host:1:abc", hostname="host", pid=1, started_at=now, seen_at=now - dt.timedelta(minutes=10)
    )

    text = page(officer_client)
    assert WARNING in text and "The task worker was last seen at" in text
    assert "check that <code>tenantvoice db_worker</code> is running" in text

    WorkerHeartbeat.objects.update(seen_at=now)
    assert WARNING not in page(officer_client)


@pytest.mark.parametrize("persona", ["manager", "board_reader"])
def test_staff_who_cannot_act_on_it_are_not_shown_it(
    client: Client, persona: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    waiting_message(30)

    assert WARNING not in page(sign_in(client, user))


def test_the_answer_is_kept_for_a_minute(officer_client: Client) -> None:
    waiting_message(30)
    assert WARNING in page(officer_client)

    Message.objects.update(status="sent")
    assert WARNING in officer_client.get(reverse("staff:home")).content.decode(), "from the cache"
