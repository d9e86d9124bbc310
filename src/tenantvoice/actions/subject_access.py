"""What the action tracker holds about a resident: the actions their views led to, recorded
against them so they are told of progress (decision 0016). Actions a resident is told of
because they were at the meeting or sit on the group are in those apps' parts."""

from __future__ import annotations

from tenantvoice.core.personal_data import Context, Record, not_exported, section

from .models import Action, ActionUpdate

not_exported(ActionUpdate, "made_by", reason="The staff account that recorded the progress.")
not_exported(
    ActionUpdate,
    "action",
    reason="The history of an action's progress is the landlord's record; the action is shown above.",
)


@section(
    key="actions",
    title="Actions your views led to",
    why="We record who raised an action so that we can tell them how it is going.",
    empty="No action is recorded as raised by you.",
    order=760,
    covers=[Action],
)
def actions(ctx: Context) -> list[Record]:
    raised = Action.objects.filter(raised_by=ctx.resident).order_by("-created_at", "-pk")
    return [
        Record(
            [
                ("Action", a.title),
                ("Status", a.get_status_display()),
                ("Progress (%)", a.progress),
                ("Due by", a.due_on or a.due_note),
                ("Done on", a.done_on),
            ]
        )
        for a in raised
    ]
