"""``tenantvoice demo_code EMAIL``: the current MFA code of a demo staff account."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenantvoice.demo.landlord import DemoRefused, demo_code


class Command(BaseCommand):
    help = "Print the current 6-digit sign-in code of a demo staff account (DEBUG only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            code, seconds = demo_code(options["email"])
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{code}  (valid for about {seconds} more seconds)")
