from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "tenantvoice.annual_reports"
    label = "annual_reports"
    verbose_name = "Annual report to residents"
