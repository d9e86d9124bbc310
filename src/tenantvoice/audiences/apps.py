from django.apps import AppConfig


class AudiencesConfig(AppConfig):
    name = "tenantvoice.audiences"
    label = "audiences"
    verbose_name = "Audiences and saved segments"

    def ready(self) -> None:
        # A saved segment's rules choose who is in a survey's population (decision 0040).
        from tenantvoice.core.summaries import watch

        from .models import Segment

        watch(Segment, lambda row: ["involvement"])
