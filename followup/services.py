"""Writes of the follow-up of decisions, each in one transaction, with the rules of its statuses."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from decisions.models import Decision, Link, Mention
from followup.models import FollowUpAction, Mandate, Status, StatusChange, evidence_storage
from followup.uploads import evidence_filename, evidence_kind
from rcm.base.services import revision_save


def _check_status_rules(decision: Decision, status: str, date: datetime.date) -> None:
    if (
        status == Status.SUPERSEDED
        and not Link.objects.filter(kind=Link.Kind.SUPERSEDES, target_decision=decision).exists()
    ):
        raise ValidationError(
            f"{decision.citation} can be marked superseded only once a later decision is linked as "
            "superseding it: add that link first.",
            code="superseded_without_link",
        )
    if status == Status.COMPLETED and date > timezone.localdate():
        raise ValidationError("A completion date cannot be in the future.", code="completed_in_future")


@transaction.atomic
def status_change(
    *, decision: Decision, mandate: Mandate | None, status: str, date: datetime.date, reason: str, user
) -> StatusChange:
    """Record a new implementation status of a decision, or of one of its mandates, with who, when, why."""
    _check_status_rules(decision, status, date)
    change = StatusChange.objects.create(
        decision=decision, mandate=mandate, status=status, date=date, reason=reason, changed_by=user
    )
    target = mandate or decision
    target.status, target.status_date = status, date
    target._change_reason = f"Status: {change.get_status_display()}"
    target.save(update_fields=["status", "status_date"])
    return change


@transaction.atomic
def mandate_save(*, mandate: Mandate, revision: int | None) -> None:
    """Create (revision None) or update a mandate; whoever it tasks is named as mandated by the decision."""
    if revision is None:
        mandate.save()
    else:
        revision_save(mandate, revision=revision)
    mention, _ = Mention.objects.get_or_create(
        decision=mandate.decision, **Mention.naming(mandate.actor), defaults={"role": Mention.Role.MANDATED}
    )
    if mention.role != Mention.Role.MANDATED:
        mention.role = Mention.Role.MANDATED
        mention.save()


@transaction.atomic
def action_add(*, action: FollowUpAction, upload=None) -> None:
    """Record an action; an uploaded document is checked by its content first, so a refused one leaves nothing."""
    if upload is not None:
        kind = evidence_kind(upload)
        action.evidence_name = upload.name[:200]
        action.evidence_file.save(evidence_filename(upload.name, kind), upload, save=False)
    try:
        action.save()
    except Exception:
        if action.evidence_file:
            evidence_storage.delete(action.evidence_file.name)
        raise
