"""Before one response per resident is enforced: each exit survey response takes its
invitation's activity, and where a resident has answered a survey (about one activity) more than
once, the first response (lowest id, the earliest saved) is kept and the later ones are deleted
with their answers, each deletion written to the audit log (decision 0020)."""

from django.db import migrations
from django.db.models import Count, Min

BATCH = 1000


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Response = apps.get_model("surveys", "Response")
    AuditEvent = apps.get_model("core", "AuditEvent")
    exit_responses = Response.objects.filter(
        invitation__activity__isnull=False, activity__isnull=True
    ).values_list("pk", "invitation__activity_id")
    for pk, activity_id in exit_responses.iterator():
        Response.objects.filter(pk=pk).update(activity_id=activity_id)
    repeated = (
        Response.objects.filter(resident__isnull=False)
        .values("survey_id", "resident_id", "activity_id")
        .annotate(n=Count("pk"), first=Min("pk"))
        .filter(n__gt=1)
        .order_by()
    )
    for group in repeated.iterator():
        later = list(
            Response.objects.filter(
                survey_id=group["survey_id"],
                resident_id=group["resident_id"],
                activity_id=group["activity_id"],
                pk__gt=group["first"],
            ).values_list("pk", flat=True)
        )
        for start in range(0, len(later), BATCH):
            chunk = later[start : start + BATCH]
            AuditEvent.objects.bulk_create(
                AuditEvent(
                    actor=None,
                    actor_label="migration surveys 0007",
                    action="delete",
                    object_type="survey_response",
                    object_id=str(pk),
                    resident_id=group["resident_id"],
                    summary=(
                        f"Deleted a repeated response to survey {group['survey_id']}: "
                        f"response {group['first']}, the resident's first, is kept"
                    ),
                    via="command",
                )
                for pk in chunk
            )
            Response.objects.filter(pk__in=chunk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_actor_index"),
        ("surveys", "0006_i11_limits_response_activity"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
