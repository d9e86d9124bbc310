"""Issue 16 item 2: a strategy's action plan is a kind of source of actions."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_i16_referral_source"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="action",
            name="action_one_source",
        ),
        migrations.AddField(
            model_name="action",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="actions",
                to="plans.actionplan",
                verbose_name="strategy action plan",
            ),
        ),
        migrations.AddConstraint(
            model_name="action",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("activity__isnull", True), ("plan__isnull", True), ("referral__isnull", True)),
                    models.Q(("activity__isnull", False), ("plan__isnull", True), ("referral__isnull", True)),
                    models.Q(("activity__isnull", True), ("plan__isnull", True), ("referral__isnull", False)),
                    models.Q(("activity__isnull", True), ("plan__isnull", False), ("referral__isnull", True)),
                    _connector="OR",
                ),
                name="action_one_source",
            ),
        ),
    ]
