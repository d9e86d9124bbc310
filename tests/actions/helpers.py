"""Small makers shared by the tracker's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tenantvoice.actions.models import Action
from tenantvoice.actions.services import action_create


def today() -> dt.date:
    return timezone.localdate()


def days(n: int) -> dt.date:
    """``n`` days from today (negative: in the past)."""
    return today() + dt.timedelta(days=n)


def own_action(title: str = "Publish the repairs timescales", **kwargs: Any) -> Action:
    kwargs.setdefault("owner_name", "Head of Repairs")
    return action_create(title=title, **kwargs)
