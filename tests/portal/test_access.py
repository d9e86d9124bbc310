"""Who may use the residents' pages: residents only, each on their own record."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tenantvoice import urls as root_urls
from tenantvoice.accounts.models import User

from ..conftest import sign_in

PRIVATE = [
    "/my/",
    "/my/details/",
    "/my/details/change/",
    "/my/preferences/",
    "/my/equality/",
    "/my/equality/delete/",
    "/my/data/",
    "/my/data.json",
]


@pytest.mark.parametrize("url", PRIVATE)
def test_anonymous_visitors_are_sent_to_sign_in(client: Client, db: None, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/accounts/sign-in/?next={url}")


@pytest.mark.parametrize("persona", ["officer", "administrator", "manager", "board_reader"])
@pytest.mark.parametrize("url", PRIVATE)
def test_staff_are_refused(client: Client, request: pytest.FixtureRequest, persona: str, url: str) -> None:
    staff: User = request.getfixturevalue(persona)
    sign_in(client, staff)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


@pytest.mark.parametrize("url", PRIVATE)
def test_a_resident_may_use_every_page(tenant_client: Client, url: str) -> None:
    assert tenant_client.get(url).status_code in {200, 302}


# Pages about one of the resident's own invitations, or a review sent to their panel, carry its
# number; each looks it up among the signed-in resident's own and answers 404 otherwise
# (tests/activities/test_taking_part.py, tests/comms/test_templates_and_reviews.py); a referral
# of a group they sit on likewise (tests/referrals), and a scrutiny review of a panel they sit on
# (tests/scrutiny/test_pages.py), and the resident's own complaint (tests/complaints/test_pages.py).
OWN_ITEM_PAGES = {
    "activity",
    "rsvp",
    "review",
    "survey",
    "referral",
    "scrutiny-review",
    "complaint",
    "complaint-made",
    "complaint-escalate",
}


def test_no_portal_url_carries_a_resident_id() -> None:
    for pattern in root_urls.portal_urls:
        if pattern.name in OWN_ITEM_PAGES:
            continue
        assert "id" not in str(pattern.pattern) and "pk" not in str(pattern.pattern), pattern


def test_the_url_names_other_engineers_rely_on_exist() -> None:
    assert reverse("portal:home") == "/my/"
    assert reverse("portal:sign-up") == "/my/sign-up/"
    assert reverse("portal:invitation", args=["abc"]) == "/my/invitation/abc/"
    assert reverse("portal:details") == "/my/details/"
    assert reverse("portal:details-change") == "/my/details/change/"
    assert reverse("portal:preferences") == "/my/preferences/"
    assert reverse("portal:equality") == "/my/equality/"
    assert reverse("portal:data") == "/my/data/"
    assert reverse("portal:data-json") == "/my/data.json"
