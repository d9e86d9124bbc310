"""The landlord's phone number stored in E.164, as the settings page now stores it (decision 0033).

A number ``core.phones`` reads ("0300 123 4567") becomes E.164 ("+443001234567"); pages and
messages show it as people write it. **A value that is not a phone number is left unchanged**
(and shown as it is) until an administrator next saves the contact details. Not reversed.
"""

from typing import Any

from django.db import migrations

from tenantvoice.core.phones import normalise_phone_or_keep


def normalise_landlord_phone(apps: Any, schema_editor: Any) -> None:
    Landlord = apps.get_model("core", "Landlord")
    for pk, phone in Landlord.objects.exclude(phone="").values_list("pk", "phone"):
        normalised = normalise_phone_or_keep(phone)
        if normalised != phone:
            Landlord.objects.filter(pk=pk).update(phone=normalised)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_i12_rule_sources"),
    ]

    operations = [
        migrations.RunPython(normalise_landlord_phone, migrations.RunPython.noop, elidable=True),
    ]
