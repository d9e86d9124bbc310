"""Elections: nominations, one secret vote per elector, counting with a recorded draw."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tenantvoice.involvement.elections import (
    election_count,
    election_create,
    election_publish,
    nomination_add,
    vote_cast,
    voting_open,
)
from tenantvoice.involvement.models import BallotRecord, Election, Level, SeatCategory, SeatHolding, Vote
from tenantvoice.involvement.services import InvolvementError, NotEligible, level_join
from tenantvoice.residents.models import Resident, Tenure
from tenantvoice.strategies.loader import strategy_load
from tests.factories import make_resident

from .conftest import CONSENT

pytestmark = pytest.mark.django_db
NOMINATE, VOTE, CLOSE, COUNT = (
    dt.date(2026, 3, 1),
    dt.date(2026, 3, 20),
    dt.date(2026, 3, 31),
    dt.date(2026, 4, 1),
)


@pytest.fixture
def panel() -> SeatCategory:
    strategy_load("winchester")
    return SeatCategory.objects.get(group__slug="tenant-panel")


def involved() -> Resident:
    resident = make_resident(tenure=Tenure.SECURE)
    level_join(
        resident=resident,
        level=Level.objects.get(slug="involved-tenant"),
        consent_wording=CONSENT,
        on=dt.date(2026, 1, 5),
    )
    return resident


def ballot(panel: SeatCategory, seats: int = 2, candidates: int = 3) -> tuple[Election, list[int]]:
    election = election_create(
        category=panel,
        title="Tenants Panel 2026",
        seats=seats,
        nominations_close_on=dt.date(2026, 3, 10),
        voting_opens_on=dt.date(2026, 3, 15),
        voting_closes_on=CLOSE,
    )
    ids = [
        nomination_add(election=election, resident=involved(), statement="I will listen.", on=NOMINATE).pk
        for _ in range(candidates)
    ]
    voting_open(election=election)
    return election, ids


def test_one_vote_per_elector_and_only_involved_tenants_vote(panel: SeatCategory) -> None:
    election, (a, b, c) = ballot(panel)
    voter = involved()
    vote_cast(election=election, voter=voter, choices=[a, b], on=VOTE)

    with pytest.raises(InvolvementError, match="has already voted"):
        vote_cast(election=election, voter=voter, choices=[c], on=VOTE)
    with pytest.raises(NotEligible, match="already involved"):
        vote_cast(election=election, voter=make_resident(tenure=Tenure.SECURE), choices=[a], on=VOTE)
    with pytest.raises(InvolvementError, match="Choose up to 2 candidates"):
        vote_cast(election=election, voter=involved(), choices=[a, b, c], on=VOTE)
    assert BallotRecord.objects.count() == 1 and Vote.objects.count() == 2


def test_votes_cannot_be_linked_to_voters(panel: SeatCategory) -> None:
    election, (a, b, _c) = ballot(panel)
    vote_cast(election=election, voter=involved(), choices=[a], on=VOTE)
    vote_fields = {f.name for f in Vote._meta.get_fields()}
    assert vote_fields == {"id", "election", "nomination"}  # no voter, no time
    assert isinstance(Vote.objects.get().pk, type(__import__("uuid").uuid4()))


def test_a_paper_ballot_is_recorded_by_an_officer(panel: SeatCategory) -> None:
    election, (a, *_rest) = ballot(panel)
    vote_cast(election=election, voter=involved(), choices=[a], channel="paper", on=VOTE)
    assert BallotRecord.objects.get().channel == "paper"


def test_counting_fills_n_seats_and_a_tie_is_broken_by_a_recorded_draw(panel: SeatCategory) -> None:
    election, (a, b, c) = ballot(panel, seats=2)
    for choices in ([a, b], [a, c], [a]):
        vote_cast(election=election, voter=involved(), choices=choices, on=VOTE)

    counted = election_count(election=election, by=None, seed=42, on=COUNT)

    results = {row["nomination"]: (row["votes"], row["elected"]) for row in counted.results}
    assert results[a] == (3, True)
    assert {results[b][0], results[c][0]} == {1}
    assert [results[b][1], results[c][1]].count(True) == 1
    assert "2 candidates tied with 1 vote for 1 seat" in counted.draw and "seed 42" in counted.draw
    drawn = next(row["name"] for row in counted.results if row["elected"] and row["nomination"] != a)
    assert counted.draw.endswith(f"Drawn by lot (seed 42): {drawn}.")


def test_counting_waits_for_voting_to_close(panel: SeatCategory) -> None:
    election, _ids = ballot(panel)
    with pytest.raises(InvolvementError, match="count after that"):
        election_count(election=election, by=None, on=VOTE)


def test_publishing_seats_the_winners(panel: SeatCategory) -> None:
    election, (a, b, c) = ballot(panel, seats=2)
    for choices in ([a, b], [a, b], [c]):
        vote_cast(election=election, voter=involved(), choices=choices, on=VOTE)
    election_count(election=election, by=None, on=COUNT)

    published = election_publish(election=election, fill_seats_from=dt.date(2026, 4, 1))

    assert published.published_at is not None
    assert SeatHolding.objects.filter(seat_category=panel).count() == 2
    assert published.draw == ""


def test_nominations_need_an_eligible_candidate_and_close_on_time(panel: SeatCategory) -> None:
    election = election_create(
        category=panel,
        title="By-election",
        seats=1,
        nominations_close_on=dt.date(2026, 3, 10),
        voting_opens_on=dt.date(2026, 3, 15),
        voting_closes_on=CLOSE,
    )
    with pytest.raises(NotEligible):
        nomination_add(election=election, resident=make_resident(tenure=Tenure.SECURE), on=NOMINATE)
    with pytest.raises(InvolvementError, match="closed"):
        nomination_add(election=election, resident=involved(), on=dt.date(2026, 3, 11))
    with pytest.raises(InvolvementError, match="no candidates"):
        voting_open(election=election)


class TestPages:
    def test_an_elector_votes_once_in_the_portal_and_reads_the_result(self, panel: SeatCategory) -> None:
        from django.test import Client
        from django.urls import reverse

        from tenantvoice.core.roles import Role
        from tests.conftest import sign_in
        from tests.factories import UserFactory

        today = dt.date.today()
        election = election_create(
            category=panel,
            title="Panel ballot",
            seats=1,
            nominations_close_on=today - dt.timedelta(days=3),
            voting_opens_on=today - dt.timedelta(days=1),
            voting_closes_on=today,
        )
        # Nominations taken late for the test; voting already runs today.
        Election.objects.filter(pk=election.pk).update(nominations_close_on=today + dt.timedelta(days=1))
        election.refresh_from_db()
        candidate = nomination_add(election=election, resident=involved(), statement="Fair rents")
        voting_open(election=election)
        voter = involved()
        client = sign_in(Client(), UserFactory(role=Role.RESIDENT, resident=voter))

        page = client.get(reverse("involvement:ballot", args=[election.pk])).content.decode()
        assert "Fair rents" in page and "secret" in page
        client.post(reverse("involvement:ballot", args=[election.pk]), {"choices": [str(candidate.pk)]})
        assert BallotRecord.objects.filter(resident=voter).exists() and Vote.objects.count() == 1
        again = client.get(reverse("involvement:ballot", args=[election.pk])).content.decode()
        assert "You have voted" in again

        outsider = sign_in(
            Client(), UserFactory(role=Role.RESIDENT, resident=make_resident(tenure=Tenure.SECURE))
        )
        assert outsider.get(reverse("involvement:ballot", args=[election.pk])).status_code == 404
        assert Client().get(reverse("involvement:results", args=[election.pk])).status_code == 404

    def test_an_officer_runs_an_election_from_nomination_to_publication(
        self, panel: SeatCategory, officer_client: object
    ) -> None:
        from django.urls import reverse

        client: Any = officer_client
        today = dt.date.today()
        response = client.post(
            reverse("staff:elections"),
            {
                "seat_category": panel.pk,
                "title": "Panel 2026",
                "seats": "1",
                "nominations_close_on": (today + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
                "voting_opens_on": (today + dt.timedelta(days=2)).strftime("%d/%m/%Y"),
                "voting_closes_on": (today + dt.timedelta(days=3)).strftime("%d/%m/%Y"),
            },
        )
        election = Election.objects.get()
        assert response["Location"] == reverse("staff:election-detail", args=[election.pk])
        url = reverse("staff:election-action", args=[election.pk])
        bad = client.post(url, {"action": "nominate", "n-resident": "abc"})
        assert bad.status_code == 400 and "Choose the resident from the list" in bad.content.decode()
        candidate = involved()
        client.post(url, {"action": "nominate", "n-resident": str(candidate.pk), "n-statement": "Hello"})
        client.post(url, {"action": "open"})
        Election.objects.filter(pk=election.pk).update(voting_opens_on=today, voting_closes_on=today)
        nomination = election.nominations.get()
        ballot = {"action": "paper", "b-voter": str(involved().pk), "b-choices": [str(nomination.pk)]}
        client.post(url, ballot)
        assert BallotRecord.objects.get().channel == "paper"
        early = client.post(url, {"action": "count"}, follow=True)
        assert "count after that" in early.content.decode()
