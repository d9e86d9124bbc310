"""The reporting timetable's pages (decision 0051): a board reader sees the reports due, the
overdue ones highlighted, a period's draft and the record of presentations, and downloads them;
an officer records a presentation at one of the group's meetings, and a refusal is shown in
words with nothing kept."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tenantvoice.accounts.models import User
from tenantvoice.reporting.models import ReportPresentation
from tests.conftest import sign_in
from tests.factories import ActivityFactory, ReportingDutyFactory, ReportPresentationFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 12, 7, 9, tzinfo=dt.UTC)


def _meeting(group: object, day: dt.date, title: str = "Panel meeting") -> object:
    starts = dt.datetime(day.year, day.month, day.day, 18, tzinfo=dt.UTC)
    return ActivityFactory(group=group, title=title, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))


@time_machine.travel(TODAY, tick=False)
def test_a_board_reader_sees_what_is_due_and_what_is_overdue(client: Client, board_reader: User) -> None:
    duty = ReportingDutyFactory(group__name="Residents Panel", audience="The Residents Panel")
    ReportPresentationFactory(duty=duty, meeting__title="July panel")
    sign_in(client, board_reader)
    text = client.get(reverse("staff:reporting-timetable")).content.decode()
    assert "Presented for 1 of the 2 quarters ended." in text
    # Quarter 2 ended 30 September and was due by 29 December: due, not overdue yet.
    assert "0 reports overdue" not in text and "Overdue</strong>" not in text
    assert "July panel" in text and "Record it as presented" not in text  # readers only read
    with time_machine.travel(dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), tick=False):
        later = sign_in(Client(), board_reader).get(reverse("staff:reporting-timetable")).content.decode()
    assert "1 report overdue" in later and "Involvement in numbers for Quarter 2 of 2025/26" in later
    # Filtered to what is overdue; downloads hold the same.
    only = client.get(reverse("staff:reporting-timetable"), {"status": "presented"}).content.decode()
    assert "Quarter 1 of 2025/26" in only and "Quarter 2 of 2025/26</a>" not in only
    csv = client.get(reverse("staff:reporting-timetable"), {"format": "csv"}).content.decode()
    assert "Quarter 1 of 2025/26" in csv and "Presented for 1 of the 2 quarters ended." in csv
    xlsx = client.get(reverse("staff:reporting-timetable"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[0].startswith("Reports presented")


@time_machine.travel(TODAY, tick=False)
def test_a_periods_draft_is_the_live_report_for_that_period(client: Client, board_reader: User) -> None:
    duty = ReportingDutyFactory()
    sign_in(client, board_reader)
    page = client.get(reverse("staff:reporting-draft", args=[duty.pk]), {"start": "2025-07-01"})
    text = page.content.decode()
    assert "Involvement in numbers, Quarter 2 of 2025/26" in text
    assert "Quarterly return 01/07/2025 to 30/09/2025" in text and "Due by 29 December 2025" in text
    csv = client.get(
        reverse("staff:reporting-draft", args=[duty.pk]), {"start": "2025-07-01", "format": "csv"}
    )
    assert "Quarterly return 01/07/2025 to 30/09/2025" in csv.content.decode()
    # No such period: not found.
    assert (
        client.get(reverse("staff:reporting-draft", args=[duty.pk]), {"start": "2025-07-02"}).status_code
        == 404
    )
    assert (
        client.get(reverse("staff:reporting-draft", args=[duty.pk]), {"start": "2024-01-01"}).status_code
        == 404
    )


@time_machine.travel(TODAY, tick=False)
def test_an_officer_records_a_presentation_and_the_record_shows_it(client: Client, officer: User) -> None:
    duty = ReportingDutyFactory(group__name="Residents Panel")
    meeting = _meeting(duty.group, dt.date(2025, 10, 14), "October panel")
    _meeting(duty.group, dt.date(2025, 9, 16), "September panel")
    sign_in(client, officer)
    url = reverse("staff:reporting-present", args=[duty.pk]) + "?start=2025-07-01"
    form = client.get(url).content.decode()
    assert "October panel" in form and "September panel" in form
    made = client.post(url, {"meeting": meeting.pk, "decided": "Noted; asked for minutes on time."})
    assert made.status_code == 302
    presentation = ReportPresentation.objects.get()
    assert presentation.meeting == meeting and presentation.period_start == dt.date(2025, 7, 1)
    record = client.get(reverse("staff:reporting-duty", args=[duty.pk])).content.decode()
    assert "Presented for 1 of the 2 quarters ended." in record and "October panel" in record
    shown = client.get(reverse("staff:reporting-presentation", args=[presentation.pk])).content.decode()
    assert (
        "Noted; asked for minutes on time." in shown and "Quarterly return 01/07/2025 to 30/09/2025" in shown
    )


@time_machine.travel(TODAY, tick=False)
def test_a_refused_presentation_is_shown_in_words_and_nothing_is_kept(client: Client, officer: User) -> None:
    duty = ReportingDutyFactory(group__name="Residents Panel")
    early = _meeting(duty.group, dt.date(2025, 9, 16), "September panel")
    sign_in(client, officer)
    url = reverse("staff:reporting-present", args=[duty.pk]) + "?start=2025-07-01"
    refused = client.post(url, {"meeting": early.pk, "decided": "Noted."})
    assert refused.status_code == 400
    assert "before the period Quarter 2 of 2025/26 ended (30 September 2025)" in refused.content.decode()
    not_ended = client.post(
        reverse("staff:reporting-present", args=[duty.pk]) + "?start=2025-10-01",
        {"meeting": early.pk, "decided": "Noted."},
    )
    assert not_ended.status_code == 400 and "has not ended yet" in not_ended.content.decode()
    empty = client.post(url, {"decided": ""})
    assert empty.status_code == 400 and "Choose the meeting of Residents Panel" in empty.content.decode()
    assert not ReportPresentation.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_board_reader_cannot_record_and_an_officer_takes_out_a_mistake(
    client: Client, board_reader: User, officer: User
) -> None:
    presentation = ReportPresentationFactory()
    sign_in(client, board_reader)
    url = reverse("staff:reporting-present", args=[presentation.duty.pk])
    assert client.post(url, {"decided": "Noted."}).status_code == 403
    remove = reverse("staff:reporting-presentation-remove", args=[presentation.pk])
    assert client.post(remove, {"reason": "Wrong"}).status_code == 403
    sign_in(client, officer)
    assert client.post(remove, {"reason": ""}).status_code == 400
    assert client.post(remove, {"reason": "Recorded against the wrong quarter"}).status_code == 302
    assert not ReportPresentation.objects.exists()


@time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC), tick=False)
def test_the_year_filter_offers_and_shows_reporting_years_by_their_label(
    client: Client, board_reader: User
) -> None:
    """Years are offered and shown as "2025/26" (decision 0056), not "2025"; the query still
    carries the year it starts, and the label itself is understood too."""
    duty = ReportingDutyFactory(audience="The Residents Panel")
    sign_in(client, board_reader)
    text = client.get(reverse("staff:reporting-timetable")).content.decode()
    assert '<option value="2026">2026/27</option>' in text
    assert '<option value="2025">2025/26</option>' in text
    assert ">2025</option>" not in text
    chosen = client.get(reverse("staff:reporting-timetable"), {"year": "2025"}).content.decode()
    assert '<option value="2025" selected>2025/26</option>' in chosen
    assert "Reports due by period, 2025/26" in chosen and "Quarter 1 of 2026/27" not in chosen
    by_label = client.get(reverse("staff:reporting-timetable"), {"year": "2025/26"}).content.decode()
    assert "Reports due by period, 2025/26" in by_label
    csv = client.get(reverse("staff:reporting-timetable"), {"year": "2025", "format": "csv"})
    assert "Reporting year" in csv.content.decode() and "2025/26" in csv.content.decode()
    record = client.get(reverse("staff:reporting-duty", args=[duty.pk]), {"year": "2025"}).content.decode()
    assert "Each period of 2025/26, newest first" in record


@time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC), tick=False)
def test_a_calendar_year_timetable_names_its_years_as_calendar_years(
    client: Client, board_reader: User
) -> None:
    ReportingDutyFactory(year_starts=1, starts_on=dt.date(2025, 1, 1))
    sign_in(client, board_reader)
    text = client.get(reverse("staff:reporting-timetable")).content.decode()
    assert '<option value="2025">2025</option>' in text and "2025/26" not in text
