# The search's index in its exact order (name keys, then id), so a common surname is one page
# walked off the index, not every match sorted. Made before the old one is dropped, so the
# search always has an index.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0010_i15_property_list_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(fields=["last_name_key", "first_name_key", "id"], name="resident_name_order"),
        ),
        migrations.RemoveIndex(
            model_name="resident",
            name="residents_r_last_na_244a6f_idx",
        ),
    ]
