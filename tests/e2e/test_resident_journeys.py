"""A resident signs up, checks and corrects their details, sets preferences, answers the
equality questions and downloads their data: on a desktop and on a phone without JavaScript."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.residents.models import EqualityProfile, Resident
from tests.factories import UserFactory, household
from tests.outbox import code_in, last_message, link_in

from .conftest import PHONE, check_accessibility, follow, share_session, sign_in_as, submit

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def tess(transactional_db: None) -> Resident:
    tenancy = household(first_name="Tess", last_name="Tenant", date_of_birth=dt.date(1958, 3, 27))
    return tenancy.members.get().resident


def sign_up(page: Any, base: str, tess: Resident, *, check: bool = True) -> None:
    """Check the tenancy, then create the account (one person in the household: no 'who' step)."""
    tenancy = tess.memberships.get().tenancy
    page.goto(f"{base}/my/sign-up/")
    if check:
        check_accessibility(page)
    page.get_by_label("Tenancy reference").fill(tenancy.hms_ref)
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1958")
    submit(page, "Continue")
    page.get_by_label("Email address").fill("tess@example.org")
    if check:
        check_accessibility(page)
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    submit(page, "Create my account")
    confirm_and_sign_in(page, base, check=check)


def confirm_and_sign_in(page: Any, base: str, *, check: bool = True, email: str = "tess@example.org") -> None:
    """The account is live once the link emailed to it is opened; then sign in."""
    assert "Check your email" in page.locator("main").inner_text()
    if check:
        check_accessibility(page)
    page.goto(base + link_in(last_message("account_confirm_email", to=email)))
    if check:
        check_accessibility(page)
    submit(page, "Confirm my email address")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")


def test_a_resident_signs_up_and_looks_after_their_details(
    page: Any, live_server: Any, tess: Resident
) -> None:
    base = live_server.url
    sign_up(page, base, tess)
    assert page.url.endswith("/my/")
    check_accessibility(page)

    page.goto(f"{base}/my/details/")
    assert "Tess Tenant" in page.locator("main").inner_text()
    check_accessibility(page)
    follow(page, "Change my name or contact details")
    check_accessibility(page)
    page.get_by_label("Email address").fill("not an email")
    submit(page, "Save my details")
    summary = page.locator(".error-summary")
    assert summary.is_visible() and "There is a problem" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    check_accessibility(page)
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.get_by_label("Email address").fill("tess.tenant@example.org")
    submit(page, "Save my details")
    assert Resident.objects.get(pk=tess.pk).email == "tess.tenant@example.org"

    page.goto(f"{base}/my/preferences/")
    check_accessibility(page)
    page.get_by_label("Large print").check()
    page.get_by_label("Yes, send me news and newsletters").check()
    submit(page, "Save my preferences")
    saved = Resident.objects.get(pk=tess.pk)
    assert saved.large_print and saved.consents_to_news
    check_accessibility(page)

    page.goto(f"{base}/my/equality/")
    check_accessibility(page)
    page.get_by_label("Buddhist").check()
    page.locator("#id_consent").check()
    submit(page, "Save my answers")
    assert EqualityProfile.objects.get(resident=tess).religion == "buddhist"
    check_accessibility(page)

    page.goto(f"{base}/my/data/")
    check_accessibility(page)
    assert "Tess" in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download it as a file (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("my-data-")
    with open(download.path(), encoding="utf-8") as file:
        assert "tess.tenant@example.org" in json.dumps(json.load(file))


def test_a_resident_signs_up_with_a_code_and_later_resets_the_password(
    page: Any, live_server: Any, tess: Resident
) -> None:
    """The postcode route (a code to the email on the record), then forgetting the password."""
    base = live_server.url
    tenancy = tess.memberships.get().tenancy
    page.goto(f"{base}/my/sign-up/")
    page.get_by_label("Tenancy reference").fill(tenancy.hms_ref)
    page.get_by_label("Postcode of your home").fill(tenancy.property.postcode)
    submit(page, "Continue")
    assert "Where should we send your code?" in page.locator("main").inner_text()
    check_accessibility(page)
    page.locator("input[name=channel]").first.check()
    submit(page, "Send the code")
    check_accessibility(page)
    page.get_by_label("Code").fill(
        "000000" if code_in(last_message("sign_up_code")) != "000000" else "111111"
    )
    submit(page, "Continue")
    assert "That code is not right" in page.locator(".error-summary").inner_text()
    check_accessibility(page)
    page.get_by_label("Code").fill(code_in(last_message("sign_up_code")))
    submit(page, "Continue")
    page.get_by_label("Email address").fill("tess@example.org")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    submit(page, "Create my account")
    confirm_and_sign_in(page, base)
    assert page.url.endswith("/my/")
    page.goto(f"{base}/my/account/email/")
    check_accessibility(page)

    fresh = page.context.browser.new_page()
    fresh.goto(f"{base}/accounts/sign-in/")
    follow(fresh, "Forgot your password?")
    check_accessibility(fresh)
    fresh.get_by_label("Email address").fill("tess@example.org")
    submit(fresh, "Send the link")
    check_accessibility(fresh)
    fresh.goto(base + link_in(last_message("password_reset")))
    check_accessibility(fresh)
    fresh.get_by_label("New password").fill("a-new-and-unusual-passphrase-43")
    fresh.get_by_label("Type the password again").fill("a-new-and-unusual-passphrase-43")
    submit(fresh, "Save the password")
    assert "Your password is saved" in fresh.locator("main").inner_text()
    check_accessibility(fresh)
    fresh.close()


def check_without_javascript(page: Any, axe_page: Any, base: str) -> None:
    """Run axe on exactly what the JavaScript-less phone shows, at the phone's width.

    axe is JavaScript, so it runs in a second context: the page's HTML (even the answer to a
    POST) is put into a page of the same site and size, with the same session.
    """
    html = page.content()
    share_session(page, axe_page)
    axe_page.set_viewport_size(PHONE)
    axe_page.goto(f"{base}/health/")
    axe_page.set_content(html)
    # Nothing is wider than the phone's screen (no sideways scrolling, WCAG 1.4.10).
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    check_accessibility(axe_page)


def test_a_resident_on_a_phone_without_javascript(
    phone_without_javascript: Any, axe_page: Any, live_server: Any, tess: Resident
) -> None:
    page, base = phone_without_javascript, live_server.url
    page.goto(f"{base}/my/sign-up/")
    check_without_javascript(page, axe_page, base)
    sign_up(page, base, tess, check=False)
    assert page.url.endswith("/my/")
    check_without_javascript(page, axe_page, base)

    page.goto(f"{base}/my/details/change/")
    check_without_javascript(page, axe_page, base)
    page.get_by_label("Mobile phone number").fill("call me maybe")
    submit(page, "Save my details")
    # Without JavaScript the error summary still takes the focus (autofocus) and its links
    # still move to the field (the browser follows the #fragment).
    assert "There is a problem" in page.locator(".error-summary").inner_text()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    check_without_javascript(page, axe_page, base)
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_mobile_phone"
    page.get_by_label("Mobile phone number").fill("07700 900123")
    submit(page, "Save my details")
    assert Resident.objects.get(pk=tess.pk).mobile_phone

    page.goto(f"{base}/my/details/")
    check_without_javascript(page, axe_page, base)
    page.goto(f"{base}/my/data/")
    check_without_javascript(page, axe_page, base)


def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_content(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next tab stop is inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_error_pages_are_accessible(page: Any, live_server: Any, tess: Resident) -> None:
    base = live_server.url
    response = page.goto(f"{base}/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    check_accessibility(page)

    # A resident who follows a staff link is refused: the 403 page.
    sign_in_as(page, base, UserFactory(role=Role.RESIDENT, email="tess@example.org", resident=tess))
    response = page.goto(f"{base}/staff/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "You cannot see this page"
    check_accessibility(page)
