"""An index in the API's order of tenancies (newest start first, a NULL start last, then the
reference and the id that make it total), so a page of /api/v1/tenancies/ is a range of the
index at any depth instead of a sort of the whole table (issue 15).

Written per database because Django's Index would write NULLS LAST on SQLite too, which SQLite
refuses in an index; there a NULL is the smallest value, so DESC alone puts it last.
"""

from typing import Any

from django.db import migrations

INDEX = "tenancy_newest_first"


def create(apps: Any, schema_editor: Any) -> None:
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f'CREATE INDEX "{INDEX}" ON "residents_tenancy" ("start_date" DESC{nulls}, "hms_ref", "id")'
    )


def drop(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f'DROP INDEX "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0008_i15_area_search_keys"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
