from django.apps import AppConfig


class ValueForMoneyConfig(AppConfig):
    name = "tenantvoice.value_for_money"
    label = "value_for_money"
    verbose_name = "Value for money of involvement"
