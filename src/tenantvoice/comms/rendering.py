"""Filling ((placeholders)) in: plain text only, so an edited template cannot run code."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\(\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\)")


def placeholders_in(*texts: str) -> list[str]:
    """Placeholder names used in ``texts``, in order of first use."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in PLACEHOLDER.finditer(text):
            seen.setdefault(match.group(1))
    return list(seen)


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: frozenset[str]  # placeholders with no value for this recipient


def render(text: str, values: Mapping[str, object]) -> Rendered:
    """Fill the placeholders; one without a value becomes empty and is reported as missing.

    Lines left empty by an empty placeholder are dropped (so "((online))" on its own line
    leaves no gap for an in-person meeting), and runs of blank lines become one.
    """
    missing: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None or value == "":
            missing.add(match.group(1))
            return ""
        return str(value)

    lines = []
    for line in text.splitlines():
        filled = PLACEHOLDER.sub(fill, line)
        if not filled.strip() and PLACEHOLDER.search(line):
            continue
        lines.append(filled.rstrip())
    collapsed = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return Rendered(collapsed, frozenset(missing))
