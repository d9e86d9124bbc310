"""The Scottish Social Housing Charter's indicators (issue 19 item 2, decision 0053): the
annual return's complaints figures and a survey measure computed, the Scottish average in the
peer import, the comparison, the return's due date, the strategy's Charter entries, the staff
page and its download, the report to tenants with residents' comments, and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.comms.models import Message
from tenantvoice.complaints.models import ReceivedBy
from tenantvoice.complaints.services import (
    complaint_record,
    stage_assign,
    stage_escalate,
    stage_respond,
)
from tenantvoice.core.models import AuditEvent, Landlord, Nation
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.selectors import landlord_get
from tenantvoice.indicators.charter import charter_lines, return_due
from tenantvoice.indicators.models import (
    CharterComment,
    CharterReport,
    Framework,
    Indicator,
    IndicatorPeerFigure,
    IndicatorValue,
    Unit,
)
from tenantvoice.indicators.services import (
    IndicatorError,
    charter_comment_make,
    charter_comment_read,
    charter_report_publish,
    charter_report_save,
    indicator_create,
    indicator_update,
    peers_import,
    value_compute,
    value_record,
)
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.loader import StrategyError, strategy_load
from tenantvoice.surveys.models import SurveyStatus
from tests.conftest import sign_in
from tests.factories import (
    AnswerFactory,
    QuestionFactory,
    ResidentFactory,
    ResponseFactory,
    SurveyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Y2025 = ReportingYear(2025)
APRIL_2025 = dt.date(2025, 4, 1)
MARCH_2026 = dt.date(2026, 3, 31)


def _nation(nation: str) -> None:
    Landlord.objects.filter(pk=landlord_get().pk).update(nation=nation)


@pytest.fixture(autouse=True)
def scottish_landlord(db: None) -> None:
    """The Charter is reported on by landlords in Scotland: these tests are a Scottish landlord's
    unless they say otherwise."""
    _nation(Nation.SCOTLAND)


def _complaint(received_on: dt.date, responded_on: dt.date, *, escalate_on: dt.date | None = None) -> None:
    complaint = complaint_record(
        resident=ResidentFactory(),
        received_by=ReceivedBy.PHONE,
        received_on=received_on,
        what_went_wrong="Nobody came.",
    )
    stage = complaint.stages.get()
    stage_assign(stage=stage, handler=UserFactory())
    stage.refresh_from_db()  # the Scottish frontline stage is answered directly, no acknowledgement
    stage_respond(
        stage=stage,
        responded_on=responded_on,
        response="Our answer.",
        points=[{"summary": "Missed repair", "decision": "not_upheld", "reasons": "Our records."}],
        late_reason="Busy" if responded_on > stage.respond_by else "",
    )
    if escalate_on is not None:
        stage_escalate(complaint=complaint, requested_on=escalate_on)


def _charter(name: str, source: str = "", unit: str = Unit.PERCENT, **kwargs: Any) -> Indicator:
    return indicator_create(name=name, unit=unit, source=source, framework=Framework.CHARTER, **kwargs)


class TestComputedSources:
    def test_the_complaints_figures_are_the_annual_returns_and_a_first_stage_that_went_on_counts_at_both(
        self,
    ) -> None:
        Landlord.objects.filter(pk=landlord_get().pk).update(nation=Nation.SCOTLAND)
        # Thursday 17 April 2025: 4 and 6 working days in Scotland (Good Friday off, Easter
        # Monday worked); the second is late and goes on to the second stage.
        _complaint(dt.date(2025, 4, 17), dt.date(2025, 4, 24))
        _complaint(dt.date(2025, 4, 17), dt.date(2025, 4, 28), escalate_on=dt.date(2025, 4, 29))
        received_1 = _charter("Received first", "arc_received_stage1", Unit.COUNT, higher_is_better=False)
        received_2 = _charter("Received second", "arc_received_stage2", Unit.COUNT, higher_is_better=False)
        within = _charter("Within first", "arc_within_stage1", number="3")
        days = _charter("Days first", "arc_days_stage1", Unit.DAYS, higher_is_better=False, number="4")
        nothing = _charter("Within second", "arc_within_stage2", number="3")
        with time_machine.travel(dt.datetime(2026, 4, 10, 12, tzinfo=dt.UTC), tick=False):
            values = {
                i.name: value_compute(indicator=i, year=2025) for i in (received_1, received_2, within, days)
            }
            assert value_compute(indicator=nothing, year=2025) is None  # nothing answered yet
        assert {name: v.value for name, v in values.items() if v is not None} == {
            "Received first": Decimal(2),
            "Received second": Decimal(1),
            "Within first": Decimal(50),
            "Days first": Decimal(5),
        }
        assert "a complaint that went on to the next stage counts at both" in values["Received first"].note  # type: ignore[union-attr]

    def test_a_survey_measure_reads_the_named_question_of_the_newest_survey_closed_in_the_year(
        self, no_suppression: None
    ) -> None:
        with pytest.raises(IndicatorError, match="the survey question's code"):
            _charter("Kept informed", "survey_measure", outcome=2)
        indicator = _charter(
            "Kept informed", "survey_measure", outcome=2, source_parameter="KEPT-INFORMED", is_survey=True
        )
        survey = SurveyFactory(
            status=SurveyStatus.CLOSED, closed_on=dt.date(2025, 11, 1), title="Tenant survey 2025"
        )
        question = QuestionFactory(survey=survey, code="KEPT-INFORMED")
        other = QuestionFactory(survey=survey, code="REPAIRS")
        for choice in ("very_satisfied", "fairly_satisfied", "fairly_satisfied", "very_dissatisfied"):
            response = ResponseFactory(survey=survey)
            AnswerFactory(response=response, question=question, choice=choice)
            AnswerFactory(response=response, question=other, choice="very_dissatisfied")
        with time_machine.travel(dt.datetime(2026, 4, 10, 12, tzinfo=dt.UTC), tick=False):
            value = value_compute(indicator=indicator, year=2025)
            assert value_compute(indicator=indicator, year=2024) is None
        assert value is not None and value.value == Decimal(75) and value.sample_size == 4
        assert "Tenant survey 2025" in value.note

    def test_a_survey_measure_from_too_few_answers_is_not_drawn(self) -> None:
        indicator = _charter("Kept informed", "survey_measure", source_parameter="KEPT-INFORMED")
        survey = SurveyFactory(status=SurveyStatus.CLOSED, closed_on=dt.date(2025, 11, 1))
        question = QuestionFactory(survey=survey, code="KEPT-INFORMED")
        AnswerFactory(response=ResponseFactory(survey=survey), question=question)
        with time_machine.travel(dt.datetime(2026, 4, 10, 12, tzinfo=dt.UTC), tick=False):
            assert value_compute(indicator=indicator, year=2025) is None
        assert not IndicatorValue.objects.exists()


class TestFramework:
    @pytest.mark.parametrize(
        ("arguments", "words"),
        [
            ({"number": "3"}, "belongs to a framework"),
            ({"framework": Framework.CHARTER, "outcome": 17}, "numbered 1 to 16"),
            ({"framework": "england"}, "Choose a framework"),
        ],
    )
    def test_a_framework_outcome_or_number_out_of_place_is_refused(
        self, arguments: dict[str, Any], words: str
    ) -> None:
        with pytest.raises(IndicatorError, match=words):
            indicator_create(name="Something", unit=Unit.PERCENT, **arguments)
        assert not Indicator.objects.exists()

    def test_only_3_and_4_on_a_complaints_figure_are_confirmed_numbers(self) -> None:
        _charter("Within first", "arc_within_stage1", number="3")
        _charter("Kept informed", number="5")
        words = {c.indicator.name: c.number_words for c in charter_lines(Y2025)}
        assert words == {"Within first": "3", "Kept informed": "5 (not confirmed)"}

    def test_the_return_for_a_year_is_due_on_31_may_after_it(self) -> None:
        assert return_due(Y2025) == dt.date(2026, 5, 31)


class TestPeersAndTheScottishAverage:
    def test_the_average_row_is_compared_with_and_not_counted_among_peers(self, tmp_path: Any) -> None:
        informed = _charter("Kept informed", is_survey=True)
        days = _charter("Days", unit=Unit.DAYS, higher_is_better=False)
        value_record(
            indicator=informed,
            period_start=APRIL_2025,
            period_end=MARCH_2026,
            value=Decimal(90),
            sample_size=1000,
        )
        value_record(indicator=days, period_start=APRIL_2025, period_end=MARCH_2026, value=Decimal(8))
        path = tmp_path / "peers.csv"
        path.write_text(
            "landlord,average,Kept informed,Days\n"
            "Scottish average,yes,88,6\n"
            "A,,70,4\nB,,75,5\nC,,80,6\nD,,85,7\n",
            encoding="utf-8",
        )
        outcome = peers_import(path, name="SHR 2025/26", year=2025)
        assert outcome.problems == [] and outcome.figures == 10
        lines = {c.indicator.name: c for c in charter_lines(Y2025)}
        # 90% of 1,000 answers: its interval (about 88.0 to 91.7) takes in 88.
        assert lines["Kept informed"].comparison_words == "About the same as the Scottish average"
        assert lines["Kept informed"].line.peers is not None and lines["Kept informed"].line.peers.peers == 4
        assert lines["Kept informed"].line.peers.label == "Top quartile"
        # Lower is better: 8 days against 6 is worse.
        assert lines["Days"].comparison_words == "Worse than the Scottish average"
        assert lines["Days"].line.peers is not None and lines["Days"].line.peers.label == "Bottom quartile"
        assert lines["Days"].average_shown == "6"

    @pytest.mark.parametrize(
        ("body", "column", "words"),
        [
            ("Scottish average,yes,88\nOther average,yes,80\n", "average", "Row 2 is already the average"),
            ("A,perhaps,70\n", "average", "Put 'yes' on the average's row"),
            ("A,,lots\n", "Kept informed", "Give a number."),
        ],
    )
    def test_a_bad_peer_file_is_refused_row_by_row_and_nothing_is_kept(
        self, tmp_path: Any, body: str, column: str, words: str
    ) -> None:
        _charter("Kept informed")
        path = tmp_path / "peers.csv"
        path.write_text("landlord,average,Kept informed\n" + body, encoding="utf-8")
        outcome = peers_import(path, name="SHR", year=2025)
        assert outcome.peer_set is None
        assert any(p.column == column and words in p.message for p in outcome.problems), outcome.problems


class TestStrategy:
    def test_thenue_loads_its_charter_indicators_with_their_outcomes_and_sources(self) -> None:
        strategy_load("thenue")
        charter = Indicator.objects.filter(framework=Framework.CHARTER)
        assert {(i.source, i.number) for i in charter if i.source.startswith("arc_")} == {
            ("arc_within_stage1", "3"),
            ("arc_within_stage2", "3"),
            ("arc_days_stage1", "4"),
            ("arc_days_stage2", "4"),
        }
        informed = charter.get(outcome=2)
        assert informed.source == "survey_measure" and informed.source_parameter == "KEPT-INFORMED"
        assert informed.is_survey and informed.number == ""
        assert informed.sources["outcome"]["section"] == "5.2"
        assert charter.get(outcome=3).sources["question"] == {"chosen": True, "default": None}

    @pytest.mark.parametrize(
        ("fields", "words"),
        [
            ('source = "survey_measure"\n', "field 'question'"),
            ('number = "3"\n[indicators.chosen]\nframework = "charter"\n', "field 'number': no source"),
            ('outcome = 3\n[indicators.chosen]\nframework = "charter"\n', "field 'outcome': no source"),
        ],
    )
    def test_a_charter_entry_without_what_it_needs_is_refused(
        self, strategy_file: Any, fields: str, words: str
    ) -> None:
        text = (
            '[strategy]\ntitle = "Test"\n[landlord]\nnation = "scotland"\n'
            '[[indicators]]\nname = "Kept informed"\nunit = "percent"\n' + fields
        )
        with pytest.raises(StrategyError, match=words):
            strategy_load(strategy_file(text))


@pytest.fixture
def tenant(db: None) -> tuple[Resident, Client]:
    resident = ResidentFactory(first_name="Tess")
    user = UserFactory(role="resident", email="tess.charter@example.org", resident=resident)
    return resident, sign_in(Client(), user)


@pytest.fixture
def officer_client(officer: User) -> Client:
    return sign_in(Client(), officer)


class TestReportToTenants:
    def test_a_draft_is_not_seen_by_residents_and_publishing_needs_the_words(self, tenant: Any) -> None:
        _resident, client = tenant
        report = charter_report_save(year=2025, introduction="")
        with pytest.raises(IndicatorError, match="Write the introduction"):
            charter_report_publish(report=report)
        assert client.get(reverse("portal:charter-report", args=[2025])).status_code == 404
        assert "Charter reports" not in client.get(reverse("portal:home")).content.decode()

    def test_a_tenant_reads_the_published_report_in_words_and_comments_and_an_officer_reads_it(
        self, tenant: Any, officer_client: Client, officer: User
    ) -> None:
        resident, client = tenant
        informed = _charter("Tenants who feel well informed", outcome=2)
        value_record(
            indicator=informed,
            period_start=dt.date(2024, 4, 1),
            period_end=dt.date(2025, 3, 31),
            value=Decimal(80),
        )
        value_record(indicator=informed, period_start=APRIL_2025, period_end=MARCH_2026, value=Decimal(85))
        officer_client.post(reverse("staff:charter-report", args=[2025]), {"introduction": "A good year."})
        response = officer_client.post(reverse("staff:charter-publish", args=[2025]))
        assert response.status_code == 302
        report = CharterReport.objects.get(year=2025)
        assert report.is_published and report.published_by == officer
        peers_import(average_file(informed), name="SHR", year=2025)

        page = client.get(reverse("portal:charter-report", args=[2025])).content.decode()
        assert "A good year." in page and "Outcome 2: Communication" in page
        assert "85%" in page and "80%" in page and "82%" in page
        assert "Better than the Scottish average." in page
        sent = client.post(
            reverse("portal:charter-report", args=[2025]),
            {"text": "Tell us more about repairs.", "wants_reply": "on"},
        )
        assert sent.status_code == 302
        confirmation = client.get(sent["Location"]).content.decode()
        assert (
            "An officer reads every comment" in confirmation
            and "An officer will write back to you." in confirmation
        )
        assert "Not read yet" in confirmation
        comment = CharterComment.objects.get()
        assert comment.resident == resident and comment.wants_reply

        staff_page = officer_client.get(reverse("staff:charter"), {"year": 2025}).content.decode()
        assert "Tell us more about repairs." in staff_page and "Asked for a reply" in staff_page
        officer_client.post(reverse("staff:charter-comment-read", args=[comment.pk]))
        assert (
            "Read by an officer on"
            in client.get(reverse("portal:charter-report", args=[2025])).content.decode()
        )
        assert AuditEvent.objects.filter(object_type="charter_comment", resident_id=resident.pk).count() == 2

    def test_an_empty_comment_is_refused_on_the_page(self, tenant: Any) -> None:
        _resident, client = tenant
        charter_report_publish(report=charter_report_save(year=2025, introduction="Our year."))
        response = client.post(reverse("portal:charter-report", args=[2025]), {"text": "  "})
        assert response.status_code == 400 and "Write your comment." in response.content.decode()
        assert not CharterComment.objects.exists()

    def test_a_comment_on_a_draft_is_refused_and_read_twice_is_refused(self, tenant: Any) -> None:
        resident, _client = tenant
        report = charter_report_save(year=2025, introduction="Our year.")
        with pytest.raises(IndicatorError, match="not been published"):
            charter_comment_make(report=report, resident=resident, text="Hello")
        charter_report_publish(report=report)
        comment = charter_comment_make(report=report, resident=resident, text="Hello")
        charter_comment_read(comment=comment)
        with pytest.raises(IndicatorError, match="already marked as read"):
            charter_comment_read(comment=comment)

    def test_an_officer_replies_from_the_charter_page_and_the_resident_sees_it(
        self, tenant: Any, officer_client: Client
    ) -> None:
        resident, client = tenant
        report = charter_report_publish(report=charter_report_save(year=2025, introduction="Our year."))
        comment = charter_comment_make(
            report=report, resident=resident, text="Why fewer open days?", wants_reply=True
        )
        page = officer_client.get(reverse("staff:charter"), {"year": "2025"}).content.decode()
        assert reverse("staff:charter-comment-reply", args=[comment.pk]) in page
        url = reverse("staff:charter-comment-reply", args=[comment.pk])
        response = officer_client.post(url, {"reply": "The hall closed for repairs."})
        assert response.status_code == 302
        assert Message.objects.filter(recipient=resident, template="report_comment_reply").exists()
        mine = client.get(reverse("portal:charter-report", args=[2025])).content.decode()
        assert "The hall closed for repairs." in mine

    def test_the_comment_is_in_the_residents_subject_access_export(self, tenant: Any) -> None:
        resident, client = tenant
        report = charter_report_publish(report=charter_report_save(year=2025, introduction="Our year."))
        charter_comment_make(report=report, resident=resident, text="More meetings in Cranhill, please.")
        charter_comment_make(report=report, resident=ResidentFactory(), text="Somebody else's words.")
        sections = client.get("/my/data.json").json()["sections"]
        records = sections["charter_comments"]["records"]
        assert [r["Comment"] for r in records] == ["More meetings in Cranhill, please."]
        assert records[0]["Report"] == "Charter report 2025/26"


def average_file(indicator: Indicator) -> Any:
    """A peer file with the Scottish average (82) for ``indicator``, written to a temporary file."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    path = folder / "peers.csv"
    path.write_text(f"landlord,average,{indicator.name}\nScottish average,yes,82\nA,,70\n", encoding="utf-8")
    return path


class TestStaffPageAndApi:
    def test_a_board_reader_reads_the_return_with_its_due_date_and_downloads_it(
        self, board_reader: User
    ) -> None:
        client = sign_in(Client(), board_reader)
        _charter("Within first", "arc_within_stage1", number="3")
        page = client.get(reverse("staff:charter"), {"year": 2025})
        text = page.content.decode()
        assert page.status_code == 200 and "31 May 2026" in text and "Within first" in text
        assert "Publish to residents" not in text  # reading only
        csv = client.get(reverse("staff:charter"), {"year": 2025, "format": "csv"})
        assert csv["Content-Type"].startswith("text/csv")
        body = csv.content.decode()
        assert "Scottish average" in body and "Within first" in body
        assert (
            client.post(reverse("staff:charter-report", args=[2025]), {"introduction": "x"}).status_code
            == 403
        )

    def test_the_api_gives_the_figures_the_comparison_and_the_due_date(self, board_reader: User) -> None:
        client = sign_in(Client(), board_reader)
        informed = _charter("Kept informed", outcome=2, number="7")
        value_record(indicator=informed, period_start=APRIL_2025, period_end=MARCH_2026, value=Decimal(70))
        peers_import(average_file(informed), name="SHR", year=2025)
        data = client.get(reverse("api:charter-report"), {"year": 2025}).json()
        assert data["return_due"] == "2026-05-31"
        [line] = data["indicators"]
        assert line["name"] == "Kept informed" and line["number_confirmed"] is False
        assert (
            line["scottish_average"] == 82.0 and line["against_average"] == "Worse than the Scottish average"
        )
        assert data["tables"][0]["title"].startswith("Annual Return on the Charter 2025/26")


class TestOfficersForms:
    def test_an_officer_adds_a_charter_indicator_reading_a_survey_question(
        self, officer_client: Client
    ) -> None:
        response = officer_client.post(
            reverse("staff:indicator-new"),
            {
                "name": "Opportunities to take part",
                "unit": "percent",
                "direction": "higher",
                "source": "survey_measure",
                "source_parameter": "PARTICIPATE",
                "framework": "charter",
                "outcome": "3",
                "number": "9",
            },
        )
        assert response.status_code == 302
        indicator = Indicator.objects.get()
        assert (indicator.framework, indicator.outcome, indicator.number, indicator.source_parameter) == (
            "charter",
            3,
            "9",
            "PARTICIPATE",
        )
        page = officer_client.get(reverse("staff:indicator", args=[indicator.pk])).content.decode()
        assert "Outcome 3: Participation" in page and "not confirmed by TenantVoice" in page

    def test_a_peer_file_flagging_two_averages_is_shown_row_by_row_and_nothing_is_kept(
        self, officer_client: Client
    ) -> None:
        _charter("Kept informed")
        upload = SimpleUploadedFile(
            "peers.csv",
            b"landlord,average,Kept informed\nScottish average,yes,88\nAnother average,yes,80\n",
            content_type="text/csv",
        )
        response = officer_client.post(
            reverse("staff:indicator-peers"), {"name": "SHR", "year": "2025", "file": upload}
        )
        assert response.status_code == 400
        assert "Row 2 is already the average: flag one row only." in response.content.decode()
        assert not IndicatorPeerFigure.objects.exists()


def test_an_officer_puts_an_existing_indicator_in_the_charter_and_a_number_alone_is_refused(
    officer_client: Client,
) -> None:
    indicator = indicator_create(name="Kept informed", unit=Unit.PERCENT)
    with pytest.raises(IndicatorError, match="belongs to a framework"):
        indicator_update(indicator=indicator, number="5")
    response = officer_client.post(
        reverse("staff:indicator-edit", args=[indicator.pk]),
        {"name": "Kept informed", "direction": "higher", "framework": "charter", "outcome": "2"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.framework, indicator.outcome, indicator.number) == ("charter", 2, "")
    assert [c.indicator for c in charter_lines(Y2025)] == [indicator]


class TestOnlyForLandlordsInScotland:
    """The Charter's menu entries show only for a landlord in Scotland (the landlord's nation);
    for any other the pages say plainly that the Charter is Scotland's, without an error."""

    def test_the_menu_shows_the_charter_only_to_a_scottish_landlords_staff(self, board_reader: User) -> None:
        client = sign_in(Client(), board_reader)
        assert "Scottish Charter return" in client.get(reverse("staff:reports")).content.decode()
        _nation(Nation.ENGLAND_AND_WALES)
        english = client.get(reverse("staff:reports")).content.decode()
        assert "Scottish Charter return" not in english and "Reports due" in english

    def test_an_english_landlords_staff_page_says_the_charter_is_for_scotland(self, officer: User) -> None:
        _nation(Nation.ENGLAND_AND_WALES)
        page = sign_in(Client(), officer).get(reverse("staff:charter"))
        text = page.content.decode()
        assert page.status_code == 200
        assert "The Scottish Social Housing Charter applies to social landlords in Scotland" in text
        assert "a landlord in England and Wales, so it does not report on the Charter" in text
        assert "Annual Return figures" not in text and "Publish to residents" not in text
        # What was set up all the same is still shown, under the same words.
        _charter("Within first", "arc_within_stage1", number="3")
        again = sign_in(Client(), officer).get(reverse("staff:charter")).content.decode()
        assert "applies to social landlords in Scotland" in again and "Within first" in again

    def test_an_english_landlords_residents_are_told_the_charter_is_for_scotland(self, tenant: Any) -> None:
        _resident, client = tenant
        report = charter_report_save(year=2025, introduction="Our year.")
        charter_report_publish(report=report)
        assert "How we are doing" in client.get(reverse("portal:home")).content.decode()
        _nation(Nation.ENGLAND_AND_WALES)
        assert "How we are doing" not in client.get(reverse("portal:home")).content.decode()
        CharterReport.objects.all().delete()
        for url in (reverse("portal:charter-reports"), reverse("portal:charter-report", args=[2025])):
            page = client.get(url)
            assert page.status_code == 200, url
            assert "The Scottish Social Housing Charter applies to social landlords in Scotland" in (
                page.content.decode()
            )
