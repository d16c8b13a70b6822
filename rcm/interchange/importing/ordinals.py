"""Conference numbers as declarations write them, read and written in English and Spanish.

The RCM numbers its meetings, and declarations name them in several ways, often in one text:

- Roman numerals: "XVII", "xvii" (read up to XCIX; see `CONFERENCE_NUMBER_PATTERN` for case rules in running text);
- digits, bare or with an ordinal suffix: "19", "19th", "1st", "22nd", "3rd", Spanish "19a", "19ª", "19°", "19º",
  "19.ª", "1ra", "1ro", "1er", "2da", "3er", "4to", "8va". English suffixes are not checked against the number:
  texts write "21th" too, and what they mean is plain;
- English ordinal words, any case, compounds with a hyphen, a space or nothing: "Fifth", "Twenty-First",
  "twenty first", "Thirtieth";
- Spanish ordinal words, any case, with or without accents, masculine or feminine (mixed too, as texts write
  "Vigésimo primera"), compounds in one word or two: "Quinta", "Primer", "Tercer", "Undécima", "Duodécima",
  "Decimoséptima", "Décima Séptima", "Décimo Primera", "Vigesimoprimera", "Vigésima Primera", "Trigésima"; and
  the partitives often used for ordinals ("Onceava", "Doceava", ... "Veinteava").

Every form reads numbers 1 to 99 (`MAX_CONFERENCE_NUMBER`); anything else reads as None.
"""

import re
import unicodedata

from rcm.lib.numerals import from_roman

MAX_CONFERENCE_NUMBER = 99

_ENGLISH_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_ENGLISH_UNIT_VARIANTS = {"nineth": 9}  # a misspelling texts do contain
_ENGLISH_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_ENGLISH_TENS_ORDINAL = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_ENGLISH_TENS_CARDINAL = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,  # misspelling
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# Spanish words without accents; gender endings are added by the patterns ("quint" + "o"/"a").
_SPANISH_UNIT_STEMS = {
    "primer": 1,
    "segund": 2,
    "tercer": 3,
    "cuart": 4,
    "quint": 5,
    "sext": 6,
    "septim": 7,
    "setim": 7,  # "sétima", an accepted spelling
    "octav": 8,
    "noven": 9,
    "non": 9,  # "decimonono"
}
_SPANISH_APOCOPATED_UNITS = {"primer", "tercer"}  # "Primer", "Tercer": also valid without an ending
_SPANISH_TENS_STEMS = {
    "decim": 10,
    "vigesim": 20,
    "trigesim": 30,
    "cuadragesim": 40,
    "quincuagesim": 50,
    "sexagesim": 60,
    "septuagesim": 70,
    "septagesim": 70,
    "octogesim": 80,
    "nonagesim": 90,
}
_SPANISH_SPECIAL_STEMS = {"undecim": 11, "duodecim": 12}
# Partitives ("la onceava parte") that many texts use as ordinals: "Doceava Conferencia".
_SPANISH_PARTITIVE_STEMS = {
    "onceav": 11,
    "doceav": 12,
    "treceav": 13,
    "catorceav": 14,
    "quinceav": 15,
    "dieciseisav": 16,
    "diecisieteav": 17,
    "dieciochav": 18,
    "dieciochoav": 18,
    "diecinueveav": 19,
    "veinteav": 20,
}


def _alternation(words) -> str:
    # Longest first, so that "decim" is not taken where "decimo" + unit was meant and the like.
    return "|".join(sorted(words, key=len, reverse=True))


def _accent_insensitive(word: str) -> str:
    """A regex for an unaccented lowercase word that also matches it accented (composed or decomposed)."""
    vowels = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]"}
    return "".join(vowels[char] + "\u0301?" if char in vowels else re.escape(char) for char in word)


_SEPARATOR = r"(?:\s*[-‐–]\s*|\s+)"  # between the two words of a compound ordinal; may be missing


def _spanish_pattern(*, running_text: bool) -> str:
    """The Spanish ordinal words: accent-insensitive with separators for running text, else for normalized words."""
    form = _accent_insensitive if running_text else re.escape
    separator = f"{_SEPARATOR}?" if running_text else ""
    units = _alternation(
        [f"{form(stem)}[oa]" for stem in _SPANISH_UNIT_STEMS]
        + [f"{form(stem)}(?:[oa])?" for stem in _SPANISH_APOCOPATED_UNITS]
    )
    tens = _alternation(form(stem) for stem in _SPANISH_TENS_STEMS)
    special = _alternation(form(stem) for stem in [*_SPANISH_SPECIAL_STEMS, *_SPANISH_PARTITIVE_STEMS])
    return rf"(?:(?:{tens})(?:[oa]?{separator}(?:{units})|[oa])|(?:{special})[oa]|(?:{units}))"


def _english_pattern(*, running_text: bool) -> str:
    """The English ordinal words: with separators in compounds for running text, else for normalized words."""
    separator = f"{_SEPARATOR}?" if running_text else ""
    units = _alternation([*_ENGLISH_UNITS, *_ENGLISH_UNIT_VARIANTS])
    tens = _alternation(_ENGLISH_TENS_CARDINAL)
    single = _alternation([*_ENGLISH_UNITS, *_ENGLISH_UNIT_VARIANTS, *_ENGLISH_TEENS, *_ENGLISH_TENS_ORDINAL])
    return rf"(?:(?:{tens}){separator}(?:{units})|(?:{single}))"


# Roman numerals from I to XCIX, built so that only well-formed ones match.
_ROMAN_BODY = r"(?=[IVXL])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_DIGIT_SUFFIX = r"(?:[ \t]?(?:st|nd|rd|th)|ero|er|r[ao]|d[ao]|t[ao]|v[ao]|m[ao]|n[ao]|[ao]|\.?[ªº°])"

CONFERENCE_NUMBER_PATTERN = (
    r"(?<!\w)(?i:"
    # Roman numerals: uppercase ones of any length, other cases only from two letters ("xvii", not "i" or "v"),
    # and ASCII letters only (IGNORECASE would otherwise take "İ" for "I").
    rf"(?-i:{_ROMAN_BODY})(?!\w)"
    rf"|(?a:(?=[IVXLivxl]{{2}}){_ROMAN_BODY})(?!\w)"
    rf"|(?<![0-9.,])[1-9][0-9]?{_DIGIT_SUFFIX}?(?!\w)"
    rf"|{_english_pattern(running_text=True)}(?!\w)"
    rf"|{_spanish_pattern(running_text=True)}(?!\w)"
    r")"
)
"""A conference number in any of the forms this module reads, for embedding in bigger patterns.

It has no capturing groups and carries its own flags (case-insensitive words, case-sensitive single-letter Roman
numerals), so it works the same whatever flags the pattern that embeds it is compiled with. It only matches whole
words: not the "vi" of "vice" nor the "19" of "2019". Every match is read by `parse_conference_number`.
"""

CONFERENCE_NUMBER_RE = re.compile(rf"(?P<number>{CONFERENCE_NUMBER_PATTERN})", re.IGNORECASE)

_NORMALIZED_ENGLISH_RE = re.compile(_english_pattern(running_text=False))
_NORMALIZED_SPANISH_RE = re.compile(_spanish_pattern(running_text=False))
_DIGITS_RE = re.compile(rf"(?P<digits>[1-9][0-9]?){_DIGIT_SUFFIX}?", re.IGNORECASE)
# ASCII: without it, IGNORECASE lets "İ" and "ı" pass for "I", which from_roman refuses.
_ROMAN_RE = re.compile(_ROMAN_BODY, re.IGNORECASE | re.ASCII)


def _normalize_words(words: str) -> str:
    """Lowercase without accents, spaces or hyphens: "Vigésima Primera" -> "vigesimaprimera"."""
    decomposed = unicodedata.normalize("NFKD", words.casefold().replace("ı", "i"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\s\-‐–]+", "", plain)


def _parse_spanish(word: str) -> int | None:
    if _NORMALIZED_SPANISH_RE.fullmatch(word) is None:
        return None
    for stems in (_SPANISH_SPECIAL_STEMS, _SPANISH_PARTITIVE_STEMS):
        for stem, value in stems.items():
            if re.fullmatch(rf"{stem}[oa]", word):
                return value
    tens = 0
    for stem, value in sorted(_SPANISH_TENS_STEMS.items(), key=lambda item: -len(item[0])):
        if word.startswith(stem):
            rest = word[len(stem) :]
            # "decimo" + "octava" and "decim" + "octava" both occur, and stems never start with o/a except octav.
            if rest[:1] in ("o", "a") and not rest.startswith("octav"):
                rest = rest[1:]
            tens, word = value, rest
            break
    if not word:
        return tens
    unit_stem = word if word in _SPANISH_APOCOPATED_UNITS else word[:-1]
    unit = _SPANISH_UNIT_STEMS.get(unit_stem)
    return None if unit is None else tens + unit


def _parse_english(word: str) -> int | None:
    if _NORMALIZED_ENGLISH_RE.fullmatch(word) is None:
        return None
    units = _ENGLISH_UNITS | _ENGLISH_UNIT_VARIANTS
    single = units | _ENGLISH_TEENS | _ENGLISH_TENS_ORDINAL
    if word in single:
        return single[word]
    for tens_word, tens in _ENGLISH_TENS_CARDINAL.items():
        if word.startswith(tens_word) and word[len(tens_word) :] in units:
            return tens + units[word[len(tens_word) :]]
    return None


def parse_conference_number(words: str) -> int | None:
    """The number that `words` give a conference ("XVII", "19th", "Vigésima Primera"), or None.

    `words` must be the number alone (surrounding spaces allowed); to find one in running text use
    `CONFERENCE_NUMBER_RE`. Never raises for text.
    """
    text = words.strip()
    if not text:
        return None
    if _ROMAN_RE.fullmatch(text):
        return from_roman(text)
    digits = _DIGITS_RE.fullmatch(text)
    if digits:
        return int(digits["digits"])
    word = _normalize_words(text)
    number = _parse_english(word) or _parse_spanish(word)
    if number is not None and 1 <= number <= MAX_CONFERENCE_NUMBER:
        return number
    return None


_ENGLISH_UNIT_WORDS = {value: word for word, value in _ENGLISH_UNITS.items()}
_ENGLISH_TEEN_WORDS = {value: word for word, value in _ENGLISH_TEENS.items()}
_ENGLISH_TENS_ORDINAL_WORDS = {value: word for word, value in _ENGLISH_TENS_ORDINAL.items()}
_ENGLISH_TENS_CARDINAL_WORDS = {value: word for word, value in _ENGLISH_TENS_CARDINAL.items() if word != "fourty"}

# Spanish as the RAE writes it and RCM texts use it: units and tens with accents, 11 and 12 as single words,
# 13 to 19 as one word ("Decimoséptima"), from 21 as two ("Vigésima Primera").
_SPANISH_UNIT_WORDS = {
    1: "primer",
    2: "segund",
    3: "tercer",
    4: "cuart",
    5: "quint",
    6: "sext",
    7: "séptim",
    8: "octav",
    9: "noven",
}
_SPANISH_TENS_WORDS = {
    10: "décim",
    20: "vigésim",
    30: "trigésim",
    40: "cuadragésim",
    50: "quincuagésim",
    60: "sexagésim",
    70: "septuagésim",
    80: "octogésim",
    90: "nonagésim",
}


def _spanish_ordinal(number: int, feminine: bool) -> str:
    ending = "a" if feminine else "o"
    tens, unit = divmod(number, 10)
    if number == 11:
        return "Undécim" + ending
    if number == 12:
        return "Duodécim" + ending
    if unit == 0:
        return _SPANISH_TENS_WORDS[number].capitalize() + ending
    unit_word = _SPANISH_UNIT_WORDS[unit] + ending
    if not feminine and _SPANISH_UNIT_WORDS[unit] in _SPANISH_APOCOPATED_UNITS:
        # Before the noun it numbers, masculine "primero" and "tercero" drop their ending: "Tercer Encuentro".
        unit_word = _SPANISH_UNIT_WORDS[unit]
    if tens == 0:
        return unit_word.capitalize()
    if tens == 1:
        # One word, as the RAE writes them: "decimoséptimo", and "decimoctavo" with the two o's merged.
        prefix = "decim" if unit == 8 else "decimo"
        return (prefix + unit_word).capitalize()
    return f"{_SPANISH_TENS_WORDS[tens * 10].capitalize()}{ending} {unit_word.capitalize()}"


def _english_ordinal(number: int) -> str:
    tens, unit = divmod(number, 10)
    if number < 10:
        word = _ENGLISH_UNIT_WORDS[number]
    elif number < 20:
        word = _ENGLISH_TEEN_WORDS[number]
    elif unit == 0:
        word = _ENGLISH_TENS_ORDINAL_WORDS[number]
    else:
        return f"{_ENGLISH_TENS_CARDINAL_WORDS[tens * 10].capitalize()}-{_ENGLISH_UNIT_WORDS[unit].capitalize()}"
    return word.capitalize()


def _check(number: int, language: str) -> None:
    if not 1 <= number <= MAX_CONFERENCE_NUMBER:
        raise ValueError(f"{number} is outside 1..{MAX_CONFERENCE_NUMBER}")
    if language not in ("en", "es"):
        raise ValueError(f"Unknown language {language!r}: expected 'en' or 'es'")


def ordinal_word(number: int, language: str, feminine: bool = True) -> str:
    """The ordinal word(s) for 1..99 in title case, as a conference's name writes them.

    English: "Seventeenth", "Twenty-First". Spanish ("es"): "Decimoséptima", "Vigésima Primera", "Undécima";
    masculine "Decimoséptimo", "Vigésimo Primer" (apocopated before a noun, as "Primer Encuentro").
    `feminine` matters only in Spanish, where "Conferencia" and "Reunión" are feminine.
    """
    _check(number, language)
    if language == "en":
        return _english_ordinal(number)
    return _spanish_ordinal(number, feminine)


def ordinal_suffixed(number: int, language: str, feminine: bool = True) -> str:
    """The number in digits with its ordinal suffix: "17th", "21st", "22nd"; Spanish "17ª" or "17º"."""
    _check(number, language)
    if language == "es":
        return f"{number}{'ª' if feminine else 'º'}"
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
