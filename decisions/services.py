"""Writes of decisions' texts and links, each in one transaction.

Whom a decision mandates or mentions is written with the mandates that follow the mandated up, by
followup.services.decision_mandates_save alone: a write of mentions here could leave a mandated actor
without a mandate, or a mandate on an actor no longer mandated. Who may change a published decision, and
its "corrected on" mark, is declarations.access's write gate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Value, When
from django.utils.translation import gettext

from decisions.models import DECISION_NUMBERS, Decision, Link
from declarations.access import check_whole_record
from declarations.models import Declaration
from declarations.services import declaration_save
from rcm.base.services import revision_save


@transaction.atomic
def text_save(*, declaration: Declaration, revision: int, paragraphs, decisions) -> None:
    """Save a text from its page: its fields and paragraphs (declarations.services.declaration_save) and its
    document's decisions (a formset of decision_rows_formset: each row's number and text), all or nothing."""
    declaration_save(declaration=declaration, revision=revision, paragraphs=paragraphs)
    decision_rows_save(decisions=decisions)


def decision_rows_save(*, decisions) -> None:
    """Save the changed and new rows of a document's decisions, each checked by full_clean and, when stored,
    against the revision its row was opened at (StaleEdit). Numbers may be swapped between rows."""
    outcome = decisions.instance
    changed = [form for form in decisions.forms if form.instance.pk and form.has_changed()]
    new = [form for form in decisions.forms if not form.instance.pk and form.has_changed()]
    renumbered = [form.instance for form in changed if "number" in form.changed_data]
    _free_numbers(outcome, renumbered)
    for form in [*changed, *new]:
        decision = form.instance
        decision.outcome = outcome
        decision.conference_id = outcome.conference_id
        _clean(decision, gettext("Decision %(number)s") % {"number": decision.number})
        if decision.pk:
            revision_save(decision, revision=form.cleaned_data["revision"])
        else:
            decision.save()


def _free_numbers(outcome, decisions: list[Decision]) -> None:
    """Move `decisions` to numbers no decision of `outcome` holds, so that the numbers they leave can be
    given to others: numbers are unique within a document, checked at every row, not at commit.

    One UPDATE, which bypasses the signals that guard each decision: the gate is asked first, and each
    decision is then saved, with its new number, through them."""
    if not decisions:
        return
    for decision in decisions:
        check_whole_record(decision)
    taken = set(Decision.objects.filter(outcome=outcome).values_list("number", flat=True))
    free = [number for number in range(DECISION_NUMBERS.high, 0, -1) if number not in taken][: len(decisions)]
    if len(free) < len(decisions):
        raise ValidationError(DECISION_NUMBERS.message, code="number")
    moves = [When(pk=decision.pk, then=Value(number)) for decision, number in zip(decisions, free, strict=True)]
    Decision.objects.filter(pk__in=[decision.pk for decision in decisions]).update(number=Case(*moves))


@transaction.atomic
def link_add(*, link: Link) -> None:
    link.save()


@transaction.atomic
def link_remove(*, link: Link) -> None:
    link.delete()


def _clean(record, row: str) -> None:
    """full_clean(), its messages saying which row they are about ("Paragraph 2: ...")."""
    try:
        record.full_clean()
    except ValidationError as invalid:
        problems = " ".join(invalid.messages)
        raise ValidationError(gettext("%(row)s: %(problems)s") % {"row": row, "problems": problems}) from invalid


def _first_word(text: str) -> str:
    """A new paragraph's opening verb: the first word of its text, without punctuation."""
    word = text.split(maxsplit=1)[0] if text.split() else ""
    return word.strip(".,;:()«»\"'“”")[:60] or word[:60]


@transaction.atomic
def translation_save(*, outcome, language: str, values: dict, revision: int | None = None):
    """Write the text of `outcome` in `language` from the translation screen, row by row, in one transaction.

    `values` holds "title", "opening", "chapeau", "decisions_chapeau", "decisions_heading" (strings),
    "paragraphs" ({position: text}), "decisions" ({number: text}) and "sections" ({number of a section's
    first decision: heading}; the heading goes to every decision of that section). A blank value leaves the
    row as it is. The text
    in `language` is made, as a draft, when the document has none; otherwise the one the alignment pairs
    (declarations.alignment: the published one, else the latest draft) is saved through revision_save
    (a stale `revision` raises StaleEdit). Every record is full_clean()ed (ValidationError) and passes the
    write gate (declarations.access: PublishedTextLocked), which undo the whole save. Returns the text.
    """
    from declarations.alignment import align
    from declarations.models import Declaration, Paragraph

    alignment = align(outcome)
    declaration = alignment.declaration_in(language)
    created = declaration is None
    if created:
        # Not the model's default heading, which is English: the heading given, or none.
        declaration = Declaration(
            outcome=outcome, conference=outcome.conference, language=language, decisions_heading=""
        )
    for name in ("title", "opening", "chapeau", "decisions_chapeau", "decisions_heading"):
        if values.get(name, "").strip():
            setattr(declaration, name, values[name].strip())
    _clean(declaration, gettext("The text"))
    if created:
        declaration.save()
    else:
        revision_save(declaration, revision=declaration.revision if revision is None else revision)

    stored = {paragraph.position: paragraph for paragraph in declaration.paragraphs.all()}
    for position, text in sorted(values.get("paragraphs", {}).items()):
        text = text.strip()
        if not text:
            continue
        paragraph = stored.get(position) or Paragraph(
            declaration=declaration, position=position, verb=_first_word(text)
        )
        if paragraph.pk and paragraph.text == text:
            continue
        paragraph.text = text
        _clean(paragraph, gettext("Paragraph %(position)s") % {"position": position})
        paragraph.save()

    decisions = {decision.number: decision for decision in Decision.objects.filter(outcome=outcome).order_by("number")}
    section_of = {}  # decision number -> number of its section's first decision
    first, previous = None, None
    for number, decision in decisions.items():
        pair = (decision.section_en, decision.section_es)
        if pair != previous:
            first, previous = number, pair
        section_of[number] = first
    sections = {key: text.strip() for key, text in values.get("sections", {}).items() if text.strip()}
    texts = {key: text.strip() for key, text in values.get("decisions", {}).items() if text.strip()}
    for number, decision in decisions.items():
        changed = False
        if number in texts and texts[number] != getattr(decision, f"text_{language}"):
            setattr(decision, f"text_{language}", texts[number])
            changed = True
        section = sections.get(section_of[number])
        if (
            section
            and (decision.section_en or decision.section_es)
            and section != getattr(decision, f"section_{language}")
        ):
            setattr(decision, f"section_{language}", section)
            changed = True
        if changed:
            _clean(decision, gettext("Decision %(number)s") % {"number": number})
            revision_save(decision, revision=decision.revision, reason=f"Translation ({language})")
    return declaration
