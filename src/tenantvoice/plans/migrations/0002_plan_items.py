import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_i16_action_plan_source"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlanItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=120)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("action", "Action"),
                            ("objective", "Strategic objective"),
                            ("commitment", "Commitment"),
                        ],
                        default="action",
                        max_length=12,
                    ),
                ),
                ("measure", models.TextField(blank=True)),
                ("order", models.PositiveIntegerField(default=0)),
                ("loaded", models.JSONField(blank=True, default=dict)),
                ("sources", models.JSONField(blank=True, default=dict)),
                (
                    "action",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plan_item",
                        to="actions.action",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="plans.actionplan",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "pk"],
                "constraints": [models.UniqueConstraint(fields=("plan", "key"), name="plan_item_key")],
            },
        ),
        migrations.AddField(
            model_name="strategyreview",
            name="actions_added",
            field=models.ManyToManyField(blank=True, related_name="+", to="actions.action"),
        ),
    ]
