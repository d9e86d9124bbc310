"""Peer groups: other landlords' TSMs imported from a file (all-or-nothing, with a report by
row), and each of our TSMs shown with its quartile among them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tenantvoice.surveys.models import PeerFigure, PeerGroup
from tenantvoice.surveys.peers import Quartile

from .test_weighting import _wave

pytestmark = pytest.mark.django_db

GOOD = (
    "landlord,tenure group,TP01,TP02\n"
    "Alpha Homes,LCRA,60,70\n"
    "Beta HA,LCRA,70%,\n"
    "Gamma Housing,LCRA,80,75\n"
    "Delta Living,,90,72\n"
    "Alpha Homes,LCHO,55,\n"
)


def upload(client: Client, text: str, **extra: str) -> object:
    return client.post(
        reverse("surveys:peers"),
        {
            "name": "London peers 2025/26",
            "source": "Regulator",
            "file": SimpleUploadedFile("peers.csv", text.encode()),
            **extra,
        },
    )


def test_a_good_file_is_imported(officer_client: Client) -> None:
    response = upload(officer_client, GOOD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    group = PeerGroup.objects.get()
    assert group.name == "London peers 2025/26" and group.figures.count() == 8
    assert PeerFigure.objects.get(landlord="Beta HA").percent == 70
    assert PeerFigure.objects.get(landlord="Delta Living", measure="TP01").tenure_group == "lcra"


def test_a_file_with_bad_rows_imports_nothing_and_names_each_problem(officer_client: Client) -> None:
    bad = GOOD + "Epsilon,LCRA,120,\n,LCRA,50,\nZeta,Owners,50,\n"
    page = upload(officer_client, bad).content.decode()  # type: ignore[attr-defined]
    assert not PeerGroup.objects.exists()
    assert "Row 7, column TP01: Give a percentage from 0 to 100." in page
    assert "Row 8, column landlord: Give the landlord&#x27;s name." in page
    assert "Row 9, column tenure group: Use LCRA or LCHO, or leave it empty." in page

    upload(officer_client, bad, good_rows_only="on")
    assert PeerGroup.objects.get().figures.count() == 8


def test_unknown_headings_are_refused(officer_client: Client) -> None:
    page = upload(officer_client, "landlord,TP13\nAlpha,50\n").content.decode()  # type: ignore[attr-defined]
    assert "Use &#x27;landlord&#x27;, &#x27;tenure group&#x27; and the measures TP01 to TP12" in page
    assert not PeerGroup.objects.exists()


def test_each_tsm_is_shown_with_its_quartile(officer_client: Client) -> None:
    upload(officer_client, GOOD)
    group = PeerGroup.objects.get()
    survey = _wave("Tenant survey 2026", satisfied=30, dissatisfied=10)  # TP01: 75% in each group
    page = officer_client.get(
        reverse("surveys:survey-results", args=[survey.pk]), {"peers": group.pk}
    ).content.decode()
    # Peers' TP01 (LCRA): 60, 70, 80, 90: quartiles 67.5, 75, 82.5; our 75% is in the second quartile.
    assert "<td>4</td><td>67.5</td><td>75.0</td><td>82.5</td><td>Second quartile</td>" in page
    assert "Too few peers to say" in page  # LCHO has one peer


def test_quartile_labels() -> None:
    def q(ours: float) -> str:
        return Quartile(8, 60.0, 70.0, 80.0, ours).label

    assert [q(85), q(80), q(75), q(65), q(50)] == [
        "Top quartile",
        "Top quartile",
        "Second quartile",
        "Third quartile",
        "Bottom quartile",
    ]


def test_residents_and_board_readers_cannot_import(client: Client, board_reader: object) -> None:
    from tests.conftest import sign_in

    assert sign_in(client, board_reader).get(reverse("surveys:peers")).status_code == 403  # type: ignore[arg-type]
