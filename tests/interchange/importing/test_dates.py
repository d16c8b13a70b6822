from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rcm.interchange.importing.dates import (
    DATE_STYLES,
    DateRange,
    find_date_range,
    find_date_ranges,
    find_deadline,
    format_date_range,
)

# No deadline: the first examples pay for compiling the patterns, and CI machines vary in speed.
fast = settings(deadline=None)


@pytest.mark.parametrize(
    ("text", "start", "end", "words"),
    [
        ("June 21 and 22, 2012", date(2012, 6, 21), date(2012, 6, 22), "June 21 and 22, 2012"),
        ("June 21-22, 2012", date(2012, 6, 21), date(2012, 6, 22), "June 21-22, 2012"),
        ("June 21–22, 2012", date(2012, 6, 21), date(2012, 6, 22), "June 21–22, 2012"),
        ("November 17-18, 2016", date(2016, 11, 17), date(2016, 11, 18), "November 17-18, 2016"),
        ("Nov. 17-18, 2016", date(2016, 11, 17), date(2016, 11, 18), "Nov. 17-18, 2016"),
        ("March 23rd and 24th, 2000", date(2000, 3, 23), date(2000, 3, 24), "March 23rd and 24th, 2000"),
        ("April 16-18, 2012", date(2012, 4, 16), date(2012, 4, 18), "April 16-18, 2012"),
        ("from June 30 to July 1, 2019", date(2019, 6, 30), date(2019, 7, 1), "from June 30 to July 1, 2019"),
        ("June 30 - July 1, 2019", date(2019, 6, 30), date(2019, 7, 1), "June 30 - July 1, 2019"),
        ("21 and 22 June 2012", date(2012, 6, 21), date(2012, 6, 22), "21 and 22 June 2012"),
        ("21-22 June 2012", date(2012, 6, 21), date(2012, 6, 22), "21-22 June 2012"),
        ("on 5 May 2010", date(2010, 5, 5), date(2010, 5, 5), "5 May 2010"),
        ("May 5, 2010", date(2010, 5, 5), date(2010, 5, 5), "May 5, 2010"),
        ("Thursday, June 21, 2012", date(2012, 6, 21), date(2012, 6, 21), "Thursday, June 21, 2012"),
        (
            "on the 24th of March and the 25th of March, 2022",
            date(2022, 3, 24),
            date(2022, 3, 25),
            "the 24th of March and the 25th of March, 2022",
        ),
        (
            "the 24th of March, 2022 to the 25th of March, 2022",
            date(2022, 3, 24),
            date(2022, 3, 25),
            "the 24th of March, 2022 to the 25th of March, 2022",
        ),
        (
            "December 30, 2019 to January 2, 2020",
            date(2019, 12, 30),
            date(2020, 1, 2),
            "December 30, 2019 to January 2, 2020",
        ),
        ("December 30 to January 2, 2020", date(2019, 12, 30), date(2020, 1, 2), "December 30 to January 2, 2020"),
    ],
)
def test_it_reads_english_dates(text, start, end, words):
    found = find_date_range(text)
    assert (found.start, found.end, found.text) == (start, end, words)


@pytest.mark.parametrize(
    ("text", "start", "end", "words"),
    [
        ("26 y 27 de junio del 2014", date(2014, 6, 26), date(2014, 6, 27), "26 y 27 de junio del 2014"),
        ("26 y 27 de junio de 2014", date(2014, 6, 26), date(2014, 6, 27), "26 y 27 de junio de 2014"),
        ("21, 22 y 23 de junio de 2014", date(2014, 6, 21), date(2014, 6, 23), "21, 22 y 23 de junio de 2014"),
        (
            "se reunieron los días 18 y 19 de noviembre de 2025",
            date(2025, 11, 18),
            date(2025, 11, 19),
            "los días 18 y 19 de noviembre de 2025",
        ),
        (
            "del 30 de junio al 1 de julio de 2019",
            date(2019, 6, 30),
            date(2019, 7, 1),
            "del 30 de junio al 1 de julio de 2019",
        ),
        (
            "los días 30 de junio y 1 de julio de 2019",
            date(2019, 6, 30),
            date(2019, 7, 1),
            "los días 30 de junio y 1 de julio de 2019",
        ),
        (
            "desde el 30 de diciembre de 2019 hasta el 2 de enero de 2020",
            date(2019, 12, 30),
            date(2020, 1, 2),
            "desde el 30 de diciembre de 2019 hasta el 2 de enero de 2020",
        ),
        ("el 5 de mayo de 2010", date(2010, 5, 5), date(2010, 5, 5), "5 de mayo de 2010"),
        ("1° de julio de 2019", date(2019, 7, 1), date(2019, 7, 1), "1° de julio de 2019"),
        ("1ro de julio de 2019", date(2019, 7, 1), date(2019, 7, 1), "1ro de julio de 2019"),
        ("3 de SETIEMBRE de 2015", date(2015, 9, 3), date(2015, 9, 3), "3 de SETIEMBRE de 2015"),
    ],
)
def test_it_reads_spanish_dates(text, start, end, words):
    found = find_date_range(text)
    assert (found.start, found.end, found.text) == (start, end, words)


def test_it_reads_dates_across_line_breaks():
    text = "was held in Panama City, Panama, June\n21 and 22,\n2012."
    found = find_date_range(text)
    assert (found.start, found.end) == (date(2012, 6, 21), date(2012, 6, 22))
    assert text[found.span[0] : found.span[1]] == found.text == "June\n21 and 22,\n2012"


def test_it_finds_every_date_in_order():
    text = (
        "The XVII Vice-Ministerial Meeting was held in Panama City, Panama, June 21 and 22, 2012. ... "
        "congratulated the holding of the International Conference on Migrant Smuggling in Mexico City "
        "from April 16-18, 2012."
    )
    assert [(found.start, found.end) for found in find_date_ranges(text)] == [
        (date(2012, 6, 21), date(2012, 6, 22)),
        (date(2012, 4, 16), date(2012, 4, 18)),
    ]


def test_it_prefers_the_whole_range_to_its_last_day():
    assert find_date_ranges("June 30 - July 1, 2019") == [
        DateRange(start=date(2019, 6, 30), end=date(2019, 7, 1), text="June 30 - July 1, 2019", span=(0, 22))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "June 21 and 22",
        "1ro de julio",
        "los días veintiséis y veintisiete de junio de 2014",
        "June 31, 2012",
        "February 29, 2013",
        "31 de abril de 2014",
        "June 22-21, 2012",
        "21 22 2012",
        "Decision 5 of the XIX Conference",
        "in 2014",
        "the 2030 Agenda",
        "June 2012",
        "may 5 delegates in 2012",
    ],
)
def test_it_finds_no_date_where_there_is_none(text):
    assert find_date_ranges(text) == []
    assert find_date_range(text) is None


def test_it_reads_leap_days():
    assert find_date_range("February 29, 2012").start == date(2012, 2, 29)


@pytest.mark.parametrize(
    ("text", "language", "deadline", "words"),
    [
        ("Renew the contract of Mr. X until July 2013.", "en", date(2013, 7, 31), "until July 2013"),
        ("by December 31, 2013", "en", date(2013, 12, 31), "by December 31, 2013"),
        ("by 31 December 2013", "en", date(2013, 12, 31), "by 31 December 2013"),
        ("before March 2014", "en", date(2014, 2, 28), "before March 2014"),
        ("no later than June 2014", "en", date(2014, 6, 30), "no later than June 2014"),
        ("Report by the end of 2013.", "en", date(2013, 12, 31), "by the end of 2013"),
        ("by the end of February 2016", "en", date(2016, 2, 29), "by the end of February 2016"),
        ("until 2015", "en", date(2015, 12, 31), "until 2015"),
        ("hasta julio de 2013", "es", date(2013, 7, 31), "hasta julio de 2013"),
        ("hasta el 31 de diciembre de 2013", "es", date(2013, 12, 31), "hasta el 31 de diciembre de 2013"),
        (
            "a más tardar el 31 de diciembre de 2013",
            "es",
            date(2013, 12, 31),
            "a más tardar el 31 de diciembre de 2013",
        ),
        ("antes de marzo de 2014", "es", date(2014, 2, 28), "antes de marzo de 2014"),
        ("antes del 30 de junio de 2014", "es", date(2014, 6, 29), "antes del 30 de junio de 2014"),
        ("a finales de 2013", "es", date(2013, 12, 31), "a finales de 2013"),
        ("a fines del año 2013", "es", date(2013, 12, 31), "a fines del año 2013"),
    ],
)
def test_it_reads_deadlines(text, language, deadline, words):
    assert find_deadline(text, language) == (deadline, words)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Thank Nicaragua for offering to host the 19th Regional Conference on Migration in 2014.", "en"),
        ("Approve the budget presented by the Technical Secretariat for the year 2013.", "en"),
        ("Aprobar el presupuesto para el año 2013.", "es"),
        ("as agreed by 2030 Agenda partners", "en"),
        ("until June 31, 2013", "en"),
        ("hasta julio de 2013", "en"),
        ("until July 2013", "es"),
        ("until further notice", "en"),
    ],
)
def test_it_finds_no_deadline_where_there_is_none(text, language):
    assert find_deadline(text, language) is None


def test_it_refuses_unknown_languages():
    with pytest.raises(ValueError):
        find_deadline("until July 2013", "fr")
    with pytest.raises(ValueError):
        format_date_range(date(2012, 6, 21), date(2012, 6, 22), "fr", "us")


@pytest.mark.parametrize(
    ("start", "end", "language", "style", "written"),
    [
        (date(2012, 6, 21), date(2012, 6, 22), "en", "us", "June 21 and 22, 2012"),
        (date(2019, 6, 30), date(2019, 7, 1), "en", "us", "June 30 to July 1, 2019"),
        (date(2019, 12, 30), date(2020, 1, 2), "en", "us", "December 30, 2019 to January 2, 2020"),
        (date(2012, 6, 21), date(2012, 6, 22), "en", "us_dash", "June 21-22, 2012"),
        (date(2019, 6, 30), date(2019, 7, 1), "en", "us_dash", "June 30 - July 1, 2019"),
        (date(2019, 6, 30), date(2019, 7, 1), "en", "us_from", "from June 30 to July 1, 2019"),
        (date(2000, 3, 23), date(2000, 3, 24), "en", "us_ordinal", "March 23rd and 24th, 2000"),
        (date(2012, 6, 21), date(2012, 6, 22), "en", "day_month", "21 and 22 June 2012"),
        (date(2010, 5, 5), date(2010, 5, 5), "en", "day_month", "5 May 2010"),
        (date(2012, 6, 21), date(2012, 6, 22), "en", "day_month_dash", "21-22 June 2012"),
        (
            date(2022, 3, 24),
            date(2022, 3, 25),
            "en",
            "ordinal_of",
            "the 24th of March and the 25th of March, 2022",
        ),
        (date(2014, 6, 26), date(2014, 6, 27), "es", "es", "26 y 27 de junio de 2014"),
        (date(2025, 11, 18), date(2025, 11, 19), "es", "es_dias", "los días 18 y 19 de noviembre de 2025"),
        (date(2019, 6, 30), date(2019, 7, 1), "es", "es_del_al", "del 30 de junio al 1 de julio de 2019"),
        (date(2014, 6, 26), date(2014, 6, 27), "es", "es_dash", "26-27 de junio de 2014"),
    ],
)
def test_it_writes_date_ranges(start, end, language, style, written):
    assert format_date_range(start, end, language, style) == written


def test_it_refuses_ranges_that_end_before_they_start():
    with pytest.raises(ValueError):
        format_date_range(date(2012, 6, 22), date(2012, 6, 21), "en", "us")


@fast
@given(st.text())
def test_reading_arbitrary_text_never_raises(text):
    for found in find_date_ranges(text):
        assert found.start <= found.end
    find_deadline(text, "en")
    find_deadline(text, "es")


date_words = st.sampled_from(
    [
        "June",
        "Nov.",
        "diciembre",
        "de",
        "del",
        "of",
        "the",
        "and",
        "y",
        "al",
        "to",
        "from",
        "-",
        "–",
        ",",
        "\n",
        "1",
        "1°",
        "21st",
        "29",
        "30",
        "31",
        "2012",
        "2019",
        "2020",
        "los",
        "días",
        "until",
        "by",
        "before",
        "end",
        "hasta",
        "antes",
        "a",
        "finales",
        "más",
        "tardar",
        "el",
    ]
)


@fast
@given(st.lists(date_words, max_size=14))
def test_what_it_reads_is_what_the_text_says(words):
    text = " ".join(words)
    for found in find_date_ranges(text):
        assert found.start <= found.end
        assert text[found.span[0] : found.span[1]] == found.text
        assert str(found.end.year) in found.text
    for language in ("en", "es"):
        deadline = find_deadline(text, language)
        if deadline is not None:
            assert deadline[1] in text
            assert str(deadline[0].year) in deadline[1] or str(deadline[0].year + 1) in deadline[1]


styles = st.sampled_from([(language, style) for language, names in DATE_STYLES.items() for style in names])
meeting_starts = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@fast
@given(meeting_starts, st.integers(min_value=0, max_value=3), styles)
def test_written_ranges_read_back(start, length, language_and_style):
    language, style = language_and_style
    end = start + timedelta(days=length)
    written = format_date_range(start, end, language, style)
    found = find_date_range(written)
    assert (found.start, found.end, found.text) == (start, end, written)


@fast
@given(meeting_starts, st.integers(min_value=0, max_value=3), styles)
def test_written_ranges_read_back_from_sentences(start, length, language_and_style):
    language, style = language_and_style
    end = start + timedelta(days=length)
    written = format_date_range(start, end, language, style)
    opening = "was held in Panama City, Panama," if language == "en" else "se celebró en la Ciudad de Panamá,"
    sentence = f"The XVII Meeting {opening} {written}. Decision 5 of the XIX Conference followed."
    found = find_date_ranges(sentence)
    assert [(one.start, one.end, one.text) for one in found] == [(start, end, written)]
    assert sentence[found[0].span[0] : found[0].span[1]] == written
