from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "tenantvoice.worker"
    label = "worker"
    verbose_name = "Background work"
