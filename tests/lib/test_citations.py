import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisions.models import Decision
from decisions.selectors import cited_decision
from declarations.models import Conference, Declaration, OutcomeDocument, Paragraph
from declarations.services import outcome_add
from rcm.base.models import Body
from rcm.interchange.schema import read_declaration_json
from rcm.lib.citations import (
    DOCUMENT_CODES,
    DecisionCitation,
    citations_in,
    conference_citation,
    decision_citation,
    parse_decision_citation,
    write_decision_citation,
)
from tests.factories import declaration_document

fast = settings(deadline=None)
kinds = st.sampled_from(Conference.Kind.values)
numbers = st.integers(min_value=1, max_value=999)
RCGM_DAY = datetime.date(2012, 6, 19)


@pytest.mark.parametrize(
    ("citation", "parsed"),
    [
        ("RCM XVII/5", DecisionCitation("RCM", "ordinary", 17, None, None, 1, 5)),
        ("RCM Ext. II/3", DecisionCitation("RCM", "extraordinary", 2, None, None, 1, 3)),
        ("SYNTHETIC 3/2", DecisionCitation("SYNTHETIC", "synthetic", 3, None, None, 1, 2)),
        ("RCM I/12", DecisionCitation("RCM", "ordinary", 1, None, None, 1, 12)),
        ("RCM XXIII JC/4", DecisionCitation("RCM", "ordinary", 23, None, "joint_communique", 1, 4)),
        ("RCM XIX Decl. 2/3", DecisionCitation("RCM", "ordinary", 19, None, "declaration", 2, 3)),
        ("RCM XIX Ext. Decl./1", DecisionCitation("RCM", "ordinary", 19, None, "extraordinary_declaration", 1, 1)),
        ("RCGM 2012-06-19/4", DecisionCitation("RCGM", "ordinary", None, RCGM_DAY, None, 1, 4)),
        (
            "RCM Ext. 2020-05-14/2",
            DecisionCitation("RCM", "extraordinary", None, datetime.date(2020, 5, 14), None, 1, 2),
        ),
    ],
)
def test_it_reads_and_writes_each_form(citation, parsed):
    assert parse_decision_citation(citation) == parsed
    assert write_decision_citation(parsed) == citation


@pytest.mark.parametrize(
    ("citation", "parsed"),
    [
        ("CRM XVII/5", DecisionCitation("CRM", "ordinary", 17, None, None, 1, 5)),
        ("CRM XXIII CC/4", DecisionCitation("CRM", "ordinary", 23, None, "joint_communique", 1, 4)),
        ("GRCM 2012-06-19/4", DecisionCitation("GRCM", "ordinary", None, RCGM_DAY, None, 1, 4)),
        ("CRM XIX Decl. Ext./1", DecisionCitation("CRM", "ordinary", 19, None, "extraordinary_declaration", 1, 1)),
    ],
)
def test_it_reads_the_spanish_forms(citation, parsed):
    assert parse_decision_citation(citation) == parsed
    assert write_decision_citation(parsed, "es") == citation
    assert parsed.is_conference == (parsed.code == "CRM")


def test_every_kind_of_document_has_a_code_in_each_language_and_no_two_share_one():
    for language in ("en", "es"):
        codes = [codes[language] for codes in DOCUMENT_CODES.values()]
        assert len(set(codes)) == len(codes) == len(OutcomeDocument.Kind.values)


def test_a_numbered_conference_is_cited_as_it_always_was():
    assert decision_citation("ordinary", 17, 5) == "RCM XVII/5"
    assert conference_citation("ordinary", 17, "es") == "CRM XVII"


@fast
@given(kind=kinds, conference=numbers, decision=numbers)
def test_every_conference_citation_reads_back(kind, conference, decision):
    parsed = parse_decision_citation(decision_citation(kind, conference, decision))
    assert (parsed.kind, parsed.number, parsed.decision) == (kind, conference, decision)


@fast
@given(text=st.text(alphabet="RCMGExtSYNTHEIC.IVXLDMJ/0123456789-, ", max_size=24) | st.text(max_size=24))
def test_anything_else_is_read_back_exactly_or_refused(text):
    try:
        parsed = parse_decision_citation(text)
    except ValueError as error:
        assert "is not a decision citation" in str(error)
    else:
        assert write_decision_citation(parsed) == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "", "XVII/5", "RCM XIIII/5", "RCM XVII/0", "RCM XVII/05", "RCM 17/5", "SYNTHETIC XVII/5", "SYNTHETIC 0/1",
        "x", "RCGM 2012-13-45/1", "RCM XVII JC 1/2", "RCM XVII XX/2",
    ],
)  # fmt: skip
def test_it_refuses_garbage_with_a_clear_message(text):
    with pytest.raises(ValueError, match=r'is not a decision citation like "RCM XVII/5", "RCM Ext. II/3"'):
        parse_decision_citation(text)


def test_typed_citations_may_leave_out_rcm():
    assert parse_decision_citation("XVII/5", typed=True)[1:3] == ("ordinary", 17)
    assert parse_decision_citation("Ext. II/3", typed=True)[1:3] == ("extraordinary", 2)
    assert parse_decision_citation("SYNTHETIC 3/2", typed=True)[1:3] == ("synthetic", 3)


def test_it_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="'special' is not a kind of meeting"):
        decision_citation("special", 1, 1)


@pytest.mark.parametrize(("kind", "number"), [("ordinary", 17), ("extraordinary", 2), ("synthetic", 3)])
def test_the_records_cite_themselves_through_it(empty_db, kind, number):
    conference = Conference.objects.create(kind=kind, number=number, planned_year=2030)
    decision = Decision.objects.create(conference=conference, number=4, text_en="Agreed.")
    paragraph = Paragraph(declaration=Declaration(outcome=decision.outcome, conference=conference), position=2)
    prefix = conference_citation(kind, number)
    assert conference.citation_prefix == prefix
    assert decision.citation == decision_citation(kind, number, 4)
    assert cited_decision(parse_decision_citation(decision.citation)) == decision
    assert str(paragraph) == f"{prefix}, paragraph 2"


def test_the_other_documents_and_the_rcgm_cite_themselves_through_it(seeded):
    xvii = Conference.objects.get(number=17)
    communique = outcome_add(conference=xvii, kind="joint_communique")
    agreement = Decision.objects.create(outcome=communique, number=5, text_en="A fifth agreement.")
    assert agreement.citation == "RCM XVII JC/5" and communique.citation_in("es") == "CRM XVII CC"
    assert cited_decision(parse_decision_citation("RCM XVII JC/5")) == agreement
    assert cited_decision(parse_decision_citation("RCM XVII/5")).text_en.startswith("Convene an Ad Hoc")
    rcgm = Conference.objects.create(body=Body.objects.get(slug="rcgm"), start_date=RCGM_DAY, end_date=RCGM_DAY)
    conclusion = Decision.objects.create(conference=rcgm, number=4, text_en="A conclusion.")
    assert conclusion.citation == "RCGM 2012-06-19/4"
    assert conclusion.outcome.citation_in("es") == "GRCM 2012-06-19"
    assert cited_decision(parse_decision_citation("GRCM 2012-06-19/4")) == conclusion
    assert conclusion.get_absolute_url() == "/bodies/rcgm/meetings/2012-06-19/decisions/4/"
    assert agreement.get_absolute_url() == "/conferences/17/joint-communique/5/"


def test_a_synthetic_citation_can_be_linked_to_in_json(db):
    document = declaration_document(30, 1)
    document["decisions"][0]["links"] = [{"kind": "refers_to", "decision": "SYNTHETIC 3/2"}]
    link = read_declaration_json(document).decisions[0].links[0].decision
    assert (link.kind, link.number, link.decision) == ("synthetic", 3, 2)


def test_citations_are_found_in_running_text():
    text = "Recalling RCM XVII/5, XVI/4, CRM XXIII CC/4, decision 2 of the XVIII Regional Conference and and/or 1/2."
    found = [(text[start:end], write_decision_citation(citation)) for start, end, citation in citations_in(text)]
    assert found == [
        ("RCM XVII/5", "RCM XVII/5"),
        ("XVI/4", "RCM XVI/4"),
        ("CRM XXIII CC/4", "CRM XXIII JC/4"),
        ("decision 2 of the XVIII Regional Conference", "RCM XVIII/2"),
    ]
    assert citations_in("el acuerdo 3 de la XIX CRM")[0][2].decision == 3
