"""Issue 16: every meeting action point becomes an action in the tracker, with the meeting as
its source and the meeting's group as the group that asked for it. Runs backwards (the
actions whose source is a meeting become action points again), so going back a release loses
nothing; activities 0008 then drops ActionPoint."""

from django.db import migrations


def forwards(apps, schema_editor):
    ActionPoint = apps.get_model("activities", "ActionPoint")
    Action = apps.get_model("actions", "Action")
    batch = []
    for point in ActionPoint.objects.select_related("activity").order_by("pk").iterator():
        text = point.description.strip()
        done = point.done_on is not None
        batch.append(
            Action(
                title=text[:300],
                # A description longer than a title keeps every word.
                detail=text if len(text) > 300 else "",
                owner_name=point.owner[:160],
                due_on=point.due_on,
                status="done" if done else "not_started",
                progress=100 if done else 0,
                done_on=point.done_on,
                evidence=point.outcome,
                activity_id=point.activity_id,
                asked_by_id=point.activity.group_id,
            )
        )
        if len(batch) >= 1000:
            Action.objects.bulk_create(batch)
            batch = []
    Action.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    ActionPoint = apps.get_model("activities", "ActionPoint")
    Action = apps.get_model("actions", "Action")
    ActionPoint.objects.bulk_create(
        ActionPoint(
            activity_id=a.activity_id,
            description=a.detail or a.title,
            owner=a.owner_name or "Not recorded",
            due_on=a.due_on or a.created_at.date(),
            done_on=a.done_on if a.status == "done" else None,
            outcome=a.evidence,
        )
        for a in Action.objects.filter(activity__isnull=False, parent__isnull=True).order_by("pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("activities", "0007_i15_staff_home_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
