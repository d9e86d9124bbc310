"""On PostgreSQL, the officers' search compares and orders the name keys byte by byte
(``COLLATE "C"``: ``residents.selectors._in_byte_order``), so it needs an index of the
columns in that collation, in the page's order; and statistics detailed enough to know a common surname
(1,000 most common values instead of 100), so the planner walks the index and stops after a
page rather than sorting every Smith. SQLite compares bytes already: the plain index of
migration 0011 serves it, and nothing is done here."""

from typing import Any

from django.db import migrations

INDEX = "resident_name_byte_order"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE INDEX "{INDEX}" ON "residents_resident" '
        '(("last_name_key" COLLATE "C"), ("first_name_key" COLLATE "C"), "id")'
    )
    # Statistics of the columns themselves (an index column with a collation is not an
    # expression with statistics of its own): a common surname is then one of the most common
    # values, whose count the planner knows whatever the collation it compares in.
    for column in ("last_name_key", "first_name_key"):
        schema_editor.execute(f'ALTER TABLE "residents_resident" ALTER COLUMN "{column}" SET STATISTICS 1000')


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX "{INDEX}"')
        for column in ("last_name_key", "first_name_key"):
            schema_editor.execute(
                f'ALTER TABLE "residents_resident" ALTER COLUMN "{column}" SET STATISTICS -1'
            )


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0011_i15_resident_name_order"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
