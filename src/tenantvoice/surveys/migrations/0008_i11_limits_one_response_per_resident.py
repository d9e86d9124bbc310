from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0007_i11_limits_one_response_data"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="response",
            constraint=models.UniqueConstraint(
                condition=models.Q(("activity__isnull", True), ("resident__isnull", False)),
                fields=("survey", "resident"),
                name="one_response_per_resident",
                violation_error_message="This resident has already answered this survey.",
            ),
        ),
        migrations.AddConstraint(
            model_name="response",
            constraint=models.UniqueConstraint(
                condition=models.Q(("activity__isnull", False), ("resident__isnull", False)),
                fields=("survey", "resident", "activity"),
                name="one_exit_response_per_activity",
                violation_error_message="This resident has already answered this survey about this activity.",
            ),
        ),
    ]
