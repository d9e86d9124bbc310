"""A survey's "you said, we did" is an outcomes.Outcome now, copied there by outcomes 0002
(decision 0036)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0009_i13_corrections"),
        ("outcomes", "0002_i14_ysd_copy_published"),
    ]

    operations = [
        migrations.RemoveField(model_name="survey", name="feedback_published_on"),
        migrations.RemoveField(model_name="survey", name="we_did"),
        migrations.RemoveField(model_name="survey", name="you_said"),
    ]
