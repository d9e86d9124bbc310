"""``tenantvoice demo``: a demo landlord with synthetic residents and a sign-in for every role."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenantvoice.core.selectors import landlord_get
from tenantvoice.demo import landlord as demo
from tenantvoice.demo.synthetic import check_size, load_into_database
from tenantvoice.residents.models import Resident
from tenantvoice.strategies.loader import strategy_load


class Command(BaseCommand):
    help = "Load the demo landlord (only with DEBUG on). Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--households", type=int, default=2000, help="synthetic households to load (default 2,000)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="the synthetic landlord's seed")
        parser.add_argument(
            "--strategy",
            default=demo.DEMO_STRATEGY,
            help=f"the engagement structure to load (default {demo.DEMO_STRATEGY})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            demo.demo_refuse_unless_debug()
            check_size(options["households"])
        except (demo.DemoRefused, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        landlord = landlord_get()
        if landlord.name != demo.DEMO_LANDLORD:
            landlord.name = demo.DEMO_LANDLORD
            landlord.save(update_fields=["name"])
        if not landlord.strategy:
            strategy_load(options["strategy"])
        if Resident.objects.exists():
            self.stdout.write("The register already has residents: left as it is.")
        else:
            started = time.perf_counter()
            self.stdout.write(f"Making {options['households']:,} synthetic households ...")
            counts = load_into_database(options["households"], options["seed"], with_equality=True)
            self.stdout.write(
                f"  {counts['residents']:,} residents in {counts['tenancies']:,} tenancies "
                f"({time.perf_counter() - started:.1f} s)"
            )
        joined = demo.demo_involvement(options["seed"])
        if joined:
            self.stdout.write(f"  {joined} residents on the levels of involvement")
        planned = demo.demo_activities()
        if planned:
            self.stdout.write(f"  {planned} meetings and events on the calendar")
        if demo.demo_accountability():
            self.stdout.write("  action points from the last panel meeting, and a referral to the Board")
        if demo.demo_scrutiny():
            self.stdout.write("  a published scrutiny review of repairs, with the Board's response")
        if demo.demo_engagement():
            self.stdout.write("  a consultation, a draft newsletter, a saved group and a survey programme")
        answered = demo.demo_surveys(options["seed"])
        if answered:
            self.stdout.write(
                f"  two tenant satisfaction surveys with {answered} responses, and a peer group"
            )
        accounts = demo.demo_accounts()
        if demo.demo_complaints():
            self.stdout.write(
                "  complaints: one late, one extended, one answered and learnt from, one at stage 2, "
                "and a service request"
            )
        if demo.demo_annual_report():
            self.stdout.write("  last year's annual report to residents, approved by the panel and published")
        self._print_sign_ins(accounts)

    def _print_sign_ins(self, accounts: list[Any]) -> None:
        line = "-" * 78
        out = [
            line,
            f"TenantVoice demo: {landlord_get().name}",
            f"Sign in at {settings.TENANTVOICE_SITE_URL.rstrip('/')}/accounts/sign-in/",
            f"Every demo password is: {demo.DEMO_PASSWORD}",
            "",
            "Staff (second step: a 6-digit code):",
        ]
        for account, _user in accounts:
            if account.role != "resident":
                out.append(f"  {account.email:32} {account.note}")
        secret = demo.demo_totp_secret()
        issuer = quote("TenantVoice demo")
        out += [
            "  Get the code with:  .venv/bin/tenantvoice demo_code EMAIL",
            f"  or add this key to an authenticator app: {secret}",
            "  (every demo staff account has the same key), or open this link where the app is:",
            f"  otpauth://totp/{issuer}?secret={secret}&issuer={issuer}",
            "",
            "Residents:",
        ]
        for account, user in accounts:
            if account.role == "resident":
                out.append(f"  {account.email:32} {account.note} ({user.full_name})")
        out.append(line)
        self.stdout.write("\n".join(out))
