from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "tenantvoice.activities"
    label = "activities"
    verbose_name = "Activities: meetings, events, attendance and hours"
