from django.apps import AppConfig
from django.db.models.signals import pre_save


class AccountsConfig(AppConfig):
    name = "tenantvoice.accounts"
    label = "accounts"
    verbose_name = "Accounts and sign-in"

    def ready(self) -> None:
        from rest_framework.authtoken.models import Token

        from .tokens import refuse_resident_tokens

        pre_save.connect(refuse_resident_tokens, sender=Token, dispatch_uid="refuse_resident_tokens")
