"""A consultation's "you said, we did" is an outcomes.Outcome now, copied there by outcomes 0002
(decision 0036). Its decision stays: it is the record of what was decided (s54)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_i13_corrections"),
        ("outcomes", "0002_i14_ysd_copy_published"),
    ]

    operations = [
        migrations.RemoveField(model_name="consultation", name="feedback"),
        migrations.RemoveField(model_name="consultation", name="feedback_published_on"),
    ]
