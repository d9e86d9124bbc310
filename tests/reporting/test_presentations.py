"""Recording a report as presented (decision 0051): at a meeting of the group it goes to, after
its period ended, once per period, with what was decided and the figures as they stood; a
presentation that cannot have happened so is refused in words and nothing is kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.reporting.models import ReportPresentation
from tenantvoice.reporting.selectors import Status, duty_record, timetable
from tenantvoice.reporting.services import ReportingError, presentation_record, presentation_remove
from tests.factories import ActivityFactory, GroupFactory, ReportingDutyFactory, staff_user

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 12, 7, 9, tzinfo=dt.UTC)


def _meeting(group: object, day: dt.date, **extra: object) -> object:
    starts = dt.datetime(day.year, day.month, day.day, 18, tzinfo=dt.UTC)
    return ActivityFactory(group=group, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **extra)


@time_machine.travel(TODAY, tick=False)
def test_the_timetable_lists_each_quarter_with_its_due_date_and_status() -> None:
    duty = ReportingDutyFactory(audience="Residents Panel")
    lines = timetable(dt.date(2025, 12, 7), duties=[duty])
    # Newest first: the quarter under way, then Q2 (due by 29 December), then Q1 (overdue).
    assert [(line.period.label, line.status) for line in lines] == [
        ("Quarter 3 of 2025/26", Status.UNDER_WAY),
        ("Quarter 2 of 2025/26", Status.DUE),
        ("Quarter 1 of 2025/26", Status.OVERDUE),
    ]
    assert lines[1].due_on == dt.date(2025, 12, 29) and lines[2].due_on == dt.date(2025, 9, 28)
    assert duty_record(duty, dt.date(2025, 12, 7)).words == "Presented for 0 of the 2 quarters ended."


@time_machine.travel(TODAY, tick=False)
def test_an_officer_records_a_quarter_presented_at_the_groups_meeting() -> None:
    officer = staff_user(Role.ENGAGEMENT_OFFICER, "olu@example.org")
    duty = ReportingDutyFactory()
    meeting = _meeting(duty.group, dt.date(2025, 7, 15))
    made = presentation_record(
        duty=duty, period_start=dt.date(2025, 4, 1), meeting=meeting, decided="Noted.", by=officer
    )
    assert made.presented_on == dt.date(2025, 7, 15) and made.period_end == dt.date(2025, 6, 30)
    assert made.recorded_by == officer and not made.late
    # The quarterly return as it stood, kept with the record.
    assert made.figures[0]["title"].startswith("Quarterly return 01/04/2025 to 30/06/2025")
    event = AuditEvent.objects.get(object_type="report_presentation")
    assert event.actor == officer and "Quarter 1 of 2025/26" in event.summary
    record = duty_record(duty, dt.date(2025, 12, 7))
    assert record.words == "Presented for 1 of the 2 quarters ended."
    assert record.lines[-1].status == Status.PRESENTED


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("another group", "is a meeting of Leasehold Forum; this report goes to"),
        ("not ended", "has not ended yet: it ends on 31 December 2025"),
        ("before the end", "before the period Quarter 1 of 2025/26 ended (30 June 2025)"),
        ("cancelled", "That meeting was cancelled"),
        ("future", "which has not come yet"),
        ("no meeting", "Choose the meeting of"),
        ("not a period", "not one of this report's periods"),
        ("nothing decided", "Say what was decided"),
    ],
)
def test_a_presentation_that_cannot_have_happened_is_refused_in_words(case: str, message: str) -> None:
    duty = ReportingDutyFactory()
    kwargs: dict[str, object] = {
        "duty": duty,
        "period_start": dt.date(2025, 4, 1),
        "meeting": _meeting(duty.group, dt.date(2025, 7, 15)),
        "decided": "Noted.",
    }
    if case == "another group":
        kwargs["meeting"] = _meeting(GroupFactory(name="Leasehold Forum"), dt.date(2025, 7, 15))
    elif case == "not ended":
        kwargs["period_start"] = dt.date(2025, 10, 1)
    elif case == "before the end":
        kwargs["meeting"] = _meeting(duty.group, dt.date(2025, 6, 20))
    elif case == "cancelled":
        kwargs["meeting"] = _meeting(duty.group, dt.date(2025, 7, 15), cancelled=True)
    elif case == "future":
        kwargs["meeting"] = _meeting(duty.group, dt.date(2025, 12, 20))
    elif case == "no meeting":
        kwargs["meeting"] = None
    elif case == "not a period":
        kwargs["period_start"] = dt.date(2025, 5, 1)
    elif case == "nothing decided":
        kwargs["decided"] = "  "
    with pytest.raises(ReportingError, match=re.escape(message)):
        presentation_record(**kwargs)  # type: ignore[arg-type]
    assert not ReportPresentation.objects.exists() and not AuditEvent.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_period_is_recorded_once() -> None:
    duty = ReportingDutyFactory()
    presentation_record(
        duty=duty,
        period_start=dt.date(2025, 4, 1),
        meeting=_meeting(duty.group, dt.date(2025, 7, 15)),
        decided="Noted.",
    )
    with pytest.raises(ReportingError, match="already recorded as presented on 15 July 2025"):
        presentation_record(
            duty=duty,
            period_start=dt.date(2025, 4, 1),
            meeting=_meeting(duty.group, dt.date(2025, 9, 15)),
            decided="Noted again.",
        )
    assert ReportPresentation.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_a_report_to_a_body_that_is_no_group_gives_the_date_and_where() -> None:
    duty = ReportingDutyFactory(group=None, audience="The Executive")
    with pytest.raises(ReportingError, match="Give the date"):
        presentation_record(duty=duty, period_start=dt.date(2025, 4, 1), decided="Noted.")
    with pytest.raises(ReportingError, match="Say where it was presented"):
        presentation_record(
            duty=duty, period_start=dt.date(2025, 4, 1), presented_on=dt.date(2025, 10, 2), decided="Noted."
        )
    with pytest.raises(ReportingError, match="which is not a group on TenantVoice"):
        presentation_record(
            duty=duty,
            period_start=dt.date(2025, 4, 1),
            meeting=_meeting(GroupFactory(), dt.date(2025, 7, 15)),
            decided="Noted.",
        )
    made = presentation_record(
        duty=duty,
        period_start=dt.date(2025, 4, 1),
        presented_on=dt.date(2025, 10, 2),
        where="Executive team meeting",
        decided="Agreed to recruit two more panel members.",
        evidence="Executive minutes, item 4",
    )
    # Due by 28 September: presented late, and the record says so.
    assert made.late and duty_record(duty, dt.date(2025, 12, 7)).words == (
        "Presented for 1 of the 2 quarters ended (1 after the due date)."
    )


@time_machine.travel(TODAY, tick=False)
def test_a_record_made_by_mistake_is_taken_out_with_a_reason_the_audit_log_keeps() -> None:
    duty = ReportingDutyFactory()
    made = presentation_record(
        duty=duty,
        period_start=dt.date(2025, 4, 1),
        meeting=_meeting(duty.group, dt.date(2025, 7, 15)),
        decided="Noted.",
    )
    with pytest.raises(ReportingError, match="Say why"):
        presentation_remove(presentation=made, reason=" ")
    presentation_remove(presentation=made, reason="Wrong quarter")
    assert not ReportPresentation.objects.exists()
    assert "Wrong quarter" in AuditEvent.objects.filter(action="delete").get().summary
