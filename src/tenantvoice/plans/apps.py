from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "tenantvoice.plans"
    label = "plans"
    verbose_name = "Strategy action plans and reviews"
