"""An outcome document's English and Spanish texts set side by side, row by row, and what does not align.

The two texts of a document are adopted together and are equally authentic, so their parts pair up:
the title with the title, the opening with the opening, paragraph 3 with paragraph 3 (by position),
decision 5 with decision 5 (by number). `align` makes the rows, for the side-by-side page, its PDF, the
staff screens and the import's report, and names in `problems` what has no counterpart.

Reading goes through declarations.access: `readable` is the declarations the reader may read
(readable_declarations(user)), so a draft text is neither shown nor reported to someone who may not
read it, and the decisions' texts come from Decision.objects.readable_in, blank where they may not be
read. With no `readable` (the staff screens, the import) every text is aligned.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from declarations.models import Declaration, Language, OutcomeDocument, Paragraph

KINDS = ("title", "opening", "chapeau", "paragraph", "decisions_chapeau", "decisions_heading", "section", "decision")
LANGUAGES = (Language.ENGLISH, Language.SPANISH)


@dataclass(frozen=True)
class Row:
    """One part of the document in both languages; `en` or `es` is None where that language lacks it."""

    kind: str
    key: int | None
    en: str | None
    es: str | None
    paragraph_en: Paragraph | None = None
    paragraph_es: Paragraph | None = None
    decision: object | None = None  # a decisions.models.Decision (that app builds on this one)

    def text_in(self, language: str) -> str | None:
        return self.es if language == Language.SPANISH else self.en

    @property
    def is_pair(self) -> bool:
        """Both languages have it."""
        return self.en is not None and self.es is not None


@dataclass
class Alignment:
    outcome: OutcomeDocument
    # The text in each language that was aligned (a published one before a draft); None where there is none.
    declaration_en: Declaration | None = None
    declaration_es: Declaration | None = None
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def aligned(self) -> bool:
        return not self.problems

    @property
    def both(self) -> bool:
        """Texts in both languages were aligned (only then can they disagree)."""
        return self.declaration_en is not None and self.declaration_es is not None

    def declaration_in(self, language: str) -> Declaration | None:
        return self.declaration_es if language == Language.SPANISH else self.declaration_en


def _first(declarations: list[Declaration], language: str) -> Declaration | None:
    """The text in `language` a reader is shown: the published one, else the latest draft."""
    candidates = [d for d in declarations if d.language == language]
    return min(candidates, key=lambda d: (not d.is_published, -d.pk), default=None)


def _text(value: str | None) -> str | None:
    return value if value else None


def align(outcome: OutcomeDocument, *, readable: QuerySet[Declaration] | None = None) -> Alignment:
    """The rows of `outcome`'s English and Spanish texts, paired, and what does not pair.

    `readable`: the declarations the reader may read (declarations.access.readable_declarations);
    None for every text, as the staff screens and the import see them."""
    declarations = Declaration.objects.all() if readable is None else readable
    texts = list(declarations.filter(outcome=outcome).prefetch_related("paragraphs"))
    alignment = Alignment(outcome, _first(texts, Language.ENGLISH), _first(texts, Language.SPANISH))
    en, es = alignment.declaration_en, alignment.declaration_es
    rows = alignment.rows

    def part(name: str, declaration: Declaration | None) -> str | None:
        return _text(getattr(declaration, name)) if declaration is not None else None

    for kind in ("title", "opening", "chapeau"):
        if (pair := (part(kind, en), part(kind, es))) != (None, None):
            rows.append(Row(kind, None, *pair))

    paragraphs_en = {p.position: p for p in en.paragraphs.all()} if en else {}
    paragraphs_es = {p.position: p for p in es.paragraphs.all()} if es else {}
    for position in sorted(paragraphs_en.keys() | paragraphs_es.keys()):
        english, spanish = paragraphs_en.get(position), paragraphs_es.get(position)
        rows.append(
            Row(
                "paragraph",
                position,
                english.text if english else None,
                spanish.text if spanish else None,
                paragraph_en=english,
                paragraph_es=spanish,
            )
        )

    if (pair := (part("decisions_chapeau", en), part("decisions_chapeau", es))) != (None, None):
        rows.append(Row("decisions_chapeau", None, *pair))

    # Through the reverse relation: decisions builds on declarations, never the other way round.
    decisions = outcome.decisions.select_related("outcome", "conference__body")
    if readable is not None:
        decisions = decisions.readable_in(readable)
    decisions = list(decisions.order_by("number"))
    if decisions:
        rows.append(
            Row(
                "decisions_heading",
                None,
                part("decisions_heading", en) if en else None,
                part("decisions_heading", es) if es else None,
            )
        )
    section = ("", "")
    for decision in decisions:
        if (decision.section_en, decision.section_es) != section and (decision.section_en or decision.section_es):
            rows.append(
                Row(
                    "section",
                    None,
                    _text(decision.section_en) if en else None,
                    _text(decision.section_es) if es else None,
                )
            )
        section = (decision.section_en, decision.section_es)
        rows.append(
            Row(
                "decision",
                decision.number,
                _text(decision.text_en) if en else None,
                _text(decision.text_es) if es else None,
                decision=decision,
            )
        )

    if en and es:
        alignment.problems = _problems(outcome, rows, len(paragraphs_en), len(paragraphs_es))
    return alignment


def _problems(outcome: OutcomeDocument, rows: list[Row], count_en: int, count_es: int) -> list[str]:
    problems = []
    if count_en != count_es:
        problems.append(
            _("The two texts have different numbers of paragraphs: %(english)d in English, %(spanish)d in Spanish.")
            % {"english": count_en, "spanish": count_es}
        )
    for row in rows:
        if row.is_pair:
            continue
        if row.kind == "paragraph":
            if row.en is None:
                problems.append(_("Paragraph %(number)d is in the Spanish text only.") % {"number": row.key})
            else:
                problems.append(_("Paragraph %(number)d is in the English text only.") % {"number": row.key})
        elif row.kind == "decision":
            citation = row.decision.citation
            if row.en is None:
                problems.append(_("%(citation)s has no English text.") % {"citation": citation})
            else:
                problems.append(_("%(citation)s has no Spanish text.") % {"citation": citation})
        elif row.kind == "opening":
            if row.en is None:
                problems.append(_("The opening paragraph is in the Spanish text only."))
            else:
                problems.append(_("The opening paragraph is in the English text only."))
        elif row.kind == "chapeau":
            if row.en is None:
                problems.append(_("The line introducing the paragraphs is in the Spanish text only."))
            else:
                problems.append(_("The line introducing the paragraphs is in the English text only."))
        elif row.kind == "decisions_chapeau":
            if row.en is None:
                problems.append(_("The sentence introducing the decisions is in the Spanish text only."))
            else:
                problems.append(_("The sentence introducing the decisions is in the English text only."))
    return problems


def align_text(declaration: Declaration) -> Alignment:
    """`declaration` aligned with its document's text in the other language, as the staff screens show it:
    every text of the other language may be aligned, but of this language only this one."""
    others = Declaration.objects.filter(outcome=declaration.outcome_id).exclude(language=declaration.language)
    return align(declaration.outcome, readable=others | Declaration.objects.filter(pk=declaration.pk))
