from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tenantvoice.api"
    label = "api"
    verbose_name = "REST API"
