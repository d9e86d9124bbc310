from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "tenantvoice.actions"
    label = "actions"
    verbose_name = "Actions"
