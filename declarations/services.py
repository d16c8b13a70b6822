"""Writes that touch several models at once, each in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Max, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from declarations.access import check_whole_record
from declarations.models import (
    MAX_PARAGRAPHS,
    PARAGRAPH_POSITIONS,
    Conference,
    Declaration,
    Language,
    OutcomeDocument,
)
from rcm.base.services import revision_save


@transaction.atomic
def conference_save(*, conference: Conference, revision: int, participations) -> None:
    """Save a conference and its participants (a formset) together, refusing a stale copy."""
    revision_save(conference, revision=revision)
    participations.save()


def outcome_add(*, conference: Conference, kind: str) -> OutcomeDocument:
    """A new document of the meeting, after those it has: the first is its principal one."""
    last = conference.outcomes.aggregate(position=Max("position"), ordinal=Max("ordinal", filter=Q(kind=kind)))
    return OutcomeDocument.objects.create(
        conference=conference, kind=kind, position=(last["position"] or 0) + 1, ordinal=(last["ordinal"] or 0) + 1
    )


@transaction.atomic
def declaration_create(
    *, declaration: Declaration, conference: Conference, outcome: OutcomeDocument | None, kind: str
) -> Declaration:
    """A new text: of `outcome` in another language, or the first of a new document of `kind`."""
    declaration.outcome = outcome or outcome_add(conference=conference, kind=kind)
    declaration.save()
    return declaration


@transaction.atomic
def declaration_save(*, declaration: Declaration, revision: int, paragraphs) -> None:
    """Save a declaration's fields and its paragraphs (a formset, in the order the editor gave them).

    Every paragraph of the text is numbered again from 1: the formset's in its order, then any the
    page did not carry, in theirs, so that no paragraph is ever left out of the sequence.
    """
    # The paragraphs' renumbering below bypasses the signals that guard each paragraph: ask the gate first.
    check_whole_record(declaration)
    revision_save(declaration, revision=revision)
    for form in paragraphs.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    given = [form.save(commit=False) for form in paragraphs.ordered_forms]
    left_out = declaration.paragraphs.exclude(pk__in=[paragraph.pk for paragraph in given if paragraph.pk])
    ordered = [*given, *left_out.order_by("position")]
    if len(ordered) > MAX_PARAGRAPHS:
        raise ValidationError(
            _("A text has at most %(count)s paragraphs.") % {"count": MAX_PARAGRAPHS}, code="too_many"
        )
    _move_above(declaration, len(ordered))
    for position, paragraph in enumerate(ordered, start=1):
        paragraph.declaration = declaration
        paragraph.position = position
        paragraph.save()


def _move_above(declaration: Declaration, count: int) -> None:
    """Move the text's stored paragraphs to free positions above `count`, so that 1 to `count` can be
    given out again.

    Positions are unique within a text and within PARAGRAPH_POSITIONS, and the database checks both
    at every row, not at commit: each paragraph goes to a position no other holds, in one UPDATE.
    """
    stored = dict(declaration.paragraphs.values_list("pk", "position"))
    taken = set(stored.values())
    free = [position for position in range(PARAGRAPH_POSITIONS.high, count, -1) if position not in taken]
    # At most MAX_PARAGRAPHS stored and as many wanted: PARAGRAPH_POSITIONS leaves room for both.
    moves = dict(zip(stored, free[: len(stored)], strict=True))
    if moves:
        declaration.paragraphs.update(position=Case(*(When(pk=pk, then=Value(slot)) for pk, slot in moves.items())))


@transaction.atomic
def declaration_circulate(*, declaration: Declaration, revision: int) -> None:
    declaration.status = Declaration.Status.CIRCULATED
    revision_save(declaration, revision=revision, reason="Circulated to delegates")


@transaction.atomic
def declaration_publish(*, declaration: Declaration, revision: int, user) -> None:
    other = declaration.conference.declarations.filter(
        language=declaration.language, status=Declaration.Status.PUBLISHED
    ).exclude(pk=declaration.pk)
    if other.exists():
        raise ValidationError(
            _("The Spanish text of this conference is published already: unpublish it first.")
            if declaration.language == Language.SPANISH
            else _("The English text of this conference is published already: unpublish it first."),
            code="published",
        )
    declaration.status = Declaration.Status.PUBLISHED
    declaration.published_at = timezone.now()
    declaration.published_by = user
    declaration.corrected_at = None
    revision_save(declaration, revision=revision, reason="Published")


@transaction.atomic
def declaration_unpublish(*, declaration: Declaration, revision: int, reason: str) -> None:
    declaration.status = Declaration.Status.DRAFT
    revision_save(declaration, revision=revision, reason=f"Unpublished: {reason}")
