"""Who takes part on the page, in the downloads, in the API and in the sections on other
pages (issue 18 items 1, 2 and 6; decision 0047). Residents are made with the factories."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from tenantvoice.accounts.models import User
from tenantvoice.core.models import AuditAction, AuditEvent
from tenantvoice.core.roles import Role
from tenantvoice.core.selectors import landlord_get
from tenantvoice.residents.models import Resident
from tests.conftest import sign_in
from tests.factories import (
    ConsultationFactory,
    GroupFactory,
    LevelFactory,
    LevelMembershipFactory,
    PropertyFactory,
    RepresentationFactory,
    ResponseFactory,
    SeatCategoryFactory,
    SeatHoldingFactory,
    SurveyFactory,
    make_resident,
    staff_user,
)
from tests.representation.test_compare import born_aged, consent

pytestmark = pytest.mark.django_db

PAGE = "staff:representation-report"
ON_TEXT = "30/6/2026"


def residents(count: int, **kwargs: object) -> list[Resident]:
    home = PropertyFactory()
    return [make_resident(home=home, **kwargs) for _ in range(count)]


def involve(people: list[Resident], level: object = None) -> object:
    level = level or LevelFactory()
    for person in people:
        LevelMembershipFactory(resident=person, level=level, started_on=dt.date(2026, 1, 1))
    return level


def threshold(value: int) -> None:
    landlord = landlord_get()
    landlord.suppression_threshold = value
    landlord.save(update_fields=["suppression_threshold"])


@pytest.fixture
def worked_example() -> object:
    """Issue 18's worked example: rates of 10%, 7.5% and 8% in three age bands."""
    threshold(1)
    young = residents(20, date_of_birth=born_aged(25))
    middle = residents(40, date_of_birth=born_aged(45))
    older = residents(25, date_of_birth=born_aged(70))
    return involve(young[:2] + middle[:3] + older[:2])


def _csv(response: object) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))  # type: ignore[attr-defined]


def test_the_page_shows_each_categorys_figures_score_and_named_groups(
    worked_example: object, officer: User
) -> None:
    page = sign_in(Client(), officer).get(reverse(PAGE), {"on": ON_TEXT})
    assert page.status_code == 200
    text = page.content.decode()
    assert "All involved residents against all residents living in our homes on 30 June 2026" in text
    # 45 to 54 (the default bands): 40 residents (47.1%), 3 involved (42.9%), gap -4.2, rate 7.5%.
    row = text[text.index('<th scope="row">45 to 54') :].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == [
        "40",
        "47.1",
        "3",
        "42.9",
        "-4.2",
        "7.5",
        "2.6",
        "19.9",
    ]
    assert "Residents aged 45 to 54 take part at three quarters of the rate of those aged 25 to 34." in text
    assert "Representation score: 75.0%" in text
    # Two charts per characteristic, drawn on the server.
    assert "Age: share of residents" in text and "Age: share of the involved" in text
    # No equality characteristics unless asked for, and no audit of a read without them.
    assert "Ethnic group" not in text
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY).exists()


def test_csv_and_xlsx_hold_the_same_figures(worked_example: object, officer: User) -> None:
    client = sign_in(Client(), officer)
    rows = _csv(client.get(reverse(PAGE), {"on": ON_TEXT, "format": "csv"}))
    assert ["45 to 54", "40", "47.1", "3", "42.9", "-4.2", "7.5", "2.6", "19.9"] in rows
    assert rows[0] == ["Who takes part"]
    assert ["Age", "75.0", rows[2][2]] == rows[2] and "three quarters" in rows[2][2]
    book = load_workbook(io.BytesIO(client.get(reverse(PAGE), {"on": ON_TEXT, "format": "xlsx"}).content))
    sheet = book["Age"]
    found = [list(row) for row in sheet.iter_rows(values_only=True) if row[0] == "45 to 54"]
    assert found == [["45 to 54", 40, 47.1, 3, 42.9, -4.2, 7.5, 2.6, 19.9]]


def test_small_numbers_are_hidden_on_the_page_and_in_the_downloads(officer: User) -> None:
    threshold(5)
    young = residents(20, date_of_birth=born_aged(25))
    residents(20, date_of_birth=born_aged(45))
    older = residents(20, date_of_birth=born_aged(70))
    involve(young[:2] + older[:8])  # two of the young involved: below 5, hidden
    client = sign_in(Client(), officer)
    text = client.get(reverse(PAGE), {"on": ON_TEXT}).content.decode()
    row = text[text.index('<th scope="row">25 to 34') :].split("</tr>")[0]
    assert "hidden" in row
    assert "Counts below 5 are hidden" in text or "below 5" in text
    rows = _csv(client.get(reverse(PAGE), {"on": ON_TEXT, "format": "csv"}))
    ages = rows[[r[:1] for r in rows].index(["Age"], 2) :]
    young_row = next(r for r in ages if r and r[0] == "25 to 34")
    assert young_row[3] == "[c]" and young_row[6] == "[c]"
    book = load_workbook(io.BytesIO(client.get(reverse(PAGE), {"on": ON_TEXT, "format": "xlsx"}).content))
    found = next(row for row in book["Age"].iter_rows(values_only=True) if row[0] == "25 to 34")
    assert found[3] == "[c]"


def test_equality_characteristics_count_only_the_consented_and_each_read_is_audited(
    worked_example: object, officer: User
) -> None:
    people = list(Resident.objects.all()[:12])
    for person in people:
        consent(person, sex="female")
    client = sign_in(Client(), officer)
    text = client.get(reverse(PAGE), {"on": ON_TEXT, "equality": "on"}).content.decode()
    assert "Equality characteristics" in text
    assert "count only residents who agreed to us keeping their equality answers" in text
    sex = text[text.index('id="sex-title"') :]
    female = sex[sex.index('<th scope="row">Female') :].split("</tr>")[0]
    assert "<td>12</td>" in female
    event = AuditEvent.objects.get(action=AuditAction.VIEW_EQUALITY, object_type="representation")
    assert event.actor == officer and "Sex" in event.summary
    client.get(reverse(PAGE), {"on": ON_TEXT, "equality": "on", "format": "csv"})
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY).count() == 2


def test_a_level_and_a_group_are_chosen_from_short_lists(officer: User) -> None:
    threshold(1)
    people = residents(6, date_of_birth=born_aged(30))
    level = involve(people[:2])
    group = GroupFactory(name="Scrutiny panel")
    category = SeatCategoryFactory(group=group)
    SeatHoldingFactory(seat_category=category, resident=people[5], started_on=dt.date(2026, 1, 1))
    client = sign_in(Client(), officer)
    on_level = client.get(reverse(PAGE), {"on": ON_TEXT, "population": "level", "level": level.slug})
    assert f"Residents on the level “{level.name}”" in on_level.content.decode()
    rows = _csv(
        client.get(
            reverse(PAGE), {"population": "group", "group": group.slug, "on": ON_TEXT, "format": "csv"}
        )
    )
    assert ["All", "6", "100", "1", "100", "", "", "", ""] in rows
    missing = client.get(reverse(PAGE), {"population": "level"})
    assert "Choose the level" in missing.content.decode()


def test_over_time_gives_each_quarter_end(worked_example: object, officer: User) -> None:
    client = sign_in(Client(), officer)
    page = client.get(
        reverse("staff:representation-over-time-report"),
        {"since": "1/1/2026", "on": "31/12/2026", "characteristic": "age"},
    )
    text = page.content.decode()
    assert "31/03/2026" in text or "31 March 2026" in text
    rows = _csv(
        client.get(
            reverse("staff:representation-over-time-report"),
            {"since": "1/1/2026", "on": "31/12/2026", "characteristic": "age", "format": "csv"},
        )
    )
    assert [row[0] for row in rows[2:6]] == ["31/03/2026", "30/06/2026", "30/09/2026", "31/12/2026"]
    # They joined on 1 January, so they were involved at every quarter end.
    assert rows[3][3] == "75.0"


def test_the_board_reads_the_board_report(worked_example: object, board_reader: User) -> None:
    page = sign_in(Client(), board_reader).get(reverse("staff:representation-board-report"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Representation scores over time" in text and "printable-report" in text
    rows = _csv(
        sign_in(Client(), board_reader).get(reverse("staff:representation-board-report"), {"format": "csv"})
    )
    trend = rows[[r[:1] for r in rows].index(["Representation scores over time"]) :]
    assert trend[1][:2] == ["Quarter end", "Age (%)"]
    by_day = {row[0]: row[1] for row in trend[2:] if row and row[0][:2].isdigit()}
    # Involved from 1 January 2026: no score before, 75% after (issue 18's worked example).
    assert by_day["30/09/2026"] == "75.0" and by_day["31/12/2025"] == ""
    assert sign_in(Client(), board_reader).get(reverse(PAGE)).status_code == 200


def test_residents_and_visitors_cannot_read_who_takes_part(tenant_user: User) -> None:
    for name in (PAGE, "staff:representation-board-report", "staff:representation-over-time-report"):
        assert sign_in(Client(), tenant_user).get(reverse(name)).status_code == 403
        assert Client().get(reverse(name)).status_code == 302


def test_the_level_and_group_pages_say_who_takes_part(officer: User) -> None:
    threshold(1)
    people = residents(4, date_of_birth=born_aged(30)) + residents(4, date_of_birth=born_aged(60))
    level = involve(people[:1] + people[4:8])
    text = (
        sign_in(Client(), officer).get(reverse("staff:involvement-level", args=[level.slug])).content.decode()
    )
    assert "Who takes part" in text
    assert "Residents aged 25 to 34 take part at a quarter of the rate of those aged 55 to 64." in text
    assert f"population=level&amp;level={level.slug}" in text


def test_the_sections_follow_the_landlords_age_bands_and_a_new_reply(officer: User) -> None:
    """The section's counts are kept in the summary store: new age bands and a new reply are
    seen at once, not a stale summary."""
    threshold(1)
    people = residents(4, date_of_birth=born_aged(30)) + residents(4, date_of_birth=born_aged(60))
    consultation = ConsultationFactory(title="Estate parking")
    RepresentationFactory(consultation=consultation, resident=people[0])
    for person in people[4:]:
        RepresentationFactory(consultation=consultation, resident=person)
    client = sign_in(Client(), officer)
    url = reverse("staff-consultations:consultation-detail", args=[consultation.pk])
    text = client.get(url).content.decode()
    assert "Residents who replied to “Estate parking”" in text
    assert "Residents aged 25 to 34 take part at a quarter of the rate of those aged 55 to 64." in text
    landlord = landlord_get()
    landlord.age_bands = [[16, 34], [35, 54], [55, None]]
    landlord.save(update_fields=["age_bands"])
    text = client.get(url).content.decode()
    assert "Residents aged 16 to 34 take part at a quarter of the rate of those aged 55 and over." in text
    RepresentationFactory(consultation=consultation, resident=people[1])
    text = client.get(url).content.decode()
    assert "Residents aged 16 to 34 take part at half the rate of those aged 55 and over." in text


def test_a_surveys_results_say_who_answered_and_offer_the_respondents_as_the_base(officer: User) -> None:
    threshold(1)
    people = residents(4, date_of_birth=born_aged(30)) + residents(4, date_of_birth=born_aged(60))
    survey = SurveyFactory(title="Repairs survey")
    for person in people[3:]:
        ResponseFactory(survey=survey, resident=person)
    involve(people[4:6])
    client = sign_in(Client(), officer)
    text = client.get(reverse("surveys:survey-results", args=[survey.pk])).content.decode()
    assert "Residents who answered “Repairs survey”" in text
    link = f"population=all&amp;base=survey&amp;survey={survey.pk}"
    assert link in text
    page = client.get(reverse(PAGE), {"population": "all", "base": "survey", "survey": survey.pk})
    compared = page.content.decode()
    assert "All involved residents against the residents who answered “Repairs survey”" in compared
    rows = _csv(client.get(reverse(PAGE), {"base": "survey", "survey": survey.pk, "format": "csv"}))
    assert ["All", "5", "100", "2", "100", "", "", "", ""] in rows


def test_the_api_gives_the_same_figures_with_hidden_ones_marked(worked_example: object) -> None:
    token = Token.objects.create(user=staff_user(Role.MANAGER, "mo@example.org")).key
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    body = api.get(reverse("api:representation-report"), {"on": "2026-06-30", "characteristic": "age"}).json()
    age = body["characteristics"][0]
    assert body["population"] == "All involved residents" and age["representation_score"] == 75.0
    line = next(c for c in age["categories"] if c["code"] == "45-54")
    assert (line["residents"], line["involved"], line["share_of_residents"], line["gap"]) == (
        40,
        3,
        47.1,
        -4.2,
    )
    assert line["participation_rate"] == 7.5
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_EQUALITY).exists()
    # Equality ones only by name, audited as on the page.
    body = api.get(reverse("api:representation-report"), {"on": "2026-06-30", "characteristic": "sex"}).json()
    assert body["characteristics"][0]["equality"] is True
    assert AuditEvent.objects.get(action=AuditAction.VIEW_EQUALITY).via == "api"
    refused = api.get(reverse("api:representation-report"), {"characteristic": "shoe_size"})
    assert refused.status_code == 400 and "There is no characteristic shoe_size" in refused.content.decode()
    refused = api.get(reverse("api:representation-report"), {"population": "level"})
    assert refused.status_code == 400 and "Choose the level" in refused.content.decode()
    # Small numbers hidden: with a threshold of 5, the 2 of 20 aged 25 to 34.
    threshold(5)
    body = api.get(reverse("api:representation-report"), {"on": "2026-06-30", "characteristic": "age"}).json()
    line = next(c for c in body["characteristics"][0]["categories"] if c["code"] == "25-34")
    assert line["involved"] == line["participation_rate"] == {"hidden": True}
    board = sign_in(Client(), staff_user(Role.BOARD_READER, "b@example.org"))
    assert board.get(reverse("api:representation-report")).status_code == 200


def test_an_officer_invites_an_under_represented_group_in_two_clicks(
    worked_example: object, officer: User
) -> None:
    """Issue 18 item 2: "A campaign or recruitment drive can target the under-represented
    groups in two clicks through the existing audience builder"."""
    client = sign_in(Client(), officer)
    page = client.get(reverse(PAGE), {"on": ON_TEXT}).content.decode()
    # 45-54 (3 of 40 involved: 7.5%) is under-represented: a smaller share of the involved (3 of
    # 7) than of residents (40 of 85). 25-34 (2 of 20: 10%) is over-represented: no link.
    target = reverse("audiences:target")
    assert f'href="{target}?characteristic=age&amp;category=45-54"' in page
    assert f'href="{target}?characteristic=age&amp;category=25-34"' not in page
    # Equality answers never select anyone.
    assert "characteristic=sex" not in page and "characteristic=ethnicity" not in page
    # Click one: who they are (those not yet involved) and the way on to a campaign.
    reach = client.get(target, {"characteristic": "age", "category": "45-54"})
    assert reach.status_code == 200
    html = reach.content.decode()
    assert "aged 45 to 54" in html and reverse("campaigns:new") in html


def test_a_board_reader_sees_no_invitations(worked_example: object) -> None:
    board = staff_user(Role.BOARD_READER, email="board.reader@example.org")
    page = sign_in(Client(), board).get(reverse(PAGE), {"on": ON_TEXT}).content.decode()
    assert "Invite these residents" not in page


def test_an_anonymous_survey_cannot_be_compared_and_the_page_says_why(officer: User) -> None:
    survey = SurveyFactory(title="Anonymous survey", anonymous=True)
    client = sign_in(Client(), officer)
    for query in ({"population": "survey", "survey": survey.pk}, {"base": "survey", "survey": survey.pk}):
        text = client.get(reverse(PAGE), query).content.decode()
        assert "This survey is anonymous: its answers are not linked to residents" in text
        assert "Representation score" not in text
