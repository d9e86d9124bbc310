from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "tenantvoice.programme"
    label = "programme"
    verbose_name = "Survey programme"
