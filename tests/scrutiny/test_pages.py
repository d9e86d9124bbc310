"""The scrutiny pages: officers run a review through its forms; board readers read it without
residents' names; panel members see their review in the portal (anyone else gets 404);
residents and the public see only what is published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tenantvoice.actions.models import Action
from tenantvoice.core.roles import Role
from tenantvoice.outcomes.models import Outcome
from tenantvoice.scrutiny.models import Evidence, Review
from tenantvoice.scrutiny.services import evidence_add, recommendation_add, review_publish, review_report_save
from tests.conftest import sign_in
from tests.factories import ResidentFactory, UserFactory

from .helpers import board_meeting, panel_with, review_with, worked_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_an_officer_proposes_a_review_and_runs_it(officer_client: Client) -> None:
    panel = panel_with(ResidentFactory())
    answer = officer_client.post(
        reverse("staff:scrutiny-review-new"),
        {
            "title": "Void repairs",
            "reason": "Satisfaction fell",
            "panel": panel.pk,
            "service_standard": "Voids in 20 days",
        },
    )
    review = Review.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "staff:scrutiny-review", args=[review.pk]
    )
    pk = review.pk
    steps = [
        ("staff:scrutiny-stage", {"stage-stage": "scoping"}),
        ("staff:scrutiny-committee", {"cmt-committee_on": "10/03/2027"}),
        ("staff:scrutiny-milestone-new", {"ms-title": "Site visit", "ms-due_on": "15/01/2027"}),
        ("staff:scrutiny-request-new", {"req-question": "Void times", "req-officer_name": "Head of Repairs"}),
        ("staff:scrutiny-finding-new", {"fd-text": "Voids take 40 days"}),
        ("staff:scrutiny-recommendation-new", {"rec-text": "Tell tenants the date"}),
    ]
    for name, data in steps:
        step = officer_client.post(reverse(name, args=[pk]), data)
        assert step.status_code == 302, (name, step.content.decode()[:2000])
    review.refresh_from_db()
    assert review.stage == "scoping" and review.report_deadline == dt.date(2027, 3, 10)
    assert review.milestones.count() == 2 and review.requests.count() == 1
    page = officer_client.get(reverse("staff:scrutiny-review", args=[pk]))
    text = page.content.decode()
    assert "Void times" in text and "Voids take 40 days" in text and "Tell tenants the date" in text
    assert "TenantVoice&#x27;s default" in text  # no strategy standard: the page says so


def test_a_refused_form_shows_its_problem_on_the_review_page(officer_client: Client) -> None:
    review, _ = review_with(0)
    answer = officer_client.post(
        reverse("staff:scrutiny-request-new", args=[review.pk]), {"req-question": "Void times"}
    )
    assert answer.status_code == 400
    assert "Name the officer asked" in answer.content.decode()


def test_an_officer_records_the_response_and_the_action_is_made(officer_client: Client) -> None:
    review, [rec] = review_with(1)
    meeting = board_meeting(dt.date(2026, 11, 18))
    answer = officer_client.post(
        reverse("staff:scrutiny-response", args=[rec.pk]),
        {
            "response": "partly",
            "reasons": "Only for voids",
            "meeting": meeting.pk,
            "owner_name": "Head of Repairs",
            "due_on": "31/03/2027",
            "retest_on": "30/09/2027",
        },
    )
    assert answer.status_code == 302
    action = Action.objects.get(recommendation=rec)
    assert action.retest_on == dt.date(2027, 9, 30)
    refused = officer_client.post(
        reverse("staff:scrutiny-response", args=[recommendation_add(review=review, text="Another").pk]),
        {"response": "not_accepted", "meeting": meeting.pk},
    )
    assert refused.status_code == 400 and "Give the reasons" in refused.content.decode()


def test_the_officer_uploads_evidence_and_the_panel_downloads_it(officer_client: Client, media: None) -> None:
    member = ResidentFactory()
    review, _ = review_with(0, panel=panel_with(member))
    answer = officer_client.post(
        reverse("staff:scrutiny-evidence-new", args=[review.pk]),
        {
            "ev-kind": "document",
            "ev-title": "Voids policy",
            "ev-file": SimpleUploadedFile("policy.txt", b"Policy"),
        },
    )
    assert answer.status_code == 302
    evidence = Evidence.objects.get()
    url = reverse("scrutiny-evidence-file", args=[evidence.pk])
    panel_member = sign_in(Client(), UserFactory(role=Role.RESIDENT, email="pm@example.org", resident=member))
    assert b"".join(panel_member.get(url).streaming_content) == b"Policy"
    outsider = sign_in(
        Client(), UserFactory(role=Role.RESIDENT, email="o@example.org", resident=ResidentFactory())
    )
    assert outsider.get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_board_readers_read_reviews_without_residents_names(client: Client, board_reader: Any) -> None:
    member = ResidentFactory(first_name="Priya", last_name="Panelmember")
    review, _ = review_with(1, panel=panel_with(member))
    reader = sign_in(client, board_reader)
    page = reader.get(reverse("staff:scrutiny-review", args=[review.pk]))
    assert page.status_code == 200 and "Panelmember" not in page.content.decode()
    assert "Add a recommendation" not in page.content.decode()
    assert (
        reader.post(reverse("staff:scrutiny-finding-new", args=[review.pk]), {"fd-text": "x"}).status_code
        == 403
    )


def test_officers_see_who_is_on_the_panel(officer_client: Client) -> None:
    member = ResidentFactory(first_name="Priya", last_name="Panelmember")
    review, _ = review_with(0, panel=panel_with(member))
    assert (
        "Panelmember"
        in officer_client.get(reverse("staff:scrutiny-review", args=[review.pk])).content.decode()
    )


def test_a_panel_member_sees_their_review_in_the_portal(
    tenant_client: Client, tess: Any, media: None
) -> None:
    review, _ = review_with(1, panel=panel_with(tess))
    evidence_add(
        review=review, kind="site_visit", title="Visit to Elm Court", describes_on=dt.date(2026, 10, 2)
    )
    listing = tenant_client.get(reverse("portal:scrutiny-reviews"))
    assert review.title in listing.content.decode()
    page = tenant_client.get(reverse("portal:scrutiny-review", args=[review.pk]))
    assert page.status_code == 200 and "Visit to Elm Court" in page.content.decode()


def test_a_resident_not_on_the_panel_is_told_it_does_not_exist(tenant_client: Client) -> None:
    review, _ = review_with(1)
    assert tenant_client.get(reverse("portal:scrutiny-review", args=[review.pk])).status_code == 404


def test_a_former_panel_member_no_longer_sees_it(tenant_client: Client, tess: Any) -> None:
    panel = panel_with(tess)
    panel.seat_categories.get().holdings.update(ended_on=dt.date(2026, 1, 1))
    review, _ = review_with(1, panel=panel)
    assert tenant_client.get(reverse("portal:scrutiny-review", args=[review.pk])).status_code == 404


def test_only_published_reviews_are_public(client: Client) -> None:
    review, _ = worked_example()
    url = reverse("scrutiny-review", args=[review.pk])
    assert client.get(url).status_code == 404
    assert review.title not in client.get(reverse("scrutiny")).content.decode()
    review_report_save(review=review, report="Voids take too long.")
    review_publish(review=review)
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Voids take too long." in text
    assert "Partly accepted" in text and "Costs are being worked out." in text
    assert "Head of Repairs" not in text  # the owner is staff detail, not shown to the public
    assert review.title in client.get(reverse("scrutiny")).content.decode()


def test_the_unpublished_report_file_is_not_public(client: Client, media: None) -> None:
    review, _ = review_with(1)
    review_report_save(review=review, report_file=SimpleUploadedFile("report.txt", b"Report"))
    url = reverse("scrutiny-report-file", args=[review.pk])
    assert client.get(url).status_code == 404
    review_publish(review=review)
    assert b"".join(client.get(url).streaming_content) == b"Report"


def test_you_said_we_did_tells_the_panel(officer_client: Client) -> None:
    member = ResidentFactory(email="pm@example.org")
    review, _ = worked_example()
    review.panel = panel_with(member)
    review.save()
    review_report_save(review=review, report="Voids take too long.")
    review_publish(review=review)
    data = {"o-you_said": "Voids are slow", "o-we_did": "We accepted 5 of 7"}
    confirm = officer_client.post(reverse("staff:scrutiny-outcome", args=[review.pk]), data)
    assert confirm.status_code == 200 and "Publish and tell" in confirm.content.decode()
    done = officer_client.post(
        reverse("staff:scrutiny-outcome", args=[review.pk]), {**data, "confirm": "yes"}
    )
    assert done.status_code == 302
    outcome = Outcome.objects.get(review=review)
    assert outcome.title == f"Scrutiny review: {review.title}"
    from tenantvoice.scrutiny.sends import ReviewOutcome

    assert list(ReviewOutcome().recipients(review)) == [member]


def test_you_said_we_did_waits_for_publication(officer_client: Client) -> None:
    review, _ = worked_example()
    data = {"o-you_said": "Voids are slow", "o-we_did": "We accepted 5 of 7"}
    refused = officer_client.post(reverse("staff:scrutiny-outcome", args=[review.pk]), data)
    assert refused.status_code == 400 and "Publish the review first" in refused.content.decode()


def test_an_officer_changes_the_review_and_a_milestone(officer_client: Client) -> None:
    review, _ = review_with(0)
    form = officer_client.get(reverse("staff:scrutiny-review-edit", args=[review.pk]))
    assert form.status_code == 200 and review.title in form.content.decode()
    changed = officer_client.post(
        reverse("staff:scrutiny-review-edit", args=[review.pk]),
        {"title": "Empty homes", "reason": "Voids take 40 days", "panel": review.panel_id},
    )
    assert changed.status_code == 302
    review.refresh_from_db()
    assert review.title == "Empty homes"
    from tenantvoice.scrutiny.services import milestone_add

    milestone = milestone_add(review=review, title="Site visit", due_on=dt.date(2027, 1, 5))
    done = officer_client.post(
        reverse("staff:scrutiny-milestone", args=[milestone.pk]), {"done_on": "06/01/2027"}
    )
    assert done.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2027, 1, 6)


def test_a_late_answer_on_the_page_asks_for_the_reason(officer_client: Client) -> None:
    from tenantvoice.scrutiny.services import evidence_request_add

    review, _ = review_with(0)
    asked = evidence_request_add(
        review=review, question="Void times", officer_name="Head of Repairs", asked_on=dt.date(2026, 6, 1)
    )
    url = reverse("staff:scrutiny-request-answer", args=[asked.pk])
    refused = officer_client.post(url, {"answer": "Here", "on": "30/06/2026"})
    assert refused.status_code == 400 and "record why, as a breach" in refused.content.decode()
    recorded = officer_client.post(
        url, {"answer": "Here", "on": "30/06/2026", "late_reason": "Officer on leave"}
    )
    assert recorded.status_code == 302
    page = officer_client.get(reverse("staff:scrutiny-review", args=[review.pk])).content.decode()
    assert "Late: a breach" in page and "Officer on leave" in page
