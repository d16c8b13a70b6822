"""The read rule (declarations.access): a decision's text in a language is read only where that language's is."""

import pytest

from decisions.models import Decision
from decisions.selectors import published_decisions, readable_decisions
from declarations.models import Declaration
from tests.factories import conference_with_decisions, conference_with_declaration, reference_records

SPANISH = ["Decidir el punto uno (borrador).", "Decidir el punto dos (borrador).", "Solo en el borrador."]


@pytest.fixture
def translated(empty_db):
    """XX's English text published with two decisions; its Spanish text a draft with three."""
    reference_records()
    conference_with_declaration(20, decisions=2)
    conference_with_decisions(20, SPANISH, status="draft", language="es")


def _texts(decisions) -> list[tuple[int, str, str]]:
    return [(d.number, d.text_en, d.text_es) for d in decisions]


def test_the_public_reads_the_published_language_only(translated):
    assert _texts(published_decisions().order_by("number")) == [
        (1, "Decide item 1 of conference 20.", ""),
        (2, "Decide item 2 of conference 20.", ""),
    ]


def test_a_delegate_reads_a_circulated_translation(translated, delegate, reader):
    Declaration.objects.filter(language="es").update(status=Declaration.Status.CIRCULATED)
    assert _texts(readable_decisions(delegate).order_by("number")) == [
        (1, "Decide item 1 of conference 20.", SPANISH[0]),
        (2, "Decide item 2 of conference 20.", SPANISH[1]),
        (3, "", SPANISH[2]),
    ]
    assert [d.text_es for d in readable_decisions(reader)] == ["", ""]


def test_the_rule_holds_through_filters_slices_iteration_and_prefetching(translated):
    decisions = published_decisions().filter(number__gte=1).order_by("-number").select_related("conference")
    decisions = decisions.prefetch_related("mentions")
    for fetched in (list(decisions), list(decisions.iterator(chunk_size=1)), [decisions.get(number=1)], decisions[:1]):
        assert fetched and all(d.text_es == "" for d in fetched)


def test_the_deadline_s_words_wait_for_every_language_of_the_decision(translated, delegate):
    """They were taken from one of its texts, and may be in the draft's language."""
    Decision.objects.filter(number=1).update(deadline_text="hasta diciembre de 2030")
    assert published_decisions().get(number=1).deadline_text == ""
    Declaration.objects.filter(language="es").update(status=Declaration.Status.CIRCULATED)
    assert readable_decisions(delegate).get(number=1).deadline_text == "hasta diciembre de 2030"


def test_reading_texts_around_the_rule_is_refused(translated):
    for read in (
        lambda decisions: decisions.values("text_es"),
        lambda decisions: decisions.values_list("number", "text_en"),
        lambda decisions: decisions.values(),
    ):
        with pytest.raises(TypeError, match="values"):
            read(published_decisions())
    assert list(published_decisions().order_by("number").values_list("number", flat=True)) == [1, 2]
