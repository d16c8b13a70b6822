import copy
import json

import pytest
from django.core.exceptions import ValidationError

from decisions.models import Decision
from declarations.models import Conference, Declaration
from rcm.front.seed import SEEDS_DIR
from rcm.interchange.schema import SchemaError, read_declaration_json
from rcm.interchange.services import DeclarationExists, declaration_import
from tests.factories import declaration_document

SEED_JSON = json.loads((SEEDS_DIR / "rcm-xvii-2012-declaration-en.json").read_text(encoding="utf-8"))


def _error(document) -> str:
    with pytest.raises(SchemaError) as error:
        read_declaration_json(document)
    return str(error.value)


def _changed(path: list, value) -> dict:
    document = copy.deepcopy(SEED_JSON)
    place = document
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return document


class TestReading:
    def test_it_reads_the_seed(self):
        data = read_declaration_json(SEED_JSON)
        assert data.conference.key == ("vice-ministerial", "ordinary", 17, None)
        assert len(data.decisions) == 12 and len(data.paragraphs) == 6

    def test_it_names_the_place_of_a_missing_title(self):
        assert _error(_changed(["title"], "")) == "title: must be a non-empty text"

    def test_it_names_the_place_of_a_bad_date(self):
        message = _error(_changed(["conference", "start_date"], "21 June 2012"))
        assert message == "conference.start_date: must be a date like 2012-06-21, not '21 June 2012'"

    def test_it_refuses_a_decision_number_twice(self):
        document = _changed(["decisions", 1, "number"], 1)
        assert _error(document) == "decisions[1].number: decision 1 appears more than once"

    def test_it_refuses_an_unknown_link_kind(self):
        message = _error(_changed(["decisions", 3, "links", 0, "kind"], "undoes"))
        assert message.startswith("decisions[3].links[0].kind: must be one of follows_up_on")

    def test_it_refuses_a_bad_citation(self):
        message = _error(_changed(["decisions", 3, "links"], [{"kind": "renews", "decision": "XVII-5"}]))
        assert message.startswith('decisions[3].links[0].decision: "XVII-5" is not a decision citation like')

    def test_it_refuses_a_control_character_naming_its_place(self):
        message = _error(_changed(["decisions", 2, "text"], "Decide\x01 now."))
        assert (
            message
            == "decisions[2].text: contains a control character (U+0001) at character 7, after “Decide”; remove it"
        )
        assert _error(_changed(["conference", "cities"], ["Panama\x00"])).startswith("conference.cities[0]: contains")

    def test_it_refuses_what_is_not_an_object(self):
        assert _error([]) == "a declaration must be a JSON object"

    def test_it_refuses_another_schema(self):
        assert _error(_changed(["schema"], "other/2")) == (
            "schema: must be 'rcm-declaration/2' (or the earlier 'rcm-declaration/1'), not 'other/2'"
        )


class TestImport:
    def test_it_refuses_an_unknown_state_and_writes_nothing(self, seeded):
        document = declaration_document(30, 2, participants={"member_states": ["CR", "XX"]})
        with pytest.raises(SchemaError, match=r"participants.member_state\[1\]: unknown state 'XX'"):
            declaration_import(data=read_declaration_json(document), publish=False)
        assert not Conference.objects.filter(number=30).exists()

    def test_it_refuses_a_link_to_a_missing_decision_and_writes_nothing(self, seeded):
        document = declaration_document(30, 2)
        document["decisions"][1]["links"] = [{"kind": "renews", "decision": "RCM XVI/4"}]
        with pytest.raises(SchemaError, match="that decision is not in the archive"):
            declaration_import(data=read_declaration_json(document), publish=False)
        assert not Decision.objects.filter(conference__number=30).exists()

    def test_it_refuses_impossible_dates_and_writes_nothing(self, seeded):
        document = declaration_document(30, 1)
        document["conference"]["end_date"] = "2001-01-01"
        with pytest.raises(ValidationError, match="The end date is before the start date"):
            declaration_import(data=read_declaration_json(document), publish=False)
        assert not Conference.objects.filter(number=30).exists()

    def test_it_refuses_a_second_declaration_in_a_language(self, seeded):
        with pytest.raises(DeclarationExists):
            declaration_import(data=read_declaration_json(SEED_JSON), publish=False)
        assert Declaration.objects.count() == 1

    def test_it_adds_the_other_language_to_the_same_decisions(self, seeded):
        document = copy.deepcopy(SEED_JSON)
        document["language"] = "es"
        document["decisions"][0]["text"] = (
            "Aprobar el presupuesto presentado por la Secretaría Técnica para el año 2013."
        )
        declaration_import(data=read_declaration_json(document), publish=False)
        decision = Decision.objects.get(conference__number=17, number=1)
        assert decision.text_es.startswith("Aprobar el presupuesto")
        assert decision.text_en.startswith("Approve the budget")
        assert Decision.objects.filter(conference__number=17).count() == 12
