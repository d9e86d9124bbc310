"""The question bank: the Tenant Satisfaction Measures' perception questions, read from data."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def tsm_questions() -> list[dict[str, Any]]:
    data = resources.files("tenantvoice.surveys").joinpath("data/tsm.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(data)["questions"])


TSM_CODES = tuple(f"TP{n:02d}" for n in range(1, 13))


@cache
def tsm_measure_names() -> dict[str, str]:
    """TP01 -> "Overall satisfaction", as the Regulator names each measure."""
    return {q["code"]: q["measure"] for q in tsm_questions() if "measure" in q}
