"""The text parser, on the real XVII declaration and on texts written in the other shapes real declarations take."""

import contextlib
import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcm.front.seed import SEEDS_DIR
from rcm.interchange.importing.parser import Unreadable, parse_declaration

TEXTS = Path(__file__).parent / "texts"
SEED_TEXT = (SEEDS_DIR / "rcm-xvii-2012-declaration-en.txt").read_text(encoding="utf-8")
SEED_JSON = json.loads((SEEDS_DIR / "rcm-xvii-2012-declaration-en.json").read_text(encoding="utf-8"))


def _named(decision: dict) -> set[tuple[str, str]]:
    return {
        (key, code) for role in ("mandated", "mentioned") for key, codes in decision[role].items() for code in codes
    }


def _text_parts(data: dict, spacing: bool = True) -> tuple:
    def text(words: str) -> str:
        return words if spacing else " ".join(words.split())

    return (
        [(p["number"], p["verb"], text(p["text"])) for p in data["paragraphs"]],
        [(d["number"], text(d["text"])) for d in data["decisions"]],
    )


@pytest.fixture
def seed_parse(seeded):
    return parse_declaration(SEED_TEXT)


XVII_MEETING = {
    "body": "vice-ministerial", "kind": "ordinary", "number": 17, "mode": "in_person",
    "theme": "Security within the Framework of Human Rights and Mixed Migration Flows",
    "cities": ["Panama City"], "host_country": "PA", "start_date": "2012-06-21", "end_date": "2012-06-22",
    "presidency_pro_tempore": "PA",
}  # fmt: skip
XVII_LINKS = {
    4: [{"kind": "amends", "document": "santa-fe-document"}],
    10: [{"kind": "refers_to", "meeting": {"body": "vice-ministerial", "kind": "ordinary", "number": 18}}],
    11: [{"kind": "refers_to", "meeting": {"body": "vice-ministerial", "kind": "ordinary", "number": 19}}],
}
# What the schema's second version changed: the conference became a meeting, links to it name its body.
_V2_KEYS = {"schema", "conference", "meeting", "status", "decisions"}


def test_the_xvii_text_reads_as_the_seeded_declaration(seed_parse):
    data = seed_parse.data
    assert (data["schema"], data["meeting"], data["status"]) == ("rcm-declaration/2", XVII_MEETING, "draft")
    for key in SEED_JSON.keys() - _V2_KEYS:
        assert data[key] == SEED_JSON[key], key
    for read, seeded in zip(data["decisions"], SEED_JSON["decisions"], strict=True):
        assert {k: read[k] for k in ("number", "text", "deadline", "deadline_text")} == {
            k: seeded[k] for k in ("number", "text", "deadline", "deadline_text")
        }
        assert (read["section"], read["links"]) == ("", XVII_LINKS.get(read["number"], []))
        # Who a decision names is proposed, never invented: nothing the curated seed does not name.
        assert _named(read) <= _named(seeded), read["number"]


def test_the_xvii_text_proposes_most_of_whom_its_decisions_name(seed_parse):
    proposed = sum(len(_named(d)) for d in seed_parse.data["decisions"])
    curated = sum(len(_named(d)) for d in SEED_JSON["decisions"])
    assert proposed >= 0.7 * curated


def test_the_only_warning_on_the_xvii_text_is_the_presidency_taken_from_the_host(seed_parse):
    assert [str(w) for w in seed_parse.warnings] == [
        "line 5: the presidency pro tempore is not named; taken to be the host, Panama"
    ]


def test_a_text_flattened_to_one_line_reads_the_same(seed_parse):
    flat = " ".join(line.strip() for line in SEED_TEXT.splitlines() if line.strip())
    parse = parse_declaration(flat)
    assert _text_parts(parse.data) == _text_parts(seed_parse.data)
    assert parse.data["opening"] == SEED_JSON["opening"]
    assert parse.data["meeting"] == XVII_MEETING
    assert any("without line breaks" in str(w) for w in parse.warnings)


def test_a_hard_wrapped_text_with_page_numbers_reads_the_same(seed_parse):
    lines = []
    for paragraph in SEED_TEXT.split("\n"):
        lines += textwrap.wrap(paragraph, 78) if paragraph.strip() else [""]
    lines[20:20] = ["", "- 2 -", ""]
    parse = parse_declaration("\n".join(lines))
    # Wrapping loses the double spaces that fell at a line's end, as copying from a PDF does.
    assert _text_parts(parse.data, spacing=False) == _text_parts(seed_parse.data, spacing=False)
    assert parse.data["participants"] == SEED_JSON["participants"]
    assert "“- 2 -” looks like a page number and was left out" in [w.message for w in parse.warnings]


def test_a_spanish_declaration(seeded):
    data = parse_declaration((TEXTS / "xix-managua-es.txt").read_text(encoding="utf-8")).data
    conference = data["meeting"]
    assert (data["language"], conference["number"], conference["kind"]) == ("es", 19, "ordinary")
    assert conference["theme"] == "Migración y Desarrollo: Un compromiso compartido"
    assert (conference["cities"], conference["host_country"]) == (["Managua"], "NI")
    assert (conference["start_date"], conference["end_date"]) == ("2014-06-26", "2014-06-27")
    assert conference["presidency_pro_tempore"] == "NI"
    assert data["participants"]["member_states"] == ["BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO"]
    assert data["participants"]["observer_states"] == ["AR", "CO", "EC"]
    assert [p["verb"] for p in data["paragraphs"]] == ["Reconocieron", "Destacando"]
    assert data["decisions_heading"] == "ACORDARON:"
    decisions = data["decisions"]
    assert decisions[1]["links"] == [{"kind": "follows_up_on", "decision": "RCM XVII/5"}]
    assert (decisions[2]["deadline"], decisions[2]["deadline_text"]) == ("2014-12-31", "hasta diciembre de 2014")
    assert decisions[2]["mandated"]["bodies"] == ["technical-secretariat"]
    assert decisions[3]["mandated"]["states"] == ["MX"]
    assert decisions[3]["links"] == [
        {"kind": "refers_to", "meeting": {"body": "vice-ministerial", "kind": "ordinary", "number": 20}}
    ]
    assert data["references"] == [{"paragraph": 2, "document": "un-smuggling-protocol"}]


def test_a_joint_communique_in_the_first_person_with_lettered_decisions(seeded):
    parse = parse_declaration((TEXTS / "fifth-joint-communique-en.txt").read_text(encoding="utf-8"))
    data = parse.data
    assert (data["kind"], data["meeting"]["number"]) == ("joint_communique", 5)
    assert data["meeting"]["cities"] == ["Washington, D.C."]
    assert (data["meeting"]["start_date"], data["meeting"]["end_date"]) == ("2000-03-23", "2000-03-24")
    assert [p["verb"] for p in data["paragraphs"]] == ["We acknowledge", "We reaffirm"]
    assert data["participants"]["observer_states"] == ["CO", "EC", "JM"]
    assert data["participants"]["observer_organizations"] == ["IOM", "UNHCR", "IACHR"]
    assert [d["number"] for d in data["decisions"]] == [1, 2, 3]
    assert data["decisions"][0]["mandated"]["bodies"] == ["technical-secretariat"]
    assert data["decisions"][1]["deadline"] == "2001-06-30"
    assert "no theme found (in quotes, or after “Theme:”)" in [w.message for w in parse.warnings]


def test_an_extraordinary_meeting_in_two_cities(seeded):
    parse = parse_declaration((TEXTS / "first-extraordinary-en.txt").read_text(encoding="utf-8"))
    conference = parse.data["meeting"]
    assert (conference["body"], conference["kind"], conference["number"]) == ("vice-ministerial", "extraordinary", 1)
    assert parse.data["kind"] == "extraordinary_declaration"  # a declaration of an extraordinary meeting
    assert (conference["cities"], conference["host_country"]) == (["Omoa", "San Pedro Sula"], "HN")
    assert (conference["start_date"], conference["end_date"]) == ("2019-06-30", "2019-07-01")
    assert parse.data["chapeau"] == "The Vice-Ministers:"
    assert parse.data["decisions"][0]["links"] == [{"kind": "follows_up_on", "decision": "RCM XVII/2"}]
    assert parse.data["decisions"][1]["mandated"]["bodies"] == ["rcgm"]
    messages = {w.message: w for w in parse.warnings}
    assert "“Signed in San Pedro Sula, July 1, 2019.” follows the last decision and was left out" in messages
    cuba = messages["Cuba is not among the archive's states; add it under /staff/states/"]
    assert cuba.unknown and cuba.line == 6


def test_spanish_ordinal_words_numbered_items_and_the_days_form(seeded):
    text = """VIGÉSIMA PRIMERA REUNIÓN VICEMINISTERIAL DE LA CONFERENCIA REGIONAL SOBRE MIGRACIÓN
Tema: Hacia una migración ordenada

La Vigésima Primera Reunión Viceministerial de la Conferencia Regional sobre Migración se celebró \
en la ciudad de San José, Costa Rica, los días 18 y 19 de noviembre de 2025, con la participación de \
Belice, Canadá, Costa Rica y Panamá.

- Reconocieron el trabajo de la Red Regional de Organizaciones Civiles para las Migraciones (RROCM).

Decisiones
1) Solicitar a la Secretaría Técnica un informe antes del 30 de junio de 2026.
2) Agradecer a Panamá por su hospitalidad.
"""
    data = parse_declaration(text).data
    assert (data["meeting"]["number"], data["meeting"]["theme"]) == (21, "Hacia una migración ordenada")
    assert (data["meeting"]["start_date"], data["meeting"]["host_country"]) == ("2025-11-18", "CR")
    assert data["paragraphs"][0]["text"].startswith("Reconocieron el trabajo")
    assert [d["text"] for d in data["decisions"]] == [
        "Solicitar a la Secretaría Técnica un informe antes del 30 de junio de 2026.",
        "Agradecer a Panamá por su hospitalidad.",
    ]
    assert data["decisions"][0]["mandated"]["bodies"] == ["technical-secretariat"]


def test_an_unknown_organization_is_flagged(seeded):
    text = SEED_TEXT.replace("the Ibero-American General Secretariat (SEGIB)", "the Andean Migration Forum (AMF)")
    warnings = parse_declaration(text).warnings
    flagged = [w for w in warnings if w.unknown]
    assert [w.line for w in flagged] == [34]
    assert "“Andean Migration Forum (AMF)” is not among the archive's organizations" in flagged[0].message


def test_a_text_that_is_no_outcome_document_is_refused(seeded):
    with pytest.raises(Unreadable, match="not an outcome document of the RCM: it names no RCM meeting or body"):
        parse_declaration(
            "MINUTES\n\nThe delegations met in Panama City, Panama, on June 21, 2012, and talked at length."
        )


def test_a_text_without_an_opening_is_refused(seeded):
    with pytest.raises(Unreadable, match="no opening paragraph"):
        parse_declaration("XVII REGIONAL CONFERENCE\nDECLARATION\n")


def test_a_decision_numbered_twice_is_refused_with_its_line(seeded):
    text = SEED_TEXT.replace("4. Approve the proposal", "3. Approve the proposal")
    with pytest.raises(Unreadable, match=r"^line 26: decision 3 appears twice \(also on line 24\)$"):
        parse_declaration(text)


def test_a_declaration_with_its_place_in_the_title_block_and_infinitive_decisions(seeded):
    parse = parse_declaration((TEXTS / "xxiv-guatemala-en.txt").read_text(encoding="utf-8"))
    data = parse.data
    conference = data["meeting"]
    assert (conference["number"], conference["cities"], conference["host_country"]) == (24, ["Guatemala City"], "GT")
    assert conference["theme"] == "Towards a Comprehensive Approach to Migration"
    assert conference["presidency_pro_tempore"] == "GT"
    assert not any("presidency" in w.message for w in parse.warnings)
    assert [p["verb"] for p in data["paragraphs"]] == ["CONSIDERING", "RECOGNIZING"]
    assert data["decisions_heading"] == "AGREE:"
    second = data["decisions"][1]
    assert second["mandated"]["bodies"] == ["technical-secretariat", "rcgm"]
    assert (second["deadline"], second["deadline_text"]) == ("2020-06-30", "no later than June 30, 2020")
    assert second["links"] == [{"kind": "refers_to", "decision": "RCM XXIII/3"}]


def test_a_communique_numbering_every_paragraph(seeded):
    data = parse_declaration((TEXTS / "fifth-numbered-communique-en.txt").read_text(encoding="utf-8")).data
    assert data["opening"].startswith("The Fifth Regional Conference on Migration was held in Washington, D.C.")
    assert [p["verb"] for p in data["paragraphs"]] == ["participated", "welcomed"]
    assert data["participants"]["observer_states"] == ["CO", "EC", "PE"]
    assert data["participants"]["observer_organizations"] == ["UNHCR", "IOM"]
    assert data["decisions_heading"] == "The Vice-Ministers agreed:"
    assert [d["text"] for d in data["decisions"]] == [
        "To hold the Sixth Regional Conference in Costa Rica in 2001.",
        "To request the IOM to continue its technical support.",
    ]
    assert data["decisions"][1]["mandated"]["organizations"] == ["IOM"]


def test_the_sentence_before_the_decisions_heading_is_their_chapeau_not_a_paragraph(seed_parse):
    data = seed_parse.data
    assert data["decisions_chapeau"].startswith("Reaffirming the principles established in the Puebla Process")
    assert data["decisions_chapeau"].endswith("the Vice-Ministers and Heads of Delegation reached the following:")
    assert [p["verb"] for p in data["paragraphs"]][-1] == "Reiterated"


def test_a_long_sentence_agreeing_is_the_chapeau_of_the_decisions(seeded):
    sentence = (
        "Having heard the reports of the Technical Secretariat and of the Regional Consultation Group on Migration "
        "on the work of the year, the Vice-Ministers and Heads of Delegation agreed:"
    )
    text = SEED_TEXT.replace(SEED_JSON["decisions_chapeau"], "").replace("\nDecisions\n", f"\n{sentence}\n")
    data = parse_declaration(text).data
    assert (data["decisions_chapeau"], data["decisions_heading"]) == (sentence, "")
    assert [d["number"] for d in data["decisions"]] == list(range(1, 13))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(SEED_TEXT)), length=st.integers(0, 400), junk=st.text(max_size=40))
def test_a_damaged_text_is_read_or_refused_never_a_crash(seeded, cut, length, junk):
    with contextlib.suppress(Unreadable):
        parse_declaration(SEED_TEXT[:cut] + junk + SEED_TEXT[cut + length :])


def test_delegations_listed_after_the_opening_and_headings_between_decisions(seeded):
    parse = parse_declaration((TEXTS / "xx-tegucigalpa-es.txt").read_text(encoding="utf-8"))
    data = parse.data
    assert (data["meeting"]["cities"], data["meeting"]["host_country"]) == (["Tegucigalpa, M.D.C."], "HN")
    assert len(data["participants"]["member_states"]) == 11
    assert data["chapeau"] == "CONSIDERANDO:"
    assert [(d["number"], d["section"]) for d in data["decisions"]] == [
        (1, "Gestión migratoria"),
        (2, "Gestión migratoria"),
        (3, "Protección"),
    ]
    # A decision broken over two lines is one sentence again.
    assert data["decisions"][2]["text"] == (
        "Instruir a la Secretaría Técnica y a la Red de Funcionarios de Enlace de Protección Consular para "
        "que presenten un informe a más tardar el 31 de marzo de 2016."
    )
    assert data["decisions"][2]["mandated"]["bodies"] == ["technical-secretariat", "consular-protection-network"]
    left_out = [(w.line, w.message) for w in parse.warnings if "left out" in w.message]
    assert left_out == [(23, "“Tegucigalpa, 26 de junio de 2015.” follows the last decision and was left out")]
