"""Residents' phone numbers stored in E.164, as every entry point now stores them (decision 0033).

Each mobile and other phone number that ``core.phones`` reads as a phone number ("07700 900123",
"7700900123" from a spreadsheet that dropped the zero, "+44 (0)161 496 0000") becomes E.164
("+447700900123"); the page shows it as people write it. **A value that is not a phone number
("call me maybe", "n/a", a number with an extension) is left unchanged**, so nothing is lost:
it is shown as it is, and the officers' and residents' forms ask for a number the next time
the details are changed. They can be listed with
``Resident.objects.exclude(mobile_phone="").exclude(mobile_phone__startswith="+")`` (and the
same for ``other_phone``).

Not reversed: the numbers' old spacing is not kept, and E.164 is a correct value either way.
The records' ``updated_at`` is not changed: the number itself is the same.
"""

from typing import Any

from django.db import migrations

from tenantvoice.core.phones import normalise_phone_or_keep

CHUNK = 2000


def normalise_stored_phones(apps: Any, schema_editor: Any) -> int:
    """Normalise every resident's phone numbers that parse; returns how many records changed.

    Walks the table by primary key a chunk at a time (no cursor held open while writing, which
    SQLite does not isolate) and writes only the records that change.
    """
    Resident = apps.get_model("residents", "Resident")
    changed = 0
    last = 0
    while True:
        chunk = list(
            Resident.objects.filter(pk__gt=last)
            .exclude(mobile_phone="", other_phone="")
            .order_by("pk")
            .values_list("pk", "mobile_phone", "other_phone")[:CHUNK]
        )
        if not chunk:
            return changed
        last = chunk[-1][0]
        updates = []
        for pk, mobile, other in chunk:
            new_mobile, new_other = normalise_phone_or_keep(mobile), normalise_phone_or_keep(other)
            if (new_mobile, new_other) != (mobile, other):
                updates.append(Resident(pk=pk, mobile_phone=new_mobile, other_phone=new_other))
        Resident.objects.bulk_update(updates, ["mobile_phone", "other_phone"], batch_size=500)
        changed += len(updates)


def _forwards(apps: Any, schema_editor: Any) -> None:
    normalise_stored_phones(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0006_i13_visitor_kind"),
    ]

    operations = [
        migrations.RunPython(_forwards, migrations.RunPython.noop, elidable=True),
    ]
