"""Issue 13 item 6, "Words": no raw codes or field names ("sms", "accepts_email",
"household_member") reach a resident's or an officer's page; choices are shown in words."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tenantvoice.accounts.models import User
from tenantvoice.comms.models import MessageChannel, MessageStatus
from tenantvoice.core.audit import audit_record
from tenantvoice.core.models import AuditAction
from tenantvoice.residents.models import Resident

from ..conftest import sign_in
from ..factories import MessageFactory

pytestmark = pytest.mark.django_db

SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
PLACEHOLDER = re.compile(r"\(\([a-z_]+\)\)")
CODES = re.compile(r"\b(sms|email_and_sms|household_member|accepts_\w+)\b")


class _Text(HTMLParser):
    """The words a reader sees: text outside scripts and styles (not attributes or URLs)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.words)


def raw_codes(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    # ((first_name)) is a placeholder officers type in a message, shown so they can: not a code.
    text = PLACEHOLDER.sub("", visible_text(response.content.decode()))
    return sorted(set(SNAKE_CASE.findall(text)) | set(CODES.findall(text)))


@pytest.fixture
def tess_with_messages(tess: Resident) -> Resident:
    Resident.objects.filter(pk=tess.pk).update(
        accepts_sms=True, mobile_phone="07700 900123", preferred_channel="sms"
    )
    MessageFactory(recipient=tess, channel=MessageChannel.SMS, status=MessageStatus.SENT, to="07700900123")
    MessageFactory(recipient=tess, channel=MessageChannel.EMAIL, status=MessageStatus.FAILED)
    return tess


MY_PAGES = [
    "/my/",
    "/my/details/",
    "/my/preferences/",
    "/my/data/",
    "/my/messages/",
    "/my/activities/",
    "/my/expenses/",
    "/my/surveys/",
]


@pytest.mark.parametrize("url", MY_PAGES)
def test_a_residents_pages_show_no_codes(
    tenant_client: Client, tess_with_messages: Resident, url: str
) -> None:
    assert raw_codes(tenant_client, url) == []


STAFF_PAGES = [
    "/staff/residents/{pk}/",
    "/staff/residents/{pk}/preferences/",
    "/staff/residents/{pk}/involvement/",
    "/staff/audit/",
    "/staff/campaigns/outbox/",
    "/staff/campaigns/templates/",
    "/staff/campaigns/templates/activity_invitation/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_the_officers_pages_about_a_resident_show_no_codes(
    administrator: User, tess_with_messages: Resident, url: str
) -> None:
    client = sign_in(Client(), administrator)
    audit_record(actor=administrator, action=AuditAction.VIEW, object_type="equality_profile", object_id="1")
    assert raw_codes(client, url.format(pk=tess_with_messages.pk)) == []


# The landlords whose strategies TenantVoice was built from (strategies/ and the tests keep their
# names): no page may show them, whichever landlord runs the site.
OTHER_LANDLORDS = re.compile(
    r"Housing for Women|\bHfW\b|Southway|Thenue|Tower Hamlets|Winchester|TenantLink", re.IGNORECASE
)


def test_no_template_names_another_landlord() -> None:
    from pathlib import Path

    import tenantvoice

    root = Path(tenantvoice.__file__).parent
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("templates/**/*.*")
        if path.suffix in (".html", ".txt", ".md")
        for match in OTHER_LANDLORDS.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_label_or_hint_names_another_landlord() -> None:
    from django.apps import apps

    from .formwalk import every_form_class

    words: list[str] = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            words += [str(getattr(field, "help_text", "")), str(getattr(field, "verbose_name", ""))]
    for form in every_form_class():
        for field in form.base_fields.values():
            words += [str(field.help_text), str(field.label or "")]
    assert [w for w in words if OTHER_LANDLORDS.search(w)] == []
