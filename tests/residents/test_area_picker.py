"""Areas are chosen by searching, never from a list of every area (decision 0039).

The area picker is the resident picker's machinery (``core.pickers``): a search box and "Find"
without JavaScript (on GET and POST forms alike), the same list from ``staff:area-pick`` as the
officer types with it; one area on the register's search, several ticked in the audience
builder, where what is ticked stays ticked across searches.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantvoice.audiences.models import Segment
from tenantvoice.audiences.rules import Audience
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.residents.models import Area, Resident
from tenantvoice.residents.selectors import area_search
from tenantvoice.residents.services import area_update
from tenantvoice.residents.widgets import PICK_LIMIT
from tests.conftest import sign_in
from tests.factories import AreaFactory, PropertyFactory, make_resident

pytestmark = pytest.mark.django_db

PICK = reverse("staff:area-pick")
SEARCH = reverse("staff:resident-search")


def place(full_name: str) -> Area:
    return AreaFactory(name=full_name.rsplit(" > ", 1)[-1], full_name=full_name)


def living_in(area: Area, last_name: str, first_name: str = "Ann") -> Resident:
    return make_resident(home=PropertyFactory(area=area), last_name=last_name, first_name=first_name)


class TestAreaSearch:
    def test_by_the_start_of_its_own_name_or_its_full_name_in_any_case(self) -> None:
        oak = place("North > Riverside > Oak Estate")
        place("South > Hill Top")
        assert area_search("oak", limit=10) == [oak]
        assert area_search("OAK EST", limit=10) == [oak]
        assert [a.name for a in area_search("north riv", limit=10)] == ["Riverside", "Oak Estate"]
        assert [a.name for a in area_search("North > Riverside > O", limit=10)] == ["Oak Estate"]
        assert area_search("estate", limit=10) == []  # the start of a name, not any word in it
        assert area_search("  ", limit=10) == []

    def test_keys_follow_a_rename_and_a_move(self, officer: object) -> None:
        oak = place("North > Riverside > Oak Estate")
        riverside = Area.objects.get(name="Riverside")
        south = place("South")
        area_update(area=riverside, by=officer, data={"name": "Brookside", "parent": south})
        oak.refresh_from_db()
        assert oak.full_name == "South > Brookside > Oak Estate"
        assert area_search("south brook", limit=10) == [Area.objects.get(name="Brookside"), oak]
        assert area_search("riverside", limit=10) == []

    def test_it_is_two_ranges_on_indexes(self) -> None:
        place("North > Oak Estate")
        with CaptureQueriesContext(connection) as queries:
            area_search("oak", limit=10)
        [sql] = [q["sql"] for q in queries.captured_queries]
        # Ranges on the keys (decision 0004), never a LIKE '%...%' that reads every area.
        assert '"name_key" >= ' in sql and '"full_name_key" >= ' in sql and "%oak" not in sql.lower()


class TestTheJsonSearch:
    def test_it_finds_areas_and_says_where_each_is(self, officer_client: Client) -> None:
        oak = place("North > Riverside > Oak Estate")
        found = officer_client.get(PICK, {"q": "oak"}).json()
        assert found["results"] == [{"id": oak.pk, "name": "Oak Estate", "detail": "In North > Riverside"}]
        assert found["status"] == "1 area found. Choose one below."

    def test_at_most_ten_and_more_said_in_words(self, officer_client: Client) -> None:
        for n in range(PICK_LIMIT + 1):
            place(f"Ward {n:02d}")
        found = officer_client.get(PICK, {"q": "ward"}).json()
        assert len(found["results"]) == PICK_LIMIT and found["more"] is True
        assert "the first 10: type more to narrow it" in found["status"]

    def test_no_match_says_what_to_try(self, officer_client: Client) -> None:
        found = officer_client.get(PICK, {"q": "zz"}).json()
        assert found["results"] == [] and found["status"].startswith("No areas match \u201czz\u201d.")

    def test_one_letter_searches_nothing_and_says_so(self, officer_client: Client) -> None:
        place("North")
        found = officer_client.get(PICK, {"q": "n"}).json()
        assert found["results"] == [] and found["status"] == "Type at least 2 letters or numbers to search."

    def test_area_names_are_not_audited_as_a_search_of_people(self, officer_client: Client) -> None:
        place("North")
        officer_client.get(PICK, {"q": "north"})
        assert not AuditEvent.objects.filter(action=AuditAction.SEARCH).exists()

    def test_it_is_for_staff_only(self, client: Client, tenant_user: object, board_reader: object) -> None:
        place("North")
        assert client.get(PICK, {"q": "north"}).status_code == 302
        assert sign_in(client, tenant_user).get(PICK, {"q": "north"}).status_code == 403
        assert sign_in(Client(), board_reader).get(PICK, {"q": "north"}).status_code == 200


class TestTheRegistersSearchPage:
    def test_the_page_has_an_area_search_box_and_no_list_of_areas(self, officer_client: Client) -> None:
        place("North > Oak Estate")
        page = officer_client.get(SEARCH).content.decode()
        assert "Oak Estate" not in page and page.count("<select") == 1  # the kind of resident
        assert 'type="search" name="area_q"' in page and 'name="area_find"' in page

    def test_find_lists_the_areas_and_searches_no_residents(self, officer_client: Client) -> None:
        oak = place("North > Oak Estate")
        living_in(oak, "Smith")
        response = officer_client.get(SEARCH, {"q": "smith", "area_q": "oak", "area_find": "1"})
        text = response.content.decode()
        assert response.status_code == 200 and response.context["page"] is None
        assert f'type="radio" name="area" value="{oak.pk}"' in text and "1 area found" in text
        assert 'value="smith"' in text  # the words for the residents are kept for the search
        assert not AuditEvent.objects.filter(action=AuditAction.SEARCH).exists()

    def test_the_area_chosen_narrows_the_search_and_stays_chosen(self, officer_client: Client) -> None:
        north = place("North")
        ann = living_in(place("North > Oak Estate"), "Smith")
        living_in(place("South"), "Smith", "Bob")
        # Both the picker's own post-back (area_q kept) and an old ?area=<id> link.
        for params in ({"q": "smith", "area_q": "north", "area": north.pk}, {"q": "smith", "area": north.pk}):
            response = officer_client.get(SEARCH, params)
            assert [r.pk for r in response.context["page"].residents] == [ann.pk]
            assert re.search(
                rf'value="{north.pk}" id="id_area_{north.pk}" checked', response.content.decode()
            )
            assert "Area chosen" in response.content.decode()

    def test_a_made_up_area_is_refused_in_words(self, officer_client: Client) -> None:
        response = officer_client.get(SEARCH, {"q": "smith", "area": "999999"})
        assert "That area is no longer there. Search again." in response.content.decode()
        assert response.context["page"] is None

    def test_enter_in_the_name_box_searches_residents_not_areas(self, officer_client: Client) -> None:
        page = officer_client.get(SEARCH).content.decode()
        form = page[page.index('<form method="get"') :]
        first_button = re.search(r"<button[^>]*>", form)
        assert first_button is not None and "area_find" not in first_button.group(0)

    def test_its_size_and_queries_do_not_grow_with_the_register(self, officer_client: Client) -> None:
        """Issue 15 item 1: 1.25 MB at 500,000 households was an <option> per area."""
        for first in ("Ann", "Bob", "Cy"):
            living_in(place(f"Ward {first}"), "Smith", first)
        chosen = Area.objects.get(name="Ward Ann")
        pages = [
            {"q": "smith"},
            {},
            {"q": "smith", "area": chosen.pk},
            {"q": "smith", "area_q": "ward a", "area_find": "1"},
        ]

        def measure() -> list[tuple[int, int]]:
            sizes = []
            for params in pages:
                with CaptureQueriesContext(connection) as queries:
                    response = officer_client.get(SEARCH, params)
                assert response.status_code == 200
                sizes.append((len(response.content), len(queries.captured_queries)))
            return sizes

        officer_client.get(SEARCH)  # the session's first page reads what later pages keep
        small = measure()
        for n in range(300):  # 100 times the areas, each with a home and a household
            living_in(place(f"Ward {n:03d}"), "Jones")
        assert Area.objects.count() > 300
        large = measure()
        for (small_bytes, small_queries), (large_bytes, large_queries) in zip(small, large, strict=True):
            assert large_queries == small_queries
            # The same page give or take a digit in an id; a list of 300 areas would add 10 KB.
            assert abs(large_bytes - small_bytes) < 100, (small_bytes, large_bytes)


class TestTheAudienceBuilder:
    URL = reverse("audiences:new")

    def test_any_area_at_any_depth_can_be_found_and_ticked(self, officer_client: Client) -> None:
        block = place("North > Riverside > Oak Estate > Block A")
        response = officer_client.post(
            self.URL, {"s-name": "Block A", "a-areas_q": "block a", "a-areas_find": "1"}
        )
        text = response.content.decode()
        assert response.status_code == 200 and not Segment.objects.exists()
        assert f'type="checkbox" name="a-areas" value="{block.pk}"' in text
        assert "There is a problem" not in text

    def test_ticked_areas_stay_ticked_across_searches_and_are_saved(self, officer_client: Client) -> None:
        oak, elm = place("North > Oak Estate"), place("South > Elm Court")
        # Oak ticked, then a search for Elm: Oak is still there, ticked, and Elm is offered.
        response = officer_client.post(
            self.URL, {"s-name": "Two estates", "a-areas": [oak.pk], "a-areas_q": "elm", "a-areas_find": "1"}
        )
        text = response.content.decode()
        assert re.search(rf'value="{oak.pk}" id="id_a-areas_{oak.pk}" checked', text)
        assert re.search(rf'value="{elm.pk}" id="id_a-areas_{elm.pk}">', text)
        response = officer_client.post(
            self.URL, {"s-name": "Two estates", "a-areas": [oak.pk, elm.pk], "a-areas_q": "elm"}
        )
        assert response.status_code == 302
        assert set(Audience.from_json(Segment.objects.get().rules).areas) == {oak.pk, elm.pk}

    def test_a_search_in_the_audience_holds_back_the_other_forms_errors(self, officer_client: Client) -> None:
        place("North")
        response = officer_client.post(self.URL, {"s-name": "", "a-areas_q": "north", "a-areas_find": "1"})
        assert response.status_code == 200 and "There is a problem" not in response.content.decode()

    def test_a_made_up_area_is_refused(self, officer_client: Client) -> None:
        response = officer_client.post(self.URL, {"s-name": "Nowhere", "a-areas": ["999999"]})
        assert response.status_code == 400 and not Segment.objects.exists()
        assert "One of the areas ticked is no longer there" in response.content.decode()

    def test_a_saved_audience_shows_its_areas_ticked_when_edited(self, officer_client: Client) -> None:
        from tenantvoice.audiences.forms import AudienceForm

        oak = place("North > Oak Estate")
        form = AudienceForm.for_audience(Audience(areas=(oak.pk,)), prefix="a")
        html = str(form["areas"])
        assert re.search(
            rf'type="checkbox" name="a-areas" value="{oak.pk}" id="id_a-areas_{oak.pk}" checked', html
        )
        assert "Areas chosen" in html
