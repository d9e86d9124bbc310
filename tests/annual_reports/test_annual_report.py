"""The annual report to residents through its services, pages, PDF, letters and API (issue 19
item 5): generated from the year's data, with the officer's and the panel's words, approved by
the panel at one of its meetings before publishing; a web page, a PDF, an easy-read version, a
letter for residents who asked for letters, and a way to comment."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pypdf
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import ActivityKind
from tenantvoice.annual_reports.chapters import CHAPTERS
from tenantvoice.annual_reports.models import AnnualReport, AnnualReportComment, ReportStatus
from tenantvoice.annual_reports.services import (
    AnnualReportError,
    annual_report_comment_make,
    chapter_include,
    chapter_narrative_save,
    report_approve,
    report_create,
    report_publish,
    report_redraw,
    report_reopen,
    report_update,
)
from tenantvoice.comms.models import Message, MessageChannel
from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import Resident
from tests.conftest import run_sends, sign_in
from tests.factories import (
    ActivityFactory,
    GroupFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    InvolvementCostFactory,
    ResidentFactory,
    TenancyMemberFactory,
)
from tests.outcomes.factories import ConsultationOutcomeFactory, SurveyOutcomeFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
YEAR = 2025  # 1 April 2025 to 31 March 2026, ended by TODAY


@pytest.fixture(autouse=True)
def _today() -> object:
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def _panel_meeting(on: dt.date = dt.date(2026, 6, 10), **extra: object) -> object:
    return ActivityFactory(
        title="Residents Panel",
        kind=ActivityKind.MEETING,
        group=extra.pop("group", None) or GroupFactory(name="Residents Panel"),
        starts_at=timezone.make_aware(dt.datetime.combine(on, dt.time(18))),
        **extra,
    )


def _ready(report: AnnualReport, by: User) -> AnnualReport:
    return report_update(
        report=report,
        officer_words="A year of change.",
        panel_words="We checked every figure.",
        panel_name="The Residents Panel",
        by=by,
    )


def _published(by: User) -> AnnualReport:
    report = _ready(report_create(year=YEAR, by=by), by)
    report_approve(report=report, meeting=_panel_meeting(), decided="Approved.", by=by)
    return report_publish(report=report, by=by)


def test_a_report_is_made_from_the_years_data_with_every_chapter_that_has_something_to_show(
    officer: User,
) -> None:
    report = report_create(year=YEAR, by=officer)
    kinds = list(report.chapters.order_by("order").values_list("kind", flat=True))
    # No complaint, no survey measure and not in Scotland: those chapters are not offered; the
    # rest are, in order.
    assert kinds == [k for k in CHAPTERS if k not in ("complaints", "satisfaction", "charter")]
    assert report.title == "Our year with residents: annual report 2025/26"
    assert report.status == ReportStatus.DRAFT
    chapter = report.chapters.get(kind="took_part")
    assert chapter.tables and chapter.drawn_at is not None
    assert chapter.provenance["period"].startswith("Reporting year 2025/26")
    assert AuditEvent.objects.filter(object_type="annual_report", object_id=str(report.pk)).exists()


def test_a_year_not_ended_and_a_second_report_for_a_year_are_refused(officer: User) -> None:
    with pytest.raises(AnnualReportError, match="has not ended yet"):
        report_create(year=2026, by=officer)
    report_create(year=YEAR, by=officer)
    with pytest.raises(AnnualReportError, match="already an annual report for 2025/26"):
        report_create(year=YEAR, by=officer)
    assert AnnualReport.objects.count() == 1


def test_what_residents_said_and_what_changed_is_the_years_you_said_we_did(
    officer: User, no_suppression: None
) -> None:
    SurveyOutcomeFactory(
        published_on=dt.date(2025, 6, 1), you_said="The bins are late.", we_did="A new rota."
    )
    ConsultationOutcomeFactory(published_on=dt.date(2026, 5, 1))  # the next year: not in it
    report = report_create(year=YEAR, by=officer)
    chapter = report.chapters.get(kind="you_said")
    assert chapter.headlines[0] == "We told you what changed after 1 thing you told us about."
    assert chapter.headlines[1] == "You said: The bins are late. We did: A new rota."
    assert len(chapter.tables[0]["rows"]) == 1


def test_satisfaction_is_against_last_year_and_peers_in_plain_words(officer: User) -> None:
    measure = IndicatorFactory(name="Satisfied with our service overall", unit="percent", is_survey=True)
    IndicatorValueFactory(
        indicator=measure,
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2026, 3, 31),
        value=Decimal("78"),
    )
    IndicatorValueFactory(
        indicator=measure,
        period_start=dt.date(2024, 4, 1),
        period_end=dt.date(2025, 3, 31),
        value=Decimal("70"),
    )
    report = report_create(year=YEAR, by=officer)
    line = report.chapters.get(kind="satisfaction").headlines[0]
    assert line.startswith("Satisfied with our service overall: 78% this year, 70% last year")
    assert "last year)" in line  # the change in words: better, worse, the same or about the same


def test_value_for_money_headlines_say_what_involvement_cost(officer: User, no_suppression: None) -> None:
    InvolvementCostFactory(spent_on=dt.date(2025, 9, 1), amount=Decimal("1200.00"))
    report = report_create(year=YEAR, by=officer)
    assert (
        "Involving residents cost £1,200 this year." in report.chapters.get(kind="value_for_money").headlines
    )


def test_a_count_below_the_threshold_is_never_put_in_words(officer: User) -> None:
    """Two residents took part (fewer than the threshold of 5): no headline gives the number."""
    meeting = _panel_meeting(on=dt.date(2025, 10, 1))
    for _ in range(2):
        member = TenancyMemberFactory()
        meeting.participants.create(resident=member.resident, attendance="present")
    report = report_create(year=YEAR, by=officer)
    headlines = " ".join(report.chapters.get(kind="took_part").headlines)
    assert "took part in our work" not in headlines


def test_the_panel_approves_a_report_with_both_voices_at_a_meeting_held_after_the_year(officer: User) -> None:
    report = report_create(year=YEAR, by=officer)
    meeting = _panel_meeting()
    with pytest.raises(AnnualReportError, match="officer's words"):
        report_approve(report=report, meeting=meeting, decided="Approved.", by=officer)
    _ready(report, officer)
    for bad, words in [
        (_panel_meeting(on=dt.date(2026, 3, 1)), "before the year 2025/26 ended"),
        (_panel_meeting(on=dt.date(2026, 12, 20)), "has not come yet"),
        (_panel_meeting(cancelled=True), "cancelled"),
        (ActivityFactory(kind=ActivityKind.MEETING, group=None), "residents' panel"),
    ]:
        with pytest.raises(AnnualReportError, match=words):
            report_approve(report=report, meeting=bad, decided="Approved.", by=officer)
    report_approve(report=report, meeting=meeting, decided="Approved with two changes.", by=officer)
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approval_meeting == meeting


def test_an_approved_report_does_not_change_until_the_approval_is_taken_back(officer: User) -> None:
    report = _ready(report_create(year=YEAR, by=officer), officer)
    report_approve(report=report, meeting=_panel_meeting(), decided="Approved.", by=officer)
    chapter = report.chapters.first()
    assert chapter is not None
    for change in (
        lambda: report_update(report=report, officer_words="Changed", by=officer),
        lambda: chapter_narrative_save(chapter=chapter, narrative="New words", by=officer),
        lambda: report_redraw(report=report, by=officer),
    ):
        with pytest.raises(AnnualReportError, match="panel has approved"):
            change()
    report_reopen(report=report, by=officer)
    report_update(report=report, officer_words="Changed", by=officer)
    assert report.status == ReportStatus.DRAFT and report.approval_meeting is None


def test_only_an_approved_report_is_published_and_a_published_one_never_changes(officer: User) -> None:
    report = _ready(report_create(year=YEAR, by=officer), officer)
    with pytest.raises(AnnualReportError, match="panel must approve"):
        report_publish(report=report, by=officer)
    report_approve(report=report, meeting=_panel_meeting(), decided="Approved.", by=officer)
    report_publish(report=report, by=officer)
    assert report.published_on == dt.date(2026, 12, 7)
    with pytest.raises(AnnualReportError, match="published"):
        report_reopen(report=report, by=officer)
    with pytest.raises(AnnualReportError, match="published"):
        report_update(report=report, title="Another", by=officer)


def test_a_chapter_can_be_left_out_but_not_the_last(officer: User) -> None:
    report = report_create(year=YEAR, by=officer)
    chapters = list(report.chapters.all())
    for chapter in chapters[:-1]:
        chapter_include(chapter=chapter, included=False, by=officer)
    with pytest.raises(AnnualReportError, match="at least one chapter"):
        chapter_include(chapter=chapters[-1], included=False, by=officer)


def test_residents_read_the_published_report_its_easy_read_version_and_pdf_without_signing_in(
    client: Client, officer: User
) -> None:
    url = reverse("annual-report", args=[YEAR])
    report = _ready(report_create(year=YEAR, by=officer), officer)
    assert client.get(url).status_code == 404  # a draft is not found
    report_approve(report=report, meeting=_panel_meeting(), decided="Approved.", by=officer)
    report_publish(report=report, by=officer)
    page = client.get(url).content.decode()
    assert "A year of change." in page and "We checked every figure." in page
    assert "From The Residents Panel" in page and "Who took part and how" in page
    easy = client.get(reverse("annual-report-easy-read", args=[YEAR])).content.decode()
    assert 'class="easy-read"' in easy and "This is the easy-read version of our report." in easy
    listing = client.get(reverse("annual-reports")).content.decode()
    assert report.title in listing
    pdf = client.get(reverse("annual-report-pdf", args=[YEAR]))
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == report.title
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = "".join(p.extract_text() for p in reader.pages)
    assert "A word from us" in text and "What involvement cost" in text


def test_a_resident_comments_and_an_officer_reads_it(
    tenant_client: Client, tess: Resident, officer: User, client: Client
) -> None:
    report = _published(officer)
    url = reverse("portal:annual-report-comment", args=[YEAR])
    assert tenant_client.post(url, {"text": ""}).status_code == 400
    response = tenant_client.post(url, {"text": "Please show repairs by area.", "wants_reply": "on"})
    assert response.status_code == 302
    comment = AnnualReportComment.objects.get()
    assert comment.resident == tess and comment.wants_reply
    assert "Please show repairs by area." in tenant_client.get(url).content.decode()
    officer_client = sign_in(client, officer)
    page = officer_client.get(reverse("staff:annual-report", args=[report.pk])).content.decode()
    assert "Please show repairs by area." in page and "Asked for a reply" in page
    officer_client.post(reverse("staff:annual-report-comment-read", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.read_by == officer
    # The resident sees their comment in everything we hold about them.
    data = sign_in(Client(), User.objects.get(resident=tess)).get(reverse("portal:data")).content.decode()
    assert "Please show repairs by area." in data


def test_comments_are_only_on_a_published_report(officer: User, tess: Resident) -> None:
    report = report_create(year=YEAR, by=officer)
    with pytest.raises(AnnualReportError, match="not been published"):
        annual_report_comment_make(report=report, resident=tess, text="Hello")


def test_letters_go_in_the_background_to_residents_who_asked_for_letters_once_each(
    officer_client: Client, officer: User
) -> None:
    report = _published(officer)
    wants_letters = [
        TenancyMemberFactory(resident=ResidentFactory(preferred_channel="letter")).resident for _ in range(3)
    ]
    TenancyMemberFactory(resident=ResidentFactory(preferred_channel="email", email="e@example.org"))
    ResidentFactory(preferred_channel="letter")  # no longer living in one of our homes
    url = reverse("staff:annual-report-letters", args=[report.pk])
    confirm = officer_client.post(url)
    assert confirm.status_code == 200
    assert "3" in confirm.content.decode() and "Send the letters" in confirm.content.decode()
    started = officer_client.post(url, {"confirm": "yes"})
    assert started.status_code == 302
    run_sends()
    letters = Message.objects.filter(channel=MessageChannel.LETTER)
    assert sorted(m.recipient_id for m in letters) == sorted(r.pk for r in wants_letters)
    assert "Read the whole report: " in letters[0].body and f"/annual-report/{YEAR}/" in letters[0].body
    # Sending again reaches nobody new.
    officer_client.post(url, {"confirm": "yes"})
    run_sends()
    assert Message.objects.filter(channel=MessageChannel.LETTER).count() == 3


def test_letters_wait_for_publishing(officer_client: Client, officer: User) -> None:
    report = report_create(year=YEAR, by=officer)
    response = officer_client.post(reverse("staff:annual-report-letters", args=[report.pk]))
    assert response.status_code == 400
    assert "Publish the report before sending it" in response.content.decode()


def test_the_officers_pages_make_and_approve_a_report(officer_client: Client, officer: User) -> None:
    response = officer_client.post(reverse("staff:annual-report-start"), {"year": str(YEAR)})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:annual-report", args=[report.pk]
    )
    words = reverse("staff:annual-report-words", args=[report.pk])
    officer_client.post(
        words,
        {
            "title": report.title,
            "officer_words": "Hello",
            "panel_words": "From us",
            "panel_name": "",
            "how_made": "",
        },
    )
    meeting = _panel_meeting()
    response = officer_client.post(
        reverse("staff:annual-report-approve", args=[report.pk]),
        {"meeting": meeting.pk, "decided": "Approved."},
    )
    assert response.status_code == 302
    officer_client.post(reverse("staff:annual-report-publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_published
    assert officer_client.get(reverse("staff:annual-reports")).status_code == 200


def test_the_api_lists_reports_with_their_chapters(client: Client, board_reader: User, officer: User) -> None:
    report = report_create(year=YEAR, by=officer)
    data = sign_in(client, board_reader).get(reverse("api:annual-report-list")).json()
    got = data["results"][0]
    assert got["id"] == report.pk and got["year_label"] == "2025/26" and got["status"] == "draft"
    assert got["chapters"][0]["heading"] == "Who took part and how"
    assert "headlines" in got["chapters"][0] and got["comments"] == 0


def test_an_officer_replies_and_the_resident_is_told_and_sees_it(
    tenant_client: Client, tess: Resident, client: Client, officer: User
) -> None:
    report = _published(officer)
    comment = annual_report_comment_make(
        report=report, resident=tess, text="When is the next open day?", wants_reply=True
    )
    officer_client = sign_in(Client(), officer)
    url = reverse("staff:annual-report-comment-reply", args=[comment.pk])
    assert "When is the next open day?" in officer_client.get(url).content.decode()
    assert officer_client.post(url, {"reply": ""}).status_code == 400
    assert officer_client.post(url, {"reply": "On 3 March at the community centre."}).status_code == 302
    comment.refresh_from_db()
    assert comment.reply == "On 3 March at the community centre." and comment.read_by == officer
    message = Message.objects.get(recipient=tess, dedupe_key__startswith="annual_report_comment-reply")
    assert (
        "On 3 March at the community centre." in message.body and "When is the next open day?" in message.body
    )
    assert officer_client.post(url, {"reply": "Again"}).status_code == 400  # one reply a comment
    mine = tenant_client.get(reverse("portal:annual-report-comment", args=[YEAR])).content.decode()
    assert "Our reply" in mine and "On 3 March at the community centre." in mine


def test_every_chapter_is_drawn_again_in_the_background_and_the_panel_waits_for_it(
    officer_client: Client, officer: User, no_suppression: None
) -> None:
    from tenantvoice.worker.jobs import job_process
    from tenantvoice.worker.models import JobRun

    report = _ready(report_create(year=YEAR, by=officer), officer)
    before = {c.pk: c.drawn_at for c in report.chapters.all()}
    InvolvementCostFactory(spent_on=dt.date(2025, 9, 1), amount=Decimal("300.00"))
    response = officer_client.post(reverse("staff:annual-report-redraw", args=[report.pk]))
    assert response["Location"] == reverse("staff:annual-report-drawing", args=[report.pk])
    run = JobRun.objects.get()
    assert run.keys == [c.pk for c in report.chapters.order_by("order")]
    progress = officer_client.get(reverse("staff:annual-report-drawing", args=[report.pk])).content.decode()
    assert 'http-equiv="refresh"' in progress and f"0 of {run.total} chapters drawn again" in progress
    with pytest.raises(AnnualReportError, match="being drawn again"):
        report_approve(report=report, meeting=_panel_meeting(), decided="Approved.", by=officer)
    with time_machine.travel(TODAY + dt.timedelta(minutes=1), tick=False):
        assert job_process(run.pk) == run.total
    assert all(c.drawn_at != before[c.pk] for c in report.chapters.all())
    assert "Involving residents cost £300 this year." in report.chapters.get(kind="value_for_money").headlines
    page = officer_client.get(reverse("staff:annual-report", args=[report.pk])).content.decode()
    assert "Every chapter was drawn again" in page
    assert (
        AuditEvent.objects.filter(object_type="annual_report_chapter", summary__startswith="Drew").count()
        == run.total
    )


def test_a_scottish_landlords_report_has_the_charter_against_the_scottish_average(officer: User) -> None:
    """Thenue's "annual Charter Performance report" is a chapter of the annual report for a
    landlord in Scotland: not for one in England."""
    from tenantvoice.core.models import Landlord, Nation
    from tenantvoice.core.selectors import landlord_get
    from tenantvoice.indicators.models import Framework
    from tenantvoice.indicators.services import indicator_create, peers_import, value_record
    from tests.indicators.test_charter import average_file

    informed = indicator_create(
        name="Tenants who feel well informed", unit="percent", framework=Framework.CHARTER, outcome=2
    )
    for start, value in ((dt.date(2024, 4, 1), 80), (dt.date(2025, 4, 1), 85)):
        value_record(
            indicator=informed,
            period_start=start,
            period_end=dt.date(start.year + 1, 3, 31),
            value=Decimal(value),
        )
    peers_import(average_file(informed), name="SHR", year=YEAR)
    english = report_create(year=YEAR, by=officer)
    assert not english.chapters.filter(kind="charter").exists()
    english.delete()
    Landlord.objects.filter(pk=landlord_get().pk).update(nation=Nation.SCOTLAND)
    report = report_create(year=YEAR, by=officer)
    chapter = report.chapters.get(kind="charter")
    assert chapter.headlines == [
        "Tenants who feel well informed: 85% this year, 80% last year; the Scottish average is 82%."
    ]
    assert chapter.tables[0]["rows"][0][-1] == "Better than the Scottish average"


def test_publishing_records_the_report_as_presented_on_the_reporting_timetable(officer: User) -> None:
    """Tower Hamlets Homes' strategy sends the annual report to all residents each year
    (decision 0058): publishing it is that presentation, with where and the panel's approval."""
    from tenantvoice.reporting.models import ReportingDuty, ReportPresentation
    from tenantvoice.strategies.loader import strategy_load

    strategy_load("tower-hamlets-homes")
    # On TenantVoice since last year: the year 2025/26 is on its timetable.
    ReportingDuty.objects.filter(slug="annual-report-to-residents").update(starts_on=dt.date(2025, 4, 1))
    report = _published(officer)
    presented = ReportPresentation.objects.get(duty__slug="annual-report-to-residents")
    assert presented.period_start == dt.date(2025, 4, 1) and presented.presented_on == report.published_on
    assert presented.decided.startswith(
        "Published to residents after Residents Panel approved it on 10/06/2026"
    )
    assert presented.evidence.endswith(f"/annual-report/{YEAR}/")


def test_what_you_told_us_counts_the_years_comments_on_our_reports_when_not_few(officer: User) -> None:
    """Comments on last year's report made in this year are counted (the Charter report's too),
    and a count under the threshold (5) is not said."""
    with time_machine.travel(dt.datetime(2025, 6, 1, 10, tzinfo=dt.UTC), tick=False):
        earlier = AnnualReport.objects.create(year=2024, title="2024/25", status=ReportStatus.PUBLISHED)
        for _ in range(4):
            annual_report_comment_make(report=earlier, resident=ResidentFactory(), text="More, please.")
    few = report_create(year=YEAR, by=officer)
    assert not any("comment" in line for line in few.chapters.get(kind="you_said").headlines)
    few.delete()
    with time_machine.travel(dt.datetime(2025, 7, 1, 10, tzinfo=dt.UTC), tick=False):
        annual_report_comment_make(report=earlier, resident=ResidentFactory(), text="And more.")
    report = report_create(year=YEAR, by=officer)
    assert "You sent us 5 comments on our reports." in " ".join(
        report.chapters.get(kind="you_said").headlines
    )
