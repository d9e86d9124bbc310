from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "tenantvoice.comms"
    label = "comms"
    verbose_name = "Messages to residents"
