from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "tenantvoice.audiences"
    label = "audiences"
    verbose_name = "Audiences and saved segments"
