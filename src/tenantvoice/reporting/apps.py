from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "tenantvoice.reporting"
    label = "reporting"
    verbose_name = "Reporting timetable"
