from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "tenantvoice.complaints"
    label = "complaints"
    verbose_name = "Complaints and learning"
