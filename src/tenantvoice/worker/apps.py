from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "tenantvoice.worker"
    label = "worker"
    verbose_name = "Background work"

    def ready(self) -> None:
        from tenantvoice.core.summaries import topics_changed

        from .tasks import refresh_soon

        topics_changed.connect(refresh_soon, dispatch_uid="worker:refresh-summaries")
