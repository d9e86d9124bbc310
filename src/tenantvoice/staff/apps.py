from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "tenantvoice.staff"
    label = "staff"
    verbose_name = "Officers' pages"
