"""The staff home says what needs doing (officers) or lists every report the reader may read
(managers, board readers); the grouped staff menu marks the current section; every staff page
has breadcrumbs; and no home, menu or breadcrumb links anyone to a page they cannot open."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tenantvoice.accounts.models import User
from tenantvoice.activities.models import Activity, InformationRequest
from tenantvoice.comms.models import Message
from tenantvoice.comms.services import message_queue
from tenantvoice.core.roles import Role
from tenantvoice.core.working_days import add_working_days, landlord_nation
from tenantvoice.involvement.models import Level, MembershipStatus
from tenantvoice.reporting.models import ReportingDuty
from tenantvoice.residents.models import ImportRun, ImportStatus
from tenantvoice.staff.work import deadline_words, todays_work
from tenantvoice.strategies.loader import strategy_load
from tests.conftest import rows_shared_by_tests, sign_in
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    GroupFactory,
    InformationRequestFactory,
    LevelMembershipFactory,
    QuestionFactory,
    ResidentFactory,
    SurveyFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db

ZONE = timezone.get_default_timezone()


@pytest.fixture(scope="module")
def thh_loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Tower Hamlets Homes' standards: minutes and information requests within 10 working days.
    Loaded once for the module's tests (decision 0037); each test's rows are rolled back."""
    with rows_shared_by_tests(django_db_blocker):
        strategy_load("tower-hamlets-homes")
        yield


@pytest.fixture(autouse=True)
def thh(thh_loaded: None, db: None) -> None:
    """Every test here sees Tower Hamlets Homes' strategy."""


def working_day(days: int) -> dt.date:
    return add_working_days(timezone.localdate(), days, landlord_nation())


def meeting_held(working_days_ago: int, title: str = "Residents Panel") -> Activity:
    start = dt.datetime.combine(working_day(-working_days_ago), dt.time(10), tzinfo=ZONE)
    return ActivityFactory(title=title, starts_at=start, ends_at=start + dt.timedelta(hours=2))


def work_waiting() -> dict[str, object]:
    """One of each kind of work, with deadlines chosen in working days from today."""
    level = Level.objects.filter(is_default=False).order_by("order").last()
    assert level is not None
    LevelMembershipFactory(
        level=level, status=MembershipStatus.APPLIED, resident=ResidentFactory(first_name="Ann")
    )
    LevelMembershipFactory(
        level=level,
        status=MembershipStatus.OFFERED,
        offer_expires_on=working_day(2),
        resident=ResidentFactory(first_name="Bob"),
    )
    late_minutes = meeting_held(15, "Estate walkabout")  # due 10 working days after: 5 late
    due_request = InformationRequestFactory(received_on=working_day(-7), due_on=working_day(3))
    late_request = InformationRequestFactory(received_on=working_day(-12), due_on=working_day(-2))
    answered = InformationRequestFactory(
        received_on=working_day(-12), due_on=working_day(-2), answered_on=working_day(-3), answer="Yes."
    )
    closing = ConsultationFactory(title="Repairs policy", opens_on=working_day(-20), closes_on=working_day(4))
    ConsultationFactory(title="Far away consultation", closes_on=working_day(40))
    survey = SurveyFactory(
        title="Estate services survey", opens_on=working_day(-10), closes_on=timezone.localdate()
    )
    [message] = message_queue(
        recipients=[ResidentFactory(preferred_channel="email")],
        template="level_accepted",
        context={"level": "Panel"},
        key="waiting",
    )
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - dt.timedelta(minutes=30))
    check = ImportRun.objects.create(
        original_name="hms-extract.csv", file="imports/x.csv", dry_run=True, status=ImportStatus.CHECKED
    )
    return {
        "level": level,
        "late_minutes": late_minutes,
        "due_request": due_request,
        "late_request": late_request,
        "answered": answered,
        "closing": closing,
        "survey": survey,
        "check": check,
    }


def verified(user: User) -> User:
    """The user as the MFA middleware leaves them after their second factor."""
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def home(user: User) -> str:
    cache.clear()
    return sign_in(Client(), user).get(reverse("staff:home")).content.decode()


def test_an_officer_sees_each_kind_of_work_with_its_deadline_in_working_days(officer: User) -> None:
    work = work_waiting()
    page = home(officer)

    for heading in (
        "Applications to decide (1)",
        "Offers waiting for an answer (1)",
        "Minutes to send (1)",
        "Requests for information to answer (2)",
        "Consultations closing (1)",
        "Surveys closing (1)",
        "Messages waiting longer than expected (1)",
        "Imports to confirm (1)",
    ):
        assert heading in page, heading
    assert f"Application to join {work['level'].name}" in page  # type: ignore[attr-defined]
    today, nation = timezone.localdate(), landlord_nation()

    def words(due: dt.date, verb: str = "Due") -> str:
        return deadline_words(due, today, nation, verb=verb)[0]

    minutes_due = add_working_days(work["late_minutes"].date, 10, nation)  # type: ignore[attr-defined]
    assert "Minutes of Estate walkabout" in page and words(minutes_due) in page
    assert words(working_day(2), "Ends") in page
    assert words(working_day(3)) in page and words(working_day(-2)) in page
    assert words(working_day(4), "Closes") in page and "Closes today" in page
    assert "working days late" in page or "working day late" in page
    assert "Far away consultation" not in page
    assert "hms-extract.csv: checked" in page
    for url in (
        reverse("staff:involvement-level", args=[work["level"].slug]),  # type: ignore[attr-defined]
        reverse("staff:activity-minutes", args=[work["late_minutes"].pk]),  # type: ignore[attr-defined]
        reverse("staff:information-request-answer", args=[work["due_request"].pk]),  # type: ignore[attr-defined]
        reverse("staff-consultations:consultation-detail", args=[work["closing"].pk]),  # type: ignore[attr-defined]
        reverse("surveys:survey-detail", args=[work["survey"].pk]),  # type: ignore[attr-defined]
        reverse("campaigns:outbox"),
        reverse("staff:import-detail", args=[work["check"].pk]),  # type: ignore[attr-defined]
    ):
        assert f'href="{url}"' in page, url
    answered_url = reverse("staff:information-request-answer", args=[work["answered"].pk])  # type: ignore[attr-defined]
    assert answered_url not in page, "answered requests are done"


def test_late_work_comes_first_and_done_work_drops_off(officer: User) -> None:
    late = InformationRequestFactory(received_on=working_day(-12), due_on=working_day(-2))
    InformationRequestFactory(received_on=working_day(-1), due_on=working_day(9))
    [requests] = [kind for kind in todays_work(verified(officer)) if kind.key == "requests"]
    assert requests.items[0].late and requests.items[0].deadline.endswith("late")
    InformationRequest.objects.filter(pk=late.pk).update(answered_on=timezone.localdate(), answer="Done")
    [requests] = [kind for kind in todays_work(verified(officer)) if kind.key == "requests"]
    assert requests.total == 1 and not requests.items[0].late


def test_a_long_backlog_is_counted_only_up_to_a_limit(officer: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """The heading counts at most COUNT_UP_TO + 1 rows (a LIMIT inside the COUNT), so a backlog
    of a hundred thousand costs the home page what a hundred does; beyond it, plain words."""
    from tenantvoice.staff import work

    monkeypatch.setattr(work, "COUNT_UP_TO", 12)
    InformationRequestFactory.create_batch(12, received_on=working_day(-1))
    page = home(officer)
    assert "Requests for information to answer (12)" in page and "See all 12" in page
    InformationRequestFactory.create_batch(5, received_on=working_day(-1))
    with CaptureQueriesContext(connection) as queries:
        page = home(officer)
    assert "Requests for information to answer (more than 12)" in page and "See them all" in page
    [count] = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"] and "activities_informationrequest" in q["sql"]
    ]
    assert "LIMIT 13" in count


def test_nothing_waiting_is_said_plainly(officer: User) -> None:
    # The test database's strategy has reports on its timetable, due since its quarters ended.
    ReportingDuty.objects.update(active=False)
    assert "Nothing is waiting for you today" in home(officer)


def test_deadlines_are_counted_in_working_days_over_weekends_and_bank_holidays() -> None:
    friday, monday, tuesday = dt.date(2026, 12, 18), dt.date(2026, 12, 21), dt.date(2026, 12, 22)
    assert deadline_words(monday, friday, "england-and-wales") == ("Due in 1 working day", False)
    assert deadline_words(friday, tuesday, "england-and-wales") == ("2 working days late", True)
    assert deadline_words(friday, friday, "england-and-wales") == ("Due today", False)
    # Christmas Day and Boxing Day (moved to Monday 28th) are bank holidays in England.
    assert deadline_words(dt.date(2026, 12, 29), dt.date(2026, 12, 24), "england-and-wales") == (
        "Due in 1 working day",
        False,
    )


def test_the_work_list_reads_work_tables_only_never_the_register(officer: User) -> None:
    work_waiting()
    with CaptureQueriesContext(connection) as queries:
        todays_work(verified(officer))
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "residents_resident" not in sql, "never counts or reads residents"
    # Two of them read the reporting timetable (its duties, and the reports presented).
    assert len(queries.captured_queries) <= 18


def test_board_readers_get_every_report_and_nothing_personal(board_reader: User, manager: User) -> None:
    work = work_waiting()
    QuestionFactory(survey=work["survey"])
    page = home(board_reader)
    for name in (
        "staff:standards-report",
        "staff:quarterly-return",
        "staff:involvement-report",
        "staff:governance-timetable",
        "staff:expenses-report",
    ):
        assert f'href="{reverse(name)}"' in page, name
    assert reverse("surveys:survey-results", args=[work["survey"].pk]) in page  # type: ignore[attr-defined]
    for personal in ("Ann", "Bob", "Application", "Find a resident", "hms-extract", "Today's work"):
        # Whole words: "Ann" is a resident's name, not the start of "Annual report".
        assert not re.search(rf"\b{re.escape(personal)}\b", page), personal
    manager_page = home(manager)
    assert reverse("staff:quarterly-return") in manager_page and "Today&#x27;s work" not in manager_page
    assert "Find a resident" in manager_page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/"):
            self.links.add(href.split("#")[0])


def links_on(html: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links - {""}


@pytest.mark.parametrize(
    "role", [Role.ADMINISTRATOR, Role.ENGAGEMENT_OFFICER, Role.MANAGER, Role.BOARD_READER]
)
def test_every_link_on_each_roles_home_opens_for_that_role(role: str, settings: object) -> None:
    work_waiting()
    GroupFactory()
    user = staff_user(role, f"{role}@example.org")
    client = sign_in(Client(), user)
    page = client.get(reverse("staff:home")).content.decode()
    links = links_on(page)
    assert reverse("staff:home") in links
    assert len(links) > 8
    for link in sorted(links):
        response = client.get(link, follow=True)
        assert response.status_code == 200, f"{role}: {link} answered {response.status_code}"


@pytest.mark.parametrize(
    "role", [Role.ADMINISTRATOR, Role.ENGAGEMENT_OFFICER, Role.MANAGER, Role.BOARD_READER]
)
def test_every_link_in_the_menu_of_each_section_opens_for_that_role(role: str) -> None:
    """The menu of each section's first page (with its own pages listed) links only to pages
    the reader may open."""
    user = staff_user(role, f"{role}@example.org")
    client = sign_in(Client(), user)
    sections = re.findall(
        r'class="staff-menu__section[^"]*" href="([^"]+)"', client.get(reverse("staff:home")).content.decode()
    )
    assert sections
    for section in sections:
        page = client.get(section)
        assert page.status_code == 200, section
        for link in links_on(page.content.decode()):
            if link.startswith("/staff/"):
                assert client.get(link, follow=True).status_code == 200, f"{role}: {link} from {section}"


def current_section(html: str) -> str:
    match = re.search(
        r'class="staff-menu__section[^"]*"[^>]*aria-current="(?:page|true)"[^>]*>([^<]+)<', html
    )
    return match.group(1) if match else ""


def test_the_menu_marks_the_current_section_and_page(officer: User, board_reader: User) -> None:
    survey = SurveyFactory(title="Tenant satisfaction")
    client = sign_in(Client(), officer)
    surveys = client.get(reverse("surveys:list")).content.decode()
    assert current_section(surveys) == "Have your say"
    assert f'<a href="{reverse("surveys:list")}" aria-current="page">Surveys</a>' in surveys
    assert 'aria-label="Have your say pages"' in surveys
    detail = client.get(reverse("surveys:survey-detail", args=[survey.pk])).content.decode()
    assert current_section(detail) == "Have your say"
    assert current_section(client.get(reverse("staff:resident-search")).content.decode()) == "Residents"
    assert current_section(client.get(reverse("staff:activities")).content.decode()) == "Meetings"
    quarterly = client.get(reverse("staff:quarterly-return")).content.decode()
    assert current_section(quarterly) == "Reports"
    assert (
        f'<a href="{reverse("staff:quarterly-return")}" aria-current="page">Quarterly return</a>' in quarterly
    )
    assert current_section(client.get(reverse("staff:home")).content.decode()) == ""

    board = sign_in(Client(), board_reader)
    results = board.get(reverse("surveys:survey-results", args=[survey.pk])).content.decode()
    assert current_section(results) == "Reports", "a board reader reads results as a report"
    assert 'aria-label="Have your say pages"' not in results
    assert f'href="{reverse("surveys:list")}"' not in results


def test_each_role_sees_only_the_sections_it_may_open(
    board_reader: User, officer: User, administrator: User
) -> None:
    def sections(user: User) -> list[str]:
        return re.findall(r'class="staff-menu__section[^"]*" href="[^"]+"[^>]*>([^<]+)<', home(user))

    # Board readers read the accountability chain (actions, scrutiny, referrals) and the reports.
    assert sections(board_reader) == ["Accountability", "Reports"]
    assert sections(officer) == [
        "Residents",
        "Involvement",
        "Meetings",
        "Have your say",
        "Messages",
        "Accountability",
        "Complaints",
        "Reports",
    ]
    assert sections(administrator)[-1] == "Settings"


def _staff_pages_without_arguments() -> list[str]:
    names = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif pattern.name and "<" not in str(pattern.pattern):
                path = prefix + str(pattern.pattern)
                if path.startswith("staff/") and not path.endswith((".csv", ".pdf")):
                    names.append(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "", "")
    return sorted(set(names) - {"staff:home"})


def test_every_staff_page_has_breadcrumbs(administrator: User) -> None:
    resident = ResidentFactory()
    survey = SurveyFactory()
    QuestionFactory(survey=survey)
    activity = meeting_held(2)
    group = GroupFactory()
    level = Level.objects.exclude(is_default=True).first()
    assert level is not None
    request = InformationRequestFactory()
    consultation = ConsultationFactory()
    check = ImportRun.objects.create(original_name="x.csv", file="imports/x.csv", status=ImportStatus.CHECKED)
    client = sign_in(Client(), administrator)
    pages = [reverse(name) for name in _staff_pages_without_arguments()] + [
        reverse("staff:resident-detail", args=[resident.pk]),
        reverse("staff:resident-change", args=[resident.pk]),
        reverse("staff:resident-preferences", args=[resident.pk]),
        reverse("staff:resident-equality", args=[resident.pk]),
        reverse("staff:resident-involvement", args=[resident.pk]),
        reverse("staff:activity-detail", args=[activity.pk]),
        reverse("staff:activity-change", args=[activity.pk]),
        reverse("staff:activity-minutes", args=[activity.pk]),
        reverse("staff:group-detail", args=[group.slug]),
        reverse("staff:involvement-level", args=[level.slug]),
        reverse("staff:information-request-answer", args=[request.pk]),
        reverse("staff:import-detail", args=[check.pk]),
        reverse("staff:account-detail", args=[administrator.pk]),
        reverse("staff-consultations:consultation-detail", args=[consultation.pk]),
        reverse("surveys:survey-detail", args=[survey.pk]),
        reverse("surveys:survey-results", args=[survey.pk]),
        reverse("surveys:survey-report", args=[survey.pk]),
        reverse("surveys:survey-translate", args=[survey.pk]),
        reverse("surveys:responses-upload", args=[survey.pk]),
    ]
    checked = 0
    for page in pages:
        response = client.get(page)
        if response.status_code == 405 or not response["Content-Type"].startswith("text/html"):
            continue  # a form's POST address, or a download
        assert response.status_code == 200, page
        assert 'aria-label="Breadcrumb"' in response.content.decode(), f"{page} has no breadcrumbs"
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("name", ["surveys:survey-detail", "surveys:survey-results", "surveys:survey-report"])
def test_long_survey_pages_have_a_contents_list_whose_links_land(name: str, administrator: User) -> None:
    survey = SurveyFactory(status="closed")
    QuestionFactory(survey=survey)
    page = sign_in(Client(), administrator).get(reverse(name, args=[survey.pk])).content.decode()
    contents = re.search(r'<nav class="contents-list".*?</nav>', page, re.S)
    assert contents is not None
    targets = re.findall(r'href="#([^"]+)"', contents.group(0))
    assert len(targets) >= 3
    for target in targets:
        assert f'id="{target}"' in page, target


def test_consultations_and_surveys_closing_later_are_not_listed(officer: User) -> None:
    ConsultationFactory(closes_on=working_day(30))
    SurveyFactory(title="Later", status="open", closes_on=working_day(30))
    ConsultationFactory(
        title="Past its date", summary="s", likely_effect="l", status="open", closes_on=working_day(-1)
    )
    kinds = {kind.key: kind for kind in todays_work(verified(officer))}
    assert "surveys" not in kinds
    assert [item.title for item in kinds["consultations"].items] == ["Past its date"]
    assert kinds["consultations"].items[0].late


@pytest.mark.parametrize("role", [Role.MANAGER, Role.BOARD_READER])
def test_report_readers_can_follow_every_link_on_every_report(role: str) -> None:
    """From each report on the home (survey results and programmes too), every staff link opens."""
    from tenantvoice.programme.models import Programme

    survey = SurveyFactory(status="closed", opens_on=working_day(-30))
    QuestionFactory(survey=survey)
    Programme.objects.create(title="TenantLink 2026", starts_on=working_day(-40))
    client = sign_in(Client(), staff_user(role, f"{role}@example.org"))
    reports = [
        link
        for link in links_on(client.get(reverse("staff:home")).content.decode())
        if link.startswith(("/staff/reports/", "/staff/surveys/", "/staff/programme/"))
    ]
    assert reverse("surveys:survey-results", args=[survey.pk]) in reports
    for report in reports:
        for link in links_on(client.get(report).content.decode()):
            if link.startswith("/staff/"):
                response = client.get(link, follow=True)
                assert response.status_code == 200, f"{role}: {link} on {report}"
