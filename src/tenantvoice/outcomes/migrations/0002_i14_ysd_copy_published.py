"""Every survey's and consultation's published "you said, we did" becomes an Outcome with the same
words and date (decision 0036): a survey's you said and we did; a consultation's feedback, with
its decision as what was done (as its page and message showed it), and the services it is
about. Whoever first published it is taken from the audit log. The mass sends that told
residents now point at the outcome, so their progress pages work and a send stopped part-way
carries on with the same message keys (nobody is told twice).

The next migrations of surveys and consultations remove the old fields. Going back copies the
outcomes into them again before they are removed from here.
"""

from django.db import migrations

# The old kinds of mass send, by the Outcome key their object_id was.
OLD_SEND_KINDS = {"survey": "survey_feedback", "consultation": "consultation_feedback"}


def _first_publishers(AuditEvent):  # type: ignore[no-untyped-def]  # noqa: N803
    """(object type, id) -> the account that first published its feedback, from the audit log."""
    first: dict[tuple[str, str], int | None] = {}
    rows = (
        AuditEvent.objects.filter(
            object_type__in=list(OLD_SEND_KINDS), summary__startswith="Published you said, we did"
        )
        .order_by("pk")
        .values_list("object_type", "object_id", "actor_id")
    )
    for object_type, object_id, actor_id in rows.iterator():
        first.setdefault((object_type, object_id), actor_id)
    return first


def copy_published(apps, schema_editor):  # type: ignore[no-untyped-def]
    Survey = apps.get_model("surveys", "Survey")
    Consultation = apps.get_model("consultations", "Consultation")
    Outcome = apps.get_model("outcomes", "Outcome")
    SendRun = apps.get_model("comms", "SendRun")
    publishers = _first_publishers(apps.get_model("core", "AuditEvent"))
    for survey in Survey.objects.filter(feedback_published_on__isnull=False).order_by("pk").iterator():
        Outcome.objects.create(
            survey=survey,
            title=survey.title[:200],
            you_said=survey.you_said,
            we_did=survey.we_did,
            published_on=survey.feedback_published_on,
            published_by_id=publishers.get(("survey", str(survey.pk))),
        )
    consultations = Consultation.objects.filter(feedback_published_on__isnull=False).order_by("pk")
    for consultation in consultations.prefetch_related("service_areas"):
        outcome = Outcome.objects.create(
            consultation=consultation,
            title=consultation.title[:200],
            you_said=consultation.feedback,
            we_did=consultation.decision,
            published_on=consultation.feedback_published_on,
            published_by_id=publishers.get(("consultation", str(consultation.pk))),
        )
        outcome.service_areas.set(consultation.service_areas.all())
    for field, old_kind in OLD_SEND_KINDS.items():
        outcome_of = dict(
            Outcome.objects.filter(**{f"{field}__isnull": False}).values_list(f"{field}_id", "pk")
        )
        for run_id, object_id in SendRun.objects.filter(kind=old_kind).values_list("pk", "object_id"):
            # A send is only started by publishing, so its source always has an outcome now.
            if object_id in outcome_of:
                SendRun.objects.filter(pk=run_id).update(kind="outcome", object_id=outcome_of[object_id])


def copy_back(apps, schema_editor):  # type: ignore[no-untyped-def]
    Survey = apps.get_model("surveys", "Survey")
    Consultation = apps.get_model("consultations", "Consultation")
    Outcome = apps.get_model("outcomes", "Outcome")
    SendRun = apps.get_model("comms", "SendRun")
    source_of: dict[int, tuple[str, int]] = {}
    for outcome in Outcome.objects.order_by("pk").iterator():
        if outcome.survey_id is not None:
            Survey.objects.filter(pk=outcome.survey_id).update(
                you_said=outcome.you_said, we_did=outcome.we_did, feedback_published_on=outcome.published_on
            )
            source_of[outcome.pk] = ("survey", outcome.survey_id)
        else:
            Consultation.objects.filter(pk=outcome.consultation_id).update(
                feedback=outcome.you_said, feedback_published_on=outcome.published_on
            )
            source_of[outcome.pk] = ("consultation", outcome.consultation_id)
    for run_id, object_id in SendRun.objects.filter(kind="outcome").values_list("pk", "object_id"):
        if object_id in source_of:
            field, source_id = source_of[object_id]
            SendRun.objects.filter(pk=run_id).update(kind=OLD_SEND_KINDS[field], object_id=source_id)
    Outcome.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0001_initial"),
        ("comms", "0007_i14_ysd_outcome_send_kind"),
        ("core", "0004_audit_actor_index"),
    ]

    operations = [migrations.RunPython(copy_published, copy_back)]
