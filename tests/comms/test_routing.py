"""Choosing how: channel with fallback, no texts at night, the resident's language, bounced details."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from time_machine import TimeMachineFixture

from tenantvoice.comms.models import Template, TemplateVersion
from tenantvoice.comms.rendering import placeholders_in, render
from tenantvoice.comms.services import message_queue, quiet_until, route_for, send_queued_messages
from tenantvoice.comms.wording import OFFER_TRANSLATION
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_texts_go_to_those_who_prefer_them_and_fall_back_when_they_cannot() -> None:
    texter = ResidentFactory(preferred_channel="sms", mobile_phone="07700900123")
    assert route_for(texter, "service").channel == "sms"
    no_mobile = ResidentFactory(preferred_channel="sms", mobile_phone="", accepts_email=True)
    assert route_for(no_mobile, "service").channel == "email"
    phone_caller = ResidentFactory(preferred_channel="phone", accepts_email=False, accepts_sms=False)
    assert route_for(phone_caller, "service").channel == "letter"


def test_a_bounced_email_is_not_used_until_it_is_changed() -> None:
    resident = ResidentFactory(preferred_channel="email", accepts_email=True, email_problem_at=timezone.now())
    route = route_for(resident, "service")
    assert route.channel == "letter" and "email bounced" in route.why


@pytest.mark.parametrize(
    ("local_time", "waits_until"),
    [
        (dt.datetime(2026, 11, 24, 12, 0), None),
        (dt.datetime(2026, 11, 24, 22, 30), dt.datetime(2026, 11, 25, 8, 0)),
        (dt.datetime(2026, 11, 25, 6, 15), dt.datetime(2026, 11, 25, 8, 0)),
    ],
)
def test_no_texts_at_night(local_time: dt.datetime, waits_until: dt.datetime | None) -> None:
    result = quiet_until(local_time.replace(tzinfo=LONDON))
    assert result == (waits_until.replace(tzinfo=LONDON) if waits_until else None)


def test_a_text_queued_at_night_waits_for_the_morning(time_machine: TimeMachineFixture) -> None:
    night = dt.datetime(2026, 11, 24, 23, 0, tzinfo=LONDON)
    time_machine.move_to(night, tick=False)
    resident = ResidentFactory(preferred_channel="sms", mobile_phone="07700900123", first_name="Sid")
    [message] = message_queue(
        recipients=[resident], template="level_accepted", context={"level": "Voice Panel"}, key="t"
    )
    assert message.channel == "sms" and message.next_attempt_at == dt.datetime(2026, 11, 25, 8, tzinfo=LONDON)
    assert send_queued_messages(now=night) == 0
    assert send_queued_messages(now=dt.datetime(2026, 11, 25, 8, 1, tzinfo=LONDON)) == 1
    message.refresh_from_db()
    assert message.status == "sent" and "welcome to Voice Panel" in message.body and len(message.body) < 160


def test_the_residents_language_is_used_when_there_is_a_translation_else_an_offer() -> None:
    template = Template.objects.create(slug="level_accepted", name="Accepted", purpose="service")
    TemplateVersion.objects.create(
        template=template,
        language="pl",
        number=1,
        subject="Witamy w ((level))",
        body="Drogi/a ((name)), witamy.",
    )
    polish = ResidentFactory(language="pl", preferred_channel="letter", first_name="Ola")
    somali = ResidentFactory(language="so", preferred_channel="letter")
    messages = message_queue(
        recipients=[polish, somali], template="level_accepted", context={"level": "Panel"}, key="lang"
    )
    by_language = {m.language: m for m in messages}
    assert by_language["pl"].subject == "Witamy w Panel" and by_language["pl"].template_version == 1
    assert by_language["en"].subject == "Welcome to Panel" and OFFER_TRANSLATION in by_language["en"].body


def test_resident_approved_wording_says_so() -> None:
    template = Template.objects.create(slug="level_accepted", name="Accepted", purpose="service")
    TemplateVersion.objects.create(
        template=template,
        language="en",
        number=2,
        subject="Welcome to ((level))",
        body="Dear ((name)), welcome.",
        resident_approved_on=dt.date(2026, 3, 4),
    )
    [message] = message_queue(
        recipients=[ResidentFactory(preferred_channel="letter")],
        template="level_accepted",
        context={"level": "Panel"},
        key="approved",
    )
    assert message.body.endswith("Resident Approved, March 2026")


def test_placeholders_are_filled_as_text_and_empty_lines_dropped() -> None:
    text = "Dear ((name)),\n((online))\nBring {{ secrets }} ((missing))"
    result = render(text, {"name": "<b>Ann</b>", "online": ""})
    assert result.text == "Dear <b>Ann</b>,\nBring {{ secrets }}"
    assert result.missing == {"online", "missing"}
    assert placeholders_in(text, "((name)) (( other ))") == ["name", "online", "missing", "other"]
