"""Issue 16 item 3: a scrutiny recommendation is a kind of source of actions."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0004_i16_action_plan_source'),
        ('activities', '0008_i16_action_points_moved_to_tracker'),
        ('involvement', '0006_i15_staff_home_indexes'),
        ('referrals', '0001_initial'),
        ('residents', '0012_i15_resident_name_byte_order'),
        ('scrutiny', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='action',
            name='action_one_source',
        ),
        migrations.AddField(
            model_name='action',
            name='recommendation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='scrutiny.recommendation', verbose_name='scrutiny recommendation'),
        ),
        migrations.AddConstraint(
            model_name='action',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('activity__isnull', True), ('plan__isnull', True), ('recommendation__isnull', True), ('referral__isnull', True)), models.Q(('activity__isnull', False), ('plan__isnull', True), ('recommendation__isnull', True), ('referral__isnull', True)), models.Q(('activity__isnull', True), ('plan__isnull', True), ('recommendation__isnull', True), ('referral__isnull', False)), models.Q(('activity__isnull', True), ('plan__isnull', False), ('recommendation__isnull', True), ('referral__isnull', True)), models.Q(('activity__isnull', True), ('plan__isnull', True), ('recommendation__isnull', False), ('referral__isnull', True)), _connector='OR'), name='action_one_source'),
        ),
    ]
