"""Every kind of outcome document the RCM's meetings adopt, read by the parser without a database.

The texts in texts/ and below are test data written by the team in the shapes real documents take (RCGM
conclusions, joint communiqués in headed sections, extraordinary declarations, the first meeting of 1996);
no sentence of a real RCM document is copied here. Only the XVII declaration in seeds/ is a real text.
"""

import contextlib
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rcm.interchange.importing.layout import split_flattened
from rcm.interchange.importing.parser import Unreadable, parse_declaration, unplaced_message
from rcm.interchange.importing.places import find_place, find_place_alone, thanked_host

TEXTS = Path(__file__).parent / "texts"
OUTCOME_TEXTS = sorted(path.name for path in TEXTS.glob("*.txt"))


def _read(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


def _flattened(text: str) -> str:
    """The text as copied from a PDF that lost every line break."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def _messages(parse) -> list[str]:
    return [warning.message for warning in parse.warnings]


def _words_before_items(data: dict) -> list[str]:
    return " ".join([data["opening"], data["chapeau"], *(p["text"] for p in data["paragraphs"])]).split()


def _items(data: dict) -> list[tuple[int, str, str]]:
    return [(item["number"], item["section"], item["text"]) for item in data["decisions"]]


def test_rcgm_conclusions_in_english(gazetteer):
    parse = parse_declaration(_read("rcgm-conclusions-en.txt"), gazetteer)
    data = parse.data
    assert data["meeting"] == {
        "body": "rcgm", "kind": "ordinary", "number": None, "mode": "in_person", "theme": "",
        "cities": ["San José"], "host_country": "CR", "start_date": "2013-11-05", "end_date": "2013-11-06",
        "presidency_pro_tempore": "CR",
    }  # fmt: skip
    assert (data["schema"], data["kind"], data["language"]) == ("rcm-declaration/2", "conclusions", "en")
    assert data["title"] == "CONCLUSIONS AND RECOMMENDATIONS"
    assert data["decisions_heading"] == "The RCGM agreed on the following:"
    assert data["participants"]["member_states"] == ["BZ", "CA", "CR", "SV", "GT", "HN", "MX", "NI", "PA", "DO", "US"]
    assert data["participants"]["observer_organizations"] == ["IOM", "UNHCR"]
    assert [p["verb"] for p in data["paragraphs"]] == ["reviewed"]
    conclusions = data["decisions"]
    assert [c["number"] for c in conclusions] == [1, 2, 3, 4, 5]
    assert conclusions[0]["text"] == (
        "Take note of the report of the Technical Secretariat on the activities of the second half of 2013."
    )
    assert conclusions[1]["mandated"]["bodies"] == ["consular-protection-network"]
    assert (conclusions[1]["deadline"], conclusions[1]["deadline_text"]) == ("2014-03-30", "before March 31, 2014")
    assert conclusions[2]["links"] == [
        {"kind": "refers_to", "meeting": {"body": "vice-ministerial", "kind": "ordinary", "number": 19}}
    ]
    assert conclusions[3]["links"] == [{"kind": "follows_up_on", "decision": "RCM XVIII/6"}]
    assert str(parse.looks_like) == "RCGM conclusions"
    assert parse.meeting_found
    assert _messages(parse) == ["the presidency pro tempore is not named; taken to be the host, Costa Rica"]


def test_rcgm_conclusions_in_spanish_bulleted_with_the_host_only_thanked(gazetteer):
    parse = parse_declaration(_read("rcgm-conclusiones-es.txt"), gazetteer)
    data = parse.data
    meeting = data["meeting"]
    assert (meeting["body"], meeting["number"], data["kind"], data["language"]) == ("rcgm", None, "conclusions", "es")
    assert (meeting["cities"], meeting["host_country"]) == ([], "HN")
    assert (meeting["start_date"], meeting["end_date"]) == ("2016-03-10", "2016-03-11")
    assert data["title"] == "CONCLUSIONES Y RECOMENDACIONES"
    assert data["decisions_heading"] == "Conclusiones:"
    assert data["participants"]["member_states"] == ["BZ", "CA", "CR", "SV", "GT", "HN", "MX", "NI", "PA", "DO"]
    assert data["participants"]["observer_organizations"] == ["IOM", "UNHCR"]
    assert [(number, section) for number, section, _ in _items(data)] == [(1, ""), (2, ""), (3, "")]
    assert data["decisions"][1]["mandated"]["bodies"] == ["consular-protection-network"]
    assert data["decisions"][1]["deadline"] == "2016-06-30"
    assert [str(warning) for warning in parse.warnings[:2]] == [
        "line 7: the conclusions are bulleted, not numbered: numbered 1 to 3 in order",
        "line 4: no place of the meeting found; the host country was taken to be Honduras, "
        "thanked for its hospitality on line 9",
    ]
    assert str(parse.looks_like) == "RCGM conclusions"


def test_rcgm_conclusions_and_recommendations_each_numbered_from_1(gazetteer):
    parse = parse_declaration(_read("rcgm-guatemala-es.txt"), gazetteer)
    data = parse.data
    assert (data["meeting"]["body"], data["meeting"]["cities"], data["meeting"]["host_country"]) == (
        "rcgm",
        ["Ciudad de Guatemala"],
        "GT",
    )
    assert (data["meeting"]["start_date"], data["meeting"]["end_date"]) == ("2019-12-02", "2019-12-04")
    assert data["title"] == "Reunión del Grupo Regional de Consulta sobre Migración (GRCM)"
    assert (data["kind"], data["decisions_heading"]) == ("conclusions", "Conclusiones")
    assert [(number, section) for number, section, _ in _items(data)] == [
        (1, ""),
        (2, ""),
        (3, "Recomendaciones"),
        (4, "Recomendaciones"),
    ]
    assert data["decisions"][2]["links"] == [
        {"kind": "refers_to", "meeting": {"body": "vice-ministerial", "kind": "ordinary", "number": 25}}
    ]
    assert data["decisions"][3]["mandated"]["bodies"] == ["technical-secretariat"]
    assert (
        "the conclusions under “Recomendaciones” are numbered again from 1; numbered 3 to 4, in order across the "
        "document"
    ) in _messages(parse)


def test_a_joint_communique_whose_sections_number_their_agreements_from_1(gazetteer):
    parse = parse_declaration(_read("communique-sections-en.txt"), gazetteer)
    data = parse.data
    assert (data["kind"], data["meeting"]["body"], data["meeting"]["number"]) == (
        "joint_communique",
        "vice-ministerial",
        14,
    )
    assert data["meeting"]["theme"] == "Migration and Development in Times of Change"
    assert (data["meeting"]["cities"], data["meeting"]["host_country"]) == (["San Salvador"], "SV")
    assert data["decisions_heading"] == "The Vice-Ministers agreed:"
    assert [(number, section) for number, section, _ in _items(data)] == [
        (1, "MIGRATION AND DEVELOPMENT"),
        (2, "MIGRATION AND DEVELOPMENT"),
        (3, "PROTECTION OF MIGRANTS"),
        (4, "PROTECTION OF MIGRANTS"),
        (5, "TECHNICAL SECRETARIAT"),
    ]
    assert data["decisions"][2]["text"] == (
        "Renew the mandate of the Consular Protection Liaison Officers Network until June 2010."
    )
    renumbered = [str(w) for w in parse.warnings if "numbered again" in w.message]
    assert renumbered == [
        "line 14: the agreements under “PROTECTION OF MIGRANTS” are numbered again from 1; numbered 3 to 4, "
        "in order across the document",
        "line 18: the agreements under “TECHNICAL SECRETARIAT” are numbered again from 1; numbered 5, "
        "in order across the document",
    ]


def test_a_spanish_joint_communique_numbered_across_its_sections(gazetteer):
    parse = parse_declaration(_read("comunicado-secciones-es.txt"), gazetteer)
    data = parse.data
    assert (data["kind"], data["title"], data["meeting"]["number"]) == ("joint_communique", "COMUNICADO CONJUNTO", 14)
    assert (data["meeting"]["cities"], data["meeting"]["host_country"]) == (["San Salvador"], "SV")
    assert (data["meeting"]["start_date"], data["meeting"]["end_date"]) == ("2009-05-14", "2009-05-15")
    assert [(number, section) for number, section, _ in _items(data)] == [
        (1, "I. Migración y desarrollo"),
        (2, "I. Migración y desarrollo"),
        (3, "II. Protección de las personas migrantes"),
    ]
    assert data["paragraphs"] == []
    assert not any("numbered again" in message for message in _messages(parse))


def test_an_unnumbered_extraordinary_declaration_of_a_virtual_meeting(gazetteer):
    parse = parse_declaration(_read("extraordinary-virtual-en.txt"), gazetteer)
    data = parse.data
    assert data["meeting"] == {
        "body": "vice-ministerial", "kind": "extraordinary", "number": None, "mode": "virtual", "theme": "",
        "cities": [], "host_country": None, "start_date": "2020-04-22", "end_date": "2020-04-22",
        "presidency_pro_tempore": "MX",
    }  # fmt: skip
    assert (data["kind"], data["title"]) == ("extraordinary_declaration", "EXTRAORDINARY DECLARATION")
    assert data["decisions"][1]["mandated"]["bodies"] == ["consular-protection-network"]
    assert parse.meeting_found  # by its body and dates, as unnumbered meetings are known
    assert parse.warnings == []  # a virtual meeting has no host city to miss


def test_an_extraordinary_declaration_adopted_at_an_ordinary_meeting(gazetteer):
    data = parse_declaration(_read("declaracion-extraordinaria-es.txt"), gazetteer).data
    meeting = data["meeting"]
    assert (meeting["body"], meeting["kind"], meeting["number"]) == ("vice-ministerial", "ordinary", 20)
    assert (meeting["cities"], meeting["host_country"], meeting["start_date"]) == (["Tegucigalpa"], "HN", "2015-06-26")
    assert (data["kind"], data["title"]) == ("extraordinary_declaration", "DECLARACIÓN EXTRAORDINARIA DE TEGUCIGALPA")
    assert data["decisions_heading"] == "DECLARAN:"
    assert data["decisions"][1]["links"] == [{"kind": "follows_up_on", "decision": "RCM XIX/3"}]


def test_the_first_meeting_has_no_number(gazetteer):
    parse = parse_declaration(_read("first-meeting-1996-en.txt"), gazetteer)
    meeting = parse.data["meeting"]
    assert (meeting["body"], meeting["kind"], meeting["number"]) == ("vice-ministerial", "ordinary", None)
    assert (meeting["cities"], meeting["host_country"], meeting["start_date"]) == (["Puebla"], "MX", "1996-03-13")
    assert parse.data["kind"] == "joint_communique"
    assert parse.meeting_found
    assert "the text gives the meeting no number; it is known by its place and dates" in _messages(parse)


def test_a_network_meeting_held_in_person_and_virtually(gazetteer):
    parse = parse_declaration(_read("network-conclusions-en.txt"), gazetteer)
    data = parse.data
    assert (data["meeting"]["body"], data["meeting"]["number"], data["meeting"]["mode"]) == (
        "consular-protection-network",
        None,
        "hybrid",
    )
    assert (data["meeting"]["cities"], data["meeting"]["host_country"]) == (["Panama City"], "PA")
    assert (data["kind"], data["title"]) == (
        "conclusions",
        "MEETING OF THE CONSULAR PROTECTION LIAISON OFFICERS NETWORK",
    )
    assert [item["number"] for item in data["decisions"]] == [1, 2]
    assert str(parse.looks_like) == "conclusions of the Consular Protection Liaison Officers Network"


def test_a_text_naming_its_meeting_only_in_a_paragraph(gazetteer):
    parse = parse_declaration(_read("meeting-in-body-en.txt"), gazetteer)
    meeting = parse.data["meeting"]
    assert (meeting["body"], meeting["number"], meeting["start_date"]) == ("vice-ministerial", 14, "2009-05-14")
    assert (meeting["cities"], meeting["host_country"]) == ([], "SV")
    assert [str(w) for w in parse.warnings[:2]] == [
        "line 5: the meeting is named only here, not in the title or the opening: "
        "“XIV Regional Conference on Migration”; check it",
        "line 3: no place of the meeting found; the host country was taken to be El Salvador, "
        "thanked for its hospitality on line 7",
    ]


@pytest.mark.parametrize("name", OUTCOME_TEXTS)
def test_a_text_that_lost_its_line_breaks_reads_the_same(gazetteer, name):
    text = _read(name)
    read, flat = parse_declaration(text, gazetteer), parse_declaration(_flattened(text), gazetteer)
    for key in ("meeting", "kind", "title", "language", "participants", "decisions_heading"):
        assert flat.data[key] == read.data[key], key
    assert _items(flat.data) == _items(read.data)
    # Paragraphs that open with no verb nor number cannot be told from the opening once their breaks are lost;
    # their words are all kept.
    assert _words_before_items(flat.data) == _words_before_items(read.data)
    assert flat.looks_like == read.looks_like
    assert "without line breaks" in flat.warnings[0].message


_PLACES = [
    ("was held in San Salvador, El Salvador,", ["San Salvador"], "SV"),
    ("took place in the city of San José, Costa Rica,", ["San José"], "CR"),
    ("met in Tegucigalpa, M.D.C., Honduras,", ["Tegucigalpa, M.D.C."], "HN"),
    ("gathered in the cities of Omoa and San Pedro Sula, Honduras,", ["Omoa", "San Pedro Sula"], "HN"),
    ("se realizó en la ciudad de Managua, Nicaragua,", ["Managua"], "NI"),
    ("tuvo lugar en San Salvador, El Salvador,", ["San Salvador"], "SV"),
    ("fue celebrada en la Ciudad de Guatemala, Guatemala,", ["Ciudad de Guatemala"], "GT"),
    ("se reunió en la Ciudad de Panamá, Panamá,", ["Ciudad de Panamá"], "PA"),
    ("con las delegaciones reunidas en Tegucigalpa, Honduras,", ["Tegucigalpa"], "HN"),
]


@pytest.mark.parametrize(("phrase", "cities", "host"), _PLACES)
def test_place_phrases(gazetteer, phrase, cities, host):
    spanish = " en " in phrase or phrase.startswith(("se ", "tuvo", "fue"))
    when = "los días 25 y 26 de junio de 2015" if spanish else "on June 25 and 26, 2015"
    text = (
        f"XX REGIONAL CONFERENCE ON MIGRATION\n\nThe XX Vice-Ministerial Meeting of the Regional Conference on "
        f"Migration {phrase} {when}, with delegations of Belize, Canada and Mexico.\n\n"
        "Decisions\n1. Approve the budget of the Technical Secretariat for 2016.\n"
    )
    parse = parse_declaration(text, gazetteer)
    assert (parse.data["meeting"]["cities"], parse.data["meeting"]["host_country"]) == (cities, host)
    assert parse.data["meeting"]["start_date"] == "2015-06-25"
    assert not any("host country" in message or "place" in message for message in _messages(parse))


@pytest.mark.parametrize(
    ("phrase", "thanks", "cities", "host", "warning"),
    [
        (
            "was held in Tegucigalpa on",
            "",
            ["Tegucigalpa"],
            "HN",
            "the host country is not named after “Tegucigalpa”; taken to be Honduras, whose capital it is",
        ),
        (
            "was held in Omoa on",
            "2. Thank the Government of Honduras for its hospitality.",
            ["Omoa"],
            "HN",
            "the host country is not named after “Omoa”; taken to be Honduras, thanked for its hospitality on line 7",
        ),
        (
            "was held in Omoa on",
            "",
            ["Omoa"],
            None,
            "the host country is not named after “Omoa”; set it by hand",
        ),
        ("met in Costa Rica on", "", [], "CR", "the meeting's country, Costa Rica, is named without a city"),
    ],
)
def test_a_place_named_without_its_country_or_city_is_guessed_with_a_warning(
    gazetteer, phrase, thanks, cities, host, warning
):
    text = (
        "XX REGIONAL CONFERENCE ON MIGRATION\n\nThe XX Vice-Ministerial Meeting of the Regional Conference on "
        f"Migration {phrase} June 25 and 26, 2015, with delegations of Belize, Canada and Mexico.\n\n"
        f"Decisions\n1. Approve the budget of the Technical Secretariat for 2016.\n{thanks}\n"
    )
    parse = parse_declaration(text, gazetteer)
    assert (parse.data["meeting"]["cities"], parse.data["meeting"]["host_country"]) == (cities, host)
    assert (3, warning) in [(w.line, w.message) for w in parse.warnings]


@pytest.mark.parametrize(
    ("opening", "body", "number"),
    [
        (
            "Based on the recommendations of the Regional Consultation Group on Migration, the Vice-Ministers of "
            "Belize, Canada and Mexico met in San José, Costa Rica, on June 5 and 6, 2018.",
            "vice-ministerial",
            None,
        ),
        (
            "The RCGM met in San José, Costa Rica, on June 5 and 6, 2018, in preparation for the XXIII "
            "Vice-Ministerial Meeting, with delegations of Belize, Canada and Mexico.",
            "rcgm",
            None,
        ),
        (
            "In preparation for the XXIII Vice-Ministerial Meeting, the RCGM met in San José, Costa Rica, on June 5 "
            "and 6, 2018, with delegations of Belize, Canada and Mexico.",
            "rcgm",
            None,
        ),
        (
            "La Reunión del GRCM tuvo lugar en la Ciudad de México, México, los días 5 y 6 de junio de 2018, con "
            "las delegaciones de Belice, Canadá y Panamá.",
            "rcgm",
            None,
        ),
        (
            "The First Meeting of the Consular Protection Liaison Officers Network took place in San José, Costa "
            "Rica, on June 5 and 6, 2018, with liaison officers of Belize, Canada and Mexico.",
            "consular-protection-network",
            None,
        ),
        (
            "We, the Vice-Ministers and Heads of Delegation of Belize, Canada and Mexico, gathered in San José, "
            "Costa Rica, on June 5 and 6, 2018, at the XXIII Regional Conference on Migration.",
            "vice-ministerial",
            23,
        ),
    ],
)
def test_which_body_met(gazetteer, opening, body, number):
    data = parse_declaration(f"{opening}\n\n1. Approve the work plan of the Technical Secretariat.\n", gazetteer).data
    assert (data["meeting"]["body"], data["meeting"]["number"], data["meeting"]["start_date"]) == (
        body,
        number,
        "2018-06-05",
    )


@pytest.mark.parametrize(
    ("words", "mode"),
    [
        ("met by videoconference on May 5, 2020", "virtual"),
        ("se reunieron en modalidad virtual el 5 de mayo de 2020", "virtual"),
        ("met virtually on May 5, 2020", "virtual"),
        ("se reunieron en formato híbrido en San José, Costa Rica, el 5 de mayo de 2020", "hybrid"),
        ("met in person and online in San José, Costa Rica, on May 5, 2020", "hybrid"),
        ("met in San José, Costa Rica, on May 5, 2020", "in_person"),
    ],
)
def test_how_the_meeting_was_held(gazetteer, words, mode):
    text = (
        "CONCLUSIONS\n\nThe delegations of the Regional Consultation Group on Migration (RCGM) "
        f"{words}, to review the work plan.\n\n1. Approve the work plan of the Technical Secretariat.\n"
    )
    data = parse_declaration(text, gazetteer).data
    assert (data["meeting"]["body"], data["meeting"]["mode"], data["meeting"]["start_date"]) == (
        "rcgm",
        mode,
        "2020-05-05",
    )


def test_a_text_that_does_not_say_which_meeting_is_read_and_says_what_to_add(gazetteer):
    parse = parse_declaration(
        "CONCLUSIONS AND RECOMMENDATIONS\n\nThe Regional Consultation Group on Migration reviewed the work plan "
        "of the Technical Secretariat and heard the reports of the networks.\n\n"
        "1. Approve the work plan of the Technical Secretariat.\n"
        "2. Hold the next meeting in the first half of the year.\n",
        gazetteer,
    )
    meeting = parse.data["meeting"]
    assert (meeting["body"], meeting["number"], meeting["start_date"], meeting["cities"]) == ("rcgm", None, None, [])
    assert [item["number"] for item in parse.data["decisions"]] == [1, 2]
    assert (parse.looks_like.kind, parse.looks_like.body) == ("conclusions", "rcgm")
    assert (parse.meeting_found, parse.meeting_missing) == (False, ("dates", "place"))
    assert unplaced_message(parse) == (
        "This looks like RCGM conclusions, but it does not say which meeting: choose the meeting (--meeting) "
        "or add the place and dates."
    )
    assert unplaced_message(parse, choice="choose it below") == (
        "This looks like RCGM conclusions, but it does not say which meeting: choose it below "
        "or add the place and dates."
    )


@pytest.mark.parametrize(
    ("text", "missing", "message"),
    [
        (
            "COMUNICADO CONJUNTO\n\nLos Viceministros de Belice, Canadá y México se reunieron en San José, Costa Rica, "
            "y acordaron lo que sigue en materia de retorno.\n\nACORDARON:\n1. Aprobar el plan de trabajo.\n",
            ("dates",),
            "This looks like a joint communiqué, but it does not say which meeting: choose the meeting (--meeting) "
            "or add the dates.",
        ),
        (
            "CONCLUSIONS\n\nThe delegations of Belize, Canada and Mexico met in San José, Costa Rica, on May 5, 2020, "
            "and reviewed the work plan.\n\n1. Approve the work plan.\n",
            ("body",),
            "This looks like conclusions, but it does not say which meeting: choose the meeting (--meeting) "
            "or add the body that met.",
        ),
        (
            "EXTRAORDINARY DECLARATION\n\nThe delegations of Belize, Canada and Mexico expressed their concern "
            "for migrants stranded at borders.\n\n1. Exchange information on stranded migrants.\n",
            ("body", "dates", "place"),
            "This looks like an extraordinary declaration, but it does not say which meeting: choose the meeting "
            "(--meeting) or add the body that met, the place and dates.",
        ),
    ],
)
def test_what_a_text_that_does_not_say_which_meeting_lacks(gazetteer, text, missing, message):
    parse = parse_declaration(text, gazetteer)
    assert parse.meeting_missing == missing
    assert unplaced_message(parse) == message


def test_a_text_that_is_no_outcome_document_is_refused(gazetteer):
    with pytest.raises(Unreadable, match=r"^lines 1-3: not an outcome document of the RCM"):
        parse_declaration(
            "MINUTES\n\nThe delegations met in Panama City, Panama, on June 21, 2012, and talked at length.", gazetteer
        )


def test_an_item_numbered_twice_within_a_section_is_refused(gazetteer):
    text = _read("communique-sections-en.txt").replace("2. Welcome the offer", "1. Welcome the offer")
    with pytest.raises(Unreadable, match=r"^line 15: agreement 1 appears twice \(also on line 14\)$"):
        parse_declaration(text, gazetteer)


# Property tests: whatever the text, the readers return a reading or refuse it with a reason, never crash;
# and a communiqué in sections reads with its items numbered 1, 2, 3... under their headings.

_SECTION = st.tuples(
    st.sampled_from(["MIGRATION AND DEVELOPMENT", "Protección consular", "II. Return and reintegration", "RCGM"]),
    st.integers(1, 4),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sections=st.lists(_SECTION, min_size=1, max_size=4), restart=st.booleans(), flat=st.booleans())
def test_a_communique_in_sections_numbers_its_items_across_them(gazetteer, sections, restart, flat):
    lines = [
        "JOINT COMMUNIQUÉ",
        "XIV REGIONAL CONFERENCE ON MIGRATION",
        "",
        "The XIV Vice-Ministerial Meeting of the Regional Conference on Migration was held in San Salvador, "
        "El Salvador, on May 14 and 15, 2009.",
        "",
        "The Vice-Ministers agreed:",
    ]
    expected, number = [], 0
    for heading, count in sections:
        lines.append(heading)
        for position in range(1, count + 1):
            number += 1
            lines.append(f"{position if restart else number}. Approve item {number} of the plan.")
            expected.append((number, heading, f"Approve item {number} of the plan."))
    text = "\n".join(lines)
    data = parse_declaration(_flattened(text) if flat else text, gazetteer).data
    assert _items(data) == expected


_DAMAGE = st.tuples(st.integers(0, 2000), st.integers(0, 300), st.text(max_size=30))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(OUTCOME_TEXTS), damage=_DAMAGE, flat=st.booleans())
def test_a_damaged_outcome_document_is_read_or_refused_never_a_crash(gazetteer, name, damage, flat):
    cut, length, junk = damage
    text = _read(name)
    text = text[:cut] + junk + text[cut + length :]
    with contextlib.suppress(Unreadable):
        parse = parse_declaration(_flattened(text) if flat else text, gazetteer)
        if not parse.meeting_found:
            message = unplaced_message(parse)
            assert re.match(r"^This looks like .+, but it does not say which meeting: .+ or add the .+\.$", message)


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (find_place_alone, "met in Ab " * 20_000),  # took minutes when a place ran on to the end of the text
        (find_place, "held in Ab " * 20_000),
        (thanked_host, "Thank the Government of " * 8_000),
        (lambda text, _: split_flattened(text), "XIV REGIONAL CONFERENCE ON MIGRATION " * 5_000),  # took minutes
        (lambda text, _: split_flattened(text), "PROTECTION 1. Approve it. " * 7_000),
    ],
    ids=["place alone", "place", "thanks", "title", "sections"],
)
def test_a_hostile_repetition_is_read_in_linear_time(gazetteer, reader, text):
    started = time.perf_counter()
    reader(text, gazetteer)
    assert time.perf_counter() - started < 10  # about 1 s; a quadratic reader takes minutes
