from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tenantvoice.demo"
    label = "demo"
    verbose_name = "Demo landlord and synthetic data"
