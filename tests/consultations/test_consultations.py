"""Consultations: the strategy's minimum period, notice to those affected (and, in Scotland, to
registered tenant organisations), replies, the decision with regard had, and you said, we did."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tenantvoice.activities.returns import quarterly_return
from tenantvoice.comms.models import Message
from tenantvoice.consultations.models import Consultation, Notice
from tenantvoice.consultations.services import (
    ConsultationError,
    consultation_create,
    consultation_decide,
    consultation_open,
    representation_add,
)
from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import Group
from tenantvoice.involvement.services import seat_fill
from tenantvoice.outcomes.models import Outcome
from tenantvoice.outcomes.services import outcome_publish
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import run_sends, sign_in
from tests.factories import BEFORE_TENANTVOICE, ResidentFactory, TenancyMemberFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 24)


def draft(**fields: object) -> Consultation:
    values: dict[str, object] = {
        "title": "Lettings policy",
        "summary": "We propose to change how we let homes.",
        "likely_effect": "Waiting times may change.",
        "opens_on": TODAY,
        "closes_on": TODAY + dt.timedelta(days=28),
        **fields,
    }
    return consultation_create(**values)


def test_the_strategy_sets_the_shortest_time_to_reply() -> None:
    strategy_load("tower-hamlets-homes")  # at least three weeks
    with pytest.raises(ConsultationError, match="at least 21 days.*Tuesday 15 December 2026"):
        draft(closes_on=TODAY + dt.timedelta(days=20))
    assert draft(closes_on=TODAY + dt.timedelta(days=21)).pk


def test_opening_gives_notice_to_everyone_affected_by_their_own_channel() -> None:
    strategy_load("tower-hamlets-homes")
    TenancyMemberFactory(resident=ResidentFactory(first_name="Emma", preferred_channel="email"))
    TenancyMemberFactory(resident=ResidentFactory(first_name="Lou", preferred_channel="letter"))
    consultation = draft()
    consultation_open(consultation=consultation, today=TODAY)
    assert run_sends() == 2
    assert Notice.objects.filter(consultation=consultation).count() == 2
    email = Message.objects.get(recipient__first_name="Emma")
    assert email.subject == "Have your say: Lettings policy" and "Tuesday 22 December 2026" in email.body
    assert "/consultations/" in email.body
    with pytest.raises(ConsultationError, match="already open"):
        consultation_open(consultation=consultation, today=TODAY)
    run_sends()


def test_scottish_statutory_consultation_tells_registered_tenant_organisations_and_needs_regard() -> None:
    strategy_load("thenue")
    association = Group.objects.filter(recognition="recognised").first()
    assert association is not None, "Thenue's Area Associations are registered tenant organisations"
    chair = ResidentFactory(first_name="Moira")
    category = association.seat_categories.first()
    assert category is not None
    seat_fill(
        category=category, resident=chair, started_on=dt.date(2025, 1, 1), override_reason=BEFORE_TENANTVOICE
    )
    with pytest.raises(ConsultationError, match="must say how the proposal would affect"):
        draft(statutory_s54=True, likely_effect=" ")
    consultation = draft(statutory_s54=True, topic="repairs")
    consultation_open(consultation=consultation, today=TODAY)
    run_sends()
    assert Notice.objects.filter(consultation=consultation, group=association).exists()
    told = Message.objects.get(recipient=chair, template="consultation_notice")
    assert f"to {association.name} as a registered tenant organisation" in told.body

    tenant = ResidentFactory(first_name="Iain")
    representation_add(
        consultation=consultation, text="Keep the local office.", resident=tenant, received_on=TODAY
    )
    with pytest.raises(ConsultationError, match="only after the consultation has closed"):
        consultation_decide(consultation=consultation, decision="Go ahead", regard_had="", today=TODAY)
    after = consultation.closes_on + dt.timedelta(days=1)
    with pytest.raises(ConsultationError, match="closed on"):
        representation_add(consultation=consultation, text="Late", resident=tenant, received_on=after)
    with pytest.raises(ConsultationError, match="how the replies were considered"):
        consultation_decide(consultation=consultation, decision="Go ahead", regard_had="", today=after)
    consultation_decide(
        consultation=consultation,
        decision="Go ahead",
        regard_had="The office stays open two days.",
        today=after,
    )
    outcome_publish(
        source=consultation,
        you_said="You asked to keep the office.",
        we_did=consultation.decision,
        today=after,
    )
    assert run_sends() == 1
    thanks = Message.objects.get(recipient=tenant, template="you_said_we_did")
    assert "You asked to keep the office." in thanks.body and "Go ahead" in thanks.body


def test_closed_policy_consultations_count_in_the_quarterly_return() -> None:
    draft(closes_on=dt.date(2027, 1, 10))
    draft(closes_on=dt.date(2027, 1, 20), is_policy=False)
    Consultation.objects.update(status="open")
    call_command("daily")  # closes those past their date... none yet, they close in January
    assert quarterly_return(dt.date(2027, 1, 1), dt.date(2027, 3, 31)).policies_consulted == 0
    Consultation.objects.update(status="closed")
    assert quarterly_return(dt.date(2027, 1, 1), dt.date(2027, 3, 31)).policies_consulted == 1


def test_officer_runs_one_and_a_resident_replies_in_the_portal(officer_client: Client) -> None:
    empty = officer_client.post(reverse("staff-consultations:new"), {})
    assert "There is a problem" in empty.content.decode()
    response = officer_client.post(
        reverse("staff-consultations:new"),
        {
            "c-title": "Estate parking",
            "c-summary": "Permits for the car park.",
            "c-likely_effect": "A permit costs nothing.",
            "c-topic": "neighbourhood",
            "c-is_policy": "",
            "c-closes_on": (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y"),
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    confirm = officer_client.post(reverse("staff-consultations:open", args=[consultation.pk]))
    assert "Check before sending" in confirm.content.decode()
    officer_client.post(reverse("staff-consultations:open", args=[consultation.pk]), {"confirm": "yes"})
    consultation.refresh_from_db()
    assert consultation.status == "open"

    member = TenancyMemberFactory()
    resident_client = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=member.resident))
    page = resident_client.get(reverse("consultation", args=[consultation.pk])).content.decode()
    assert "Permits for the car park." in page and "Send my views" in page
    blank = resident_client.post(reverse("consultation-reply", args=[consultation.pk]), {"text": ""})
    assert blank.status_code == 400 and "Write your views" in blank.content.decode()
    sent = resident_client.post(
        reverse("consultation-reply", args=[consultation.pk]), {"text": "Yes please"}, follow=True
    )
    assert "Thank you. We have your views" in sent.content.decode()
    assert (
        "Yes please"
        in officer_client.get(
            reverse("staff-consultations:consultation-detail", args=[consultation.pk])
        ).content.decode()
    )
    anonymous = Client().get(reverse("consultation", args=[consultation.pk])).content.decode()
    assert "Sign in</a> to send your views" in anonymous


def test_officer_records_a_reply_that_came_by_letter(officer_client: Client) -> None:
    consultation = draft(opens_on=None, closes_on=dt.date.today() + dt.timedelta(days=30))
    Consultation.objects.filter(pk=consultation.pk).update(status="open")
    tenant = TenancyMemberFactory().resident
    url = reverse("staff-consultations:reply", args=[consultation.pk])
    data = {
        "r-from_name": "Mrs Jones",
        "r-resident_q": "NOT-A-REF",
        "r-channel": "letter",
        "r-received_on": dt.date.today().strftime("%d/%m/%Y"),
        "r-text": "I object.",
    }
    # Words in the picker's box and nobody chosen: a search, and nothing recorded yet.
    searched = officer_client.post(url, data)
    assert searched.status_code == 200
    assert "No residents match \u201cNOT-A-REF\u201d" in searched.content.decode()
    assert not consultation.representations.exists()
    officer_client.post(url, {**data, "r-resident_q": tenant.hms_ref, "r-resident": tenant.pk})
    reply = consultation.representations.get()
    assert reply.resident == tenant and reply.channel == "letter"


def test_feedback_later_than_the_standard_is_shown_as_late(officer_client: Client) -> None:
    strategy_load("winchester")  # you said, we did within 10 working days
    consultation = draft(opens_on=dt.date(2026, 1, 5), closes_on=dt.date(2026, 2, 2))
    Consultation.objects.filter(pk=consultation.pk).update(status="decided", decision="Yes")
    Outcome.objects.create(
        consultation=consultation, title="T", you_said="Thanks", we_did="Y", published_on=dt.date(2026, 2, 20)
    )
    page = officer_client.get(reverse("staff-consultations:list")).content.decode()
    assert "14 working days after closing <strong>(late)</strong>" in page
