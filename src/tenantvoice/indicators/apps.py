from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tenantvoice.indicators"
    label = "indicators"
    verbose_name = "Indicators, targets and benchmarks"
