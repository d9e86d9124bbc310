from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "tenantvoice.residents"
    label = "residents"
    verbose_name = "Resident register"
