"""The affected population's profile, drawn once and kept on the assessment (decision 0049).

Who is compared depends on what is assessed:

- a consultation: the residents who replied to it themselves, against all residents living in
  the landlord's homes on its closing date (today, while it is still open);
- a group: the residents holding a seat on it today, against all residents;
- a programme of activities: the residents marked present at an activity from its first day to
  its last (both included), against all residents on the last day (today, while it runs);
- a policy or the engagement strategy: all involved residents (decision 0047's rule) against
  all residents, today.

The characteristics are compared together by
:func:`tenantvoice.representation.compare.compare_many` (grouped queries, never a loop over
residents; the landlord's age bands), suppressed by the landlord's threshold; the snapshot keeps only
what a reader may see (hidden figures are the word ``"hidden"``), rounded to one decimal place,
so it holds no count that suppression withheld and names nobody.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tenantvoice.core.charts import BarChart, bar_chart
from tenantvoice.core.suppression import HIDDEN, Hidden
from tenantvoice.core.tables import Table
from tenantvoice.representation.characteristics import landlord_characteristics
from tenantvoice.representation.compare import Comparison, compare_many
from tenantvoice.representation.populations import (
    ResidentIds,
    activity_attendees,
    all_involved,
    consultation_repliers,
    group_seat_holders,
)

from .aspects import PROFILE_CHARACTERISTICS
from .models import Assessment, SubjectKind

HIDDEN_WORD = "hidden"


def population(assessment: Assessment, today: dt.date) -> tuple[ResidentIds, dt.date, str]:
    """The involved people to compare, the date compared on, and who they are in words."""
    kind = assessment.subject_kind
    if kind == SubjectKind.CONSULTATION and assessment.consultation is not None:
        on = min(today, assessment.consultation.closes_on)
        return (
            consultation_repliers(assessment.consultation),
            on,
            f"Residents who replied to the consultation \u201c{assessment.consultation.title}\u201d",
        )
    if kind == SubjectKind.GROUP and assessment.group is not None:
        return (
            group_seat_holders(assessment.group, today),
            today,
            f"Residents holding a seat on {assessment.group.name}",
        )
    if kind == SubjectKind.ACTIVITIES and assessment.period_start and assessment.period_end:
        on = min(today, assessment.period_end)
        return (
            activity_attendees(assessment.period_start, assessment.period_end),
            on,
            f"Residents who came to an activity from {assessment.period_start:%-d %B %Y} "
            f"to {assessment.period_end:%-d %B %Y}",
        )
    return all_involved(today), today, "All involved residents"


def _figure(value: Any) -> Any:
    if isinstance(value, Hidden):
        return HIDDEN_WORD
    if isinstance(value, float):
        return round(value, 1)
    return value


def _comparison(found: Comparison) -> dict[str, Any]:
    return {
        "slug": found.characteristic.slug,
        "name": found.characteristic.name,
        "equality": found.characteristic.equality,
        "residents": _figure(found.residents),
        "involved": _figure(found.involved),
        "involved_not_counted": _figure(found.involved_not_counted),
        "score": _figure(found.score),
        "under_represented": list(found.under_represented),
        "note": found.note,
        "lines": [
            {
                "label": line.category.label,
                "unknown": line.category.unknown,
                "residents": _figure(line.residents),
                "involved": _figure(line.involved),
                "share_of_residents": _figure(line.share_of_residents),
                "share_of_involved": _figure(line.share_of_involved),
                "gap": _figure(line.gap),
                "rate": _figure(line.rate),
                "rate_low": _figure(line.rate_low),
                "rate_high": _figure(line.rate_high),
            }
            for line in found.lines
        ],
    }


def profile_snapshot(assessment: Assessment, today: dt.date) -> dict[str, Any]:
    """The figures to keep on the assessment: JSON, suppressed, drawn on a date."""
    involved, on, who = population(assessment, today)
    every = landlord_characteristics()
    chosen = [every[slug] for slug in PROFILE_CHARACTERISTICS]
    by_slug = compare_many(chosen, involved, on)
    found = [by_slug[c.slug] for c in chosen]
    return {
        "drawn_on": on.isoformat(),
        "population": who,
        "base": f"All residents living in our homes on {on:%-d %B %Y}",
        "threshold": found[0].threshold if found else None,
        "characteristics": [_comparison(c) for c in found],
    }


# --- Reading a snapshot back, for the page ------------------------------------------------------

HEADERS = [
    "Group",
    "Residents",
    "Involved",
    "Share of residents (%)",
    "Share of the involved (%)",
    "Gap (percentage points)",
    "Taking part (%)",
]


def _cell(value: Any) -> Any:
    return HIDDEN if value == HIDDEN_WORD else value


def profile_table(entry: dict[str, Any], population: str) -> Table:
    """One characteristic of a snapshot as a table (hidden cells say "hidden")."""
    rows = [
        [
            line["label"],
            *(
                _cell(line[key])
                for key in ("residents", "involved", "share_of_residents", "share_of_involved", "gap", "rate")
            ),
        ]
        for line in entry["lines"]
    ]
    rows.append(["All", _cell(entry["residents"]), _cell(entry["involved"]), None, None, None, None])
    notes = [f"Involved: {population}."]
    if entry.get("involved_not_counted") not in (0, None):
        notes.append(
            f"Involved people not counted here (not living in our homes that day"
            f"{', or without consent to equality questions' if entry['equality'] else ''}): "
            f"{entry['involved_not_counted']}."
        )
    if entry["equality"]:
        notes.append("Only residents who agreed to answer equality questions are counted.")
    if entry.get("note"):
        notes.append(entry["note"])
    return Table(title=entry["name"], headers=HEADERS, rows=rows, note=" ".join(notes))


def profile_chart(entry: dict[str, Any]) -> BarChart:
    """The share of residents taking part in each group, as bars (a hidden rate is not drawn)."""
    items = [
        (line["label"], None if line["rate"] in (HIDDEN_WORD, None) else float(line["rate"]))
        for line in entry["lines"]
    ]
    return bar_chart(f"{entry['name']}: residents taking part (%)", items, unit="%")


def score_words(entry: dict[str, Any]) -> str:
    score = entry.get("score")
    if score == HIDDEN_WORD:
        return "Hidden: it would reveal a small number."
    if score is None:
        return "Not worked out: fewer than two groups, or nobody involved."
    return f"{score:.0f}% (the lowest group's rate of taking part as a share of the highest's)"


def snapshot_entries(profile: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["slug"]: entry for entry in profile.get("characteristics", [])}
