from django.apps import AppConfig


class CommsConfig(AppConfig):
    name = "tenantvoice.comms"
    label = "comms"
    verbose_name = "Messages to residents"

    def ready(self) -> None:
        # Bounces and deliveries reported by any django-anymail provider's webhook.
        from anymail.signals import tracking

        from .delivery import anymail_tracking

        tracking.connect(anymail_tracking, dispatch_uid="tenantvoice-anymail-tracking")
