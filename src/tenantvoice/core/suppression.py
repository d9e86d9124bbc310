"""Small-number suppression for any aggregate of personal or equality data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SuppressedCount:
    """A count that is shown only when it is at or above the threshold."""

    value: int
    threshold: int

    @property
    def suppressed(self) -> bool:
        # Zero is safe to show: it identifies nobody.
        return 0 < self.value < self.threshold

    def __str__(self) -> str:
        return f"fewer than {self.threshold}" if self.suppressed else str(self.value)


def suppress_counts(counts: dict[str, int], threshold: int) -> dict[str, SuppressedCount]:
    """Wrap each count; a caller shows ``str(count)`` and never the raw value."""
    return {key: SuppressedCount(value, threshold) for key, value in counts.items()}
