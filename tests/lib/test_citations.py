import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.models import Decision
from declarations.models import Conference, Declaration, Paragraph
from rcm.interchange.schema import read_declaration_json
from rcm.lib.citations import conference_citation, decision_citation, paragraph_citation, parse_decision_citation
from tests.factories import declaration_document

fast = settings(deadline=None)
kinds = st.sampled_from(Conference.Kind.values)
numbers = st.integers(min_value=1, max_value=999)


@pytest.mark.parametrize(
    ("kind", "conference", "decision", "citation"),
    [
        ("ordinary", 17, 5, "RCM XVII/5"),
        ("extraordinary", 2, 3, "RCM Ext. II/3"),
        ("synthetic", 3, 2, "SYNTHETIC 3/2"),
        ("ordinary", 1, 12, "RCM I/12"),
    ],
)
def test_it_writes_and_reads_each_kind(kind, conference, decision, citation):
    assert decision_citation(kind, conference, decision) == citation
    assert parse_decision_citation(citation) == (kind, conference, decision)


def test_a_paragraph_is_cited_by_its_position():
    assert paragraph_citation("ordinary", 17, 3) == "RCM XVII, paragraph 3"
    assert paragraph_citation("extraordinary", 2, 1) == "RCM Ext. II, paragraph 1"
    assert paragraph_citation("synthetic", 40, 7) == "SYNTHETIC 40, paragraph 7"


@fast
@given(kind=kinds, conference=numbers, decision=numbers)
def test_every_citation_reads_back(kind, conference, decision):
    assert parse_decision_citation(decision_citation(kind, conference, decision)) == (kind, conference, decision)


@fast
@given(text=st.text(alphabet="RCM ExtSYNTHEIC.IVXLDM/0123456789, ", max_size=20) | st.text(max_size=20))
def test_anything_else_is_read_back_exactly_or_refused(text):
    try:
        parsed = parse_decision_citation(text)
    except ValueError as error:
        assert "is not a decision citation" in str(error)
    else:
        assert decision_citation(*parsed) == text.strip()


@pytest.mark.parametrize(
    "text",
    ["", "XVII/5", "RCM XIIII/5", "RCM XVII/0", "RCM XVII/05", "RCM 17/5", "SYNTHETIC XVII/5", "SYNTHETIC 0/1", "x"],
)
def test_it_refuses_garbage_with_a_clear_message(text):
    with pytest.raises(ValueError, match=r'is not a decision citation like "RCM XVII/5", "RCM Ext. II/3"'):
        parse_decision_citation(text)


def test_typed_citations_may_leave_out_rcm():
    assert parse_decision_citation("XVII/5", typed=True) == ("ordinary", 17, 5)
    assert parse_decision_citation("Ext. II/3", typed=True) == ("extraordinary", 2, 3)
    assert parse_decision_citation("SYNTHETIC 3/2", typed=True) == ("synthetic", 3, 2)


def test_it_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="'special' is not a kind of conference"):
        decision_citation("special", 1, 1)


@pytest.mark.parametrize(("kind", "number"), [("ordinary", 17), ("extraordinary", 2), ("synthetic", 3)])
def test_the_records_cite_themselves_through_it(empty_db, kind, number):
    conference = Conference.objects.create(kind=kind, number=number, planned_year=2030)
    decision = Decision(conference=conference, number=4, text_en="Agreed.")
    paragraph = Paragraph(declaration=Declaration(conference=conference, language="en"), position=2)
    assert conference.citation_prefix == conference_citation(kind, number)
    assert decision.citation == decision_citation(kind, number, 4)
    assert parse_decision_citation(decision.citation) == (kind, number, 4)
    assert str(paragraph) == paragraph_citation(kind, number, 2)


def test_a_synthetic_citation_can_be_linked_to_in_json(db):
    document = declaration_document(30, 1)
    document["decisions"][0]["links"] = [{"kind": "refers_to", "decision": "SYNTHETIC 3/2"}]
    assert read_declaration_json(document).decisions[0].links[0].decision == ("synthetic", 3, 2)
