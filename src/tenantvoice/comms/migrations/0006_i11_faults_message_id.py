"""Each message's Message-ID, fixed when it is queued (decision 0019), and who claimed it."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Cast, Concat

import tenantvoice.comms.models


def backfill_message_ids(apps, schema_editor):
    """Existing messages get an id each (two UPDATEs, however many rows): an email already sent
    through SMTP keeps the Message-ID it went with (stored as its provider_ref)."""
    Message = apps.get_model("comms", "Message")
    rows = Message.objects.using(schema_editor.connection.alias).filter(message_id="")
    rows.filter(provider_ref__startswith="<", provider_ref__endswith=">", channel="email").update(
        message_id=models.F("provider_ref")
    )
    domain = tenantvoice.comms.models.message_id_domain()
    rows.filter(message_id="").update(
        message_id=Concat(Value("<tv-"), Cast("pk", models.CharField()), Value(f".queued@{domain}>"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("comms", "0005_i11_sends_send_runs"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="claimed_by",
            field=models.CharField(blank=True, max_length=64),
        ),
        # Added empty, filled row by row, then given its default for new rows: a callable
        # default on AddField would give every existing row the same id.
        migrations.AddField(
            model_name="message",
            name="message_id",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(backfill_message_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="message",
            name="message_id",
            field=models.CharField(blank=True, default=tenantvoice.comms.models.new_message_id, max_length=200),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["status", "created_at"], name="comms_message_waiting_idx"),
        ),
    ]
