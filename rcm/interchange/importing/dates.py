"""Meeting dates and decision deadlines in the running text of declarations, English and Spanish.

Texts are often copied from PDFs, so any run of whitespace (line breaks included) may stand between words, and
month names and connecting words match in any case. Months are English, full or abbreviated with or without a
period ("Nov.", "Sept"), or Spanish ("enero" to "diciembre", "setiembre", abbreviations such as "dic."). Days may
carry an ordinal suffix: "23rd", "1°", "1º", "1ro", "1er". A year (1900-2099) must be written somewhere in each
expression. Dates that do not exist ("June 31, 2012") and ranges that end before they start are left out.

`find_date_ranges` reads meeting dates:

- a day, month first or day first: "May 5, 2010", "5 May 2010", "the 24th of March, 2022", "5 de mayo de 2010",
  "1° de julio del 2019", "el día 5 de mayo de 2010";
- days of one month, joined by "and", "to", "through", "y", "al", "a", a hyphen or a dash, or listed with commas:
  "June 21 and 22, 2012", "June 21-22, 2012", "April 16-18, 2012", "March 23rd and 24th, 2000", "21 and 22 June
  2012", "21–22 June 2012", "26 y 27 de junio del 2014", "los días 18 y 19 de noviembre de 2025", "21, 22 y 23 de
  junio de 2014";
- two full days, across months or years, the first one's year optional: "June 30 - July 1, 2019", "from June 30 to
  July 1, 2019", "December 30, 2019 to January 2, 2020", "the 24th of March and the 25th of March, 2022", "del 30
  de junio al 1 de julio de 2019", "los días 30 de junio y 1 de julio de 2019", "desde el 30 de diciembre de 2019
  hasta el 2 de enero de 2020".

What a match's `text` holds: the date words, with the words that open a range ("from", "between", "del",
"desde", "entre") and Spanish "los días" / "el día", but without a preposition or article before a lone date
("on 5 May 2010" -> "5 May 2010", "el 5 de mayo de 2010" -> "5 de mayo de 2010"). A day of the week before a
date is kept in it ("Thursday, June 21, 2012").

`find_deadline` reads the last day a decision allows, from a keyword followed by a day, a month or a year:
"until July 2013", "by December 31, 2013", "no later than June 2014", "by the end of 2013", "hasta julio de 2013",
"a más tardar el 31 de diciembre de 2013", "a finales de 2013". "Until", "by" and their kin include the period
named (the whole of July); "before" and "antes de" exclude it, so "before March 2014" means 2014-02-28 and "antes
del 30 de junio de 2014" 2014-06-29. A bare "in 2014" sets no deadline.

`format_date_range` writes ranges in the styles of `DATE_STYLES`; the tests check that what it writes reads back.
"""

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS_BY_PREFIX = {
    "jan": 1,
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "abr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "ago": 8,
    "sep": 9,
    "set": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "dic": 12,
}
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SPANISH_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|ene|abr|ago|set|dic)\.?)(?!\w)"
)
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+)"
)
_DAY_SUFFIX = r"(?:[ \t]?(?:st|nd|rd|th)|ero|er|r[ao]|[ao]|\.?[°ºª])"
_YEAR_SEPARATOR = r"(?:\s*,\s*|\s+)(?:(?:de|del|of)\s+(?:a[ñn]o\s+)?)?"
_RANGE_CONNECTOR = (
    r"(?:\s*[-‐–—]\s*|\s+(?:and|&|to|through|thru|until|till|y|al|a|hasta)\s+)(?:(?:the|el)\s+(?:d[ií]a\s+)?)?"
)
_LIST_SEPARATOR = r"\s*,\s*"
_RANGE_OPENER = r"(?:(?:from|between|del|desde|entre)\s+(?:(?:the|el)\s+)?)"
_SPANISH_DAYS_WORDS = r"(?:(?:los\s+)?d[ií]as\s+|(?:el\s+)?d[ií]a\s+)"
# A date starts a word, and not right after a number's decimal point or separator ("3.21 June").
_START = r"(?<!\w)(?<![0-9][.,/:-])"


def _day(name: str | None = None) -> str:
    digits = r"[0-9]{1,2}" if name is None else rf"(?P<{name}>[0-9]{{1,2}})"
    return rf"{digits}{_DAY_SUFFIX}?(?!\w)"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)[0-9]{{2}})(?![0-9])"


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH})"


def _month_first(index: int) -> str:
    """ "June 21": groups `month<index>`, `day<index>`."""
    return rf"{_WEEKDAY}?{_month(f'month{index}')}\s+{_day(f'day{index}')}"


def _day_first(index: int) -> str:
    """ "21 June", "the 21st of June", "21 de junio": groups `month<index>`, `day<index>`."""
    return rf"{_WEEKDAY}?(?:the\s+)?{_day(f'day{index}')}\s+(?:(?:of|de)\s+)?{_month(f'month{index}')}"


def _compile(pattern: str) -> re.Pattern:
    return re.compile(_START + pattern, re.IGNORECASE)


_DAY_LIST = rf"{_day('day1')}(?:{_LIST_SEPARATOR}{_day()})*{_RANGE_CONNECTOR}{_day('day2')}"

# Every form is its own pattern with the same group names; where several match, the earliest and longest wins.
# The month of a form's first day, and its year, default to the second's (`month2`, `year2`).
_DATE_RANGE_PATTERNS = [
    # Two full days: "June 30 - July 1, 2019", "del 30 de junio al 1 de julio de 2019".
    *(
        _compile(
            rf"(?:{_RANGE_OPENER}|{_SPANISH_DAYS_WORDS})?{first(1)}(?:{_YEAR_SEPARATOR}{_year('year1')})?"
            rf"{_RANGE_CONNECTOR}{second(2)}{_YEAR_SEPARATOR}{_year('year2')}"
        )
        for first in (_month_first, _day_first)
        for second in (_month_first, _day_first)
    ),
    # Days of one month, month first: "June 21 and 22, 2012", "April 16-18, 2012".
    _compile(rf"{_RANGE_OPENER}?{_WEEKDAY}?{_month('month2')}\s+{_DAY_LIST}{_YEAR_SEPARATOR}{_year('year2')}"),
    # Days of one month, day first: "21-22 June 2012", "los días 18 y 19 de noviembre de 2025".
    _compile(
        rf"(?:{_RANGE_OPENER}|{_SPANISH_DAYS_WORDS})?(?:the\s+)?{_DAY_LIST}\s+(?:(?:of|de)\s+)?{_month('month2')}"
        rf"{_YEAR_SEPARATOR}{_year('year2')}"
    ),
    # One day: "May 5, 2010", "5 de mayo de 2010", "el día 5 de mayo de 2010".
    _compile(rf"{_month_first(1)}{_YEAR_SEPARATOR}{_year('year1')}"),
    _compile(rf"{_SPANISH_DAYS_WORDS}?{_day_first(1)}{_YEAR_SEPARATOR}{_year('year1')}"),
]


@dataclass(frozen=True)
class DateRange:
    """Meeting days found in a text: `text` is the matched words as written, `span` their indexes in it."""

    start: date
    end: date
    text: str
    span: tuple[int, int]


def _month_number(word: str) -> int | None:
    # re.IGNORECASE lets a few non-ASCII letters stand for ASCII ones ("ſ" for "s"); fold them the same way.
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    plain = "".join(char for char in decomposed if char.isascii() and char.isalpha())
    return _MONTHS_BY_PREFIX.get(plain[:3])


def _make_date(year: str | int | None, month: str | None, day: str | None) -> date | None:
    """The date the words name, or None when they name none (June 31)."""
    if year is None or month is None or day is None:
        return None
    month_number = _month_number(month)
    if month_number is None:
        return None
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return None


def _range_from_match(match: re.Match) -> DateRange | None:
    groups = match.groupdict()
    year2, month2, day2 = groups.get("year2"), groups.get("month2"), groups.get("day2")
    year1 = groups.get("year1") or year2
    month1 = groups.get("month1") or month2
    start = _make_date(year1, month1, groups.get("day1"))
    end = _make_date(year2, month2, day2) if day2 is not None else start
    if start is None or end is None:
        return None
    if start > end and groups.get("year1") is None and groups.get("month1") is not None:
        # "December 30 to January 2, 2020": the first day's year is the one before.
        start = _make_date(int(year2) - 1, month1, groups.get("day1"))
        if start is None:
            return None
    if start > end:
        return None
    return DateRange(start=start, end=end, text=match.group(), span=match.span())


def find_date_ranges(text: str) -> list[DateRange]:
    """Every meeting date or range of dates in `text`, in order, none overlapping another.

    Where forms overlap, the one starting first wins, then the longest: "June 30 - July 1, 2019" is one range,
    not "July 1, 2019". Words that look like a date but name none ("June 31, 2012") yield nothing.
    """
    candidates = []
    for pattern in _DATE_RANGE_PATTERNS:
        for match in pattern.finditer(text):
            candidates.append(match)
    candidates.sort(key=lambda match: (match.start(), -match.end()))
    ranges: list[DateRange] = []
    taken_until = 0
    for match in candidates:
        if match.start() < taken_until:
            continue
        date_range = _range_from_match(match)
        if date_range is None:
            continue
        ranges.append(date_range)
        taken_until = match.end()
    return ranges


def find_date_range(text: str) -> DateRange | None:
    """The first meeting date or range of dates in `text` (see `find_date_ranges`), or None."""
    ranges = find_date_ranges(text)
    return ranges[0] if ranges else None


_DEADLINE_TARGET = (
    r"(?:"
    rf"(?:{_month_first(1)}|(?:el\s+(?:d[ií]a\s+)?)?{_day_first(2)}){_YEAR_SEPARATOR}{_year('day_year')}"
    rf"|{_month('month_alone')}{_YEAR_SEPARATOR}{_year('month_year')}"
    rf"|(?:(?:the\s+)?year\s+|el\s+(?:a[ñn]o\s+)?|a[ñn]o\s+)?{_year('year_alone')}(?!\s+agenda)"
    r")"
)
_DEADLINE_KEYWORDS = {
    "en": {
        "end_of": r"(?:by|until|till|before|at|no\s+later\s+than|not\s+later\s+than|prior\s+to)\s+(?:the\s+)?end\s+of",
        "before": r"before|prior\s+to",
        "by": r"until|till|by|through|no\s+later\s+than|not\s+later\s+than|up\s+to|on\s+or\s+before",
    },
    "es": {
        "end_of": r"(?:a|al|para|hasta|antes\s+de|a\s+m[aá]s\s+tardar\s+a)\s+(?:finales|fines|final|fin|cierre)\s+del?",
        "before": r"antes\s+del?",
        "by": r"hasta|a\s+m[aá]s\s+tardar(?:\s+en)?|no\s+m[aá]s\s+all[aá]\s+del?",
    },
}
_DEADLINE_PATTERNS = {
    language: _compile(
        rf"(?:(?P<end_of>{keywords['end_of']})|(?P<before>{keywords['before']})|(?P<by>{keywords['by']}))"
        rf"\s+{_DEADLINE_TARGET}"
    )
    for language, keywords in _DEADLINE_KEYWORDS.items()
}


def _last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _deadline_from_match(match: re.Match) -> date | None:
    """The last day a deadline allows: the period named, or the day before it for "before"."""
    groups = match.groupdict()
    excludes_period = groups["before"] is not None
    if groups["day_year"] is not None:
        day = _make_date(groups["day_year"], groups["month1"], groups["day1"]) or _make_date(
            groups["day_year"], groups["month2"], groups["day2"]
        )
        if day is None:
            return None
        first, last = day, day
    elif groups["month_year"] is not None:
        month = _month_number(groups["month_alone"])
        if month is None:
            return None
        year = int(groups["month_year"])
        first, last = date(year, month, 1), _last_day_of_month(year, month)
    else:
        year = int(groups["year_alone"])
        first, last = date(year, 1, 1), date(year, 12, 31)
    if excludes_period:
        return first - timedelta(days=1)
    return last


def find_deadline(text: str, language: str) -> tuple[date, str] | None:
    """The first deadline set in `text` ("en" or "es"): its last allowed day and its words as written, or None."""
    if language not in _DEADLINE_PATTERNS:
        raise ValueError(f"Unknown language {language!r}: expected 'en' or 'es'")
    for match in _DEADLINE_PATTERNS[language].finditer(text):
        deadline = _deadline_from_match(match)
        if deadline is not None:
            return deadline, match.group()
    return None


DATE_STYLES = {
    "en": ("us", "us_dash", "us_en_dash", "us_from", "us_ordinal", "day_month", "day_month_dash", "ordinal_of"),
    "es": ("es", "es_dias", "es_del_al", "es_dash"),
}
"""The styles `format_date_range` writes, by language."""


def _english_ordinal_day(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _format_english(start: date, end: date, style: str) -> str:
    def month(day: date) -> str:
        return ENGLISH_MONTHS[day.month - 1]

    one_day = start == end
    same_month = (start.year, start.month) == (end.year, end.month)
    same_year = start.year == end.year
    two_days = (end - start).days == 1
    if style in ("us", "us_dash", "us_en_dash", "us_from", "us_ordinal"):
        day = _english_ordinal_day if style == "us_ordinal" else str
        if one_day:
            return f"{month(start)} {day(start.day)}, {start.year}"
        opener = "from " if style == "us_from" else ""
        dash = {"us_dash": "-", "us_en_dash": "–"}.get(style)
        if same_month:
            connector = dash or (" and " if two_days and not opener else " to ")
            return f"{opener}{month(start)} {day(start.day)}{connector}{day(end.day)}, {end.year}"
        # Across months: "June 30 to July 1", never "June 30 and July 1"; a dash gets spaces around it.
        connector = f" {dash} " if dash else " to "
        first = f"{month(start)} {day(start.day)}" + ("" if same_year else f", {start.year}")
        return f"{opener}{first}{connector}{month(end)} {day(end.day)}, {end.year}"
    if style in ("day_month", "day_month_dash"):
        if one_day:
            return f"{start.day} {month(start)} {start.year}"
        dash = style == "day_month_dash"
        connector = "-" if dash else (" and " if two_days else " to ")
        if same_month:
            return f"{start.day}{connector}{end.day} {month(end)} {end.year}"
        connector = " - " if dash else " to "
        first = f"{start.day} {month(start)}" + ("" if same_year else f" {start.year}")
        return f"{first}{connector}{end.day} {month(end)} {end.year}"
    if style == "ordinal_of":
        first = f"the {_english_ordinal_day(start.day)} of {month(start)}"
        if one_day:
            return f"{first}, {start.year}"
        last = f"the {_english_ordinal_day(end.day)} of {month(end)}, {end.year}"
        if same_year:
            return f"{first} and {last}" if two_days else f"{first} to {last}"
        return f"{first}, {start.year} to {last}"
    raise ValueError(f"Unknown English date style {style!r}")


def _format_spanish(start: date, end: date, style: str) -> str:
    def day_month(day: date) -> str:
        return f"{day.day} de {SPANISH_MONTHS[day.month - 1]}"

    one_day = start == end
    same_month = (start.year, start.month) == (end.year, end.month)
    same_year = start.year == end.year
    two_days = (end - start).days == 1
    if one_day:
        prefix = "el día " if style == "es_dias" else ""
        return f"{prefix}{day_month(start)} de {start.year}"
    first = day_month(start) if same_year else f"{day_month(start)} de {start.year}"
    if style == "es_del_al":
        if same_month:
            return f"del {start.day} al {day_month(end)} de {end.year}"
        return f"del {first} al {day_month(end)} de {end.year}"
    if style in ("es", "es_dias", "es_dash"):
        prefix = "los días " if style == "es_dias" else ""
        connector = "-" if style == "es_dash" else (" y " if two_days else " al ")
        if same_month:
            return f"{prefix}{start.day}{connector}{day_month(end)} de {end.year}"
        if style == "es_dash":
            connector = " - "
        return f"{prefix}{first}{connector}{day_month(end)} de {end.year}"
    raise ValueError(f"Unknown Spanish date style {style!r}")


def format_date_range(start: date, end: date, language: str, style: str) -> str:
    """`start` to `end` written as declarations write meeting dates, in one of `DATE_STYLES[language]`.

    English: "us" "June 21 and 22, 2012" / "June 30 to July 1, 2019"; "us_dash" "June 21-22, 2012";
    "us_en_dash" "June 21–22, 2012"; "us_from" "from June 30 to July 1, 2019"; "us_ordinal" "March 23rd and 24th,
    2000"; "day_month" "21 and 22 June 2012"; "day_month_dash" "21-22 June 2012"; "ordinal_of" "the 24th of March
    and the 25th of March, 2022". Spanish: "es" "26 y 27 de junio de 2014"; "es_dias" "los días 18 y 19 de
    noviembre de 2025"; "es_del_al" "del 30 de junio al 1 de julio de 2019"; "es_dash" "26-27 de junio de 2014".
    Two consecutive days are joined by "and"/"y", longer ranges by "to"/"al"; a year is written once unless the
    range crosses one.
    """
    if end < start:
        raise ValueError(f"{end} is before {start}")
    if style not in DATE_STYLES.get(language, ()):
        raise ValueError(f"Unknown style {style!r} for language {language!r}")
    if language == "en":
        return _format_english(start, end, style)
    return _format_spanish(start, end, style)
