"""Writes of the follow-up of decisions, each in one transaction, with the rules of its statuses."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions.models import Decision, Link, Mention
from followup.models import FollowUpAction, Mandate, Status, StatusChange
from followup.uploads import evidence_filename, evidence_kind
from rcm.base.services import revision_save

logger = logging.getLogger(__name__)


def _check_status_rules(decision: Decision, status: str, date: datetime.date) -> None:
    if (
        status == Status.SUPERSEDED
        and not Link.objects.filter(kind=Link.Kind.SUPERSEDES, target_decision=decision).exists()
    ):
        raise ValidationError(
            _(
                "%(citation)s can be marked superseded only once a later decision is linked as superseding it: "
                "add that link first."
            )
            % {"citation": decision.citation},
            code="superseded_without_link",
        )
    if status == Status.COMPLETED and date > timezone.localdate():
        raise ValidationError(_("A completion date cannot be in the future."), code="completed_in_future")


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
    target._change_reason = _("Status: %(status)s") % {"status": change.get_status_display()}
    target.save(update_fields=["status", "status_date"])
    return change


@transaction.atomic
def mandate_save(*, mandate: Mandate, revision: int | None) -> None:
    """Create (revision None) or update a mandate; whoever it tasks is named as mandated by the decision."""
    if revision is None:
        mandate.save()
    else:
        revision_save(mandate, revision=revision)
    mention, _created = Mention.objects.get_or_create(
        decision=mandate.decision, **Mention.naming(mandate.actor), defaults={"role": Mention.Role.MANDATED}
    )
    if mention.role != Mention.Role.MANDATED:
        mention.role = Mention.Role.MANDATED
        mention.save()


class EvidenceNotStored(Exception):
    """The evidence storage failed to keep a document: a full disk, a volume or a bucket out of reach."""


def action_add(*, action: FollowUpAction, upload=None) -> None:
    """Record an action, and its document if one is attached: both or neither.

    The document is checked by its content, stored, and only then is the row written; a document
    refused, a store that fails half-way (EvidenceStorage keeps no part of it) or a row that is not
    written leaves neither a file nor a row.
    """
    if upload is not None:
        kind = evidence_kind(upload)
        action.evidence_name = upload.name[:200]
        try:
            action.evidence_file.save(evidence_filename(upload.name, kind), upload, save=False)
        except Exception as error:  # each backend fails in its own way: OSError, botocore's errors...
            logger.exception("The evidence storage did not keep %r", upload.name)
            raise EvidenceNotStored(
                _(
                    "The document could not be stored, and nothing was recorded: please try again. "
                    "If it fails again, tell the site's administrators."
                )
            ) from error
    try:
        # The row and its history in one transaction, which has committed when the block ends.
        with transaction.atomic():
            action.save()
    except BaseException:
        if action.evidence_file:
            action.evidence_file.delete(save=False)
        raise
