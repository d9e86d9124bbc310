from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "tenantvoice.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    def ready(self) -> None:
        # Who replied is counted once per change to the replies (decision 0040).
        from tenantvoice.core.summaries import watch

        from .models import Representation, consultation_topic

        watch(Representation, lambda row: [consultation_topic(row.consultation_id)])
