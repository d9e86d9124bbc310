"""Every report: a small group's count and its percentage never appear, on the page, in the CSV,
the XLSX, the printable report or the API, and no hidden count can be worked out from the
totals (complementary suppression), checked against an independent rank test.

``REPORTS`` names every report URL and the check that walks it; ``NOT_COUNTS_OF_PEOPLE`` says
why any other download or report-like URL is not a table of counts of people. A URL whose name
or address looks like a report, result, download or export and is in neither fails
``test_every_report_url_is_declared``, so a new report cannot ship without being checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pypdf
import pytest
import time_machine
from django.test import Client
from django.urls import get_resolver, reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from tenantvoice.activities.expenses_report import expenses_by_budget_code, expenses_suppression
from tenantvoice.activities.returns import quarterly_return
from tenantvoice.core.roles import Role
from tenantvoice.core.suppression import Suppression
from tenantvoice.involvement.models import Level, SeatCategory
from tenantvoice.involvement.reports import involvement_numbers
from tenantvoice.involvement.services import level_join, seat_fill
from tenantvoice.residents.models import Tenure
from tenantvoice.strategies.loader import strategy_load
from tenantvoice.surveys.models import Survey
from tenantvoice.surveys.results import survey_results
from tenantvoice.surveys.services import response_record, tsm_add
from tests.conftest import sign_in
from tests.core.test_suppression import recoverable
from tests.factories import (
    BEFORE_TENANTVOICE,
    ExpenseClaimFactory,
    HoursLogFactory,
    ResidentFactory,
    SurveyFactory,
    UserFactory,
    make_resident,
    staff_user,
)
from tests.security.test_role_matrix import _walk
from tests.surveys.test_surveys import FULL, answers

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 1)
# Report URLs are these words in a URL's name, or anything under /staff/reports/.
LOOKS_LIKE_A_REPORT = re.compile(r"report|result|download|export|return|csv|xlsx|pdf|ics|document|numbers")

NOT_COUNTS_OF_PEOPLE = {
    "staff:landlord-reporting": "the settings reports count people by (threshold, age bands), no counts",
    "staff:standards-report": "meetings, minutes and requests for information against standards, not people",
    "staff:governance-timetable": "committee dates",
    "staff:action-plan-report": "a strategy's actions and counts of actions by RAG status, not people",
    "staff:scrutiny-report": "saving a scrutiny panel's closing report (words, not figures)",
    "scrutiny-report-file": "a scrutiny panel's closing report, as the panel wrote it",
    "staff:scrutiny-tracker": "counts of reviews, recommendations and actions, never of people",
    "staff:complaints-annual-report-save": "saving the annual report's commentary and member (words)",
    "staff:complaints-annual-report-present": "recording the meeting and the governing body's response",
    "staff:complaints-annual-report-publish": "publishing the annual report (a date)",
    "complaints-reports": "a list of links to the published complaints reports",
    "scrutiny-tracker": "counts of published reviews' recommendations and actions, never of people",
    "staff:reports": "a list of links to the reports, with no figures",
    # The annual report to residents (decision 0057): its figures are checked in REPORTS.
    "annual-reports": "a list of links to the published annual reports",
    "staff:annual-reports": "a list of annual reports (years, titles, statuses), no figures",
    "staff:annual-report": "the officer's page: chapters' headlines as drawn (checked in REPORTS)",
    "staff:annual-report-start": "starting a report (a form)",
    "staff:annual-report-words": "writing the report's words (a form)",
    "staff:annual-report-chapter-words": "writing a chapter's words (a form)",
    "staff:annual-report-redraw": "drawing every chapter again (a button)",
    "staff:annual-report-drawing": "the progress of drawing every chapter again, no figures",
    "staff:annual-report-chapter-redraw": "drawing a chapter again (a button)",
    "staff:annual-report-chapter-include": "leaving a chapter out or putting it back (a button)",
    "staff:annual-report-approve": "recording the panel's approval (a form)",
    "staff:annual-report-reopen": "taking the approval back (a button)",
    "staff:annual-report-publish": "publishing the report (a button)",
    "staff:annual-report-letters": "sending the report by letter: how many it reaches, by channel",
    "staff:annual-report-comment-read": "marking a resident's comment as read",
    "staff:annual-report-comment-reply": "replying to a resident's comment (a form)",
    "portal:annual-report-comment": "a resident's comment form and their own comments",
    # The reporting timetable (decision 0051): due dates, statuses and what was decided; the
    # drafts and the figures kept with a presentation are the reports' own, checked in REPORTS.
    "staff:reporting-timetable": "reports due: periods, due dates and presentations, no figures",
    "staff:reporting-duty": "one report's periods and presentations, no figures",
    "staff:reporting-present": "recording a presentation (a form)",
    "staff:reporting-presentation-remove": "taking out a presentation recorded by mistake (a form)",
    "api:reports-due": "periods, due dates and statuses, no figures",
    "staff:audit-export": "named events for the audit log's readers, not counts (its text is neutralised)",
    "staff:import-errors": "an import's problems row by row, for the officer who ran it",
    "staff:letters-pdf": "letters to print and post",
    "paper-download": "a meeting paper",
    "consultation-document": "a consultation's document",
    "staff-consultations:document": "uploading a consultation's document",
    "staff-consultations:consultation-document-remove": "removing a consultation's document",
    "calendar-ics": "the public calendar",
    "group-calendar-ics": "a group's calendar",
    "involvement:results": "an election's result: votes are published as in any election",
    "review-document": "a document sent to the readers panel",
    # Indicators (decision 0050): the one computed figure that follows counts of people, hours of
    # involvement, is not drawn when the quarterly return hides a level's hours
    # (tests/indicators/test_indicators.py); the others count complaints, consultations and
    # actions; typed-in values are the landlord's own measures, shown as given.
    # Board packs (decision 0052): the pack's page, PDF and API are checked in REPORTS; these
    # pages list packs or change them and show no figures.
    "staff:board-packs": "a list of Board packs (titles, meetings, periods), no figures",
    "staff:board-pack-new": "starting a Board pack (a form)",
    "staff:board-pack-compose": "ordering a pack's sections (where figures came from, not figures)",
    "staff:board-pack-change": "changing a pack's title or period (a form)",
    "staff:board-pack-narrative": "writing a section's narrative (a form)",
    "staff:board-pack-final": "marking a pack final (a button)",
    "staff:board-pack-move": "moving a section up or down (a button)",
    "staff:board-pack-redraw": "drawing a section's figures again (a button)",
    "staff:board-pack-redraw-all": "drawing every section's figures again in the background (a button)",
    "staff:board-pack-drawing": "how many sections were drawn again, and when (no figures)",
    "staff:board-pack-remove": "removing a section (a button)",
    "staff:indicators": "indicator values and targets (hours of involvement hidden with the return's)",
    "api:indicators-report": "indicator values and targets, as the page",
    "staff:indicator": "one indicator's values and targets",
    "staff:indicator-new": "adding an indicator (a form)",
    "staff:indicator-edit": "changing an indicator's wording (a form)",
    "staff:indicator-value": "typing a value (a form)",
    "staff:indicator-target": "setting a target (a form)",
    "staff:indicator-compute": "computing a value (a form)",
    "staff:indicator-values-import": "importing values, with the file's problems by row",
    "staff:indicator-peers": "importing other landlords' figures",
    # Value for money (decision 0055): amounts, not counts, except residents involved and hours,
    # hidden below the threshold with the expenses few residents claimed and every figure made
    # from them (tests/value_for_money/test_statement.py).
    "staff:value-for-money": "costs against achievements (residents and claims hidden when few)",
    "api:value-for-money": "the value for money statement, as the page",
    "staff:value-for-money-cost-new": "recording a cost (a form)",
    "staff:value-for-money-cost": "changing a cost (a form)",
    "staff:value-for-money-cost-delete": "deleting a cost (a button)",
    # The Scottish Charter (decision 0053): the same indicator values; the survey measure is not
    # drawn from fewer answers than the threshold (tests/indicators/test_charter.py).
    "staff:charter": "the Charter's indicator values against the Scottish average, as the indicators page",
    "api:charter-report": "the Charter's indicator values, as the page",
    "staff:charter-report": "saving the report to tenants' introduction (words)",
    "staff:charter-publish": "publishing the report to tenants (a date)",
    "staff:charter-comment-read": "marking a resident's comment on the report as read",
    "staff:charter-comment-reply": "replying to a resident's comment on the report (a form)",
    "portal:charter-reports": "a list of links to the published Charter reports",
    "portal:charter-report": "the Charter's indicator values for residents, as the staff page",
}


def _survey() -> Survey:
    """40 renters and 3 shared owners: the owners' TP01 (1 of 3 satisfied, 33.3%) must not show."""
    survey = SurveyFactory(title="Tenant survey 2026", status="draft")
    tsm_add(survey=survey, landlord="Riverside Homes")
    survey.status = "open"
    survey.save()
    for n in range(43):
        owner = n >= 40
        satisfied = n < 30 or n == 40
        response_record(
            survey=survey,
            answers=answers(
                survey,
                **{
                    **FULL,
                    "TP01": "very_satisfied"
                    if satisfied
                    else ("very_dissatisfied" if owner else "fairly_dissatisfied"),
                },
            ),
            channel="portal",
            resident=make_resident(tenure="shared_ownership" if owner else "secure"),
        )
    return survey


def _protected_and_recoverable(shown: Suppression[Any]) -> set[Any]:
    counts = dict(shown.counts)
    unknown = set(shown.hidden) | set(shown.unpublished)
    protected = set(shown.hidden) | {k for k in shown.unpublished if 0 < counts[k] < shown.threshold}
    return {k for k in recoverable(counts, list(shown.lines), unknown) if k in protected and counts[k]}


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode())))


def _xlsx_rows(body: bytes) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(body))
    return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]


def _rows_about(rows: list[list[Any]], label: str) -> list[list[Any]]:
    return [row for row in rows if any(cell == label for cell in row)]


def check_survey(client: Client, token: str) -> None:
    survey = _survey()
    results = survey_results(survey)
    assert not _protected_and_recoverable(results.suppression)
    tp01 = survey.questions.get(code="TP01")
    url = reverse("surveys:survey-results", args=[survey.pk])
    pages = [
        client.get(url, {"question": tp01.pk}).content.decode(),
        client.get(url, {"weight": "tenure_group"}).content.decode(),
        client.get(reverse("surveys:survey-report", args=[survey.pk])).content.decode(),
        client.get(
            reverse("surveys:survey-report", args=[survey.pk]), {"weight": "tenure_group"}
        ).content.decode(),
    ]
    for page in pages:
        assert "33.3" not in page  # the owners' % satisfied
        assert "Counts below 5 are hidden, and so are some others" in page
    # The breakdown by tenure group: the owners' row is hidden, answers and %.
    assert (
        '<th scope="row">Low-cost home ownership</th><td>hidden</td><td class="numeric">hidden</td>'
        in pages[0]
    )
    # So is the owners' share of respondents (3 of 43, 7.0%) in the profile, and in the approach.
    assert "Low-cost home ownership</td><td>hidden</td><td>hidden</td>" in pages[1]
    assert "low-cost home ownership hidden" in pages[2]
    tables = [
        _csv_rows(client.get(url, {"format": "csv"}).content),
        _csv_rows(client.get(url, {"format": "csv", "weight": "tenure_group"}).content),
        _xlsx_rows(client.get(url, {"format": "xlsx", "weight": "tenure_group"}).content),
    ]
    for rows in tables:
        owners = _rows_about(rows, "Low-cost home ownership")
        assert owners
        for row in owners:
            # Every figure beside the labels is hidden: [c] in CSV and Excel, never a number.
            figures = [cell for cell in row[2:] if cell not in (None, "")]
            if figures[:1] in (["0"], [0]):
                continue  # nobody in the group answered: zero identifies nobody
            assert figures and all(cell == "[c]" for cell in figures), row
        assert not any("33.3" in str(cell) for row in rows for cell in row)
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    body = api.get(f"/api/v1/surveys/{survey.pk}/results/", {"weight": "tenure_group"}).json()
    checked = 0
    for table in body["tables"]:
        hidden = {(cell["row"], cell["column"]) for cell in table["hidden"]}
        for index, row in enumerate(table["rows"]):
            if "Low-cost home ownership" in row and row[2] != 0:  # zero answers identify nobody
                # Null, never a number, and listed with the reason.
                assert all(row[c] is None and (index, c) in hidden for c in range(2, len(row))), row
                checked += 1
        assert not any(cell == 33.3 for row in table["rows"] for cell in row)
    assert checked >= 2  # the TSM's row and the respondents' profile


def check_involvement(client: Client, token: str) -> None:
    strategy_load("southway")
    level = Level.objects.exclude(is_default=True).order_by("order").first()
    assert level is not None
    for _ in range(2):
        level_join(resident=make_resident(), level=level, consent_wording="I agree", on=ON)
    elected = SeatCategory.objects.get(group__slug="southway-consultative-group", slug="elected-tenants")
    for _ in range(3):
        seat_fill(
            category=elected,
            resident=make_resident(tenure=Tenure.ASSURED),
            started_on=ON,
            override_reason=BEFORE_TENANTVOICE,
        )
    assert not _protected_and_recoverable(involvement_numbers(ON).suppression)
    url = reverse("staff:involvement-report")
    page = client.get(url, {"on": "1/6/2026"}).content.decode()
    assert f'<th scope="row">{level.name}</th><td>hidden</td>' in page
    assert "Southway Consultative Group</th><td>hidden</td><td>hidden</td><td>19</td><td>hidden</td>" in page
    for rows in (
        _csv_rows(client.get(url, {"on": "1/6/2026", "format": "csv"}).content),
        _xlsx_rows(client.get(url, {"on": "1/6/2026", "format": "xlsx"}).content),
    ):
        assert [level.name, "[c]"] == _rows_about(rows, level.name)[0][:2]
        group = _rows_about(rows, "Southway Consultative Group")[0]
        assert group[1] == group[2] == group[4] == "[c]"  # 3 members, 3 voting, 16 vacant of 19


def check_quarterly_return(client: Client, token: str) -> None:
    strategy_load("housing-for-women")
    level = Level.objects.get(order=2)
    people = [make_resident() for _ in range(2)]
    for person in people:
        level_join(resident=person, level=level, consent_wording="I agree", on=ON)
    HoursLogFactory(resident=people[0], on=dt.date(2026, 8, 1), hours=Decimal("6.75"), description="Leaflet")
    report = quarterly_return(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert report.suppression is not None and not _protected_and_recoverable(report.suppression)
    period = {"date_from": "1/7/2026", "date_to": "30/9/2026"}
    url = reverse("staff:quarterly-return")
    page = client.get(url, period).content.decode()
    assert f"{level.name}</th><td>hidden</td><td>hidden</td>" in page and "6.75" not in page
    for rows in (
        _csv_rows(client.get(url, {**period, "format": "csv"}).content),
        _xlsx_rows(client.get(url, {**period, "format": "xlsx"}).content),
    ):
        assert _rows_about(rows, level.name)[0][1:3] == ["[c]", "[c]"]


def check_reporting_draft(client: Client, token: str) -> None:
    """Housing for Women's quarterly report to the Executive is the quarterly return: its draft,
    the figures kept when it was presented, and the API's copy hide what the return hides."""
    from tenantvoice.reporting.models import ReportingDuty
    from tenantvoice.reporting.services import presentation_record

    strategy_load("housing-for-women")
    level = Level.objects.get(order=2)
    for person in [make_resident() for _ in range(2)]:
        level_join(resident=person, level=level, consent_wording="I agree", on=ON)
        HoursLogFactory(resident=person, on=dt.date(2026, 8, 1), hours=Decimal("3.25"), description="Leaflet")
    duty = ReportingDuty.objects.get(slug="involvement-to-the-executive")
    duty.starts_on = dt.date(2026, 4, 1)
    duty.save(update_fields=["starts_on"])
    url = reverse("staff:reporting-draft", args=[duty.pk])
    quarter = {"start": "2026-07-01"}
    page = client.get(url, quarter).content.decode()
    assert f"{level.name}</th><td>hidden</td><td>hidden</td>" in page and "6.5" not in page
    for rows in (
        _csv_rows(client.get(url, {**quarter, "format": "csv"}).content),
        _xlsx_rows(client.get(url, {**quarter, "format": "xlsx"}).content),
    ):
        assert _rows_about(rows, level.name)[0][1:3] == ["[c]", "[c]"]
    presented = presentation_record(
        duty=duty,
        period_start=dt.date(2026, 7, 1),
        presented_on=dt.date(2026, 10, 6),
        where="Executive team meeting",
        decided="Noted.",
    )
    kept = client.get(reverse("staff:reporting-presentation", args=[presented.pk])).content.decode()
    assert f"{level.name}</th><td>hidden</td><td>hidden</td>" in kept and "6.5" not in kept
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    for address in (
        reverse("api:report-presentation-list"),
        reverse("api:report-presentation-detail", args=[presented.pk]),
    ):
        text = api.get(address).content.decode()
        assert '{"hidden": true}' in text.replace('{"hidden":true}', '{"hidden": true}') and "6.5" not in text


def check_expenses(client: Client, token: str) -> None:
    lone = ResidentFactory()
    for _ in range(3):
        ExpenseClaimFactory(resident=lone, description="Taxi", amount=Decimal("11.11"), budget_code="TP-09")
    for _ in range(6):
        ExpenseClaimFactory(
            resident=ResidentFactory(), description="Bus", amount=Decimal("2.00"), budget_code="TP-01"
        )
    today = dt.date.today()
    report = expenses_by_budget_code(today, today)
    assert not _protected_and_recoverable(expenses_suppression(report))
    period = {"date_from": f"{today:%d/%m/%Y}", "date_to": f"{today:%d/%m/%Y}"}
    url = reverse("staff:expenses-report")
    page = client.get(url, period).content.decode()
    assert (
        "33.33" not in page
        and "TP-09</th><td>Sent, waiting for a decision</td><td>hidden</td><td>hidden</td>" in page
    )
    for rows in (
        _csv_rows(client.get(url, {**period, "format": "csv"}).content),
        _xlsx_rows(client.get(url, {**period, "format": "xlsx"}).content),
    ):
        assert _rows_about(rows, "TP-09")[0][2:] == ["[c]", "[c]"]
        # The other row is hidden with it: the total less it would give the 3 claims away.
        assert _rows_about(rows, "TP-01")[0][2:] == ["[c]", "[c]"]


def check_complaints(client: Client, token: str) -> None:
    """Complaints by area: one complaint in an area is hidden, and so is the other area's count,
    which the total would give it away from; on the officers' pages, the annual report, its
    downloads, the API and the published report."""
    from tenantvoice.complaints.assessment import annual_report_save, record_present, record_publish
    from tenantvoice.complaints.services import complaint_record
    from tests.factories import ActivityFactory, AreaFactory, PropertyFactory

    north, south = AreaFactory(name="Northfield"), AreaFactory(name="Southfield")
    for n, area in enumerate([north] * 6 + [south]):
        complaint_record(
            what_went_wrong="Nobody came.",
            received_on=dt.date(2025, 4, 7) + dt.timedelta(days=n),
            received_by="phone",
            resident=make_resident(home=PropertyFactory(area=area)),
        )
    pages = [
        (reverse("staff:complaints-report"), {"year": "2025"}),
        (reverse("staff:complaints-annual-report", args=[2025]), {}),
    ]
    for url, params in pages:
        page = client.get(url, params).content.decode()
        assert '<th scope="row">Southfield</th><td>hidden</td>' in page
        assert '<th scope="row">Northfield</th><td>hidden</td>' in page
        for rows in (
            _csv_rows(client.get(url, {**params, "format": "csv"}).content),
            _xlsx_rows(client.get(url, {**params, "format": "xlsx"}).content),
        ):
            assert _rows_about(rows, "Southfield")[0][1] == "[c]"
            assert _rows_about(rows, "Northfield")[0][1] == "[c]"
    api = Client().get(
        reverse("api:complaints-report"), {"year": "2025"}, HTTP_AUTHORIZATION=f"Token {token}"
    )
    by_area = {row[0]: row[1] for table in api.json()["tables"] for row in table["rows"] if row}
    assert by_area["Southfield"] == by_area["Northfield"] == {"hidden": True}
    report = annual_report_save(year=2025)
    record_present(record=report, meeting=ActivityFactory(), response="Noted.")
    record_publish(record=report)
    public = Client().get(reverse("complaints-annual-report", args=[2025])).content.decode()
    assert '<th scope="row">Southfield</th><td>hidden</td>' in public


def check_representation(client: Client, token: str) -> None:
    """Who takes part: two of 20 residents aged 25 to 34 involved; their count and everything
    made from it is hidden on the page, the printable Board report, over time, in CSV, XLSX and
    the API, and cannot be worked out from the totals."""
    from tenantvoice.representation.characteristics import characteristics
    from tenantvoice.representation.compare import compare
    from tenantvoice.representation.populations import all_involved
    from tests.factories import LevelFactory, LevelMembershipFactory, PropertyFactory
    from tests.representation.test_compare import born_aged

    home = PropertyFactory()
    young = [make_resident(home=home, date_of_birth=born_aged(26)) for _ in range(20)]
    middle = [make_resident(home=home, date_of_birth=born_aged(46)) for _ in range(20)]
    older = [make_resident(home=home, date_of_birth=born_aged(66)) for _ in range(20)]
    level = LevelFactory()
    for person in young[:2] + middle[:9] + older[:8]:
        LevelMembershipFactory(resident=person, level=level, started_on=dt.date(2026, 1, 1))
    age = characteristics()["age"]
    assert not _protected_and_recoverable(compare(age, all_involved(ON), ON).suppression)
    on = {"on": "1/6/2026"}
    url = reverse("staff:representation-report")
    board = reverse("staff:representation-board-report")
    over_time = reverse("staff:representation-over-time-report")
    for page in (client.get(url, on).content.decode(), client.get(board).content.decode()):
        row = page[page.index('<th scope="row">25 to 34') :].split("</tr>")[0]
        assert row.split("<td>")[3].startswith("hidden"), row  # the involved
        assert "10.0" not in row  # their rate, 2 of 20
    rows_over_time = _csv_rows(
        client.get(over_time, {"since": "1/1/2026", "on": "30/6/2026", "format": "csv"}).content
    )
    assert rows_over_time[2][0] == "31/03/2026" and "[c]" in rows_over_time[2]
    for rows in (
        _csv_rows(client.get(url, {**on, "format": "csv"}).content),
        _xlsx_rows(client.get(url, {**on, "format": "xlsx"}).content),
        _csv_rows(client.get(board, {"format": "csv"}).content),
    ):
        young_row = _rows_about(rows, "25 to 34")[0]
        assert young_row[3] == "[c]" and young_row[6] == "[c]", young_row
    api = Client().get(
        reverse("api:representation-report"),
        {"on": "2026-06-01", "characteristic": "age"},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    line = next(c for c in api.json()["characteristics"][0]["categories"] if c["code"] == "25-34")
    assert line["involved"] == line["participation_rate"] == {"hidden": True}


def check_board_pack(client: Client, token: str) -> None:
    """A Board pack's involvement section keeps the report's hidden counts hidden: on the web
    page, in the PDF's text and chart descriptions, and in the API."""
    from tenantvoice.boardpacks.pdf import pack_pdf
    from tenantvoice.boardpacks.services import pack_create, section_add
    from tests.factories import ActivityFactory

    check_involvement(client, token)
    level = Level.objects.exclude(is_default=True).order_by("order").first()
    assert level is not None
    pack = pack_create(title="Board pack", meeting=ActivityFactory(), period_start=ON, period_end=ON)
    section_add(pack=pack, kind="involvement")
    page = client.get(reverse("staff:board-pack", args=[pack.pk])).content.decode()
    assert f'<th scope="row">{level.name}</th><td>hidden</td>' in page
    assert "Southway Consultative Group</th><td>hidden</td><td>hidden</td><td>19</td><td>hidden</td>" in page
    assert f"{level.name}: not shown" in page  # the chart's text alternative
    pdf = pypdf.PdfReader(io.BytesIO(pack_pdf(pack)))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert f"{level.name} hidden" in text
    body = Client().get(
        reverse("api:board-pack-detail", args=[pack.pk]), HTTP_AUTHORIZATION=f"Token {token}"
    ).json()
    # The period's quarterly return and the residents at each level (decision 0058): both hidden.
    returned, levels = body["sections"][0]["tables"][:2]
    assert returned["title"].startswith("Quarterly return")
    assert levels["title"].startswith("Residents at each level")
    for rows in (returned["rows"], levels["rows"]):
        assert next(r for r in rows if r[0] == level.name)[1] == {"hidden": True}
    listed = Client().get(reverse("api:board-pack-list"), HTTP_AUTHORIZATION=f"Token {token}").json()
    assert listed["results"][0]["sections"][0]["tables"] == body["sections"][0]["tables"]


def check_annual_report(client: Client, token: str) -> None:
    """The annual report's chapter on who took part keeps the report's hidden counts hidden: on
    the officers' preview, the published page, the PDF and the API; and no headline puts a
    hidden count in words."""
    from tenantvoice.activities.models import ActivityKind
    from tenantvoice.annual_reports.pdf import report_pdf
    from tenantvoice.annual_reports.services import (
        report_approve,
        report_create,
        report_publish,
        report_update,
    )
    from tests.factories import ActivityFactory, GroupFactory

    check_involvement(client, token)
    level = Level.objects.exclude(is_default=True).order_by("order").first()
    assert level is not None
    # The year holding ON (2026/27), read once it has ended.
    with time_machine.travel(dt.datetime(2027, 5, 3, 12, tzinfo=dt.UTC), tick=False):
        report = report_create(year=2026)
        report_update(report=report, officer_words="Our year.", panel_words="We approve.")
        held = dt.datetime(2027, 4, 20, 18, tzinfo=dt.UTC)
        meeting = ActivityFactory(kind=ActivityKind.MEETING, group=GroupFactory(), starts_at=held)
        report_approve(report=report, meeting=meeting, decided="Approved.")
        report_publish(report=report)
    # Read today (a session signed in now would have expired in 2027).
    pages = [
        client.get(reverse("staff:annual-report-preview", args=[report.pk])).content.decode(),
        Client().get(reverse("annual-report", args=[2026])).content.decode(),
    ]
    for page in pages:
        assert f'<th scope="row">{level.name}</th><td>hidden</td>' in page
    pdf = pypdf.PdfReader(io.BytesIO(report_pdf(report)))
    assert f"{level.name} hidden" in " ".join(p.extract_text() for p in pdf.pages)
    body = Client().get(
        reverse("api:annual-report-detail", args=[report.pk]), HTTP_AUTHORIZATION=f"Token {token}"
    ).json()
    took_part = next(c for c in body["chapters"] if c["kind"] == "took_part")
    levels = next(t for t in took_part["tables"] if t["title"].startswith("Residents at each level"))
    assert next(r for r in levels["rows"] if r[0] == level.name)[1] == {"hidden": True}
    listed = Client().get(reverse("api:annual-report-list"), HTTP_AUTHORIZATION=f"Token {token}").json()
    assert listed["results"][0]["chapters"] == body["chapters"]
    easy = Client().get(reverse("annual-report-easy-read", args=[2026])).content.decode()
    for line in took_part["headlines"]:
        assert line in easy
    assert not any("2 residents" in line for line in took_part["headlines"])


# Every report of counts of people, and the check that walks it (page, CSV, XLSX, printable, API).
REPORTS: dict[str, Callable[[Client, str], None]] = {
    "surveys:survey-results": check_survey,
    "surveys:survey-report": check_survey,
    "api:survey-results": check_survey,
    "staff:involvement-report": check_involvement,
    "staff:quarterly-return": check_quarterly_return,
    "staff:expenses-report": check_expenses,
    "staff:complaints-report": check_complaints,
    "staff:complaints-annual-report": check_complaints,
    "complaints-annual-report": check_complaints,
    "api:complaints-report": check_complaints,
    "staff:representation-report": check_representation,
    "staff:representation-over-time-report": check_representation,
    "staff:representation-board-report": check_representation,
    "api:representation-report": check_representation,
    "staff:reporting-draft": check_reporting_draft,
    "staff:reporting-presentation": check_reporting_draft,
    "api:report-presentation-list": check_reporting_draft,
    "api:report-presentation-detail": check_reporting_draft,
    "staff:board-pack": check_board_pack,
    "staff:board-pack-pdf": check_board_pack,
    "api:board-pack-list": check_board_pack,
    "api:board-pack-detail": check_board_pack,
    "staff:annual-report-preview": check_annual_report,
    "staff:annual-report-easy-read-preview": check_annual_report,
    "staff:annual-report-pdf": check_annual_report,
    "annual-report": check_annual_report,
    "annual-report-easy-read": check_annual_report,
    "annual-report-pdf": check_annual_report,
    "api:annual-report-list": check_annual_report,
    "api:annual-report-detail": check_annual_report,
}


def _report_like_urls() -> set[str]:
    found = set()
    for name, pattern in _walk(get_resolver().url_patterns):
        route = str(pattern.pattern)
        if LOOKS_LIKE_A_REPORT.search(name) or LOOKS_LIKE_A_REPORT.search(route):
            found.add(name)
    # A report under /staff/reports/ is found by its address whatever its name.
    for name in _all_names_under("staff/reports/"):
        found.add(name)
    return found


def _all_names_under(prefix: str) -> set[str]:
    names = set()
    for name, _pattern in _walk(get_resolver().url_patterns):
        try:
            address = reverse(name)
        except Exception:  # noqa: BLE001, S112 - URLs that need arguments are found by name instead
            continue
        if address.startswith(f"/{prefix}"):
            names.add(name)
    return names


def test_every_report_url_is_declared() -> None:
    undeclared = _report_like_urls() - set(REPORTS) - set(NOT_COUNTS_OF_PEOPLE)
    assert not undeclared, (
        "Check these for small-number suppression (add them to REPORTS with a check) or say why "
        f"they hold no counts of people (NOT_COUNTS_OF_PEOPLE): {sorted(undeclared)}"
    )
    names = {name for name, _ in _walk(get_resolver().url_patterns)}
    assert set(REPORTS) | set(NOT_COUNTS_OF_PEOPLE) <= names


@pytest.mark.parametrize("check", sorted(set(REPORTS.values()), key=lambda f: f.__name__))
def test_small_numbers_never_appear_and_cannot_be_worked_out(check: Callable[[Client, str], None]) -> None:
    reader = staff_user(Role.BOARD_READER, "board@example.org")
    token = Token.objects.create(user=UserFactory(role=Role.MANAGER)).key
    check(sign_in(Client(), reader), token)
