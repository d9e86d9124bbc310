"""Issue 16: action points are actions in the tracker now (actions 0002 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0007_i15_staff_home_indexes'),
        ('actions', '0002_i16_action_points_become_actions'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ActionPoint',
        ),
    ]
