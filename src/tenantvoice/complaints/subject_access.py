"""What complaints hold about a resident (decision 0016): their complaints and service
requests, each stage's dates, what was understood and decided point by point, the remedies,
extensions, and any Ombudsman's case. One section, read with a fixed number of queries.

The landlord's learning is about its services, not the resident (it is published without the
complainant's details); the staff accounts that recorded or handled each step are staff data."""

from __future__ import annotations

from django.db.models import Prefetch

from tenantvoice.core.personal_data import Context, Record, Value, not_exported, section

from .models import Complaint, Extension, Finding, Learning, OmbudsmanCase, Order, Point, Remedy, Stage
from .services import REFUSAL_REASONS

not_exported(Complaint, "created_by", reason="The staff account that recorded the complaint.")
not_exported(Stage, "handler", reason="The member of staff who handled the stage.")
not_exported(Extension, "created_by", reason="The staff account that recorded the extension.")
not_exported(Learning, "created_by", reason="The staff account that recorded what was learnt.")
not_exported(
    Learning,
    "complaint",
    reason="What the landlord learnt about its services from the complaint: published without the "
    "complainant's details, it is not about the resident.",
)
not_exported(OmbudsmanCase, "created_by", reason="The staff account that recorded the Ombudsman's case.")


def _stage_rows(stage: Stage) -> list[tuple[str, Value]]:
    name = stage.name
    rows: list[tuple[str, Value]] = [(f"{name}: started", stage.opened_on)]
    if stage.acknowledge_due is not None:
        rows += [
            (f"{name}: to confirm we had it by", stage.acknowledge_due),
            (f"{name}: confirmed on", stage.acknowledged_on),
            (f"{name}: what we understood your complaint to be", stage.defined_as),
        ]
    rows += [
        (
            f"{name}: more time needed",
            [f"To {e.new_date:%d/%m/%Y}: {e.reason}" for e in stage.extensions.all()],
        ),
        (f"{name}: reply due by", stage.respond_by),
        (f"{name}: replied on", stage.responded_on),
        (f"{name}: our reply", stage.response),
        (
            f"{name}: decisions",
            [f"{p.order}. {p.summary}: {p.get_decision_display()}. {p.reasons}" for p in stage.points.all()],
        ),
        (
            f"{name}: what we will do to put it right",
            [
                f"{r.get_kind_display()}: {r.description}"
                + (
                    f" (£{r.amount}{', paid ' + f'{r.paid_on:%d/%m/%Y}' if r.paid_on else ''})"
                    if r.amount
                    else ""
                )
                for r in stage.remedies.all()
            ],
        ),
    ]
    return rows


@section(
    key="complaints",
    title="Your complaints and service requests",
    why=(
        "We keep your complaints and service requests, what we decided and what we did, to answer them, "
        "to put things right, to learn from them, and because the Housing Ombudsman or the Scottish "
        "Public Services Ombudsman may ask for them."
    ),
    empty="You have not made a complaint or a service request.",
    order=780,
    covers=[Complaint, Stage, Extension, Point, Remedy, OmbudsmanCase, Finding, Order],
)
def complaints(ctx: Context) -> list[Record]:
    rows = (
        Complaint.objects.filter(resident=ctx.resident)
        .select_related("home")
        .prefetch_related(
            "categories",
            Prefetch(
                "stages",
                queryset=Stage.objects.prefetch_related("extensions", "points", "remedies").order_by(
                    "number"
                ),
            ),
            Prefetch(
                "ombudsman_cases",
                queryset=OmbudsmanCase.objects.prefetch_related("findings", "orders").order_by("referred_on"),
            ),
        )
        .order_by("received_on", "pk")
    )
    records = []
    for c in rows:
        record: list[tuple[str, Value]] = [
            ("Reference", c.reference),
            ("Kind", c.get_kind_display()),
            ("How it was made", c.get_received_by_display()),
            ("Made by (if not you)", f"{c.made_by_name} {c.made_by_relationship}".strip()),
            ("Received", c.received_on),
            ("When it happened", c.matter_on),
            ("Home", c.home.one_line_address if c.home else ""),
            ("What it is about", [cat.name for cat in c.categories.all()]),
            ("What went wrong", c.what_went_wrong),
            ("What you wanted to happen", c.outcome_wanted),
            ("Status", c.get_status_display()),
        ]
        if c.refused_on:
            record += [
                ("Not accepted on", c.refused_on),
                ("Why not accepted", f"{REFUSAL_REASONS.get(c.refusal_reason, '')}. {c.refusal_detail}"),
            ]
        if c.withdrawn_on:
            record += [("Withdrawn on", c.withdrawn_on), ("Withdrawn: note", c.withdrawn_note)]
        for stage in c.stages.all():
            record += _stage_rows(stage)
        for case in c.ombudsman_cases.all():
            record += [
                (f"Ombudsman's case {case.reference}: referred on", case.referred_on),
                (f"Ombudsman's case {case.reference}: determined on", case.determined_on),
                (
                    f"Ombudsman's case {case.reference}: findings",
                    [f"{f.issue}: {f.get_determination_display()}" for f in case.findings.all()],
                ),
                (
                    f"Ombudsman's case {case.reference}: orders",
                    [f"{o.order} (by {o.comply_by:%d/%m/%Y})" for o in case.orders.all()],
                ),
            ]
        records.append(Record(record, heading=f"{c.get_kind_display()} {c.reference}"))
    return records
