import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rcm.interchange.importing.ordinals import (
    CONFERENCE_NUMBER_PATTERN,
    CONFERENCE_NUMBER_RE,
    ordinal_suffixed,
    ordinal_word,
    parse_conference_number,
)
from rcm.lib.numerals import to_roman

# No deadline: the first examples pay for compiling the patterns, and CI machines vary in speed.
fast = settings(deadline=None)

numbers = st.integers(min_value=1, max_value=99)


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("XVII", 17),
        ("xvii", 17),
        ("XCIX", 99),
        ("I", 1),
        (" XIX ", 19),
        ("19", 19),
        ("19th", 19),
        ("1st", 1),
        ("22nd", 22),
        ("3rd", 3),
        ("21th", 21),
        ("19a", 19),
        ("19ª", 19),
        ("19°", 19),
        ("19º", 19),
        ("19.ª", 19),
        ("1ra", 1),
        ("3er", 3),
        ("8va", 8),
    ],
)
def test_it_reads_numerals_and_digits(words, number):
    assert parse_conference_number(words) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("Fifth", 5),
        ("FIFTH", 5),
        ("Twenty-First", 21),
        ("twenty first", 21),
        ("Twenty–first", 21),
        ("Thirtieth", 30),
        ("Seventeenth", 17),
        ("Ninety-Ninth", 99),
    ],
)
def test_it_reads_english_words(words, number):
    assert parse_conference_number(words) == number


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("Quinta", 5),
        ("Quinto", 5),
        ("Vigésima", 20),
        ("Vigesima", 20),
        ("VIGÉSIMA", 20),
        ("Vigésima Primera", 21),
        ("Vigésimo primera", 21),
        ("Vigesimoprimera", 21),
        ("Vigésimo Primer", 21),
        ("Decimoséptima", 17),
        ("Décima Séptima", 17),
        ("Décimo Séptima", 17),
        ("Decimo septima", 17),
        ("Decimoctava", 18),
        ("Décimo Octava", 18),
        ("Decimonovena", 19),
        ("Trigésima", 30),
        ("Primera", 1),
        ("Tercera", 3),
        ("Tercer", 3),
        ("Primer", 1),
        ("Undécima", 11),
        ("Duodécima", 12),
        ("Décimo Primera", 11),
        ("Doceava", 12),
        ("Se\u0301ptima", 7),  # decomposed accent, as some PDFs give it
        ("Nonagésima Novena", 99),
    ],
)
def test_it_reads_spanish_words(words, number):
    assert parse_conference_number(words) == number


@pytest.mark.parametrize(
    "words",
    [
        "",
        "  ",
        "0",
        "100",
        "100th",
        "C",
        "IIII",
        "IC",
        "mix",
        "Decision 5 of the XIX Conference",
        "XVII Conference",
        "Twenty",
        "Veinte",
        "first second",
        "Primeras",
        "2012",
        "19 th th",
        "-5",
        "İ",
        "Xİ",
    ],
)
def test_it_reads_nothing_else(words):
    assert parse_conference_number(words) is None


@pytest.mark.parametrize(
    ("number", "english", "spanish_feminine", "spanish_masculine"),
    [
        (1, "First", "Primera", "Primer"),
        (3, "Third", "Tercera", "Tercer"),
        (11, "Eleventh", "Undécima", "Undécimo"),
        (12, "Twelfth", "Duodécima", "Duodécimo"),
        (17, "Seventeenth", "Decimoséptima", "Decimoséptimo"),
        (18, "Eighteenth", "Decimoctava", "Decimoctavo"),
        (20, "Twentieth", "Vigésima", "Vigésimo"),
        (21, "Twenty-First", "Vigésima Primera", "Vigésimo Primer"),
        (30, "Thirtieth", "Trigésima", "Trigésimo"),
        (99, "Ninety-Ninth", "Nonagésima Novena", "Nonagésimo Noveno"),
    ],
)
def test_it_writes_ordinal_words(number, english, spanish_feminine, spanish_masculine):
    assert ordinal_word(number, "en") == english
    assert ordinal_word(number, "es") == spanish_feminine
    assert ordinal_word(number, "es", feminine=False) == spanish_masculine


@pytest.mark.parametrize(
    ("number", "english"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (17, "17th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (99, "99th"),
    ],
)
def test_it_writes_suffixed_numbers(number, english):
    assert ordinal_suffixed(number, "en") == english


def test_it_writes_spanish_suffixes_by_gender():
    assert ordinal_suffixed(17, "es") == "17ª"
    assert ordinal_suffixed(17, "es", feminine=False) == "17º"


@pytest.mark.parametrize(("number", "language"), [(0, "en"), (100, "es"), (5, "fr")])
def test_it_refuses_to_write_what_it_cannot_read(number, language):
    with pytest.raises(ValueError):
        ordinal_word(number, language)
    with pytest.raises(ValueError):
        ordinal_suffixed(number, language)


def test_the_pattern_finds_numbers_before_conference():
    text = "Thank Nicaragua for offering to host the 19th Regional Conference on Migration in 2014."
    match = re.search(rf"(?P<number>{CONFERENCE_NUMBER_PATTERN})\s+(?:Regional\s+)?Conference", text)
    assert match["number"] == "19th"


def test_the_pattern_embeds_without_groups_and_keeps_its_own_case_rules():
    assert re.compile(CONFERENCE_NUMBER_PATTERN).groups == 0
    # Compiled without IGNORECASE, words still match in any case, and single-letter numerals still need capitals.
    conference = re.compile(rf"({CONFERENCE_NUMBER_PATTERN})\s+Conferencia")
    assert conference.search("la VIGÉSIMA PRIMERA Conferencia")[1] == "VIGÉSIMA PRIMERA"
    assert conference.search("la v Conferencia") is None
    assert conference.search("la V Conferencia")[1] == "V"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The XVII Vice-Ministerial Meeting", ["XVII"]),
        ("the xix meeting", ["xix"]),
        ("I Conference and V Meeting", ["I", "V"]),
        ("i conference, v meeting, x reunión", []),
        ("vice civil mixed lixiviate", []),
        ("in 2019 and 2012", []),
        ("firstly, the secondary fifths", []),
        ("las décimas y quintales", []),
        ("Décima Séptima Conferencia y Vigésimo primera Reunión", ["Décima Séptima", "Vigésimo primera"]),
        ("the Twenty-\nFirst Meeting", ["Twenty-\nFirst"]),
        ("la 19.ª Conferencia y la 1ra Reunión", ["19.ª", "1ra"]),
    ],
)
def test_the_pattern_matches_whole_numbers_only(text, found):
    assert [match["number"] for match in CONFERENCE_NUMBER_RE.finditer(text)] == found


@fast
@given(st.text())
def test_parsing_never_raises(text):
    number = parse_conference_number(text)
    assert number is None or 1 <= number <= 99


@fast
@given(
    st.lists(
        st.sampled_from(
            [
                "XVII",
                "xi",
                "I",
                "v",
                "19th",
                "19.ª",
                "Twenty",
                "first",
                "décimo",
                "primer",
                "Vigésima",
                "sexta",
                "-",
                "\n",
                ",",
                "Conference",
                "y",
                "100",
                # Letters that IGNORECASE takes for ASCII ones.
                "Xİ",
                "xı",
                "ſecond",
                "fİrst",
            ]
        )
    )
)
def test_everything_the_pattern_finds_reads(words):
    for match in CONFERENCE_NUMBER_RE.finditer(" ".join(words)):
        assert parse_conference_number(match["number"]) is not None, match["number"]


@fast
@given(numbers)
def test_roman_numerals_round_trip(number):
    assert parse_conference_number(to_roman(number)) == number
    assert parse_conference_number(to_roman(number).lower()) == number
    assert CONFERENCE_NUMBER_RE.fullmatch(to_roman(number))


@fast
@given(numbers, st.sampled_from(["en", "es"]), st.booleans())
def test_ordinal_words_round_trip(number, language, feminine):
    word = ordinal_word(number, language, feminine)
    assert parse_conference_number(word) == number
    assert parse_conference_number(word.lower()) == number
    assert CONFERENCE_NUMBER_RE.fullmatch(word)


@fast
@given(numbers, st.sampled_from(["en", "es"]), st.booleans())
def test_suffixed_numbers_round_trip(number, language, feminine):
    suffixed = ordinal_suffixed(number, language, feminine)
    assert parse_conference_number(suffixed) == number
    assert parse_conference_number(f"{number}th") == number
    assert CONFERENCE_NUMBER_RE.fullmatch(suffixed)
