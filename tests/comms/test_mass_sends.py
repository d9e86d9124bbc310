"""Mass sends: started by a confirmed page that returns at once, queued by the worker in chunks,
once each, carrying on after a crash; campaigns of many chunks are queued and sent in full."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tenantvoice.comms.models import Message, SendRun
from tenantvoice.comms.sends import send_run_process
from tenantvoice.surveys.models import Invitation, Survey
from tenantvoice.surveys.services import question_add
from tests.conftest import run_sends
from tests.factories import SurveyFactory, make_resident

pytestmark = pytest.mark.django_db


def survey_with_question() -> Survey:
    survey = SurveyFactory(title="Repairs", closes_on=dt.date.today() + dt.timedelta(days=20), status="draft")
    question_add(survey=survey, kind="yes_no", text="Happy?")
    return survey


@pytest.fixture
def seven() -> list[Any]:
    people = [
        make_resident(first_name=f"E{n}", preferred_channel="email", email=f"e{n}@example.org")
        for n in range(4)
    ]
    people += [make_resident(first_name=f"L{n}", preferred_channel="letter") for n in range(3)]
    return people


def test_the_confirmation_page_shows_each_channel_and_opening_queues_nothing_in_the_request(
    officer_client: Client, seven: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    survey = survey_with_question()
    action = reverse("surveys:survey-action", args=[survey.pk])
    page = officer_client.post(action, {"action": "open", "o-sample_size": ""}).content.decode()
    assert "Check before sending" in page
    assert "By email</dt><dd>4" in page and "By letter</dt><dd>3" in page
    survey.refresh_from_db()
    assert survey.status == "draft"  # the first press only shows who will get it

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        from django_tasks import default_task_backend

        default_task_backend.clear()  # type: ignore[attr-defined]
        with django_capture_on_commit_callbacks(execute=True):
            opened = officer_client.post(action, {"action": "open", "o-sample_size": "", "confirm": "yes"})
        [job] = default_task_backend.results  # type: ignore[attr-defined]
    run = SendRun.objects.get()
    assert job.task.name == "send_run" and job.args == [run.pk]
    assert opened.status_code == 302 and opened["Location"] == reverse("sends:progress", args=[run.pk])
    assert not Message.objects.exists() and not Invitation.objects.exists()  # nothing inline

    progress = officer_client.get(reverse("sends:progress", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' in progress and "Refresh now" in progress
    assert send_run_process(run.pk) == 7
    assert send_run_process(run.pk) == 0  # run again: nothing new
    assert Message.objects.filter(template="survey_invitation").count() == 7
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 7
    run.refresh_from_db()
    assert (run.status, run.total, run.processed, run.queued) == ("done", 7, 7, 7)
    done = officer_client.get(reverse("sends:progress", args=[run.pk])).content.decode()
    assert "All messages queued" in done and 'http-equiv="refresh"' not in done


@override_settings(TENANTVOICE_SEND_CHUNK=3)
def test_a_run_killed_part_way_carries_on_without_sending_anyone_twice(
    officer_client: Client, seven: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tenantvoice.surveys.sends import SurveyInvitations
    from tenantvoice.surveys.services import survey_open

    survey = survey_with_question()
    run = survey_open(survey=survey)
    assert run is not None
    real, calls = SurveyInvitations.after_chunk, []

    def crash_in_the_second_chunk(self: Any, *args: Any) -> None:
        calls.append(1)
        real(self, *args)
        if len(calls) == 2:
            raise RuntimeError("the database went away")

    monkeypatch.setattr(SurveyInvitations, "after_chunk", crash_in_the_second_chunk)
    with pytest.raises(RuntimeError):
        send_run_process(run.pk)
    run.refresh_from_db()
    assert run.status == "failed" and "went away" in run.error
    assert run.processed == 3 and Message.objects.count() == 3  # the second chunk rolled back whole
    page = officer_client.get(reverse("sends:progress", args=[run.pk])).content.decode()
    assert "Carry on sending" in page

    officer_client.post(reverse("sends:carry-on", args=[run.pk]))  # the job runs after commit
    run_sends()
    run.refresh_from_db()
    assert run.status == "done" and run.processed == 7
    keys = list(Message.objects.values_list("recipient_id", flat=True))
    assert sorted(keys) == sorted(p.pk for p in seven)  # each exactly once


def test_a_worker_that_died_mid_run_is_carried_on_by_the_daily_job(seven: list[Any]) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from tenantvoice.surveys.services import survey_open

    run = survey_open(survey=survey_with_question())
    assert run is not None
    with override_settings(TENANTVOICE_SEND_CHUNK=2):
        send_run_process(run.pk, chunks=1)  # then the worker is killed: the run stays "running"
    SendRun.objects.filter(pk=run.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    call_command("daily")  # the test backend runs the job at once
    run.refresh_from_db()
    assert run.status == "done" and Message.objects.count() == 7


@override_settings(TENANTVOICE_SEND_CHUNK=3)
def test_a_campaign_of_several_chunks_is_queued_and_sent_in_full_at_once(
    officer_client: Client,
    seven: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """One send pass used to take 500 and stop, so 4,500 of a chunk of 5,000 waited for the
    daily job; here a pass takes 2 and chunks are 3, so the old sender would leave some."""
    monkeypatch.setattr("tenantvoice.comms.sends.SEND_BATCH", 2)
    from tenantvoice.comms.models import Campaign

    officer_client.post(
        reverse("campaigns:new"),
        {
            "c-name": "Lifts",
            "c-purpose": "service",
            "c-subject": "Lifts",
            "c-body": "Dear ((name)), lifts.",
            "c-sms": "",
        },
    )
    campaign = Campaign.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("campaigns:campaign-send", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == "sent" and campaign.counts["by_channel"] == {"Email": 4, "Letter": 3}
    assert Message.objects.filter(campaign=campaign).count() == 7
    assert len(mail.outbox) == 4  # every email sent, none left for the daily job
    assert Message.objects.filter(status="queued").count() == 0


def test_a_stranger_cannot_see_a_send(client: Client, seven: list[Any]) -> None:
    from tenantvoice.surveys.services import survey_open

    run = survey_open(survey=survey_with_question())
    assert run is not None
    assert client.get(reverse("sends:progress", args=[run.pk])).status_code == 302  # sign in first
