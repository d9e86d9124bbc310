"""Areas' own names and full names as search keys, so an officer finds an area by typing the
start of either, on an index, instead of choosing from a list of every area (decision 0039).
Existing areas are filled here; Area.save fills them from now on."""

from django.db import migrations, models

from tenantvoice.residents.normalise import search_key


def fill_keys(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Areas already there get the search keys that Area.save fills from now on."""
    Area = apps.get_model("residents", "Area")
    batch = []
    for area in Area.objects.only("pk", "name", "full_name").iterator(chunk_size=2000):
        area.name_key = search_key(area.name)
        area.full_name_key = search_key(area.full_name)
        batch.append(area)
        if len(batch) == 2000:
            Area.objects.bulk_update(batch, ["name_key", "full_name_key"])
            batch = []
    Area.objects.bulk_update(batch, ["name_key", "full_name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0007_i14_phone_numbers_e164"),
    ]

    operations = [
        migrations.AddField(
            model_name="area",
            name="full_name_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=500),
        ),
        migrations.AddField(
            model_name="area",
            name="name_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
