"""An audience's size and languages on the pages that show them come from the summary store
(decision 0040): exact after every change, and a second read counts nobody."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience, audience_residents
from tenantvoice.audiences.selectors import audience_profile
from tenantvoice.core.summaries import computed_directly
from tenantvoice.involvement.services import level_join
from tenantvoice.residents.services import resident_update
from tenantvoice.surveys.services import response_record, tsm_add
from tests.core.test_summaries import CONSENT, tables_read
from tests.factories import LevelFactory, SurveyFactory, make_resident
from tests.surveys.test_surveys import FULL, answers

pytestmark = pytest.mark.django_db


def test_the_size_and_languages_equal_a_direct_count_after_each_change() -> None:
    LevelFactory(order=1, slug="resident", is_default=True)
    panel = LevelFactory(order=2, slug="panel", name="Panel", needs_application=False)
    everyone, on_panel = Audience(), Audience(levels=("panel",))
    first = make_resident(language="pl")

    def assert_exact() -> None:
        for audience in (everyone, on_panel):
            with computed_directly():
                expected = audience_profile(audience)
            assert audience_profile(audience) == expected
            assert expected.residents == audience_residents(audience).count()

    assert_exact()
    second = make_resident(language="so")  # moves in
    assert_exact()
    level_join(resident=second, level=panel, consent_wording=CONSENT)  # joins the panel
    assert_exact()
    resident_update(resident=first, by=None, data={"language": "bn"})  # another language
    assert_exact()
    assert audience_profile(everyone).other_languages() == [("bn", 1), ("so", 1)]
    assert audience_profile(on_panel).residents == 1


@pytest.fixture
def survey() -> object:
    survey = SurveyFactory(title="Tenant survey", status="draft")
    tsm_add(survey=survey, landlord="Riverside Homes")
    for language in ("pl", "pl", "so", "en"):
        make_resident(language=language)
    return survey


def test_a_surveys_page_read_again_counts_no_resident_invitation_or_response(
    survey: object, officer_client: Client
) -> None:
    url = reverse("surveys:survey-detail", args=[survey.pk])  # type: ignore[attr-defined]
    first = officer_client.get(url).content.decode()
    assert "4 residents today" in first
    with CaptureQueriesContext(connection) as queries:
        again = officer_client.get(url).content.decode()
    read = tables_read(queries) | {
        table for q in queries.captured_queries for table in ("surveys_invitation",) if table in q["sql"]
    }
    assert read == set()
    assert "4 residents today" in again and "0 invited, 0 answered" in again


def test_a_surveys_page_shows_a_new_resident_and_a_new_response_at_once(
    survey: object, officer_client: Client
) -> None:
    url = reverse("surveys:survey-detail", args=[survey.pk])  # type: ignore[attr-defined]
    officer_client.get(url)
    newcomer = make_resident()
    survey.status = "open"  # type: ignore[attr-defined]
    survey.save()  # type: ignore[attr-defined]
    response_record(survey=survey, answers=answers(survey, **FULL), channel="portal", resident=newcomer)
    page = officer_client.get(url).content.decode()
    assert "5 residents today" in page and "1 answered" in page


def test_the_translation_page_lists_the_audiences_languages_from_the_store(
    survey: object, officer_client: Client
) -> None:
    url = reverse("surveys:survey-translate", args=[survey.pk])  # type: ignore[attr-defined]
    page = officer_client.get(url).content.decode()
    assert "Polish (2), Somali (1)" in page
    with CaptureQueriesContext(connection) as queries:
        officer_client.get(url)
    assert tables_read(queries) == set()


def test_a_saved_groups_page_shows_its_size_from_the_store(officer_client: Client) -> None:
    make_resident()
    make_resident()
    segment = Segment.objects.create(name="Everyone", rules={})
    url = reverse("audiences:segment-detail", args=[segment.pk])
    assert "<strong>2</strong> residents" in officer_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        officer_client.get(url)
    assert tables_read(queries) == set()
