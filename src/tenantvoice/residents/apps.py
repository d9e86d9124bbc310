from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "tenantvoice.residents"
    label = "residents"
    verbose_name = "Resident register"

    def ready(self) -> None:
        # Every change to who lives where, and to residents' own facts (dates of birth, kinds,
        # what audiences select on), makes the register's summaries out of date (decision 0040).
        from tenantvoice.core.summaries import watch

        from .models import Area, Property, Resident, Tenancy, TenancyMember

        for model in (Property, Tenancy, TenancyMember):
            watch(model, lambda row: ["register"])
        # Summaries read a resident's kind, date of birth and language (and that they exist): a
        # change of phone number or other preferences leaves them as they are.
        watch(Resident, lambda row: ["register"], fields=["kind", "date_of_birth", "language"])
        # The area tree alone too: a survey's responses are grouped by top-level area with it.
        watch(Area, lambda row: ["register", "areas"])
