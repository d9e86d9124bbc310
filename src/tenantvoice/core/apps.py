from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tenantvoice.core"
    label = "core"
    verbose_name = "Core"
