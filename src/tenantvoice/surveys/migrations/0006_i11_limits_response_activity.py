import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_papers"),
        ("surveys", "0005_survey_sampling"),
    ]

    operations = [
        migrations.AddField(
            model_name="response",
            name="activity",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="activities.activity",
            ),
        ),
    ]
