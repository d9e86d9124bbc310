from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "tenantvoice.referrals"
    label = "referrals"
    verbose_name = "Referrals to the Board"
