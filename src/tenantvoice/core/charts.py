"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers (the chart
is an image with a text alternative, and every chart sits beside a table of the same figures),
and sharp at any zoom.

Bars are horizontal, each under its label, so that long labels (level and group names, areas,
whole survey questions) are shown in full: a long label wraps onto more lines, never cut short.
The chart is drawn 400 units wide and shown at most 400 px wide (1 unit a pixel), so its 18-unit
text is body size on a desktop and only a little smaller on a phone.
Bar colour #1d70b8 on white has a contrast of 5.2:1, above the 3:1 WCAG asks of graphics.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 400
LINE_HEIGHT = 22  # a line of label text
BAR_HEIGHT = 22
GAP = 14  # between one bar and the next label
VALUE_WIDTH = 80  # room after the longest bar for its value, e.g. "100%" or "not shown"
BAR_AREA = WIDTH - VALUE_WIDTH
LABEL_CHARACTERS = 38  # a line of 18-unit Arial in 400 units, with room to spare


@dataclass(frozen=True)
class Line:
    text: str
    y: int


@dataclass(frozen=True)
class Bar:
    label: str
    lines: list[Line]  # the label, wrapped
    value: float | None  # None: not shown (e.g. a suppressed count)
    shown: str  # the value as words on the chart, e.g. "12" or "45%"
    text_y: int  # the value's baseline
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
    bar_height: int


def wrap_label(label: str, width: int = LABEL_CHARACTERS) -> list[str]:
    """The label on as many lines as it needs; a word longer than a line is broken, not cut."""
    return textwrap.wrap(label, width, break_on_hyphens=False) or [""]


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
    y = 0
    for label, value in items:
        width = 0.0 if not value or not top else BAR_AREA * min(value, top) / top
        shown = "not shown" if value is None else f"{value:,g}{unit}"
        lines = []
        for text in wrap_label(label):
            lines.append(Line(text, y + 17))
            y += LINE_HEIGHT
        bar_y = y + 2
        bars.append(Bar(label, lines, value, shown, bar_y + 17, bar_y, f"{width:.1f}", f"{width + 6:.1f}"))
        y = bar_y + BAR_HEIGHT + GAP
    description = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    return BarChart(
        title=title,
        description=description,
        bars=bars,
        width=WIDTH,
        height=max(y, LINE_HEIGHT),
        bar_height=BAR_HEIGHT,
    )
