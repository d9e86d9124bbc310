"""The main journeys' pages on a phone and on a desktop, with and without JavaScript.

Every page passes axe and nothing on it is wider than the screen (wide tables scroll inside
their own focusable region, WCAG 1.4.10). Pages visited without JavaScript are checked by
putting exactly the HTML that visitor saw into a JavaScript-enabled page of the same size and
session, because axe is JavaScript. The service-standards report and the survey report are
also checked as printed (print media), the way boards often read them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tenantvoice.core.roles import Role
from tenantvoice.involvement.models import Level
from tenantvoice.involvement.services import level_join
from tenantvoice.residents.models import MemberRole
from tenantvoice.strategies.loader import strategy_load
from tests.factories import ResidentFactory, TenancyMemberFactory, UserFactory

from .conftest import check_accessibility, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

SCREENS = {
    "phone": {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.fixture
def journeys(transactional_db: None) -> dict[str, Any]:
    """Southway's strategy, a resident involved at a level, and a surveyed wave of answers."""
    from tenantvoice.surveys.models import Survey
    from tests.surveys.test_weighting import _wave

    strategy_load("southway")
    resident = TenancyMemberFactory(
        resident=ResidentFactory(first_name="Rita", last_name="Jones"), role=MemberRole.TENANT
    ).resident
    level_join(
        resident=resident,
        level=Level.objects.get(slug="individual"),
        consent_wording="I agree",
        on=dt.date.today() - dt.timedelta(days=3),
    )
    from tenantvoice.involvement.models import SeatCategory
    from tenantvoice.involvement.services import seat_fill

    councillors = SeatCategory.objects.get(
        group__slug="southway-consultative-group", name__startswith="Local ward councillors"
    )
    seat_fill(
        category=councillors, started_on=dt.date.today() - dt.timedelta(days=3), person_name="Cllr Jo Bloggs"
    )
    survey: Survey = _wave("Tenant survey 2026", satisfied=6, dissatisfied=4)
    staff = UserFactory(role=Role.ENGAGEMENT_OFFICER, email="olive@example.org")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=staff, name="Phone", confirmed=True)
    return {
        "staff": staff,
        "resident": UserFactory(role=Role.RESIDENT, email="rita@example.org", resident=resident),
        "survey": survey,
    }


def staff_pages(survey: Any) -> list[str]:
    return [
        "/staff/",
        "/staff/reports/",
        "/staff/groups/southway-consultative-group/",
        "/staff/involvement/",
        "/staff/reports/involvement/",
        "/staff/reports/service-standards/",
        "/staff/reports/quarterly-return/",
        f"/staff/surveys/{survey.pk}/results/",
        f"/staff/surveys/{survey.pk}/results/report/",
    ]


PRINTED = ("/staff/reports/service-standards/", "/results/report/")
RESIDENT_PAGES = ["/get-involved/mine/", "/get-involved/levels/"]


# Elements that stick out past the right of the screen, except inside a scrolling table region.
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.body.querySelectorAll("*")]
    .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-wrap"))
    .slice(-3)
    .map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + ": "
      + (e.textContent || "").trim().slice(0, 60));
}"""


def check_page(page: Any, checker: Any, base: str, width: int) -> None:
    """axe on what ``page`` shows (through ``checker`` when ``page`` runs no JavaScript), and
    nothing wider than the screen."""
    if checker is not page:
        html = page.content()
        checker.context.clear_cookies()
        checker.context.add_cookies(page.context.cookies())
        checker.goto(f"{base}/health/")
        checker.set_content(html)
    too_wide = checker.evaluate(WIDER_THAN_SCREEN)
    assert not too_wide, f"Wider than the screen on {page.url}: {too_wide}"
    check_accessibility(checker)


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_main_pages_pass_axe_with_and_without_javascript(
    browser: Any, live_server: Any, journeys: dict[str, Any], screen: str
) -> None:
    base, options = live_server.url, SCREENS[screen]
    width = options["viewport"]["width"]
    problems: list[str] = []

    def check(page: Any, checker: Any) -> None:
        try:
            check_page(page, checker, base, width)
        except AssertionError as error:  # every page's problems, not only the first page's
            problems.append(f"{screen}, JavaScript {'on' if javascript else 'off'}: {error}")

    for javascript in (True, False):
        context = browser.new_context(locale="en-GB", java_script_enabled=javascript, **options)
        page = context.new_page()
        page.set_default_timeout(10_000)
        checker_context = None
        checker = page
        if not javascript:
            checker_context = browser.new_context(locale="en-GB", **options)
            checker = checker_context.new_page()
        sign_in_as(page, base, journeys["staff"])
        for path in staff_pages(journeys["survey"]):
            response = page.goto(f"{base}{path}")
            assert response is not None and response.status == 200, path
            check(page, checker)
            if javascript and path.endswith(PRINTED):
                page.emulate_media(media="print")
                check(page, page)
                page.emulate_media(media="screen")
        context.clear_cookies()
        sign_in_as(page, base, journeys["resident"])
        for path in RESIDENT_PAGES:
            response = page.goto(f"{base}{path}")
            assert response is not None and response.status == 200, path
            check(page, checker)
        context.close()
        if checker_context is not None:
            checker_context.close()
    assert not problems, "\n\n".join(problems)
