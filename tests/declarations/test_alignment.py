import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from declarations.access import readable_declarations
from declarations.alignment import align
from declarations.models import Declaration
from tests.declarations.bilingual import DECISIONS_ES, PARAGRAPHS_ES, bilingual, english, imported, spanish


@pytest.fixture(autouse=True)
def _in_english():
    # The problems are sentences in the active language: a Spanish request earlier in this thread leaves it active.
    with translation.override("en"):
        yield


@pytest.fixture
def references(seeded):
    return seeded


class TestAlign:
    def test_it_pairs_every_part_in_order(self, references):
        en, es = bilingual(30)
        alignment = align(en.outcome)
        assert alignment.aligned and alignment.problems == []
        assert [(row.kind, row.key) for row in alignment.rows] == [
            ("title", None), ("opening", None), ("chapeau", None),
            ("paragraph", 1), ("paragraph", 2), ("paragraph", 3),
            ("decisions_heading", None), ("decision", 1), ("decision", 2),
        ]  # fmt: skip
        paragraph = alignment.rows[3]
        assert paragraph.en == "Recognized [Test data] the first English paragraph."
        assert paragraph.es == "Reconocieron [Test data] el primer párrafo en español."
        assert paragraph.paragraph_en.declaration == en and paragraph.paragraph_es.declaration == es
        decision = alignment.rows[-1]
        assert (decision.en, decision.es) == ("[Test data] English decision two.", DECISIONS_ES[1])
        assert decision.decision.number == 2
        assert alignment.rows[6].es == "Decisiones"

    def test_it_names_a_paragraph_in_one_language_only(self, references):
        en, _spanish = bilingual(30, paragraphs=PARAGRAPHS_ES[:2])
        alignment = align(en.outcome)
        assert not alignment.aligned
        assert alignment.problems == [
            "The two texts have different numbers of paragraphs: 3 in English, 2 in Spanish.",
            "Paragraph 3 is in the English text only.",
        ]
        assert [row.es for row in alignment.rows if row.key == 3 and row.kind == "paragraph"] == [None]

    def test_it_pairs_decisions_by_number_and_names_the_unpaired(self, references):
        en = imported(english(30))
        imported(spanish(30, decisions=[(1, DECISIONS_ES[0]), (3, "[Test data] Decisión tres.")]))
        alignment = align(en.outcome)
        decisions = [(row.key, row.en, row.es) for row in alignment.rows if row.kind == "decision"]
        assert decisions == [
            (1, "[Test data] English decision one.", DECISIONS_ES[0]),
            (2, "[Test data] English decision two.", None),
            (3, None, "[Test data] Decisión tres."),
        ]
        assert alignment.problems == ["RCM XXX/2 has no Spanish text.", "RCM XXX/3 has no English text."]

    def test_one_language_has_nothing_to_disagree_with(self, references):
        en = imported(english(30))
        alignment = align(en.outcome)
        assert alignment.aligned and not alignment.both
        assert all(row.es is None for row in alignment.rows)

    def test_a_reader_aligns_only_what_they_may_read(self, references):
        en, _spanish = bilingual(30, es_status="draft")
        alignment = align(en.outcome, readable=readable_declarations(AnonymousUser()))
        assert alignment.declaration_es is None and not alignment.both and alignment.aligned
        assert all(row.es is None for row in alignment.rows)
        assert "Decisión" not in repr([row.decision.text_es for row in alignment.rows if row.decision])

    def test_a_published_text_is_aligned_before_a_draft(self, references):
        en, es = bilingual(30)
        draft = Declaration.objects.create(outcome=en.outcome, language="es", title="[Test data] Otro borrador")
        alignment = align(en.outcome)
        assert alignment.declaration_es == es and draft != es

    def test_the_problems_are_in_the_reader_language(self, references):
        # Needs the Spanish catalogue with this branch's messages.
        en = imported(english(30))
        imported(spanish(30, paragraphs=PARAGRAPHS_ES[:2], decisions=[DECISIONS_ES[0]]))
        with translation.override("es"):
            problems = align(en.outcome).problems
        assert problems == [
            "Los dos textos tienen distinto número de párrafos: 3 en inglés y 2 en español.",
            "El párrafo 3 figura solo en el texto en inglés.",
            "CRM XXX/2 no tiene texto en español.",
        ]
