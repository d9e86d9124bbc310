from django.apps import AppConfig

SUMMARISED_FIELDS = (
    "kind",
    "date_of_birth",
    "language",
    "preferred_channel",
    "email",
    "mobile_phone",
    "correspondence_address",
    "needs_interpreter",
    "large_print",
    "braille",
    "audio",
    "easy_read",
    "translation",
    "support_needs",
)


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
        # Summaries read a resident's kind, date of birth and language (and that they exist), and
        # what audiences and customer profiles select on and count (decision 0048): preferred
        # channel, contact details on file, support needs. Other changes leave them as they are.
        watch(Resident, lambda row: ["register"], fields=SUMMARISED_FIELDS)
        # The area tree alone too: a survey's responses are grouped by top-level area with it.
        watch(Area, lambda row: ["register", "areas"])
        # Each resident's home by date follows every single-row change (decision 0054).
        from .homes import connect_signals

        connect_signals()
