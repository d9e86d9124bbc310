"""Complaint procedures read from ``data/procedures.toml``: the only place the stages, the
working days and the extension caps are written (issue 17: "put them in data, per procedure,
not in code"; decision 0046).

Which procedure a landlord follows comes from its nation (the Housing Ombudsman's Code in
England, the SPSO's model procedure in Scotland) unless ``TENANTVOICE_COMPLAINT_PROCEDURE``
names one: Welsh and Northern Irish landlords answer to other ombudsmen whose procedures are
not in the data yet, so they choose one of these until theirs is added.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from tenantvoice.core.working_days import add_working_days, landlord_nation

DATA = Path(__file__).parent / "data" / "procedures.toml"


@dataclass(frozen=True)
class StageRule:
    key: str
    number: int
    name: str
    # None: the stage has no acknowledgement step of its own (the SPSO's frontline stage is
    # answered within 5 working days of receipt).
    acknowledge_working_days: int | None
    respond_working_days: int
    # "acknowledgement" (the Code: "within 10 working days of the acknowledgement") or "receipt".
    respond_counted_from: str
    # None: the procedure sets no cap (extensions are still recorded with their reasons).
    max_extension_working_days: int | None
    # The key of the stage whose handler may not handle this one ("a different person").
    different_handler_from: str = ""
    # Opened only when the resident asks (stage 2), never by the landlord on its own.
    on_request_only: bool = False
    # Where each value comes from ({field: {"source", "quote"}}) and the values the platform
    # chose where no source was found (the page says so).
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    chosen: tuple[str, ...] = ()

    @property
    def needs_acknowledgement(self) -> bool:
        return self.acknowledge_working_days is not None

    def acknowledge_by(self, opened_on: dt.date, nation: str) -> dt.date | None:
        if self.acknowledge_working_days is None:
            return None
        return add_working_days(opened_on, self.acknowledge_working_days, nation)

    def respond_by(self, opened_on: dt.date, acknowledged_on: dt.date | None, nation: str) -> dt.date:
        """The response date before any extension. Counted from the acknowledgement when the
        procedure says so; until it is acknowledged, from the day it is due to be."""
        start = opened_on
        if self.respond_counted_from == "acknowledgement" and self.needs_acknowledgement:
            start = acknowledged_on or self.acknowledge_by(opened_on, nation) or opened_on
        return add_working_days(start, self.respond_working_days, nation)

    def latest_extension(self, respond_due: dt.date, nation: str) -> dt.date | None:
        """The furthest an extension may move the response date (None: no cap)."""
        if self.max_extension_working_days is None:
            return None
        return add_working_days(respond_due, self.max_extension_working_days, nation)


@dataclass(frozen=True)
class Procedure:
    key: str
    title: str
    publisher: str
    version: str
    source: str
    nations: tuple[str, ...]
    time_limit_months: int | None
    stages: tuple[StageRule, ...] = field(default_factory=tuple)
    # The ombudsman's name and contact details (name, website, phone, email, address ...).
    ombudsman: dict[str, str] = field(default_factory=dict)

    def stage(self, number: int) -> StageRule | None:
        return next((s for s in self.stages if s.number == number), None)

    def stage_by_key(self, key: str) -> StageRule | None:
        return next((s for s in self.stages if s.key == key), None)

    @property
    def last_stage(self) -> int:
        return len(self.stages)


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(str(value))


@lru_cache(maxsize=1)
def procedures() -> dict[str, Procedure]:
    with DATA.open("rb") as f:
        data = tomllib.load(f)
    result: dict[str, Procedure] = {}
    for key, raw in data["procedures"].items():
        stages = tuple(
            StageRule(
                key=s["key"],
                number=n,
                name=s["name"],
                acknowledge_working_days=_int_or_none(s.get("acknowledge_working_days")),
                respond_working_days=int(s["respond_working_days"]),
                respond_counted_from=s.get("respond_counted_from", "acknowledgement"),
                max_extension_working_days=_int_or_none(s.get("max_extension_working_days")),
                different_handler_from=s.get("different_handler_from", ""),
                on_request_only=bool(s.get("on_request_only", False)),
                sources={k: dict(v) for k, v in s.get("sources", {}).items()},
                chosen=tuple(s.get("chosen", ())),
            )
            for n, s in enumerate(raw["stages"], start=1)
        )
        if any(s.get("can_pause") for s in raw["stages"]):
            raise ValueError(f"Procedure {key}: a stage's clock can never pause (issue 17).")
        contact = data.get("ombudsmen", {}).get(raw.get("ombudsman", ""), {})
        result[key] = Procedure(
            key=key,
            title=raw["title"],
            publisher=raw.get("publisher", ""),
            version=str(raw["version"]),
            source=str(raw.get("source", "")),
            nations=tuple(raw.get("nations", ())),
            time_limit_months=_int_or_none(raw.get("time_limit_months")),
            stages=stages,
            ombudsman={k: str(v) for k, v in contact.items() if not isinstance(v, dict)},
        )
    return result


def procedure_get(key: str) -> Procedure:
    try:
        return procedures()[key]
    except KeyError as exc:
        raise ValueError(f"Unknown complaint procedure {key!r}; known: {sorted(procedures())}.") from exc


def landlord_procedure() -> Procedure:
    """The procedure this landlord follows: the setting when given, else its nation's."""
    chosen = getattr(settings, "TENANTVOICE_COMPLAINT_PROCEDURE", "")
    if chosen:
        return procedure_get(chosen)
    nation = landlord_nation()
    for procedure in procedures().values():
        if nation in procedure.nations:
            return procedure
    return procedure_get("ombudsman_2024")
