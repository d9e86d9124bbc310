"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers (the chart
is an image with a text alternative, and every chart sits beside a table of the same figures),
and sharp at any zoom.

Bars are horizontal so that long labels (level and group names, areas) stay readable on a phone.
Bar colour #1d70b8 on white has a contrast of 5.2:1, above the 3:1 WCAG asks of graphics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# In the SVG's own units; the chart is drawn at most 600 px wide (1 unit a pixel), narrower on a
# phone, where 18-unit text stays readable.
ROW_HEIGHT = 34
LABEL_WIDTH = 240
BAR_AREA = 280
VALUE_WIDTH = 80
WIDTH = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: not shown (e.g. a suppressed count)
    shown: str  # the value as words on the chart, e.g. "12" or "45%"
    text_y: int
    bar_y: int
    width: str
    value_x: str


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    label_x: int


def bar_chart(
    title: str,
    items: Sequence[tuple[str, float | None]],
    *,
    unit: str = "",
    scale_max: float | None = None,
) -> BarChart:
    """A horizontal bar chart of ``(label, value)`` pairs; ``unit`` is appended, e.g. "%"."""
    values = [value for _, value in items if value is not None]
    top = scale_max if scale_max is not None else max(values, default=0)
    bars = []
    for index, (label, value) in enumerate(items):
        width = 0.0 if not value or not top else BAR_AREA * min(value, top) / top
        shown = "not shown" if value is None else f"{value:g}{unit}"
        short = label if len(label) <= 24 else label[:23].rstrip() + "…"
        y = index * ROW_HEIGHT
        bars.append(Bar(short, value, shown, y + 23, y + 6, f"{width:.1f}", f"{LABEL_WIDTH + width + 6:.1f}"))
    description = "; ".join(f"{label}: {bar.shown}" for (label, _), bar in zip(items, bars, strict=True))
    return BarChart(
        title=title,
        description=description,
        bars=bars,
        width=WIDTH,
        height=max(1, len(bars)) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        label_x=LABEL_WIDTH - 8,
    )
