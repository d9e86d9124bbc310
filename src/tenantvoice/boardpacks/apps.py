from django.apps import AppConfig


class BoardpacksConfig(AppConfig):
    name = "tenantvoice.boardpacks"
    label = "boardpacks"
    verbose_name = "Board packs"
