"""Queuing a campaign to 100,000 residents, and one worker's sending rate.

Target (issue 6): the campaign queued in under 30 s. The baseline, measured in the same run on
the same residents, is the least work queuing can be: one bulk INSERT of the same number of
ready-made rows, with no routing, wording or de-duplication. Then one worker sends through the
file sender (which writes every message to disk, as a provider's API call would take a turn),
and the messages per second are printed.

    .venv/bin/python bench/bench_messaging.py [--households 60000] [--send 5000] [--database-url URL]

60,000 households make about 100,000 residents. Without ``--database-url`` (or DATABASE_URL)
a fresh SQLite file in a temporary folder is used.
"""

from __future__ import annotations

import argparse
import sys
import time

from common import setup, timer, verdict

TARGET_SECONDS = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=60_000)
    parser.add_argument("--send", type=int, default=5_000, help="messages the worker sends for the rate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None, help="an empty, throwaway database")
    args = parser.parse_args()

    scratch = setup(args.database_url)
    from django.conf import settings
    from django.db import transaction
    from django.test.utils import override_settings

    from tenantvoice.audiences.rules import Audience
    from tenantvoice.comms.campaigns import (
        audience_reach,
        campaign_audience,
        campaign_create,
        campaign_queue_messages,
    )
    from tenantvoice.comms.models import Campaign, Message
    from tenantvoice.comms.services import send_queued_messages
    from tenantvoice.demo.synthetic import load_into_database
    from tenantvoice.residents.models import Resident

    print(f"Making {args.households:,} synthetic households (not measured) ...", flush=True)
    load_into_database(args.households, args.seed)
    # Everyone agrees to news and prefers email, so every resident gets a message to send.
    Resident.objects.update(consents_to_news=True, preferred_channel="email", accepts_email=True)
    Resident.objects.filter(email="").update(email="someone@example.org")
    residents = Resident.objects.count()
    print(f"{residents:,} residents", flush=True)
    results: dict[str, float] = {}

    campaign = campaign_create(
        name="Winter newsletter",
        subject="Winter news from ((landlord))",
        body="Dear ((name)),\n\nThe gritting rota is out.\n\nStop news: ((unsubscribe_link))",
        sms="",
        audience=Audience(),
        purpose="news",
        by=None,
    )
    with timer("count the reach before sending", results):
        reach = audience_reach(campaign_audience(campaign), "news")
    with timer("queue the campaign (route, word, de-duplicate, insert)", results):
        queued = campaign_queue_messages(campaign.pk)
    assert queued == reach.reachable, (queued, reach.reachable)

    rows = [
        Message(recipient_id=pk, channel="email", template="x", subject="s", body="b", dedupe_key=f"raw:{pk}")
        for pk in campaign_audience(campaign).values_list("pk", flat=True)
    ]
    with timer("baseline: one bulk INSERT of the same number of rows", results), transaction.atomic():
        Message.objects.bulk_create(rows, batch_size=2000)
    Message.objects.filter(dedupe_key__startswith="raw:").delete()

    with override_settings(
        TENANTVOICE_SENDERS={"email": "tenantvoice.comms.senders.file.FileSender"},
        TENANTVOICE_FILE_SENDER_DIR=str(scratch / "provider"),
    ):
        started = time.perf_counter()
        sent = 0
        while sent < args.send and (batch := send_queued_messages(limit=min(500, args.send - sent))):
            sent += batch
        elapsed = time.perf_counter() - started
    del settings  # only imported so override_settings has settings configured

    queue_time = results["queue the campaign (route, word, de-duplicate, insert)"]
    ratio = queue_time / results["baseline: one bulk INSERT of the same number of rows"]
    print()
    print(
        f"Campaign to {queued:,} residents queued in {queue_time:.1f} s "
        f"(target under {TARGET_SECONDS:.0f} s): {verdict(queue_time < TARGET_SECONDS)}"
    )
    print(f"  {ratio:.1f}x the bare bulk insert of the same rows")
    print(f"One worker sent {sent:,} messages in {elapsed:.1f} s: {sent / elapsed:,.0f} messages a second")
    print(f"Campaign status: {Campaign.objects.get(pk=campaign.pk).status}")
    return 0 if queue_time < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
