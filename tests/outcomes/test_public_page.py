"""The public "you said, we did" page: surveys' and consultations' outcomes together, newest
first, 20 to a page with links a screen reader can follow, and one service's at a time."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.involvement.models import ServiceArea

from .factories import ConsultationOutcomeFactory, SurveyOutcomeFactory

pytestmark = pytest.mark.django_db

URL = "/you-said-we-did/"


def titles(html: str) -> list[str]:
    return re.findall(r'<h2 class="heading-m" id="outcome-\d+">([^<]+)</h2>', html)


def test_the_page_keeps_its_address_and_says_when_nothing_is_published(client: Client) -> None:
    assert reverse("you-said-we-did") == URL
    page = client.get(URL)
    assert page.status_code == 200 and "Nothing has been published yet." in page.content.decode()
    assert 'class="pagination"' not in page.content.decode()


def test_both_kinds_newest_first_a_page_at_a_time(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    start = dt.date(2026, 1, 1)
    for n in range(13):
        SurveyOutcomeFactory(survey__title=f"Survey {n:02}", published_on=start + dt.timedelta(days=2 * n))
        ConsultationOutcomeFactory(
            consultation__title=f"Consultation {n:02}", published_on=start + dt.timedelta(days=2 * n + 1)
        )
    client.get(URL)  # the landlord's row is made on the first page anyone opens
    with django_assert_max_num_queries(6):  # whatever the number of outcomes on the page
        first = client.get(URL).content.decode()
    assert titles(first)[:4] == ["Consultation 12", "Survey 12", "Consultation 11", "Survey 11"]
    assert len(titles(first)) == 20
    assert "<strong>You said:</strong> Keep the local office open." in first
    assert "<strong>We did:</strong> A new collection rota from May." in first
    assert (
        "Survey. Published 25 January 2026." in first and "Consultation. Published 26 January 2026." in first
    )
    assert '<nav class="pagination" aria-label="Pages">' in first
    assert '<li aria-current="page">Page 1 of 2</li>' in first
    assert 'href="?page=2" rel="next">Next<span class="visually-hidden"> page</span></a>' in first
    assert "Previous" not in first

    second = client.get(URL, {"page": 2}).content.decode()
    assert titles(second) == [
        "Consultation 02",
        "Survey 02",
        "Consultation 01",
        "Survey 01",
        "Consultation 00",
        "Survey 00",
    ]
    assert "<title>You said, we did (page 2 of 2)" in second
    assert 'href="?page=1" rel="prev">Previous' in second
    assert titles(client.get(URL, {"page": "99"}).content.decode()) == titles(second)  # the last page


def test_one_services_outcomes(client: Client) -> None:
    repairs = ServiceArea.objects.create(slug="repairs", name="Repairs")
    about_repairs = ConsultationOutcomeFactory(consultation__title="Repairs contract")
    about_repairs.service_areas.add(repairs)
    ConsultationOutcomeFactory(consultation__title="Rent policy")
    SurveyOutcomeFactory(survey__title="Bins")
    everything = client.get(URL).content.decode()
    assert len(titles(everything)) == 3
    assert '<option value="repairs">Repairs</option>' in everything
    assert "Consultation about Repairs." in everything

    page = client.get(URL, {"service": "repairs"})
    assert titles(page.content.decode()) == ["Repairs contract"]
    assert "<title>You said, we did: Repairs" in page.content.decode()
    unknown = client.get(URL, {"service": "gardening"})
    assert unknown.status_code == 400 and "There is a problem" in unknown.content.decode()
    assert len(titles(unknown.content.decode())) == 3


def test_pages_of_one_service_keep_the_filter_in_their_links(client: Client) -> None:
    repairs = ServiceArea.objects.create(slug="repairs", name="Repairs")
    for n in range(21):
        ConsultationOutcomeFactory(published_on=dt.date(2026, 1, 1) + dt.timedelta(days=n)).service_areas.add(
            repairs
        )
    page = client.get(URL, {"service": "repairs"}).content.decode()
    assert 'href="?service=repairs&amp;page=2" rel="next"' in page
