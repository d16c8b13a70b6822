"""Writes of the follow-up of decisions, each in one transaction, with the rules of its statuses."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from decisions.models import Decision, Link, Mention, Topic
from followup.models import FollowUpAction, Mandate, Status, StatusChange
from followup.uploads import evidence_filename, evidence_kind
from rcm.base.models import Body, Country, Organization, actor_kind_of
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
def mandate_save(*, mandate: Mandate, revision: int) -> None:
    """Save what a mandated actor must do, whether it is due by the next conference, and whom they report to."""
    revision_save(mandate, revision=revision)


@transaction.atomic
def mandates_follow(*, decision: Decision) -> None:
    """Give each actor `decision` mandates its mandate (pending, its task for the editor to describe), and
    let a deadline the decision sets be the one its mandates are due by.

    decision_mandates_save, every write of whom a decision mandates (the decision's form, the importer,
    the seed through it), calls this in its transaction."""
    for mention in decision.mentions.filter(role=Mention.Role.MANDATED, mandate__isnull=True):
        Mandate.objects.create(mention=mention)
    if decision.deadline:
        for mandate in Mandate.objects.filter(mention__decision=decision, due_by_next_conference=True):
            mandate.due_by_next_conference = False
            mandate._change_reason = _("The decision sets a deadline")
            mandate.save(update_fields=["due_by_next_conference"])


class FollowUpWouldBeLost(Exception):
    """An actor would no longer be mandated, while their mandate has a follow-up that would go with it."""

    def __init__(self, mandates: list[Mandate]) -> None:
        self.mandates = mandates
        super().__init__(" ".join(followup_of(mandate) for mandate in mandates))


def followup_of(mandate: Mandate) -> str:
    """What is recorded about a mandate, in words: what removing it would lose."""
    changes = mandate.status_changes.count()
    actions = mandate.actions.count()
    with_evidence = mandate.actions.exclude(evidence_url="", evidence_file="").count()
    parts = [_("status “%(status)s”") % {"status": mandate.get_status_display()}]
    if changes:
        parts.append(ngettext("%(count)s status change", "%(count)s status changes", changes) % {"count": changes})
    if actions:
        parts.append(
            ngettext("%(count)s action", "%(count)s actions", actions) % {"count": actions}
            + (
                " "
                + ngettext("(%(count)s with evidence)", "(%(count)s with evidence)", with_evidence)
                % {"count": with_evidence}
                if with_evidence
                else ""
            )
        )
    return _("The mandate of %(actor)s has a follow-up: %(followup)s.") % {
        "actor": mandate.actor,
        "followup": ", ".join(parts),
    }


@transaction.atomic
def decision_mandates_save(
    *,
    decision: Decision,
    revision: int | None,
    mandated: list[Country | Body | Organization],
    mentioned: list[Country | Body | Organization],
    topics: list[Topic] | None = None,
    discard_followup: bool = False,
) -> None:
    """Create (revision None) or update a decision, make its mentions exactly those given (the states, bodies
    and organizations it mandates and those it only mentions) and its topics, when given, with the mandates
    that follow up whom it mandates: one for each mandated actor, none for anyone else. The one write of a
    decision's mentions (generate_synthetic excepted, which writes them in bulk as this would).

    An actor no longer mandated takes their mandate with them. Where that mandate has a follow-up (a status,
    status changes, actions), the save is refused (FollowUpWouldBeLost, which says what would be lost) unless
    `discard_followup`: its status changes then go with it, and its actions stay on the decision."""
    if decision.pk:
        kept = {(actor_kind_of(actor), actor.pk) for actor in mandated}
        leaving = [
            mandate
            for mandate in Mandate.objects.filter(mention__decision=decision).select_related(
                *(f"mention__{field}" for field in Mention.actor_fields())
            )
            if (mandate.mention.actor_kind, mandate.mention.actor_id) not in kept
        ]
        lost = [mandate for mandate in leaving if mandate.has_followup]
        if lost and not discard_followup:
            raise FollowUpWouldBeLost(lost)
        for mandate in leaving:
            mandate.delete()
    if revision is None:
        decision.save()
    else:
        revision_save(decision, revision=revision)
    if topics is not None:
        decision.topics.set(topics)
    # By kind and id, as a mention knows its actor without fetching it.
    wanted = {
        (actor_kind_of(actor), actor.pk): role
        for role, actors in ((Mention.Role.MANDATED, mandated), (Mention.Role.MENTIONED, mentioned))
        for actor in actors
    }
    for mention in decision.mentions.all():
        role = wanted.pop((mention.actor_kind, mention.actor_id), None)
        if role is None:
            mention.delete()
        elif role != mention.role:
            mention.role = role
            mention.save()
    for (kind, pk), role in wanted.items():
        Mention.objects.create(decision=decision, role=role, **{f"{kind.field}_id": pk})
    mandates_follow(decision=decision)


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
