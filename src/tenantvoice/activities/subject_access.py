"""What activities hold about a resident: meetings and events they were invited to and came
to, their hours, help they asked for, expenses and requests for information (decision 0016)."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section

from .models import (
    Activity,
    Attendance,
    ExpenseClaim,
    HoursLog,
    InformationRequest,
    Minutes,
    Paper,
    Participant,
    SupportRequest,
)

not_exported(Activity, "created_by", reason="The staff account that arranged the meeting or event.")
not_exported(Minutes, "written_by", reason="The staff account that wrote the minutes.")
not_exported(Paper, "uploaded_by", reason="The staff account that added a meeting paper.")


@section(
    key="activities",
    title="Meetings and events you were invited to",
    why=(
        "We keep who was invited, their replies and who came, to send papers and minutes and to count "
        "hours of involvement."
    ),
    empty="We have not invited you to a meeting or event.",
    order=400,
    covers=[Participant],
)
def activities(ctx: Context) -> list[Record]:
    places = (
        Participant.objects.filter(resident=ctx.resident)
        .select_related("activity__venue", "activity__group")
        .order_by("-activity__starts_at", "-pk")
    )
    records = []
    for p in places:
        a = p.activity
        counted = p.attendance == Attendance.PRESENT and not a.cancelled
        records.append(
            Record(
                [
                    ("Meeting or event", a.title),
                    ("Kind", a.get_kind_display()),
                    ("Group", a.group.name if a.group else ""),
                    ("Starts", a.starts_at),
                    ("Ends", a.ends_at),
                    ("Where", a.venue.name if a.venue else a.get_format_display()),
                    ("Cancelled", a.cancelled),
                    ("Invited on", p.invited_at),
                    ("Your reply", p.get_rsvp_display()),
                    ("Whether you came", p.get_attendance_display()),
                    ("Hours counted", a.hours if counted else None),
                ],
                heading=a.title,
            )
        )
    return records


@section(
    key="support",
    title="Help you asked for to take part",
    why="We keep what help you asked for (such as transport, childcare or an interpreter) to arrange it.",
    empty="You have not asked for help to take part.",
    order=410,
    covers=[SupportRequest],
)
def support(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Meeting or event", s.participant.activity.title),
                ("What you asked for", s.get_kind_display()),
                ("Details", s.details),
                ("Where it stands", s.get_status_display()),
                ("Our note", s.officer_note),
                ("Asked on", s.requested_at),
            ],
            heading=f"{s.get_kind_display()}: {s.participant.activity.title}",
        )
        for s in SupportRequest.objects.filter(participant__resident=ctx.resident)
        .select_related("participant__activity")
        .order_by("-requested_at", "-pk")
    ]


@section(
    key="hours",
    title="Time you gave outside meetings",
    why="We keep the time you gave, such as reading a leaflet at home, to count your hours of involvement.",
    empty="We have not recorded time you gave outside meetings.",
    order=420,
    covers=[HoursLog],
    layout="table",
)
def hours(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("Date", h.on),
                ("Hours", h.hours),
                ("What you did", h.description),
                ("Group", h.group.name if h.group else ""),
            ]
        )
        for h in HoursLog.objects.filter(resident=ctx.resident).select_related("group").order_by("-on", "-pk")
    ]


@section(
    key="expenses",
    title="Expenses you claimed",
    why="We keep your claims, receipts and our decisions to pay you back what taking part cost you.",
    empty="You have not claimed any expenses.",
    order=430,
    covers=[ExpenseClaim],
)
def expenses(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("What for", c.description),
                ("Amount", f"£{c.amount}"),
                ("Meeting or event", c.activity.title if c.activity else ""),
                ("Receipt sent", bool(c.receipt)),
                ("Sent on", c.submitted_at),
                ("Where it stands", c.get_status_display()),
                ("Decision", c.decision_note),
                ("Paid on", c.paid_on),
            ],
            heading=f"£{c.amount}: {c.description}",
        )
        for c in ExpenseClaim.objects.filter(resident=ctx.resident)
        .select_related("activity")
        .order_by("-submitted_at", "-pk")
    ]


@section(
    key="information_requests",
    title="Information you asked us for",
    why="We keep your questions and our answers to answer you on time and to check we do.",
    empty="You have not asked us for information.",
    order=440,
    covers=[InformationRequest],
)
def information_requests(ctx: Context) -> list[Record]:
    return [
        Record(
            [
                ("We received it on", r.received_on),
                ("Your question", r.question),
                ("Answer due by", r.due_on),
                ("Answered on", r.answered_on),
                ("Our answer", r.answer),
                ("Why the answer was late", r.late_reason),
            ]
        )
        for r in InformationRequest.objects.filter(resident=ctx.resident).order_by("-received_on", "-pk")
    ]
