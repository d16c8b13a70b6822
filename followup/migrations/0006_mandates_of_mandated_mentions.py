"""Each mandate becomes the follow-up of one mandated mention: the mention of the same decision and actor
(made mandated, or created, where the decision did not name that actor so), and every mandated mention
gets a mandate. The decision's deadline is the mandate's due date from now on: a decision without one takes
the earliest due date of its mandates.

Backwards, each mandate gets its decision and actor back from its mention, and its due date from the
decision's deadline; the mentions and mandates made forwards stay, as facts the archive now holds."""

from django.db import migrations

ACTOR_FIELDS = ("country", "body", "organization")
MANDATED = "mandated"


def _actor(record) -> dict:
    return {f"{field}_id": getattr(record, f"{field}_id") for field in ACTOR_FIELDS if getattr(record, f"{field}_id")}


def forwards(apps, schema_editor):
    Mandate = apps.get_model("followup", "Mandate")
    Mention = apps.get_model("decisions", "Mention")
    Decision = apps.get_model("decisions", "Decision")
    StatusChange = apps.get_model("followup", "StatusChange")
    FollowUpAction = apps.get_model("followup", "FollowUpAction")

    kept = {}  # mention id -> the mandate that follows it up
    for mandate in Mandate.objects.filter(mention__isnull=True).order_by("id"):
        actor = _actor(mandate)
        mention = Mention.objects.filter(decision_id=mandate.decision_id, **actor).first()
        if mention is None:
            mention = Mention.objects.create(decision_id=mandate.decision_id, role=MANDATED, **actor)
        elif mention.role != MANDATED:
            mention.role = MANDATED
            mention.save(update_fields=["role"])
        first = kept.get(mention.id)
        if first is None:
            mandate.mention_id = mention.id
            mandate.save(update_fields=["mention"])
            kept[mention.id] = mandate
            continue
        # A second mandate of the same actor by the same decision: one mandate, its task and follow-up merged.
        if mandate.task and mandate.task not in first.task:
            first.task = f"{first.task}\n{mandate.task}".strip()
            first.save(update_fields=["task"])
        StatusChange.objects.filter(mandate_id=mandate.id).update(mandate_id=first.id)
        FollowUpAction.objects.filter(mandate_id=mandate.id).update(mandate_id=first.id)
        mandate.delete()

    for mandate in Mandate.objects.exclude(due_date=None).order_by("due_date"):
        Decision.objects.filter(pk=mandate.decision_id, deadline=None).update(deadline=mandate.due_date)
    # A date the decision sets is the date: "by the next conference" is for decisions that set none.
    Mandate.objects.filter(mention__decision__deadline__isnull=False).update(due_by_next_conference=False)

    for mention in Mention.objects.filter(role=MANDATED, mandate__isnull=True).order_by("id"):
        Mandate.objects.create(mention_id=mention.id, decision_id=mention.decision_id, **_actor(mention))


def backwards(apps, schema_editor):
    Mandate = apps.get_model("followup", "Mandate")
    for mandate in Mandate.objects.select_related("mention__decision"):
        mention = mandate.mention
        mandate.decision_id = mention.decision_id
        for field in ACTOR_FIELDS:
            setattr(mandate, f"{field}_id", getattr(mention, f"{field}_id"))
        mandate.due_date = None if mandate.due_by_next_conference else mention.decision.deadline
        mandate.save(update_fields=["decision", *ACTOR_FIELDS, "due_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0005_mandate_follows_a_mention"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
