"""``tenantvoice load-strategy NAME`` loads a landlord's way of working; ``--list`` lists them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenantvoice.strategies.loader import StrategyError, strategy_info, strategy_load, strategy_names


class Command(BaseCommand):
    help = "Load a landlord's engagement structure (levels, menu, groups, seats, standards)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="the strategy, e.g. housing-for-women")
        parser.add_argument("--list", action="store_true", help="list the strategies that can be loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"] or not options["name"]:
            for name in strategy_names():
                info = strategy_info(name)
                self.stdout.write(f"{name:22} {info.title}")
            if not options["list"]:
                raise CommandError(
                    "Name the strategy to load, e.g. tenantvoice load-strategy housing-for-women"
                )
            return
        try:
            counts = strategy_load(options["name"])
        except StrategyError as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{n} {noun}" for noun, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded '{options['name']}': {summary}."))
