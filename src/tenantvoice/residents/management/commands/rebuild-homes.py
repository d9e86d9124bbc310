"""``tenantvoice rebuild-homes``: rebuild every resident's homes by date from the memberships.

The homes follow every change the register's services, the importer and the admin make
(decision 0054); this puts them right after anything written past those, such as a fix made
directly in the database. Safe to run at any time: it runs in one transaction.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tenantvoice.residents.homes import rebuild_homes


class Command(BaseCommand):
    help = "Rebuild every resident's homes by date from their household memberships."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            made = rebuild_homes()
        rows = f"{made:,} row" + ("" if made == 1 else "s")
        took = time.perf_counter() - started
        self.stdout.write(f"Rebuilt every resident's homes ({rows}) in {took:.1f} s.")
