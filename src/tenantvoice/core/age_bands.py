"""The landlord's age bands: how reports of who takes part group residents by age.

A band is (lowest age, highest age) or (lowest age, None) for "and over"; bands follow on from
each other without gaps or overlaps. Stored on :class:`~tenantvoice.core.models.Landlord` as a
list of [low, high] pairs (high null for the open-ended last band); an empty list means the
platform's default bands (those survey results are weighted by). Written by people as
"16-34, 35-54, 55+" (Winchester's Table 1), on the settings page or in a strategy file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

AgeBand = tuple[int, int | None]
AgeBands = Sequence[AgeBand]

# Oldest age a band may start at or end at: beyond any resident's age, far below a typo's.
OLDEST = 120

_BAND = re.compile(r"^\s*(\d{1,3})\s*(?:(?:-|–|to)\s*(\d{1,3})|(\+|and over|or over))\s*$", re.IGNORECASE)


class AgeBandsError(ValueError):
    """Bands that cannot be used, with the reason in plain words."""


def validate_age_bands(bands: Iterable[Sequence[Any]]) -> tuple[AgeBand, ...]:
    """The bands in order, checked: whole ages, each band's end not before its start, each
    band starting the year after the one before ended, only the last open-ended."""
    found: list[AgeBand] = []
    for band in bands:
        if not isinstance(band, list | tuple) or len(band) not in (1, 2):
            raise AgeBandsError(
                "Each age band is a lowest age and a highest age, like 16-34, or an age and over, like 55+."
            )
        low = band[0]
        high = band[1] if len(band) == 2 else None
        if (
            not isinstance(low, int)
            or isinstance(low, bool)
            or not (high is None or (isinstance(high, int) and not isinstance(high, bool)))
        ):
            raise AgeBandsError("Ages in age bands are whole numbers of years, like 16-34.")
        if not 0 <= low <= OLDEST or (high is not None and not 0 <= high <= OLDEST):
            raise AgeBandsError(f"Ages in age bands are between 0 and {OLDEST}.")
        if high is not None and high < low:
            raise AgeBandsError(f"The band {low}-{high} ends before it starts: write the younger age first.")
        found.append((low, high))
    if not found:
        return ()
    found.sort(key=lambda band: band[0])
    for (low, high), (next_low, next_high) in zip(found, found[1:], strict=False):
        if high is None:
            raise AgeBandsError(f"Only the oldest band can be open-ended: {low}+ is followed by {next_low}.")
        if next_low != high + 1:
            gap_or_overlap = "leave ages out" if next_low > high + 1 else "overlap"
            raise AgeBandsError(
                f"The bands {low}-{high} and {next_low}-{'' if next_high is None else next_high}"
                f"{'+' if next_high is None else ''} {gap_or_overlap}: each band starts the year after "
                "the one before ends."
            )
    return tuple(found)


def parse_age_bands(text: str) -> tuple[AgeBand, ...]:
    """ "16-34, 35-54, 55+" as bands; blank is no bands (the platform's defaults)."""
    parts = [part for part in re.split(r"[,;\n]", text) if part.strip()]
    bands: list[AgeBand] = []
    for part in parts:
        match = _BAND.match(part)
        if not match:
            raise AgeBandsError(
                f"“{part.strip()}” is not an age band: "
                "write bands like 16-34, 35-54, 55+ separated by commas."
            )
        low = int(match.group(1))
        bands.append((low, int(match.group(2)) if match.group(2) else None))
    return validate_age_bands(bands)


def age_bands_text(bands: AgeBands) -> str:
    """Bands as people write them: "16-34, 35-54, 55+"."""
    return ", ".join(f"{low}+" if high is None else f"{low}-{high}" for low, high in bands)


def age_bands_data(bands: AgeBands) -> list[list[int | None]]:
    """Bands as stored on the landlord (JSON)."""
    return [[low, high] for low, high in bands]
