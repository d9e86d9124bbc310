"""An officer adds an action to the tracker, records its progress, and residents see it on
"You said, we did" once it is public; every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest

from tenantvoice.accounts.models import User
from tenantvoice.actions.models import Action, ActionStatus

from .conftest import check_accessibility, follow, sign_in_with_code, submit

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_adds_an_action_records_progress_and_residents_see_it(
    page: Any, browser: Any, live_server: Any, olive: User
) -> None:
    base = live_server.url
    sign_in_with_code(page, base, olive)

    follow(page, "Accountability", exact=True)  # the staff menu's section opens on the tracker
    assert "Action tracker" in page.locator("h1").inner_text()
    check_accessibility(page)
    follow(page, "Add an action", first=True)
    check_accessibility(page)
    submit(page, "Add the action")  # nothing filled in: the error summary
    assert "Choose who owns it" in page.content()
    check_accessibility(page)
    page.get_by_label("What will be done").fill("Publish the repairs timescales")
    page.get_by_label("Owner: a post or a name").fill("Head of Repairs")
    page.get_by_label("Due by").fill("31/3/2027")
    page.get_by_label("Show it to residents on the 'You said, we did' page").check()
    submit(page, "Add the action")
    assert "Action added." in page.content()
    check_accessibility(page)

    page.get_by_label("Status").select_option(ActionStatus.IN_PROGRESS.value)
    page.get_by_label("Progress (%)").fill("40")
    page.get_by_label("Note").fill("Draft written")
    submit(page, "Record progress")
    assert "Progress recorded." in page.content()
    assert "In progress, 40%. Draft written" in page.locator("main").inner_text()
    check_accessibility(page)
    action = Action.objects.get()
    assert (action.status, action.progress, action.public) == (ActionStatus.IN_PROGRESS, 40, True)

    resident = browser.new_context(locale="en-GB").new_page()
    resident.goto(f"{base}/you-said-we-did/")
    text = resident.locator("main").inner_text()
    assert "What we are doing" in text and "Publish the repairs timescales" in text and "40% done" in text
    assert "Head of Repairs" not in text
    check_accessibility(resident)
    resident.goto(f"{base}/you-said-we-did/actions/")
    assert "Publish the repairs timescales" in resident.locator("main").inner_text()
    check_accessibility(resident)
    resident.context.close()

    # Back to the officer: a sub-action (the parent's progress is now its sub-actions'), the
    # change page and the list filtered to open actions.
    page.goto(f"{base}/staff/actions/{action.pk}/")
    follow(page, "Add a sub-action")
    check_accessibility(page)
    page.get_by_label("What will be done").fill("Agree the timescales with the contractor")
    page.get_by_label("Owner: a post or a name").fill("Repairs Manager")
    submit(page, "Add the sub-action")
    assert "Sub-action added." in page.content()
    follow(page, "Change what, who or when")
    check_accessibility(page)
    page.goto(f"{base}/staff/actions/?status=open")
    assert "Publish the repairs timescales" in page.locator("main").inner_text()
    check_accessibility(page)
