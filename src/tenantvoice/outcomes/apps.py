from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "tenantvoice.outcomes"
    label = "outcomes"
    verbose_name = "You said, we did"
