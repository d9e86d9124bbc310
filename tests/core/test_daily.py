"""``tenantvoice daily`` passes on expired offers and sends what is waiting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from tenantvoice.involvement.models import Level, LevelMembership
from tenantvoice.involvement.services import level_join, level_leave
from tenantvoice.strategies.loader import strategy_load
from tests.factories import make_resident
from tests.involvement.conftest import CONSENT


@pytest.mark.django_db
def test_daily_expires_offers(capsys: pytest.CaptureFixture[str]) -> None:
    strategy_load("housing-for-women")
    Level.objects.filter(order=3).update(cap=1)
    level = Level.objects.get(order=3)
    first = level_join(resident=make_resident(), level=level, consent_wording=CONSENT)
    waiting = level_join(resident=make_resident(), level=level, consent_wording=CONSENT)
    level_leave(membership=first)
    LevelMembership.objects.filter(pk=waiting.pk).update(
        offer_expires_on=timezone.localdate() - dt.timedelta(days=1)
    )

    call_command("daily")

    assert "Offers expired and passed on: 1." in capsys.readouterr().out
    waiting.refresh_from_db()
    assert waiting.status == "declined"
