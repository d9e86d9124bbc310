from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "tenantvoice.scrutiny"
    label = "scrutiny"
    verbose_name = "Scrutiny reviews"
