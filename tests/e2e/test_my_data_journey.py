"""Everything we hold about you, with a row of every kind, passes axe and can be read on a
phone without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.core.roles import Role
from tests.factories import ResidentFactory, TenancyMemberFactory, UserFactory
from tests.portal.test_my_data_every_kind import one_of_everything

from .conftest import check_accessibility, share_session, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_everything_we_hold_with_every_kind_of_row_is_accessible(
    page: Any, phone_without_javascript: Any, axe_page: Any, live_server: Any
) -> None:
    tess = TenancyMemberFactory(resident=ResidentFactory(first_name="Tess", last_name="Tenant")).resident
    one_of_everything(tess)
    user = UserFactory(role=Role.RESIDENT, email="tess@example.org", resident=tess)
    sign_in_as(page, live_server.url, user)
    page.goto(f"{live_server.url}/my/data/")
    assert page.get_by_role("heading", name="Groups you are a member of").is_visible()
    page.get_by_role("link", name="Elections you voted in").click()
    assert page.url.endswith("#ballots")
    check_accessibility(page)

    sign_in_as(phone_without_javascript, live_server.url, user)
    phone_without_javascript.goto(f"{live_server.url}/my/data/")
    assert phone_without_javascript.get_by_role(
        "heading", name="Meetings and events you were invited to"
    ).is_visible()
    share_session(phone_without_javascript, axe_page)
    axe_page.goto(f"{live_server.url}/my/data/")
    check_accessibility(axe_page)
