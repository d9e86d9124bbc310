"""How big an audience is and which languages it speaks, for the pages that show it (a survey's
page, its translation page, a saved group's page). Counting an audience reads the whole register,
so the figures come from the summary store (decision 0040): exact, and read in one query until
the register or involvement next changes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from tenantvoice.core.summaries import summarised

from .rules import Audience, audience_residents


@dataclass(frozen=True)
class AudienceProfile:
    residents: int
    languages: dict[str, int]  # language code ("" when not recorded) -> residents

    def other_languages(self, top: int = 8) -> list[tuple[str, int]]:
        """The ``top`` languages other than English most spoken, most first."""
        others = Counter({code: n for code, n in self.languages.items() if code not in ("", "en")})
        return others.most_common(top)


def audience_profile(audience: Audience, on: dt.date | None = None) -> AudienceProfile:
    """The number of residents in ``audience`` on ``on`` (today by default) and their
    languages."""
    on = on or timezone.localdate()
    languages = _audience_languages(audience=audience.to_json(), on=on)
    counts = {str(code): int(n) for code, n in languages.items()}
    return AudienceProfile(sum(counts.values()), counts)


# An audience selects on the register and on involvement (levels, groups, saved groups); the
# languages are residents' own, which the register's topic counts (residents/apps.py).
@summarised(lambda **arguments: ["register", "involvement"])
def _audience_languages(audience: dict[str, object], on: str) -> dict[str, int]:
    residents = audience_residents(Audience.from_json(audience), dt.date.fromisoformat(on))
    return dict(residents.values_list("language").annotate(n=Count("pk")).order_by())
