"""Browser tests: the real pages in headless Debian Chromium, checked with axe.

Skipped when Chromium is not installed, except in CI (CI=true), where a missing browser
fails the run: `make test` installs it (scripts/ensure-chromium.sh).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = (
    os.environ.get("TENANTVOICE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Every rule of those tags runs; only the violations come back in full (what passed or could not
# be decided is neither read nor sent from the browser: half the result, a quicker run).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            # The pages are the same whatever the database: run on SQLite only (scripts/test.sh).
            item.add_marker(pytest.mark.once)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is needed for the browser tests in CI: run scripts/ensure-chromium.sh")
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and Django refuses ORM
    # calls from such a thread unless told. Set for the browser tests' session only.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_without_javascript(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-GB", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser: Any) -> Iterator[Any]:
    """A JavaScript-enabled page for running axe on URLs visited without JavaScript."""
    context = browser.new_context(locale="en-GB")
    yield context.new_page()
    context.close()


def check_accessibility(page: Any) -> None:
    """Fail with a readable list of every WCAG 2.2 AA violation axe finds on the page."""
    from axe_playwright_python.sync_playwright import Axe

    # A click that submits a form returns before the next page has loaded; axe needs the
    # finished document, or it finds none (a flaky "documentElement of null").
    page.wait_for_load_state("load")
    try:
        results = Axe().run(page, options=AXE_OPTIONS)
    except Exception as exc:  # navigation raced the injected script: wait and run once more
        if "documentElement" not in str(exc) and "Execution context was destroyed" not in str(exc):
            raise
        page.wait_for_load_state("load")
        results = Axe().run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not problems, f"Accessibility problems on {page.url}:\n" + "\n".join(problems)


@pytest.fixture
def olive(transactional_db: None) -> Any:
    """Olive, an engagement officer with an authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tenantvoice.core.roles import Role
    from tests.factories import UserFactory

    user = UserFactory(role=Role.ENGAGEMENT_OFFICER, email="olive@example.org")
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return user


def sign_in_with_code(page: Any, base: str, user: Any) -> None:
    """Sign in with email, password and a real code computed from the user's TOTP device."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import PASSWORD

    page.goto(f"{base}/accounts/sign-in/")
    check_accessibility(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page, "Sign in")
    check_accessibility(page)
    device = TOTPDevice.objects.get(user=user)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.locator("#id_code").fill(f"{code:06d}")
    submit(page, "Continue")


def submit(page: Any, name: str, *, first: bool = False) -> None:
    """Press a form's button and wait until the page it leads to has loaded.

    A bare click returns once the request starts; reading the page (or the database) straight
    after it races the response and fails now and then (a CI run saw an empty page).
    """
    _navigate_by(page, page.get_by_role("button", name=name), first=first)


def follow(page: Any, name: str, *, first: bool = False, exact: bool = False) -> None:
    """Follow a link and wait until the page it leads to has loaded (``exact``: the whole name,
    not part of it, e.g. "Residents" and not "How we involve residents")."""
    _navigate_by(page, page.get_by_role("link", name=name, exact=exact), first=first)


def _navigate_by(page: Any, locator: Any, *, first: bool) -> None:
    with page.expect_navigation(wait_until="load"):
        (locator.first if first else locator).click()


def share_session(source: Any, target: Any) -> None:
    """Give ``target``'s browser context the cookies (so the session) of ``source``'s.

    Pages visited without JavaScript are checked with axe in a second, JavaScript-enabled
    context: axe is JavaScript, and this lets it see exactly what the signed-in visitor saw.
    """
    target.context.add_cookies(source.context.cookies())


def sign_in_as(page: Any, base: str, user: Any) -> None:
    """Put a signed-in session for ``user`` (staff: MFA passed) into the page's browser."""
    from django.conf import settings
    from django.test import Client

    from tests.conftest import sign_in

    client = sign_in(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base}])
