"""The post room's PDF: a cover sheet listing what cannot be printed, then one letter a page."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice.comms.services import message_queue
from tests.factories import ResidentFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db


def test_the_pdf_has_a_cover_sheet_and_a_page_per_letter(officer_client: Client) -> None:
    from pypdf import PdfReader

    people = [
        TenancyMemberFactory(
            resident=ResidentFactory(
                first_name="Zofia", last_name="Wójcik", preferred_channel="letter", large_print=True
            )
        ).resident,
        TenancyMemberFactory(
            resident=ResidentFactory(first_name="Bryn", preferred_channel="letter", braille=True)
        ).resident,
    ]
    message_queue(recipients=people, template="level_accepted", context={"level": "Panel"}, key="pdf")
    response = officer_client.get(reverse("staff:letters-pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 3
    cover = reader.pages[0].extract_text()
    assert "2 letters" in cover and "Braille" in cover and "Bryn" in cover
    first = reader.pages[1].extract_text()
    assert "Wójcik" in first and "Welcome to Panel" in first
    assert people[0].memberships.get().tenancy.property.postcode in first
