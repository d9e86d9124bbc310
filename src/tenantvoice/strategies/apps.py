from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "tenantvoice.strategies"
    label = "strategies"
    verbose_name = "Engagement strategies"
