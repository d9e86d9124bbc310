"""Complaints in numbers (issue 17 item 7): CH01 with the issue's worked example, CH02 with
extensions, the Scottish annual return's figures, themes with small numbers hidden, and the
annual report and self-assessment recorded, presented and published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.actions.models import Action
from tenantvoice.complaints.assessment import (
    AssessmentError,
    annual_report_save,
    assessment_action_add,
    assessment_item_save,
    assessment_provision_add,
    assessment_start,
    code_provisions,
    record_present,
    record_publish,
)
from tenantvoice.complaints.models import (
    CaseKind,
    Complaint,
    ReceivedBy,
    SelfAssessmentItem,
    Stage,
)
from tenantvoice.complaints.report import (
    LCHO,
    LCRA,
    WorkingDayIndex,
    arc,
    ch01,
    ch02,
    figures,
    homes_on,
    per_thousand,
    themes,
)
from tenantvoice.complaints.services import (
    category_save,
    complaint_record,
    complaint_refuse,
    ombudsman_case_record,
    ombudsman_determine,
    stage_acknowledge,
    stage_assign,
    stage_escalate,
    stage_extend,
    stage_respond,
)
from tenantvoice.core.models import Landlord, Nation
from tenantvoice.core.reporting_year import ReportingYear
from tenantvoice.core.roles import Role
from tenantvoice.core.selectors import landlord_get
from tenantvoice.core.suppression import HIDDEN
from tenantvoice.core.tables import tables_from_json, tables_to_json
from tenantvoice.core.working_days import working_days_between
from tenantvoice.residents.models import Property, Tenancy, Tenure
from tests.conftest import sign_in
from tests.factories import (
    ActivityFactory,
    AreaFactory,
    PropertyFactory,
    UserFactory,
    make_resident,
    staff_user,
)

pytestmark = pytest.mark.django_db

Y2025 = ReportingYear(2025)  # 1 April 2025 to 31 March 2026


def in_nation(nation: str) -> None:
    landlord_get()
    Landlord.objects.update(nation=nation)


def record(received_on: dt.date, **kwargs: object) -> Complaint:
    kwargs.setdefault("resident", make_resident())
    kwargs.setdefault("received_by", ReceivedBy.PHONE)
    return complaint_record(what_went_wrong="Nobody came.", received_on=received_on, **kwargs)  # type: ignore[arg-type]


def answer(
    stage: Stage,
    *,
    acknowledged_on: dt.date | None,
    responded_on: dt.date,
    decision: str = "not_upheld",
    handler: object = None,
    late_reason: str = "",
) -> Stage:
    stage_assign(stage=stage, handler=handler or UserFactory())
    if acknowledged_on is not None:
        stage_acknowledge(stage=stage, acknowledged_on=acknowledged_on, defined_as="Missed repairs")
    stage.refresh_from_db()
    stage_respond(
        stage=stage,
        responded_on=responded_on,
        response="Our answer.",
        points=[{"summary": "Missed repairs", "decision": decision, "reasons": "Our records."}],
        learning={"what_learnt": "Bookings lost", "change_made": "Daily check"}
        if decision != "not_upheld"
        else None,
        late_reason=late_reason,
    )
    stage.refresh_from_db()
    return stage


class TestTheYear:
    def test_the_reporting_year_runs_april_to_march(self) -> None:
        assert ReportingYear.of(dt.date(2025, 4, 1)) == ReportingYear.of(dt.date(2026, 3, 31)) == Y2025
        assert ReportingYear.of(dt.date(2025, 3, 31)).first == 2024
        assert Y2025.label == "2025/26" and len(Y2025.months) == 12


class TestCh01:
    def test_the_worked_example_12000_homes_540_stage_1_and_60_stage_2_is_45_and_5(self) -> None:
        """The issue's worked example: 12,000 homes, 540 stage 1 and 60 stage 2 complaints in
        the year give CH01 of 45.0 and 5.0 per 1,000 homes."""
        homes = Property.objects.bulk_create(
            Property(hms_ref=f"H{n}", address_line_1=f"{n} Oak Road", postcode="M1 1AA", postcode_key="M11AA")
            for n in range(12_000)
        )
        Tenancy.objects.bulk_create(
            Tenancy(hms_ref=f"T{n}", property=home, tenure=Tenure.ASSURED, start_date=dt.date(2020, 1, 1))
            for n, home in enumerate(homes)
        )
        received = dt.date(2025, 6, 2)
        complaints = Complaint.objects.bulk_create(
            Complaint(
                reference=f"CMP-{n:06d}",
                kind=CaseKind.COMPLAINT,
                received_by=ReceivedBy.PHONE,
                received_on=received,
                what_went_wrong="Nobody came.",
                procedure="ombudsman_2024",
                procedure_version="2024",
            )
            for n in range(540)
        )
        due = dt.date(2025, 6, 20)
        common = {
            "procedure": "ombudsman_2024",
            "procedure_version": "2024",
            "respond_due": due,
            "respond_by": due,
        }
        Stage.objects.bulk_create(
            [
                Stage(complaint=c, key="stage_1", number=1, name="stage 1", opened_on=received, **common)
                for c in complaints
            ]
            + [
                Stage(
                    complaint=c,
                    key="stage_2",
                    number=2,
                    name="stage 2",
                    opened_on=dt.date(2025, 7, 1),
                    **common,
                )
                for c in complaints[:60]
            ]
        )
        figures = ch01(Y2025)
        assert figures.homes == {LCRA: 12_000, LCHO: 0}
        assert (figures.count(1, LCRA), figures.count(2, LCRA)) == (540, 60)
        assert figures.rate(1, LCRA) == 45.0
        assert figures.rate(2, LCRA) == 5.0
        assert per_thousand(540, 12_000) == 45.0 and per_thousand(60, 12_000) == 5.0

    def test_homes_are_those_with_a_current_tenancy_on_31_march_split_by_tenure(self) -> None:
        make_resident(tenure=Tenure.ASSURED)
        make_resident(tenure=Tenure.SHARED_OWNERSHIP)
        make_resident(tenure=Tenure.LEASEHOLD)
        make_resident(tenure=Tenure.SECURE, end_date=dt.date(2026, 3, 30))  # ended before the year end
        PropertyFactory()  # an empty home
        assert homes_on(Y2025.end) == {LCRA: 1, LCHO: 2}

    def test_stages_count_in_the_year_they_opened_refused_ones_do_not_count_owners_apart(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        rented = record(dt.date(2025, 4, 17))
        owner = record(dt.date(2025, 5, 1), resident=make_resident(tenure=Tenure.LEASEHOLD))
        refused = record(dt.date(2025, 5, 2))
        complaint_refuse(
            complaint=refused, reason="legal_proceedings", detail="In court.", refused_on=dt.date(2025, 5, 6)
        )
        record(dt.date(2025, 3, 31))  # the year before
        answer(rented.stages.get(), acknowledged_on=dt.date(2025, 4, 22), responded_on=dt.date(2025, 4, 30))
        stage_escalate(complaint=rented, requested_on=dt.date(2025, 5, 12))
        figures = ch01(Y2025)
        assert figures.count(1, LCRA) == 1 and figures.count(1, LCHO) == 1
        assert figures.count(2, LCRA) == 1 and figures.count(2) == 1
        assert owner.ownership is True


class TestCh02:
    def test_an_answer_within_an_extension_is_on_time_and_a_late_one_is_not(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        extended = record(dt.date(2025, 4, 17)).stages.get()
        stage_assign(stage=extended, handler=UserFactory())
        stage_acknowledge(stage=extended, acknowledged_on=dt.date(2025, 4, 22), defined_as="Missed repairs")
        extended.refresh_from_db()
        assert extended.respond_due == dt.date(2025, 5, 7)
        stage_extend(
            stage=extended, new_date=dt.date(2025, 5, 21), reason="Waiting for the contractor's report"
        )
        extended.refresh_from_db()
        stage_respond(
            stage=extended,
            responded_on=dt.date(2025, 5, 20),  # after the first date, within the extension
            response="Our answer.",
            points=[{"summary": "Missed repairs", "decision": "not_upheld", "reasons": "Access refused."}],
        )
        late = answer(
            record(dt.date(2025, 4, 17)).stages.get(),
            acknowledged_on=dt.date(2025, 4, 22),
            responded_on=dt.date(2025, 5, 8),  # a day after 7 May
            late_reason="Staff shortage",
        )
        assert late.responded_late
        figures = ch02(Y2025)
        assert figures.counts(1) == (2, 1)
        assert figures.share(1) == 50.0
        assert figures.share(2) is None


class TestScottishReturn:
    def test_received_responded_within_and_average_working_days_by_stage(self) -> None:
        in_nation(Nation.SCOTLAND)
        # Thursday 17 April 2025: frontline due Friday 25 April (Good Friday a holiday, Easter
        # Monday not, in Scotland).
        first = record(dt.date(2025, 4, 17))
        second = record(dt.date(2025, 4, 17))
        answer(first.stages.get(), acknowledged_on=None, responded_on=dt.date(2025, 4, 24))
        answer(
            second.stages.get(), acknowledged_on=None, responded_on=dt.date(2025, 4, 28), late_reason="Busy"
        )
        stage_escalate(complaint=second, requested_on=dt.date(2025, 4, 29))
        stages = arc(Y2025)
        frontline, investigation = stages
        assert (frontline.received, frontline.responded, frontline.within) == (2, 2, 1)
        expected = (
            working_days_between(dt.date(2025, 4, 17), dt.date(2025, 4, 24), "scotland")
            + working_days_between(dt.date(2025, 4, 17), dt.date(2025, 4, 28), "scotland")
        ) / 2
        # 4 and 6 working days (Good Friday off, Easter Monday worked in Scotland).
        assert frontline.average_working_days == round(expected, 1) == 5.0
        # A frontline complaint that went on to investigation counts at both stages.
        assert (investigation.received, investigation.responded, investigation.average_working_days) == (
            1,
            0,
            None,
        )
        assert figures(Y2025).scottish

    def test_the_working_day_index_counts_as_working_days_between(self) -> None:
        index = WorkingDayIndex(dt.date(2025, 4, 1), dt.date(2025, 6, 30), Nation.ENGLAND_AND_WALES)
        for start, end in [
            ((2025, 4, 17), (2025, 4, 28)),
            ((2025, 4, 1), (2025, 6, 30)),
            ((2025, 5, 2), (2025, 5, 6)),
        ]:
            a, b = dt.date(*start), dt.date(*end)
            assert index.between(a, b) == working_days_between(a, b, Nation.ENGLAND_AND_WALES)


class TestThemes:
    def test_counts_by_area_and_category_below_the_threshold_are_hidden_with_secondary(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        north, south = AreaFactory(name="North"), AreaFactory(name="South")
        repairs = category_save(name="Repairs")
        noise = category_save(name="Noise")
        for n in range(6):
            home = PropertyFactory(area=north)
            record(
                dt.date(2025, 4, 1) + dt.timedelta(days=n),
                resident=make_resident(home=home),
                categories=[repairs],
            )
        lone = record(
            dt.date(2025, 6, 2), resident=make_resident(home=PropertyFactory(area=south)), categories=[noise]
        )
        assert lone.area == south
        result = themes(Y2025, threshold=5)
        by_area = {row.label: row for row in result.by_area}
        assert by_area["South"].received is HIDDEN
        # North's 6 would give South's 1 away against the total of 7: hidden too.
        assert by_area["North"].received is HIDDEN or by_area["All complaints"].received is HIDDEN
        by_category = {row.label: row for row in result.by_category}
        assert by_category["Noise"].received is HIDDEN
        # Not split by area or group: the months are shown as counted.
        months = {row.label: row.received for row in result.by_month}
        assert months["June 2025"] == 1 and months["All complaints"] == 7

    def test_upheld_share_is_of_complaints_with_a_decision(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        area = AreaFactory(name="East")
        block = AreaFactory(name="Block 1", parent=area, level="block")
        for n, decision in enumerate(
            ["upheld", "partly_upheld", "not_upheld", "not_upheld", "upheld", "upheld"]
        ):
            # Homes in a block of the area count under the area (the top of the hierarchy).
            where = block if n % 2 else area
            complaint = record(dt.date(2025, 4, 1), resident=make_resident(home=PropertyFactory(area=where)))
            answer(
                complaint.stages.get(),
                acknowledged_on=dt.date(2025, 4, 2),
                responded_on=dt.date(2025, 4, 10 + n),
                decision=decision,
            )
        row = {r.label: r for r in themes(Y2025, threshold=2).by_area}["East"]
        assert (row.received, row.decided, row.upheld) == (6, 6, 4)
        assert row.upheld_share == 66.7


class TestTheRecords:
    def test_the_self_assessment_copies_the_codes_provisions_and_needs_every_one_assessed(self) -> None:
        officer = staff_user(Role.ENGAGEMENT_OFFICER, "officer@example.org")
        assessment = assessment_start(year=2025, by=officer)
        numbers = list(assessment.items.values_list("number", flat=True))
        assert numbers == [
            p.number
            for p in sorted(code_provisions().provisions, key=lambda p: [int(x) for x in p.number.split(".")])
        ]
        assert not code_provisions().complete
        with pytest.raises(AssessmentError, match="already"):
            assessment_start(year=2025)
        added = assessment_provision_add(
            assessment=assessment, number="8.1", section="", text="Words copied from the Code.", by=officer
        )
        assert added.section == "8 Self-assessment, reporting and compliance" and added.wording == "landlord"
        meeting = ActivityFactory()
        with pytest.raises(AssessmentError, match="not yet assessed"):
            record_present(record=assessment, meeting=meeting, response="Noted.")
        items = list(assessment.items.all())
        for item in items:
            assessment_item_save(item=item, compliance="yes", evidence="Policy section 3", by=officer)
        gap = items[0]
        assessment_item_save(item=gap, compliance="partly", evidence="Policy", commentary="Not yet trained")
        with pytest.raises(AssessmentError, match="action"):
            record_present(record=assessment, meeting=meeting, response="Noted.")
        action = assessment_action_add(
            item=gap, title="Train all staff", due_on=dt.date(2026, 9, 30), by=officer
        )
        assert action.assessment_item == gap and Action.objects.get().source == gap
        record_present(record=assessment, meeting=meeting, response="The Board accepts the assessment.")
        with pytest.raises(AssessmentError, match="presented"):
            assessment_item_save(item=gap, compliance="yes", evidence="Trained")
        record_publish(record=assessment, by=officer)
        assert assessment.published_on is not None

    def test_the_annual_report_keeps_its_figures_as_presented_and_publishes_them(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        record(dt.date(2025, 4, 17))
        report = annual_report_save(
            year=2025, member_responsible="Ms A Board", commentary="Fewer complaints."
        )
        with pytest.raises(AssessmentError, match="Present it"):
            record_publish(record=report)
        record_present(record=report, meeting=ActivityFactory(), response="The Board noted the report.")
        record(dt.date(2025, 4, 18))  # after it was presented
        record_publish(record=report)
        kept = tables_from_json(report.figures)
        ch01_row = kept[0].rows[0]
        assert ch01_row[2] == 1  # one stage 1 complaint when presented, not two
        page = Client().get(reverse("complaints-annual-report", args=[2025]))
        assert page.status_code == 200
        assert "The Board noted the report." in page.content.decode()
        assert "Ms A Board" in page.content.decode()

    def test_tables_keep_hidden_cells_and_dates_as_json(self) -> None:
        from tenantvoice.core.tables import Table

        tables = [Table("t", ["a", "b"], [["x", HIDDEN], [dt.date(2025, 4, 1), 3]])]
        assert tables_from_json(tables_to_json(tables))[0].rows == [["x", HIDDEN], [dt.date(2025, 4, 1), 3]]


class TestPages:
    def test_a_board_reader_reads_the_report_and_downloads_it_with_no_names(self) -> None:
        in_nation(Nation.ENGLAND_AND_WALES)
        resident = make_resident(first_name="Zebedee", last_name="Quartermaine")
        complaint = record(dt.date(2025, 4, 17), resident=resident)
        answer(
            complaint.stages.get(),
            acknowledged_on=dt.date(2025, 4, 22),
            responded_on=dt.date(2025, 4, 30),
            decision="upheld",
        )
        case = ombudsman_case_record(
            complaint=complaint, reference="202512345", referred_on=dt.date(2025, 6, 1)
        )
        ombudsman_determine(
            case=case,
            determined_on=dt.date(2025, 9, 1),
            findings=[{"issue": "Repairs", "determination": "maladministration"}],
            orders=[{"order": "Pay £100", "comply_by": dt.date(2025, 10, 1), "compensation_ordered": "100"}],
        )
        client = Client()
        sign_in(client, staff_user(Role.BOARD_READER, "board@example.org"))
        page = client.get(reverse("staff:complaints-report"), {"year": "2025"})
        assert page.status_code == 200
        text = page.content.decode()
        assert "CH01" in text and "Zebedee" not in text and "Quartermaine" not in text
        csv = client.get(reverse("staff:complaints-report"), {"year": "2025", "format": "csv"})
        assert csv["Content-Type"].startswith("text/csv") and b"CH02" in csv.content
        xlsx = client.get(reverse("staff:complaints-report"), {"year": "2025", "format": "xlsx"})
        assert xlsx.status_code == 200
        annual = client.get(reverse("staff:complaints-annual-report", args=[2025]))
        text = annual.content.decode()
        assert "202512345" in text and "Maladministration" in text and "Bookings lost" in text
        assert "Zebedee" not in text
        # Reading only: no forms to record for a board reader.
        assert (
            "complaints-annual-report-save" not in text
            and 'action="/staff/reports/complaints/annual/2025/save/"' not in text
        )

    def test_a_complaint_handler_assesses_a_provision_on_the_page(self) -> None:
        client = Client()
        sign_in(client, staff_user(Role.ENGAGEMENT_OFFICER, "officer@example.org"))
        start = client.post(reverse("staff:complaints-self-assessment-start", args=[2025]))
        assert start.status_code == 302
        page = client.get(reverse("staff:complaints-self-assessment", args=[2025]))
        assert "The list of provisions is incomplete" in page.content.decode()
        item = SelfAssessmentItem.objects.order_by("order").first()
        assert item is not None
        empty = client.post(reverse("staff:complaints-self-assessment-item", args=[item.pk]), {})
        assert empty.status_code == 400
        saved = client.post(
            reverse("staff:complaints-self-assessment-item", args=[item.pk]),
            {f"p{item.pk}-compliance": "no", f"p{item.pk}-evidence": "No policy yet"},
        )
        assert saved.status_code == 302
        added = client.post(
            reverse("staff:complaints-self-assessment-action", args=[item.pk]),
            {f"a{item.pk}-title": "Write the policy", f"a{item.pk}-due_on": "30/9/2026"},
        )
        assert added.status_code == 302
        assert Action.objects.get(assessment_item=item).title == "Write the policy"
        assert client.get(reverse("complaints-self-assessment", args=[2025])).status_code == 404
