from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tenantvoice.portal"
    label = "portal"
    verbose_name = "Residents' pages"
