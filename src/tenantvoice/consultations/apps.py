from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "tenantvoice.consultations"
    label = "consultations"
    verbose_name = "Consultations"
