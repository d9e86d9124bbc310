"""Which process runs an import, so a dead one's import is marked failed (decision 0019)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('residents', '0004_messaging'),
    ]

    operations = [
        migrations.AddField(
            model_name='importrun',
            name='claimed_by',
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
