"""One way to handle a form action (decision 0032), through real pages: an invalid form comes
back with its error summary at 400, a valid one calls its service and redirects, a service's
refusal is put on the field it names or on the whole form, and a big send is confirmed first."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from tenantvoice.accounts.models import User
from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience
from tenantvoice.audiences.services import segment_create
from tenantvoice.consultations.models import Consultation, ConsultationStatus
from tenantvoice.consultations.services import consultation_create
from tenantvoice.core.form_action import form_action
from tenantvoice.core.plain_errors import PlainForm
from tenantvoice.core.roles import Role
from tenantvoice.programme.models import Programme

pytestmark = pytest.mark.django_db


def _draft_consultation() -> Consultation:
    return consultation_create(
        title="Estate parking",
        summary="Permits for the car park.",
        likely_effect="A permit costs nothing.",
        opens_on=None,
        closes_on=dt.date.today() + dt.timedelta(days=30),
    )


def test_an_invalid_form_comes_back_with_its_error_summary_at_400(officer_client: Client) -> None:
    response = officer_client.post(reverse("programme:new"), {"title": "Surveys 2027"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page and "There is a problem" in page
    assert "Enter the date the first survey goes out." in page
    assert 'value="Surveys 2027"' in page  # what was typed is kept
    assert not Programme.objects.exists()


def test_a_valid_form_calls_the_service_and_redirects_saying_what_was_done(officer_client: Client) -> None:
    response = officer_client.post(
        reverse("programme:new"), {"title": "Surveys 2027", "starts_on": "4/1/2027", "count": "4"}
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programme:programme-detail", args=[programme.pk])
    assert "Programme made." in officer_client.get(response["Location"]).content.decode()


def test_a_refusal_that_names_a_field_is_shown_on_that_field(admin_client: Client, officer: User) -> None:
    segment_create(name="North", description="", audience=Audience(), by=officer)
    response = admin_client.post(reverse("audiences:new"), {"s-name": "North"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [
        "There is already a saved group with this name. Choose another name."
    ]
    assert Segment.objects.count() == 1


def test_a_refusal_for_no_field_is_shown_in_the_summary_of_the_page_it_came_from(
    admin_client: Client, administrator: User
) -> None:
    """A button's refusal was flashed after a redirect; now the page says it, at 400."""
    response = admin_client.post(
        reverse("staff:account-role", args=[administrator.pk]), {"role": Role.BOARD_READER}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Ask another administrator" in page
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_a_big_send_shows_its_confirmation_page_then_sends_once_confirmed(officer_client: Client) -> None:
    consultation = _draft_consultation()
    url = reverse("staff-consultations:open", args=[consultation.pk])

    check = officer_client.post(url)
    assert check.status_code == 200
    assert "Check before sending" in check.content.decode()
    assert 'name="confirm" value="yes"' in check.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT  # nothing done yet

    sent = officer_client.post(url, {"confirm": "yes"})
    assert sent.status_code == 302 and sent["Location"].startswith("/staff/sends/")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.OPEN


def test_a_refusal_before_the_confirmation_page_is_shown_on_the_page(officer_client: Client) -> None:
    consultation = _draft_consultation()
    url = reverse("staff-consultations:open", args=[consultation.pk])
    officer_client.post(url, {"confirm": "yes"})

    again = officer_client.post(url)
    assert again.status_code == 400
    assert "This consultation is already open." in again.content.decode()


class _NameForm(PlainForm):
    name = forms.CharField(label="Name")


def test_a_field_the_form_does_not_have_puts_the_refusal_on_the_whole_form() -> None:
    """``exc.field`` names a field of the service; a form without it still shows the refusal."""
    refusal = ValueError("That cannot be done.")
    refusal.field = "closes_on"  # type: ignore[attr-defined]
    seen: list[_NameForm] = []

    def refuse(data: dict[str, object]) -> None:
        raise refusal

    def page(form: _NameForm) -> HttpResponse:
        seen.append(form)
        return HttpResponse("page")

    response = form_action(
        RequestFactory().post("/", {"name": "Ann"}),
        _NameForm({"name": "Ann"}),
        refuse,
        success=lambda _: HttpResponse("done"),
        page=page,
    )
    assert response.status_code == 400
    assert seen[0].non_field_errors() == ["That cannot be done."]
