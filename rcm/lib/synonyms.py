"""The RCM's words that delegates search by, in English and Spanish, and the searches they expand into.

A search is expanded in Python before it reaches either database (docs/search.md says why not a
PostgreSQL thesaurus): each term of a concept found in the words, in either language, gives one more search
with that term replaced by each of the concept's terms in the language of the texts searched. So
"unaccompanied minors" also searches "unaccompanied children", "trata" searched in the English texts also
searches "trafficking in persons", and "menores" searched in the Spanish texts "niñas niños y adolescentes".
A term left out with a minus (`-minors`, or in a phrase: `-"migrant smuggling"`) leaves out all its synonyms
too, on both databases.
"""

import itertools
import re
import unicodedata

# Each concept's terms by language, without punctuation: a term is matched as whole words, ignoring
# accents, case and the punctuation between its words ("niñas, niños y adolescentes" is found).
CONCEPTS: list[dict[str, list[str]]] = [
    # The texts write "migrant" inside the phrase as often as not ("niñas, niños y adolescentes migrantes no
    # acompañados"), and a phrase matches only its words side by side: both forms are terms. PostgreSQL's
    # stemmer reads "niñas no acompañadas" as "niños no acompañados"; both are listed so that either, typed,
    # is read as this term (and SQLite, which does not stem, finds each).
    {
        "en": [
            "unaccompanied children",
            "unaccompanied minors",
            "unaccompanied adolescents",
            "unaccompanied migrant children",
            "unaccompanied migrant minors",
            "unaccompanied migrant adolescents",
        ],
        "es": [
            "niñas niños y adolescentes no acompañados",
            "niñas niños y adolescentes migrantes no acompañados",
            "menores no acompañados",
            "menores migrantes no acompañados",
            "niños no acompañados",
            "niñas no acompañadas",
            "adolescentes no acompañados",
            "niñez no acompañada",
            "niñez migrante no acompañada",
        ],
    },
    {
        "en": ["children", "minors", "adolescents"],
        "es": ["niñas niños y adolescentes", "menores", "niñez", "niños", "niñas", "adolescentes"],
    },
    {
        "en": ["trafficking in persons", "human trafficking", "trafficking"],
        "es": ["trata de personas", "trata"],
    },
    {
        "en": ["smuggling of migrants", "migrant smuggling", "smuggling"],
        "es": ["tráfico ilícito de migrantes", "tráfico de migrantes", "tráfico ilícito"],
    },
]

# Words of several expanded terms multiply the searches: past this many, further terms are not expanded.
MAX_SEARCHES = 12


def fold(text: str) -> str:
    """`text` lowercased and without accents, one character for each (so positions stay the same)."""
    return "".join(unicodedata.normalize("NFD", character)[0].lower()[:1] or character for character in text)


def _pattern(term: str) -> re.Pattern:
    # Whole words, any punctuation or spaces between them except a quote, which websearch syntax reads.
    return re.compile(r"(?<!\w)" + r"[^\w\"]+".join(map(re.escape, fold(term).split())) + r"(?!\w)")


# Longest terms first, so that "unaccompanied minors" is read as one term rather than "minors" alone.
_TERMS = sorted(
    ((_pattern(term), concept) for concept in CONCEPTS for terms in concept.values() for term in terms),
    key=lambda pair: -len(pair[0].pattern),
)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _written(term: str, quoted: bool) -> str:
    return f'"{term}"' if " " in term and not quoted else term


def expand(q: str, language: str) -> list[str]:
    """The searches `q` stands for in texts in `language` ("en" or "es"): `q` itself first, then `q` with
    each term of the RCM's vocabulary replaced by its synonyms in that language. Keeps websearch syntax."""
    folded = fold(q)
    spans: list[tuple[int, int, dict[str, list[str]]]] = []
    for pattern, concept in _TERMS:
        for match in pattern.finditer(folded):
            start, end = match.span()
            if not any(start < taken_end and taken_start < end for taken_start, taken_end, _ in spans):
                spans.append((start, end, concept))
    spans.sort(key=lambda span: span[0])

    choices: list[list[str]] = []
    left_out: list[str] = []  # phrases left out with a synonym in place of a term, added to every search
    searches = 1
    for start, end, concept in spans:
        original = q[start:end]
        quoted = q[:start].count('"') % 2 == 1
        synonyms = [term for term in concept[language] if _words(term) != _words(original)]
        if start > 0 and q[start - 1] == "-" and not quoted:
            # Left out: every synonym left out too, in the one search.
            choices.append([original + "".join(f" -{_written(term, False)}" for term in synonyms)])
        elif quoted and (phrase := _left_out_phrase(q, start, end)):
            # In a phrase left out (-"migrant smuggling"): the phrase with each synonym left out too.
            before, after = phrase
            choices.append([original])
            left_out += [f' -"{before}{term}{after}"' for term in synonyms]
        elif searches * (len(synonyms) + 1) > MAX_SEARCHES:
            choices.append([original])
        else:
            choices.append([original] + [_written(term, quoted) for term in synonyms])
            searches *= len(choices[-1])

    expanded = []
    for replacements in itertools.product(*choices):
        parts, position = [], 0
        for (start, end, _), replacement in zip(spans, replacements, strict=True):
            parts += [q[position:start], replacement]
            position = end
        expanded.append("".join(parts) + q[position:] + "".join(left_out))
    return expanded


def _left_out_phrase(q: str, start: int, end: int) -> tuple[str, str] | None:
    """For a term at q[start:end] inside quotes that a minus leaves out, the phrase's words before it and
    after it; None when its phrase is looked for."""
    opening = q.rfind('"', 0, start)
    if opening < 1 or q[opening - 1] != "-":
        return None
    closing = q.find('"', end)
    return q[opening + 1 : start], q[end : closing if closing >= 0 else len(q)]
