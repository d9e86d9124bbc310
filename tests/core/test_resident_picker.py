"""Officers pick people, not numbers: the resident picker (decision 0027).

Without JavaScript the picker's "Find" button sends the form back with the residents found as
radio buttons, and nothing is saved; with JavaScript the same list comes from a staff-only JSON
search. Both are the register's own search, audited as a search.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

import tenantvoice
from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.involvement.models import SeatHolding
from tenantvoice.residents.models import Resident
from tenantvoice.residents.widgets import PICK_LIMIT, ResidentField
from tenantvoice.surveys.models import Response
from tenantvoice.surveys.services import question_add
from tests.conftest import sign_in
from tests.factories import (
    GroupFactory,
    PropertyFactory,
    SeatCategoryFactory,
    SurveyFactory,
    make_resident,
)

PICK = reverse("staff:resident-pick")


def resident_at(last_name: str, first_name: str = "Ann", postcode: str = "M15 4AB") -> Resident:
    return make_resident(
        home=PropertyFactory(postcode=postcode, postcode_key=postcode.replace(" ", "")),
        first_name=first_name,
        last_name=last_name,
        date_of_birth="1950-01-02",
        email=f"{first_name}.{last_name}@example.org".lower(),
    )


def searches() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.SEARCH).order_by("pk"))


class TestTheJsonSearch:
    def test_it_finds_by_name_reference_and_postcode_and_shows_nothing_more(
        self, officer_client: Client
    ) -> None:
        ann = resident_at("Pickering", postcode="M15 4AB")
        for query in ("pickering", ann.hms_ref, "M15 4"):
            found = officer_client.get(PICK, {"q": query}).json()
            assert [r["id"] for r in found["results"]] == [ann.pk], query
        [row] = found["results"]
        assert set(row) == {"id", "name", "detail"}
        assert (
            row["name"] == "Pickering, Ann"
            and row["detail"].startswith(ann.hms_ref)
            and row["detail"].endswith(", M15 4AB")
        )
        page = officer_client.get(PICK, {"q": "pickering"}).content.decode()
        assert "1950" not in page and "example.org" not in page  # no date of birth, no contact details

    def test_it_lists_at_most_ten_and_says_there_are_more(self, officer_client: Client) -> None:
        for n in range(PICK_LIMIT + 2):
            resident_at("Smithson", first_name=f"Ann{n:02d}")
        found = officer_client.get(PICK, {"q": "smithson"}).json()
        assert len(found["results"]) == PICK_LIMIT and found["more"] is True
        assert found["status"].startswith(
            f"{PICK_LIMIT} residents found by name (the first {PICK_LIMIT}: type more"
        )

    def test_each_search_is_audited_like_the_registers(self, officer_client: Client, officer: User) -> None:
        resident_at("Audley")
        officer_client.get(PICK, {"q": "audley"})
        [event] = searches()
        assert event.actor_id == officer.pk and "'audley'" in event.summary and "(1 shown)" in event.summary

    def test_a_single_letter_searches_nothing_and_is_not_audited(self, officer_client: Client) -> None:
        resident_at("Abbott")
        assert officer_client.get(PICK, {"q": "a"}).json()["results"] == []
        assert searches() == []

    @pytest.mark.parametrize("fixture", ["board_reader", "tenant_user"])
    def test_it_is_for_staff_who_may_see_the_register(
        self, db: None, client: Client, fixture: str, request: pytest.FixtureRequest
    ) -> None:
        resident_at("Hidden")
        sign_in(client, request.getfixturevalue(fixture))
        assert client.get(PICK, {"q": "hidden"}).status_code == 403
        assert searches() == []

    def test_a_visitor_is_sent_to_sign_in(self, client: Client, db: None) -> None:
        assert client.get(PICK, {"q": "anyone"}).status_code == 302


class TestPickingWithoutJavaScript:
    def seat_url(self) -> tuple[str, int]:
        seat = SeatCategoryFactory(group=GroupFactory(slug="estate-panel", name="Estate panel"))
        return reverse("staff:seat-new", args=["estate-panel"]), seat.pk

    def test_the_form_has_a_search_box_and_no_number_box(self, officer_client: Client) -> None:
        url, _ = self.seat_url()
        page = officer_client.get(url).content.decode()
        assert 'type="search" name="resident_q"' in page and 'name="resident_find"' in page
        assert not re.search(r'<input[^>]+name="resident"[^>]+type="(text|number)"', page)
        assert not re.search(r'<input[^>]+type="(text|number)"[^>]+name="resident"', page)
        assert "tenantvoice/picker.js" in page

    def test_find_lists_the_residents_found_and_saves_nothing(self, officer_client: Client) -> None:
        url, seat = self.seat_url()
        ann, bob = resident_at("Jolliffe", "Ann"), resident_at("Jolliffe", "Bob", postcode="M16 7XY")
        page = officer_client.post(
            url, {"seat_category": seat, "resident_q": "jolliffe", "resident_find": "1", "started_on": ""}
        )
        text = page.content.decode()
        assert page.status_code == 200 and not SeatHolding.objects.exists()
        assert "2 residents found by name" in text
        assert f'type="radio" name="resident" value="{ann.pk}"' in text
        assert f'type="radio" name="resident" value="{bob.pk}"' in text
        assert "M16 7XY" in text and ann.hms_ref in text
        assert "There is a problem" not in text  # the empty date waits until they save
        assert len(searches()) == 1

    def test_words_typed_but_nobody_chosen_is_a_search_too(self, officer_client: Client) -> None:
        url, seat = self.seat_url()
        resident_at("Quimby")
        page = officer_client.post(
            url, {"seat_category": seat, "resident_q": "quimby", "started_on": "1/4/2026"}
        )
        assert page.status_code == 200 and "1 resident found" in page.content.decode()
        assert not SeatHolding.objects.exists()

    def test_no_match_says_what_to_try(self, officer_client: Client) -> None:
        url, seat = self.seat_url()
        page = officer_client.post(url, {"seat_category": seat, "resident_q": "zzyzx", "resident_find": "1"})
        assert "No residents match \u201czzyzx\u201d" in page.content.decode()

    def test_the_resident_chosen_fills_the_seat(self, officer_client: Client) -> None:
        url, seat = self.seat_url()
        ann = resident_at("Jolliffe")
        response = officer_client.post(
            url,
            {"seat_category": seat, "resident_q": "jolliffe", "resident": ann.pk, "started_on": "1/4/2026"},
        )
        assert response.status_code == 302
        assert SeatHolding.objects.get().resident == ann

    def test_a_chosen_resident_stays_chosen_when_the_form_comes_back(self, officer_client: Client) -> None:
        url, seat = self.seat_url()
        ann = resident_at("Jolliffe")
        page = officer_client.post(url, {"seat_category": seat, "resident": ann.pk, "started_on": "nonsense"})
        text = page.content.decode()
        assert page.status_code == 400 and "Enter the date like 1/4/2026" in text
        assert f'value="{ann.pk}" id="id_resident_{ann.pk}" checked' in text and "Jolliffe, Ann" in text

    def test_a_made_up_choice_is_refused(self, officer_client: Client) -> None:
        url, seat = self.seat_url()
        page = officer_client.post(
            url, {"seat_category": seat, "resident": "999999", "started_on": "1/4/2026"}
        )
        assert "That resident is no longer on the register" in page.content.decode()
        page = officer_client.post(url, {"seat_category": seat, "resident": "abc", "started_on": "1/4/2026"})
        assert "Choose the resident from the list" in page.content.decode()
        assert not SeatHolding.objects.exists()


class TestPaperEntry:
    def test_the_answers_typed_so_far_survive_a_search(self, officer_client: Client) -> None:
        survey = SurveyFactory(title="Bins", status="open")
        question = question_add(survey=survey, kind="yes_no", text="Do you like the new bins?")
        ann = resident_at("Binney")
        url = reverse("surveys:paper-entry", args=[survey.pk])
        answer = {"e-channel": "paper", f"q-{question.pk}": "yes"}
        page = officer_client.post(url, {**answer, "e-resident_q": "binney", "e-resident_find": "1"})
        text = page.content.decode()
        assert page.status_code == 200 and not Response.objects.exists()
        assert f'value="{ann.pk}"' in text and re.search(r'value="yes"\s+checked', text)
        officer_client.post(url, {**answer, "e-resident": ann.pk})
        assert Response.objects.get().resident == ann


class TestElections:
    def test_a_candidate_is_found_by_name(self, officer_client: Client) -> None:
        from tests.factories import ElectionFactory

        election = ElectionFactory(status="nominations")
        ann = resident_at("Candidly")
        url = reverse("staff:election-action", args=[election.pk])
        page = officer_client.post(
            url, {"action": "nominate", "n-resident_q": "candidly", "n-resident_find": "1"}
        )
        assert page.status_code == 200 and f'name="n-resident" value="{ann.pk}"' in page.content.decode()
        assert not election.nominations.exists()


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module in pkgutil.walk_packages(tenantvoice.__path__, "tenantvoice."):
        if not re.search(r"(forms|views|elections|involvement|imports)$", module.name):
            continue
        imported = importlib.import_module(module.name)
        for _, value in inspect.getmembers(imported, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.name:
                found.append(value)
    return found


# The audit log is filtered by the number in its own rows: the log outlives the record (an
# erased resident cannot be searched for), so there the number is the right thing to type.
KEEPS_A_NUMBER = {"AuditFilterForm"}
PERSON_FIELD = re.compile(r"^(resident|resident_id|resident_ref|resident_number|voter|candidate|nominee)$")


def test_no_officer_form_asks_for_a_residents_number_or_reference() -> None:
    classes = _form_classes()
    assert len(classes) > 40
    for form_class in classes:
        if form_class.__name__ in KEEPS_A_NUMBER:
            continue
        for name, field in form_class.base_fields.items():
            if PERSON_FIELD.match(name):
                assert isinstance(field, (ResidentField, forms.ModelChoiceField)), (
                    f"{form_class.__name__}.{name}"
                )
            assert not (isinstance(field, forms.IntegerField) and "resident" in name), (
                f"{form_class.__name__}.{name}"
            )


@pytest.mark.parametrize(
    "path",
    [
        "tenantvoice.involvement.forms.SeatFillForm.resident",
        "tenantvoice.involvement.forms.SeatNominationForm.resident",
        "tenantvoice.involvement.forms.NominationForm.resident",
        "tenantvoice.involvement.forms.PaperBallotForm.voter",
        "tenantvoice.activities.forms.InformationRequestForm.resident",
        "tenantvoice.consultations.forms.RecordedReplyForm.resident",
        "tenantvoice.surveys.forms.EntryForm.resident",
    ],
)
def test_the_seat_nomination_ballot_request_reply_and_paper_forms_use_the_picker(path: str) -> None:
    module, form_name, field = path.rsplit(".", 2)
    form_class = getattr(importlib.import_module(module), form_name)
    assert isinstance(form_class.base_fields[field], ResidentField)
