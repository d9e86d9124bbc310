"""What the complaints app holds about a resident (decision 0016): their complaints and
service requests with every stage, response, remedy, learning and Ombudsman case, and the
survey answers or replies offered as possible complaints."""

from __future__ import annotations

from django.db.models import Prefetch

from tenantvoice.core.personal_data import Context, Record, Value, not_exported, section

from .models import (
    AnnualReport,
    Complaint,
    Extension,
    Finding,
    Learning,
    OmbudsmanCase,
    Order,
    Point,
    PossibleComplaint,
    Remedy,
    SelfAssessment,
    Stage,
)

not_exported(Complaint, "created_by", reason="The staff account that recorded it.")
not_exported(Stage, "handler", reason="The member of staff who handled the stage (named on the stage).")
not_exported(Extension, "created_by", reason="The staff account that recorded the extension.")
not_exported(Learning, "created_by", reason="The staff account that recorded the learning.")
not_exported(OmbudsmanCase, "created_by", reason="The staff account that recorded the case.")
not_exported(PossibleComplaint, "decided_by", reason="The staff account that decided.")
not_exported(AnnualReport, "created_by", reason="The staff account that wrote the annual report.")
not_exported(
    AnnualReport,
    "member_responsible_user",
    reason="The Board's Member Responsible for Complaints (a staff account).",
)
not_exported(SelfAssessment, "created_by", reason="The staff account that started the self-assessment.")
# The answer or reply itself is in the surveys' and consultations' parts; the complaint it
# became is in this part's complaints.
not_exported(PossibleComplaint, "answer", reason="The survey answer is in 'Your survey answers'.")
not_exported(PossibleComplaint, "representation", reason="The reply is in 'Your consultation replies'.")
not_exported(PossibleComplaint, "complaint", reason="The complaint it became is in 'Your complaints'.")


def _stage_rows(stage: Stage) -> list[tuple[str, Value]]:
    rows: list[tuple[str, Value]] = [
        (f"{stage.name}: started", stage.opened_on),
        (f"{stage.name}: handled by", str(stage.handler) if stage.handler else "Not yet given"),
        (f"{stage.name}: acknowledge by", stage.acknowledge_due),
        (f"{stage.name}: acknowledged", stage.acknowledged_on),
        (f"{stage.name}: what we understood", stage.defined_as),
        (f"{stage.name}: answer by", stage.respond_by),
    ]
    rows += [
        (f"{stage.name}: more time, until {e.new_date:%d/%m/%Y}", e.reason) for e in stage.extensions.all()
    ]
    rows += [(f"{stage.name}: answered", stage.responded_on), (f"{stage.name}: our response", stage.response)]
    rows += [
        (f"{stage.name}: point {p.order}", f"{p.summary}: {p.get_decision_display()}. {p.reasons}")
        for p in stage.points.all()
    ]
    rows += [
        (
            f"{stage.name}: {r.get_kind_display().lower()}",
            r.description + (f" (£{r.amount}, {r.amount_reason})" if r.amount is not None else ""),
        )
        for r in stage.remedies.all()
    ]
    if stage.late_reason:
        rows.append((f"{stage.name}: why it was late", stage.late_reason))
    return rows


@section(
    key="complaints",
    title="Your complaints and service requests",
    why="We keep complaints and service requests to put things right, to learn from them, and "
    "because the Housing Ombudsman (or, in Scotland, the SPSO) can ask to see how we handled them.",
    empty="You have made no complaints or service requests that we have recorded.",
    order=780,
    covers=[Complaint, Stage, Extension, Point, Remedy, Learning, OmbudsmanCase, Finding, Order],
)
def complaints(ctx: Context) -> list[Record]:
    rows = (
        Complaint.objects.filter(resident=ctx.resident)
        .select_related("home")
        .prefetch_related(
            "categories",
            "learning",
            Prefetch(
                "stages",
                Stage.objects.select_related("handler")
                .prefetch_related("extensions", "points", "remedies")
                .order_by("number"),
            ),
            Prefetch("ombudsman_cases", OmbudsmanCase.objects.prefetch_related("findings", "orders")),
        )
        .order_by("received_on", "pk")
    )
    records = []
    for c in rows:
        fields: list[tuple[str, Value]] = [
            ("Reference", c.reference),
            ("Kind", c.get_kind_display()),
            ("Received", c.received_on),
            ("How it was made", c.get_received_by_display()),
            ("Made by", f"{c.made_by_name} ({c.made_by_relationship})" if c.made_by_name else "You"),
            ("Home", str(c.home) if c.home else ""),
            ("When it happened", c.matter_on),
            ("About", ", ".join(cat.name for cat in c.categories.all())),
            ("What went wrong", c.what_went_wrong),
            ("What you wanted to happen", c.outcome_wanted),
            ("Status", c.get_status_display()),
        ]
        if c.refused_on:
            fields += [("Not accepted on", c.refused_on), ("Why not", c.refusal_detail)]
        for stage in c.stages.all():
            fields += _stage_rows(stage)
        fields += [
            ("What we learnt", f"{item.what_learnt} Change: {item.change_made}") for item in c.learning.all()
        ]
        for case in c.ombudsman_cases.all():
            fields.append(("Ombudsman case", f"{case.reference}, referred {case.referred_on:%d/%m/%Y}"))
            fields += [
                ("Ombudsman's finding", f"{f.issue}: {f.get_determination_display()}")
                for f in case.findings.all()
            ]
            fields += [
                ("Ombudsman's order", f"{o.order}, by {o.comply_by:%d/%m/%Y}") for o in case.orders.all()
            ]
        records.append(Record(fields, heading=f"{c.get_kind_display()} {c.reference}"))
    return records


@section(
    key="possible_complaints",
    title="Answers we looked at as possible complaints",
    why="When a survey answer or a reply to a consultation sounds unhappy with a service, an "
    "officer looks at it to see whether it is a complaint to put right.",
    empty="None of your answers was looked at as a possible complaint.",
    order=781,
    covers=[PossibleComplaint],
)
def possible_complaints(ctx: Context) -> list[Record]:
    rows = (
        PossibleComplaint.objects.filter(resident=ctx.resident)
        .select_related("complaint")
        .order_by("said_on", "pk")
    )
    return [
        Record(
            [
                ("You wrote on", p.said_on),
                ("Words that matched", p.matched),
                ("Decision", p.get_status_display()),
                ("Why not a complaint", p.dismissed_reason),
                ("Complaint", p.complaint.reference if p.complaint else ""),
            ]
        )
        for p in rows
    ]
