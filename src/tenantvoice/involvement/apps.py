from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "tenantvoice.involvement"
    label = "involvement"
    verbose_name = "Involvement: levels, opportunities and groups"

    def ready(self) -> None:
        # Levels, memberships and seats: what involvement in numbers counts and audiences
        # select on (decision 0040).
        from tenantvoice.core.summaries import watch

        from .models import Group, Level, LevelMembership, Opportunity, SeatCategory, SeatHolding

        for model in (Group, Level, LevelMembership, Opportunity, SeatCategory, SeatHolding):
            watch(model, lambda row: ["involvement"])
