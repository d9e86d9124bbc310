"""What the action tracker holds about a resident: the actions recorded as raised by them, so
they are told when each moves on (decision 0016; decision 0042). Who owns an action, who added
it and who recorded its progress are staff accounts, not the resident's data."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section

from .models import Action, ActionUpdate

not_exported(
    ActionUpdate,
    "action",
    reason="The history of an action; the actions you raised are listed with their status and progress.",
)
not_exported(ActionUpdate, "made_by", reason="The staff account that recorded the progress.")


@section(
    key="actions",
    title="Actions taken after you raised them",
    why="We keep that your views led to an action, to tell you when its status changes.",
    empty="No action is recorded as raised by you.",
    order=450,
    covers=[Action],
)
def actions(ctx: Context) -> list[Record]:
    raised = Action.objects.filter(raised_by=ctx.resident).order_by("-created_at", "-pk")
    return [
        Record(
            [
                ("What will be done", a.title),
                ("Due by", a.due_display),
                ("Status", a.get_status_display()),
                ("Progress", f"{a.progress}%"),
                ("Done on", a.done_on),
                ("Added on", a.created_at),
            ],
            heading=a.title,
        )
        for a in raised
    ]
