"""Communication preferences: channels, language, formats, support needs and news."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tenantvoice.core.models import AuditEvent
from tenantvoice.residents.models import Resident


def _post(client: Client, **overrides: object) -> Any:
    data: dict[str, object] = {
        "preferred_channel": "email",
        "channels": ["email", "letter"],
        "language": "en",
        "support_needs": "",
    }
    data.update(overrides)
    return client.post("/my/preferences/", data)


def test_it_shows_the_current_choices(tenant_client: Client, tess: Resident) -> None:
    page = tenant_client.get("/my/preferences/").content.decode()
    assert 'value="email" id="id_preferred_channel_0" required checked>' in page
    assert "Polish" in page and "British Sign Language" in page
    assert "We always send you messages about your home and your tenancy" in page


def test_it_saves_channels_language_formats_support_and_news(tenant_client: Client, tess: Resident) -> None:
    response = _post(
        tenant_client,
        preferred_channel="letter",
        channels=["letter", "email"],
        language="pl",
        needs_interpreter="on",
        formats=["large_print", "easy_read"],
        support_needs="  A hearing loop, please. ",
        consents_to_news="on",
    )
    assert response["Location"] == "/my/"
    tess.refresh_from_db()
    assert tess.preferred_channel == "letter"
    assert tess.accepted_channels == ["email", "letter"]
    assert tess.language == "pl" and tess.needs_interpreter
    assert tess.large_print and tess.easy_read and not tess.braille
    assert tess.support_needs == "A hearing loop, please."
    assert tess.consents_to_news and tess.news_consent_at is not None
    assert AuditEvent.objects.filter(action="update", resident_id=tess.pk).exists()


def test_the_preferred_channel_must_be_one_of_the_accepted_ones(
    tenant_client: Client, tess: Resident
) -> None:
    page = _post(tenant_client, preferred_channel="phone", channels=["letter"]).content.decode()
    assert "must also be ticked as OK" in page
    tess.refresh_from_db()
    assert tess.preferred_channel == "email"


def test_texts_need_a_mobile_number_and_point_to_change_details(
    tenant_client: Client, tess: Resident
) -> None:
    Resident.objects.filter(pk=tess.pk).update(mobile_phone="", email="")
    page = _post(tenant_client, preferred_channel="sms", channels=["sms", "email"]).content.decode()
    assert "We do not have your mobile number" in page
    assert "We do not have your email address" in page
    assert 'href="/my/details/change/"' in page
    tess.refresh_from_db()
    assert not tess.accepts_sms


def test_an_imported_language_code_outside_the_list_is_kept(tenant_client: Client, tess: Resident) -> None:
    Resident.objects.filter(pk=tess.pk).update(language="hy")
    assert "hy (as recorded by us)" in tenant_client.get("/my/preferences/").content.decode()
    _post(tenant_client, language="hy")
    tess.refresh_from_db()
    assert tess.language == "hy"
    page = _post(tenant_client, language="xx").content.decode()
    assert "from the options shown" in page
