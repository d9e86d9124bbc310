from django.apps import AppConfig


class EqualityImpactConfig(AppConfig):
    name = "tenantvoice.equality_impact"
    label = "equality_impact"
    verbose_name = "Equality impact assessments"
