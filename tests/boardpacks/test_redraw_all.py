"""Drawing every section of a draft Board pack again (decision 0052): the officer's button
asks the task worker, the page returns at once and follows the job's progress, and says when
it was done; each section is drawn with ``section_redraw`` and audited as the officer who
asked. One job at a time per pack; a stopped one can be asked for again; a section removed or
a pack made final meanwhile is handled in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.boardpacks.models import BoardPack, PackSection, PackStatus
from tenantvoice.boardpacks.redraw import pack_redraw_process
from tenantvoice.boardpacks.services import (
    BoardPackError,
    pack_finalise,
    pack_redraw_all,
    section_add,
    section_redraw,
)
from tenantvoice.core.models import AuditEvent
from tenantvoice.indicators.models import IndicatorValue
from tenantvoice.worker.models import JobRun, JobStatus
from tests.factories import BoardPackFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

APRIL = dt.date(2026, 4, 1)
JUNE = dt.date(2026, 6, 30)
DRAWN = dt.datetime(2026, 7, 2, 9, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 7, 3, 9, tzinfo=dt.UTC)


def _pack() -> BoardPack:
    """A draft pack with indicators (Repairs on time, 80) and service standards drawn."""
    pack = BoardPackFactory(title="Board, July", period_start=APRIL, period_end=JUNE)
    IndicatorValueFactory(indicator__name="Repairs on time", period_start=APRIL, period_end=JUNE, value=80)
    with time_machine.travel(DRAWN, tick=False):
        section_add(pack=pack, kind="indicators")
        section_add(pack=pack, kind="standards")
    IndicatorValue.objects.filter(indicator__name="Repairs on time").update(value=95)
    return pack


def _repairs(pack: BoardPack) -> object:
    return pack.sections.get(kind="indicators").tables[0]["rows"][0][3]


@time_machine.travel(LATER, tick=False)
def test_an_officer_draws_every_section_again_in_the_background(
    officer_client: Client, officer: User, django_capture_on_commit_callbacks: Any
) -> None:
    pack = _pack()
    compose = reverse("staff:board-pack-compose", args=[pack.pk])
    assert "Draw every section again" in officer_client.get(compose).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs the job
        asked = officer_client.post(reverse("staff:board-pack-redraw-all", args=[pack.pk]))
    assert asked.status_code == 302
    assert asked["Location"] == reverse("staff:board-pack-drawing", args=[pack.pk])
    assert _repairs(pack) == 95.0
    assert all(s.drawn_at == LATER and s.drawn_by == officer for s in pack.sections.all())
    run = JobRun.objects.get()
    assert run.status == JobStatus.DONE and run.processed == run.total == 2 and run.created_by == officer
    progress = officer_client.get(asked["Location"]).content.decode()
    # Shown in the landlord's time (British Summer Time in July).
    assert "Every section was drawn again on 3 July 2026 at 10:00: 2 of 2." in progress
    assert 'http-equiv="refresh"' not in progress
    again = officer_client.get(compose).content.decode()
    assert "Every section was drawn again on 3 July 2026" in again and "Draw every section again" in again
    # One audit row for the asking, one per section drawn, each as the officer.
    assert AuditEvent.objects.filter(object_type="board_pack", object_id=str(pack.pk), actor=officer).filter(
        summary__startswith="Asked for every section"
    ).exists()
    assert (
        AuditEvent.objects.filter(
            object_type="board_pack_section", actor=officer, summary__startswith="Drew the figures"
        ).count()
        == 2
    )


@time_machine.travel(LATER, tick=False)
def test_the_page_returns_at_once_and_shows_progress_while_the_job_waits(officer_client: Client) -> None:
    pack = _pack()
    asked = officer_client.post(reverse("staff:board-pack-redraw-all", args=[pack.pk]))
    assert asked.status_code == 302
    assert _repairs(pack) == 80.0  # nothing drawn in the request
    progress = officer_client.get(asked["Location"]).content.decode()
    assert "Waiting for the worker" in progress and "0 of 2 sections drawn again (0%)" in progress
    assert 'http-equiv="refresh"' in progress and "Refresh now" in progress
    compose = officer_client.get(reverse("staff:board-pack-compose", args=[pack.pk])).content.decode()
    assert "Follow its progress" in compose and "Draw every section again</button>" not in compose
    # A second press while it waits is refused in words; so is making the pack final.
    twice = officer_client.post(reverse("staff:board-pack-redraw-all", args=[pack.pk]))
    assert twice.status_code == 400 and "already being drawn again" in twice.content.decode()
    with pytest.raises(BoardPackError, match="mark the pack final when that has finished"):
        pack_finalise(pack=pack)
    assert JobRun.objects.count() == 1
    # The worker catches up.
    pack_redraw_process(JobRun.objects.get().pk)
    assert _repairs(pack) == 95.0
    assert "2 of 2" in officer_client.get(asked["Location"]).content.decode()


def test_a_job_that_stopped_can_be_asked_for_again(officer: User) -> None:
    with time_machine.travel(LATER, tick=False):
        pack = _pack()
        first = pack_redraw_all(pack=pack, by=officer)
    with time_machine.travel(LATER + dt.timedelta(minutes=11), tick=False):
        assert first.stalled()
        second = pack_redraw_all(pack=pack, by=officer)
    first.refresh_from_db()
    assert first.status == JobStatus.FAILED and "stopped before it finished" in first.error
    assert second.status == JobStatus.WAITING
    # The first one's job, if the worker picks it up after all, does nothing.
    assert pack_redraw_process(first.pk) == 0 and _repairs(pack) == 80.0


@time_machine.travel(LATER, tick=False)
def test_a_job_carries_on_after_the_last_section_done(officer: User) -> None:
    pack = _pack()
    run = pack_redraw_all(pack=pack, by=officer)
    JobRun.objects.filter(pk=run.pk).update(status=JobStatus.RUNNING, processed=1, last_key=run.keys[0])
    assert pack_redraw_process(run.pk) == 1
    assert _repairs(pack) == 80.0  # the first section, indicators, was done before the stop
    assert pack.sections.get(kind="standards").drawn_at == LATER


@time_machine.travel(LATER, tick=False)
def test_a_section_removed_meanwhile_is_skipped_and_the_others_drawn(officer: User) -> None:
    pack = _pack()
    run = pack_redraw_all(pack=pack, by=officer)
    pack.sections.filter(kind="standards").delete()
    assert pack_redraw_process(run.pk) == 1
    run.refresh_from_db()
    assert run.status == JobStatus.DONE and run.processed == 2
    assert run.skipped == ["A section removed from the pack before it was drawn again."]
    assert _repairs(pack) == 95.0


@time_machine.travel(LATER, tick=False)
def test_a_pack_made_final_meanwhile_stops_the_job_in_words(officer: User, officer_client: Client) -> None:
    pack = _pack()
    run = pack_redraw_all(pack=pack, by=officer)
    BoardPack.objects.filter(pk=pack.pk).update(status=PackStatus.FINAL)
    pack_redraw_process(run.pk)
    run.refresh_from_db()
    assert run.status == JobStatus.FAILED
    assert run.error == "The pack was made final before every section was drawn again: 0 of 2 were."
    assert _repairs(pack) == 80.0
    page = officer_client.get(reverse("staff:board-pack-drawing", args=[pack.pk])).content.decode()
    assert "It stopped: The pack was made final" in page
    # A final pack offers no button, and the service refuses.
    compose = officer_client.get(reverse("staff:board-pack-compose", args=[pack.pk])).content.decode()
    assert "Draw every section again</button>" not in compose
    pack.refresh_from_db()
    with pytest.raises(BoardPackError, match="final"):
        pack_redraw_all(pack=pack, by=officer)


def test_an_empty_pack_has_nothing_to_draw_again(officer: User) -> None:
    with pytest.raises(BoardPackError, match="no sections"):
        pack_redraw_all(pack=BoardPackFactory(), by=officer)


@time_machine.travel(LATER, tick=False)
def test_redrawing_a_section_refuses_one_removed_or_made_final_while_it_was_drawn(officer: User) -> None:
    """section_redraw reads the pack again under a lock after drawing, which can take seconds."""
    pack = _pack()
    section = pack.sections.get(kind="standards")
    PackSection.objects.filter(pk=section.pk).delete()
    with pytest.raises(BoardPackError, match="removed from the pack"):
        section_redraw(section=section, by=officer)
    other = pack.sections.get(kind="indicators")
    BoardPack.objects.filter(pk=pack.pk).update(status=PackStatus.FINAL)
    with pytest.raises(BoardPackError, match="final"):
        section_redraw(section=other, by=officer)  # its pack, as loaded, was a draft
    assert _repairs(pack) == 80.0


def test_nobody_asked_yet(officer_client: Client) -> None:
    pack = BoardPackFactory()
    page = officer_client.get(reverse("staff:board-pack-drawing", args=[pack.pk]))
    assert page.status_code == 200 and "Nobody has asked" in page.content.decode()
