"""The database cache's table, so that `migrate` alone readies a fresh install (decision 0015).

The table is made whichever cache is configured today, so switching from Redis back to the
database later needs no extra step; `createcachetable` skips a table that already exists.
"""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    alias = schema_editor.connection.alias
    table = getattr(settings, "TENANTVOICE_CACHE_TABLE", "tenantvoice_cache")
    call_command("createcachetable", table, database=alias, verbosity=0)
    # Any other database cache the settings name (a landlord's own CACHES).
    call_command("createcachetable", database=alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_i11_limits_landlord_contact"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False),
    ]
