"""Reports due and Board packs (decision 0051): a report recorded as presented at a meeting
that had a Board pack goes with that pack, shown on the presentation, on the pack's page and in
the API; and reports due or overdue are on the officer's work list, a reminder without email,
until they are recorded as presented."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.core.roles import Role
from tenantvoice.reporting.models import ReportingDuty, ReportPresentation
from tenantvoice.reporting.services import presentation_record
from tenantvoice.staff.work import todays_work
from tests.api.conftest import token_client
from tests.conftest import sign_in
from tests.factories import ActivityFactory, BoardPackFactory, ReportingDutyFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 12, 7, 9, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def only_these_duties(db: None) -> None:
    """The test database's strategy has duties of its own: these tests make theirs."""
    ReportingDuty.objects.update(active=False)


def _meeting(group: object, day: dt.date, title: str = "Board meeting") -> object:
    starts = dt.datetime(day.year, day.month, day.day, 18, tzinfo=dt.UTC)
    return ActivityFactory(group=group, title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))


@time_machine.travel(TODAY, tick=False)
def test_a_report_presented_at_a_meeting_with_a_board_pack_goes_with_the_pack(
    officer_client: Client, board_reader: User
) -> None:
    duty = ReportingDutyFactory(group__name="The Board", audience="The Board")
    meeting = _meeting(duty.group, dt.date(2025, 10, 14), "October Board")
    BoardPackFactory(meeting=meeting, title="October Board, draft")
    final = BoardPackFactory(
        meeting=meeting, title="October Board pack", status="final", finalised_at=timezone.now()
    )
    url = reverse("staff:reporting-present", args=[duty.pk]) + "?start=2025-07-01"
    assert officer_client.post(url, {"meeting": meeting.pk, "decided": "Noted."}).status_code == 302
    presentation = ReportPresentation.objects.get()
    assert presentation.board_pack == final  # the final pack, not the earlier draft

    reader = sign_in(Client(), board_reader)
    shown = reader.get(reverse("staff:reporting-presentation", args=[presentation.pk])).content.decode()
    assert f'<a href="{reverse("staff:board-pack", args=[final.pk])}">October Board pack</a>' in shown
    draft = reader.get(reverse("staff:reporting-draft", args=[duty.pk]), {"start": "2025-07-01"})
    assert "With the Board pack" in draft.content.decode()
    pack_page = reader.get(reverse("staff:board-pack", args=[final.pk])).content.decode()
    assert "Reports presented with this pack" in pack_page
    assert "Involvement in numbers to The Board, Quarter 2 of 2025/26" in pack_page
    assert reverse("staff:reporting-presentation", args=[presentation.pk]) in pack_page

    api = token_client(UserFactory(role=Role.BOARD_READER))
    assert api.get(f"/api/v1/report-presentations/{presentation.pk}/").json()["board_pack"] == final.pk
    [presented] = api.get(f"/api/v1/board-packs/{final.pk}/").json()["presentations"]
    assert presented["id"] == presentation.pk and presented["period"] == "Quarter 2 of 2025/26"
    assert presented["duty"] == duty.pk and presented["report"] == "Involvement in numbers"


@time_machine.travel(TODAY, tick=False)
def test_a_meeting_with_only_a_draft_pack_or_none(officer: User, board_reader: User) -> None:
    duty = ReportingDutyFactory(group__name="The Board", audience="The Board")
    with_draft = _meeting(duty.group, dt.date(2025, 7, 15), "July Board")
    draft = BoardPackFactory(meeting=with_draft, title="July Board pack")
    first = presentation_record(
        duty=duty, period_start=dt.date(2025, 4, 1), meeting=with_draft, decided="Noted.", by=officer
    )
    assert first.board_pack == draft
    shown = sign_in(Client(), board_reader).get(reverse("staff:reporting-presentation", args=[first.pk]))
    assert "July Board pack</a> (a draft)" in shown.content.decode()
    without = _meeting(duty.group, dt.date(2025, 10, 14), "October Board")
    second = presentation_record(
        duty=duty, period_start=dt.date(2025, 7, 1), meeting=without, decided="Noted.", by=officer
    )
    assert second.board_pack is None
    page = sign_in(Client(), board_reader).get(reverse("staff:reporting-presentation", args=[second.pk]))
    assert "<dt>Board pack</dt>" not in page.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_reports_due_and_overdue_are_on_the_officers_work_list_until_presented(
    officer: User, officer_client: Client
) -> None:
    duty = ReportingDutyFactory(group__name="Residents Panel", audience="The Residents Panel")
    cache.clear()
    home = officer_client.get(reverse("staff:home")).content.decode()
    assert "Reports due to present (2)" in home
    # Quarter 1 was due by 28 September: overdue; quarter 2 is due by 29 December.
    kind = next(k for k in todays_work(_verified(officer)) if k.key == "reports-due")
    to = "to The Residents Panel, due by"
    assert [(item.title, item.late) for item in kind.items] == [
        (f"Involvement in numbers for Quarter 1 of 2025/26 {to} 28 September 2025", True),
        (f"Involvement in numbers for Quarter 2 of 2025/26 {to} 29 December 2025", False),
    ]
    assert kind.items[0].deadline.endswith("working days late")
    assert kind.items[1].deadline.startswith("Due in ")
    assert kind.items[0].url == reverse("staff:reporting-draft", args=[duty.pk]) + "?start=2025-04-01"
    # Quarter 3, still under way, is not on the list; once presented, quarter 1 leaves it.
    presentation_record(
        duty=duty,
        period_start=dt.date(2025, 4, 1),
        meeting=_meeting(duty.group, dt.date(2025, 7, 15), "July panel"),
        decided="Noted.",
        by=officer,
    )
    kind = next(k for k in todays_work(_verified(officer)) if k.key == "reports-due")
    assert [item.title.split(" to ")[0] for item in kind.items] == [
        "Involvement in numbers for Quarter 2 of 2025/26"
    ]


@time_machine.travel(TODAY, tick=False)
def test_those_who_cannot_record_a_presentation_are_not_reminded(board_reader: User) -> None:
    ReportingDutyFactory()
    assert not [k for k in todays_work(_verified(board_reader)) if k.key == "reports-due"]


def _verified(user: User) -> User:
    """The user as the MFA middleware leaves them after their second factor."""
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def test_presentations_recorded_before_are_linked_to_their_meetings_pack() -> None:
    """The migration that added the link gives presentations already recorded their pack."""
    import importlib

    from django.apps import apps

    from tests.factories import ReportPresentationFactory

    migration = importlib.import_module("tenantvoice.reporting.migrations.0002_presentation_board_pack")
    presentation = ReportPresentationFactory()
    pack = BoardPackFactory(meeting=presentation.meeting)
    alone = ReportPresentationFactory(duty__slug="another")
    migration.link_packs(apps, None)
    presentation.refresh_from_db()
    alone.refresh_from_db()
    assert presentation.board_pack == pack and alone.board_pack is None
