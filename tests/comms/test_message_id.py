"""An email's Message-ID is fixed when it is queued, so a resend after a crash carries the same
one and the receiving mail system can drop the duplicate (decision 0019)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tenantvoice.comms.models import Message
from tenantvoice.comms.services import message_queue, send_queued_messages
from tenantvoice.worker.liveness import hostname
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def queue_one(key: str = "message-id") -> Message:
    [message] = message_queue(
        recipients=[ResidentFactory(preferred_channel="email")],
        template="level_accepted",
        context={"level": "Panel"},
        key=key,
    )
    return message


def dead_tag() -> str:
    process = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    process.wait()
    return f"{hostname()}:{process.pid}:deadbeef"


@override_settings(TENANTVOICE_SITE_URL="https://engage.example-homes.org.uk/")
def test_the_message_id_is_set_when_the_message_is_queued_on_the_sites_domain() -> None:
    first, second = queue_one("a"), queue_one("b")

    assert first.message_id.startswith("<") and first.message_id.endswith("@engage.example-homes.org.uk>")
    assert first.message_id != second.message_id
    assert Message.objects.get(pk=first.pk).message_id == first.message_id, "stored before any attempt"


def test_an_email_resent_after_a_crash_has_the_same_message_id() -> None:
    message = queue_one()
    send_queued_messages()
    assert [email.extra_headers["Message-ID"] for email in mail.outbox] == [message.message_id]

    # The worker died after the SMTP server took it and before the row was marked sent.
    Message.objects.filter(pk=message.pk).update(
        status="sending", claimed_at=timezone.now(), claimed_by=dead_tag(), provider_ref=""
    )
    send_queued_messages()

    assert len(mail.outbox) == 2, "SMTP cannot be asked, so it went again ..."
    assert (
        mail.outbox[1].message()["Message-ID"] == mail.outbox[0].message()["Message-ID"] == message.message_id
    )


def test_the_file_sender_writes_the_message_id(tmp_path: Path) -> None:
    with override_settings(
        TENANTVOICE_SENDERS={"email": "tenantvoice.comms.senders.file.FileSender"},
        TENANTVOICE_FILE_SENDER_DIR=str(tmp_path),
    ):
        message = queue_one()
        send_queued_messages()

    assert f"Message-ID: {message.message_id}\n" in (tmp_path / f"email-{message.pk}.txt").read_text()


def test_a_row_without_a_message_id_gets_one_before_its_first_attempt() -> None:
    message = queue_one()
    Message.objects.filter(pk=message.pk).update(message_id="")

    send_queued_messages()

    stored = Message.objects.get(pk=message.pk).message_id
    assert stored and mail.outbox[0].message()["Message-ID"] == stored


def test_the_migration_gives_existing_messages_an_id_each_keeping_those_already_sent() -> None:
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("tenantvoice.comms.migrations.0006_i11_faults_message_id").backfill_message_ids
    sent, waiting, other = queue_one("a"), queue_one("b"), queue_one("c")
    Message.objects.update(message_id="")
    Message.objects.filter(pk=sent.pk).update(status="sent", provider_ref="<old.123@example.org>")

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection  # type: ignore[attr-defined]
    backfill(apps, editor)

    ids = dict(Message.objects.values_list("pk", "message_id"))
    assert ids[sent.pk] == "<old.123@example.org>"
    assert len({ids[waiting.pk], ids[other.pk], ids[sent.pk]}) == 3
    assert ids[waiting.pk].startswith(f"<tv-{waiting.pk}.") and ids[waiting.pk].endswith(">")
