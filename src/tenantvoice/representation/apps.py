from django.apps import AppConfig


class RepresentationConfig(AppConfig):
    name = "tenantvoice.representation"
    label = "representation"
    verbose_name = "Who takes part"
