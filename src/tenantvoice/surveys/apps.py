from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tenantvoice.surveys"
    label = "surveys"
    verbose_name = "Surveys"
