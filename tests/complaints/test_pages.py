"""Complaints' pages through the test client: each form's happy path and a refusal shown in
words, nothing written when refused; the list's filters and downloads (audited); the resident's
own pages; the staff home's complaints due."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action
from tenantvoice.complaints.models import (
    CaseKind,
    CaseStatus,
    Category,
    Complaint,
    Extension,
    Learning,
    OmbudsmanCase,
    Point,
    ReceivedBy,
    Stage,
)
from tenantvoice.complaints.services import (
    category_save,
    complaint_record,
    stage_acknowledge,
    stage_assign,
    stage_respond,
)
from tenantvoice.core.models import AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.core.working_days import add_working_days, landlord_nation
from tenantvoice.residents.models import Resident
from tests.conftest import sign_in
from tests.factories import make_resident, staff_user

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def record(resident: Resident | None = None, **kwargs: Any) -> Complaint:
    kwargs.setdefault("received_on", today())
    kwargs.setdefault("received_by", ReceivedBy.PHONE)
    return complaint_record(
        resident=resident or make_resident(),
        what_went_wrong=kwargs.pop("what_went_wrong", "Nobody came to fix the boiler."),
        outcome_wanted="A working boiler.",
        **kwargs,
    )


def acknowledged(complaint: Complaint, handler: User) -> Stage:
    stage = complaint.stages.get()
    stage_assign(stage=stage, handler=handler)
    return stage_acknowledge(stage=stage, acknowledged_on=today(), defined_as="Missed repairs")


def answered(complaint: Complaint, handler: User, decision: str = "not_upheld") -> Stage:
    stage = acknowledged(complaint, handler)
    return stage_respond(
        stage=stage,
        responded_on=today(),
        response="We looked into it.",
        points=[{"summary": "Missed repairs", "decision": decision, "reasons": "The records."}],
        learning={"what_learnt": "Bookings lost", "change_made": "Daily check"}
        if decision != "not_upheld"
        else None,
    )


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_each_complaint_with_its_dates_and_a_late_flag_in_words(
    officer_client: Client,
) -> None:
    long_ago = add_working_days(today(), -15, landlord_nation())
    late = record(received_on=long_ago, what_went_wrong="Late one")
    fresh = record()
    page = text(officer_client.get("/staff/complaints/"))
    assert late.reference in page and fresh.reference in page
    assert "2 complaints and requests" in page
    assert '<strong class="tag tag--red">Late</strong>' in page
    late_only = text(officer_client.get("/staff/complaints/?state=late"))
    assert late.reference in late_only and fresh.reference not in late_only


def test_the_list_filters_by_category_kind_handler_and_dates(officer_client: Client, officer: User) -> None:
    repairs = category_save(name="Repairs")
    a = record(categories=[repairs], handler=officer)
    b = record(kind=CaseKind.SERVICE_REQUEST, received_on=today() - dt.timedelta(days=3))
    page = text(officer_client.get(f"/staff/complaints/?category={repairs.pk}"))
    assert a.reference in page and b.reference not in page
    page = text(officer_client.get("/staff/complaints/?kind=service_request"))
    assert b.reference in page and a.reference not in page
    page = text(officer_client.get(f"/staff/complaints/?handler={officer.pk}"))
    assert a.reference in page and b.reference not in page
    page = text(
        officer_client.get(f"/staff/complaints/?received_to={today() - dt.timedelta(days=1):%d/%m/%Y}")
    )
    assert b.reference in page and a.reference not in page
    bad = officer_client.get("/staff/complaints/?received_from=31/12/2026&received_to=1/1/2026")
    assert bad.status_code == 400 and "The second date must be on or after the first." in text(bad)


def test_the_list_filters_by_area_with_the_area_picker(officer_client: Client) -> None:
    mine = record()
    other = record()
    area = mine.area
    assert area is not None and other.area != area
    page = text(officer_client.get(f"/staff/complaints/?area={area.pk}"))
    assert mine.reference in page and other.reference not in page


def test_the_downloads_hold_the_filtered_list_and_are_audited(officer_client: Client) -> None:
    complaint = record()
    response = officer_client.get("/staff/complaints/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert complaint.reference in text(response)
    assert AuditEvent.objects.filter(action="export", object_type="complaint").count() == 1
    response = officer_client.get("/staff/complaints/?format=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert AuditEvent.objects.filter(action="export", object_type="complaint").count() == 2


def test_a_manager_reads_complaints_but_is_offered_no_changes(client: Client, manager: User) -> None:
    complaint = record()
    sign_in(client, manager)
    page = text(client.get(f"/staff/complaints/{complaint.pk}/"))
    assert complaint.reference in page and "Acknowledge it" not in page
    assert client.post(f"/staff/complaints/{complaint.pk}/acknowledge/").status_code == 403
    assert AuditEvent.objects.filter(action="view", object_type="complaint", object_id=complaint.pk).exists()


# --- Recording -----------------------------------------------------------------------------


def test_an_officer_records_a_complaint_for_a_resident_found_with_the_picker(
    officer_client: Client, officer: User
) -> None:
    resident = make_resident(first_name="Rita", last_name="Rowe")
    repairs = category_save(name="Repairs")
    form = officer_client.get(f"/staff/complaints/new/?resident={resident.pk}")
    assert "Rowe, Rita" in text(form)
    response = officer_client.post(
        "/staff/complaints/new/",
        {
            "kind": "complaint",
            "resident": resident.pk,
            "received_by": "phone",
            "received_on": f"{today():%d/%m/%Y}",
            "categories": [repairs.pk],
            "what_went_wrong": "The lift has been broken for a month.",
            "outcome_wanted": "Fix it.",
            "handler": officer.pk,
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/complaints/{complaint.pk}/"
    assert complaint.resident == resident and complaint.home is not None
    assert list(complaint.categories.all()) == [repairs]
    assert complaint.stages.get().handler == officer
    page = text(officer_client.get(response["Location"]))
    assert "The lift has been broken for a month." in page and "Acknowledge by" in page


def test_a_refused_recording_says_why_and_writes_nothing(officer_client: Client) -> None:
    response = officer_client.post(
        "/staff/complaints/new/",
        {
            "kind": "complaint",
            "received_by": "representative",
            "received_on": f"{today():%d/%m/%Y}",
            "what_went_wrong": "Noise",
        },
    )
    assert response.status_code == 400
    assert "Say who it is from" in text(response)
    assert not Complaint.objects.exists()


def test_the_residents_page_links_to_record_a_complaint(officer_client: Client) -> None:
    complaint = record()
    page = text(officer_client.get(f"/staff/residents/{complaint.resident_id}/"))
    assert f"/staff/complaints/new/?resident={complaint.resident_id}" in page
    assert complaint.reference in page


# --- Each step -----------------------------------------------------------------------------


def test_acknowledge_with_the_complaint_as_understood_or_be_told_what_is_missing(
    officer_client: Client,
) -> None:
    complaint = record()
    url = f"/staff/complaints/{complaint.pk}/acknowledge/"
    refused = officer_client.post(url, {"ack-acknowledged_on": f"{today():%d/%m/%Y}", "ack-defined_as": ""})
    assert refused.status_code == 400 and "Say what you understand the complaint to be." in text(refused)
    done = officer_client.post(
        url, {"ack-acknowledged_on": f"{today():%d/%m/%Y}", "ack-defined_as": "Missed repairs"}
    )
    assert done.status_code == 302
    stage = complaint.stages.get()
    assert stage.acknowledged_on == today() and stage.defined_as == "Missed repairs"


def test_stage_2_must_have_another_handler(officer_client: Client, officer: User) -> None:
    complaint = record()
    answered(complaint, officer)
    officer_client.post(
        f"/staff/complaints/{complaint.pk}/next-stage/", {"esc-requested_on": f"{today():%d/%m/%Y}"}
    )
    assert complaint.stages.count() == 2
    refused = officer_client.post(f"/staff/complaints/{complaint.pk}/handler/", {"as-handler": officer.pk})
    assert refused.status_code == 400
    assert "must be handled by someone other than" in text(refused)
    other = staff_user(Role.ENGAGEMENT_OFFICER, "other@example.org")
    done = officer_client.post(f"/staff/complaints/{complaint.pk}/handler/", {"as-handler": other.pk})
    assert done.status_code == 302
    assert complaint.stages.get(number=2).handler == other


def test_extend_shows_the_latest_date_and_refuses_beyond_the_cap(
    officer_client: Client, officer: User
) -> None:
    complaint = record()
    stage = acknowledged(complaint, officer)
    page = text(officer_client.get(f"/staff/complaints/{complaint.pk}/"))
    latest = add_working_days(stage.respond_due, 10, landlord_nation())
    assert f"the latest date is {latest:%A} {latest.day} {latest:%B %Y}" in page
    url = f"/staff/complaints/{complaint.pk}/extend/"
    too_far = officer_client.post(
        url,
        {"ext-new_date": f"{latest + dt.timedelta(days=7):%d/%m/%Y}", "ext-reason": "Waiting for a survey"},
    )
    assert too_far.status_code == 400 and "can be extended by no more than 10 working days" in text(too_far)
    assert not Extension.objects.exists()
    done = officer_client.post(
        url, {"ext-new_date": f"{latest:%d/%m/%Y}", "ext-reason": "Waiting for a survey"}
    )
    assert done.status_code == 302
    assert complaint.stages.get().respond_by == latest


def test_respond_point_by_point_with_a_remedy_an_action_and_learning(
    officer_client: Client, officer: User
) -> None:
    complaint = record()
    acknowledged(complaint, officer)
    url = f"/staff/complaints/{complaint.pk}/respond/"
    assert officer_client.get(url).status_code == 200
    base = {
        "responded_on": f"{today():%d/%m/%Y}",
        "response": "We are sorry.",
        "point_1_summary": "Missed repairs",
        "point_1_decision": "upheld",
        "point_1_reasons": "Three visits were missed.",
        "remedy_1_kind": "compensation",
        "remedy_1_point": "1",
        "remedy_1_description": "For the missed visits",
        "remedy_1_amount": "75",
        "remedy_1_amount_reason": "£25 a visit",
        "action_1_title": "Fix the boiler",
        "action_1_due_on": f"{today() + dt.timedelta(days=10):%d/%m/%Y}",
    }
    # An upheld point without learning: refused in words, nothing written.
    refused = officer_client.post(url, base)
    assert refused.status_code == 400
    assert "A point is upheld: say what was learnt" in text(refused)
    assert not Point.objects.exists() and not Action.objects.exists()
    done = officer_client.post(
        url, {**base, "what_learnt": "Bookings were lost", "change_made": "A daily check", "public": "on"}
    )
    assert done.status_code == 302
    stage = complaint.stages.get()
    assert stage.responded_on == today()
    assert stage.points.get().decision == "upheld"
    remedy = stage.remedies.get()
    assert remedy.amount == 75 and remedy.point == stage.points.get()
    assert Action.objects.get(complaint=complaint).title == "Fix the boiler"
    assert Learning.objects.get(complaint=complaint).what_learnt == "Bookings were lost"
    page = text(officer_client.get(f"/staff/complaints/{complaint.pk}/"))
    assert "Three visits were missed." in page and "Fix the boiler" in page and "Bookings were lost" in page
    paid = officer_client.post(
        f"/staff/complaints/remedies/{remedy.pk}/paid/", {f"paid{remedy.pk}-paid_on": f"{today():%d/%m/%Y}"}
    )
    assert paid.status_code == 302
    remedy.refresh_from_db()
    assert remedy.paid_on == today()


def test_a_remedy_for_an_empty_point_is_refused(officer_client: Client, officer: User) -> None:
    complaint = record()
    acknowledged(complaint, officer)
    response = officer_client.post(
        f"/staff/complaints/{complaint.pk}/respond/",
        {
            "responded_on": f"{today():%d/%m/%Y}",
            "response": "Sorry",
            "point_1_summary": "A",
            "point_1_decision": "not_upheld",
            "point_1_reasons": "B",
            "remedy_1_kind": "apology",
            "remedy_1_point": "3",
            "remedy_1_description": "Sorry",
        },
    )
    assert response.status_code == 400 and "Remedy 1 is for point 3, which is empty." in text(response)


def test_refuse_withdraw_and_new_issue(officer_client: Client) -> None:
    complaint = record()
    url = f"/staff/complaints/{complaint.pk}"
    refused = officer_client.post(
        f"{url}/not-accepted/", {"ref-refused_on": f"{today():%d/%m/%Y}", "ref-detail": "x"}
    )
    assert refused.status_code == 400 and "Choose why it is not accepted." in text(refused)
    new_issue = officer_client.post(
        f"{url}/new-issue/",
        {"ni-detail": "Also the lights", "ni-related": "no", "ni-received_on": f"{today():%d/%m/%Y}"},
    )
    assert new_issue.status_code == 302
    logged = Complaint.objects.get(raised_during=complaint)
    assert new_issue["Location"] == f"/staff/complaints/{logged.pk}/"
    joined = officer_client.post(
        f"{url}/new-issue/",
        {"ni-detail": "And the door", "ni-related": "yes", "ni-received_on": f"{today():%d/%m/%Y}"},
    )
    assert joined.status_code == 302
    complaint.refresh_from_db()
    assert "And the door" in complaint.what_went_wrong
    done = officer_client.post(
        f"{url}/not-accepted/",
        {
            "ref-reason": "legal_proceedings",
            "ref-refused_on": f"{today():%d/%m/%Y}",
            "ref-detail": "In court",
        },
    )
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == CaseStatus.REFUSED
    withdrawn = officer_client.post(
        f"/staff/complaints/{logged.pk}/withdrawn/",
        {"wd-withdrawn_on": f"{today():%d/%m/%Y}", "wd-note": "Phoned"},
    )
    assert withdrawn.status_code == 302
    logged.refresh_from_db()
    assert logged.status == CaseStatus.WITHDRAWN


def test_a_service_request_becomes_a_complaint_or_is_closed(officer_client: Client) -> None:
    request = record(kind=CaseKind.SERVICE_REQUEST)
    url = f"/staff/complaints/{request.pk}"
    page = text(officer_client.get(f"{url}/"))
    assert "Make it a complaint" in page
    refused = officer_client.post(
        f"{url}/make-complaint/",
        {
            "rc-what_went_wrong": "Slow",
            "rc-received_on": f"{request.received_on - dt.timedelta(days=1):%d/%m/%Y}",
            "rc-received_by": "phone",
        },
    )
    assert refused.status_code == 400 and "cannot be dated before the service request" in text(refused)
    made = officer_client.post(
        f"{url}/make-complaint/",
        {"rc-what_went_wrong": "Slow", "rc-received_on": f"{today():%d/%m/%Y}", "rc-received_by": "phone"},
    )
    complaint = Complaint.objects.get(from_request=request)
    assert made["Location"] == f"/staff/complaints/{complaint.pk}/"
    closed = officer_client.post(f"{url}/close/", {"cl-closed_on": f"{today():%d/%m/%Y}"})
    assert closed.status_code == 302
    request.refresh_from_db()
    assert request.status == CaseStatus.CLOSED


def test_learning_with_its_steps_goes_into_the_tracker(officer_client: Client) -> None:
    complaint = record()
    url = f"/staff/complaints/{complaint.pk}/learning/"
    refused = officer_client.post(url, {"ln-what_learnt": "Something", "ln-action_1_title": "Train staff"})
    assert refused.status_code == 400 and "Say what will change because of it." in text(refused)
    done = officer_client.post(
        url,
        {
            "ln-what_learnt": "Staff did not know the process",
            "ln-change_made": "Training",
            "ln-action_1_title": "Train staff",
            "ln-action_1_due_on": f"{today() + dt.timedelta(days=30):%d/%m/%Y}",
        },
    )
    assert done.status_code == 302
    assert Action.objects.get(complaint=complaint).title == "Train staff"


def test_an_ombudsman_case_its_determination_and_an_order_complied_with(
    officer_client: Client, officer: User
) -> None:
    complaint = record()
    answered(complaint, officer)
    url = f"/staff/complaints/{complaint.pk}/ombudsman/"
    refused = officer_client.post(url, {"omb-referred_on": f"{today():%d/%m/%Y}"})
    assert refused.status_code == 400 and "Give the Ombudsman's case reference." in text(refused)
    assert (
        officer_client.post(
            url, {"omb-reference": "202500001", "omb-referred_on": f"{today():%d/%m/%Y}"}
        ).status_code
        == 302
    )
    case = OmbudsmanCase.objects.get()
    determination = f"/staff/complaints/ombudsman/{case.pk}/determination/"
    assert officer_client.get(determination).status_code == 200
    none_given = officer_client.post(determination, {"determined_on": f"{today():%d/%m/%Y}"})
    assert none_given.status_code == 400 and "Give the Ombudsman's finding on each issue." in text(none_given)
    done = officer_client.post(
        determination,
        {
            "determined_on": f"{today():%d/%m/%Y}",
            "finding_1_issue": "Repairs",
            "finding_1_determination": "maladministration",
            "order_1_order": "Pay £200",
            "order_1_comply_by": f"{today() + dt.timedelta(days=28):%d/%m/%Y}",
            "order_1_compensation_ordered": "200",
        },
    )
    assert done.status_code == 302
    order = case.orders.get()
    page = text(officer_client.get(f"/staff/complaints/{complaint.pk}/"))
    assert "Maladministration" in page and "Pay £200" in page
    complied = officer_client.post(
        f"/staff/complaints/ombudsman/orders/{order.pk}/",
        {f"oc{order.pk}-complied_on": f"{today():%d/%m/%Y}", f"oc{order.pk}-compensation_paid": "200"},
    )
    assert complied.status_code == 302
    order.refresh_from_db()
    assert order.complied_on == today() and order.compensation_paid == 200


def test_categories_are_added_renamed_and_retired(officer_client: Client) -> None:
    assert (
        officer_client.post("/staff/complaints/categories/", {"name": "Repairs", "active": "on"}).status_code
        == 302
    )
    clash = officer_client.post("/staff/complaints/categories/", {"name": "repairs", "active": "on"})
    assert clash.status_code == 400 and "There is already a category with that name." in text(clash)
    category = Category.objects.get()
    done = officer_client.post(
        f"/staff/complaints/categories/{category.pk}/", {"name": "Repairs and maintenance"}
    )
    assert done.status_code == 302
    category.refresh_from_db()
    assert category.name == "Repairs and maintenance" and not category.active
    assert "Retired" in text(officer_client.get("/staff/complaints/categories/"))
    assert "Repairs and maintenance" not in text(officer_client.get("/staff/complaints/new/"))


# --- The staff home ------------------------------------------------------------------------


def test_the_staff_home_lists_complaints_due_soon_or_late(officer_client: Client, officer: User) -> None:
    nation = landlord_nation()
    soon = record(received_on=add_working_days(today(), -4, nation))  # acknowledge within a day or so
    late = record(received_on=add_working_days(today(), -10, nation))
    later = record()  # acknowledge in five working days
    page = text(officer_client.get("/staff/"))
    assert "Complaints to acknowledge or answer" in page
    assert f"Acknowledge complaint {late.reference}" in page and "working days late" in page
    assert f"Acknowledge complaint {soon.reference}" in page
    assert later.reference not in page


# --- Residents -----------------------------------------------------------------------------


def test_a_resident_makes_a_complaint_and_sees_the_reference_and_dates(
    tenant_client: Client, tess: Resident
) -> None:
    empty = tenant_client.post("/my/complaints/new/", {"what_went_wrong": ""})
    assert empty.status_code == 400 and "Tell us what went wrong." in text(empty)
    response = tenant_client.post(
        "/my/complaints/new/",
        {"what_went_wrong": "My window will not close.", "outcome_wanted": "Fix it", "matter_on": ""},
    )
    complaint = Complaint.objects.get()
    assert complaint.resident == tess and complaint.received_by == ReceivedBy.PORTAL
    assert response["Location"] == f"/my/complaints/{complaint.pk}/made/"
    made = text(tenant_client.get(response["Location"]))
    stage = complaint.stages.get()
    assert complaint.reference in made
    assert f"{stage.acknowledge_due:%A} {stage.acknowledge_due.day} {stage.acknowledge_due:%B %Y}" in made
    listed = text(tenant_client.get("/my/complaints/"))
    assert complaint.reference in listed
    assert "Complaints" in text(tenant_client.get("/my/"))


def test_a_resident_reads_the_decisions_and_asks_for_stage_2_in_one_step(
    tenant_client: Client, tess: Resident, officer: User
) -> None:
    complaint = record(resident=tess)
    page = text(tenant_client.get(f"/my/complaints/{complaint.pk}/"))
    assert "Ask for Stage 2" not in page
    refused = tenant_client.post(f"/my/complaints/{complaint.pk}/next-stage/")
    assert refused.status_code == 400 and "has not been answered yet" in text(refused)
    answered(complaint, officer, decision="partly_upheld")
    page = text(tenant_client.get(f"/my/complaints/{complaint.pk}/"))
    assert "Partly upheld" in page and "The records." in page
    assert "Ask for Stage 2" in page
    response = tenant_client.post(f"/my/complaints/{complaint.pk}/next-stage/")
    assert response.status_code == 302
    assert complaint.stages.count() == 2
    page = text(tenant_client.get(response["Location"]))
    assert "You have asked for Stage 2" in page


def test_a_resident_never_sees_anyone_elses_complaint(tenant_client: Client) -> None:
    other = record()
    assert tenant_client.get(f"/my/complaints/{other.pk}/").status_code == 404
    assert tenant_client.post(f"/my/complaints/{other.pk}/next-stage/").status_code == 404
    assert other.reference not in text(tenant_client.get("/my/complaints/"))


def test_the_subject_access_page_has_the_complaint(
    tenant_client: Client, tess: Resident, officer: User
) -> None:
    complaint = record(resident=tess)
    answered(complaint, officer, decision="upheld")
    page = text(tenant_client.get("/my/data/"))
    assert "Your complaints and service requests" in page and complaint.reference in page
    records = tenant_client.get("/my/data.json").json()["sections"]["complaints"]["records"]
    assert "Missed repairs: Upheld. The records." in str(records)
    assert "olive.officer@example.org" not in page
