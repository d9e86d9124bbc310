from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "tenantvoice.involvement"
    label = "involvement"
    verbose_name = "Involvement: levels, opportunities and groups"
