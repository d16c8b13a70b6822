"""Text search, the same for every list, export, feed and the search page.

A search looks in the texts of the languages asked for (`LanguageField`: English, Spanish or both, by
default the reader's), each text in its own language, with the RCM's synonyms (rcm.lib.synonyms) and
ignoring accents and case (docs/search.md).

On PostgreSQL: the stored, GIN-indexed search vectors (kept by triggers, see the migrations), each text
parsed in its language's configuration (rcm_english, rcm_spanish: the stock ones with `unaccent` before the
stemmer), matched with `websearch_to_tsquery` in the same configuration, so quotes, OR and -word work and
each text is stemmed in its own language; results are ranked and get highlighted snippets. On SQLite (`make
run`), a substring match of each word in the text, both without accents and lowercased (`rcm_fold`, a
function this module gives every SQLite connection), unranked, with a plain snippet.

The words (`q`) reach a query only through `WordsField`, the field of every list's filter and of
/search/: at most MAX_WORDS words and MAX_CHARACTERS characters, or the form is invalid and the
page, export or feed answers 400 with the reason before anything is sent. On SQLite each word is
a condition of its own, and 1,200 of them made an expression too deep for the database: a 500 for
pages, and for a streamed CSV or JSON a 200 that stopped half-way. `match_condition` refuses more words
than that, so that a view which forgets the field fails loudly in its tests.

Decisions are searched in the languages their reader may read (decisions.search).
"""

import functools
import re
import unicodedata
from collections.abc import Callable

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Expression, F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace
from django.db.models.lookups import Contains
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy, ngettext

from rcm.lib.languages import ENGLISH, LANGUAGES, SPANISH, reader_language
from rcm.lib.synonyms import expand

# Characters that never occur in a text, put around each match by PostgreSQL, then turned into <mark>
# tags; the text is escaped before PostgreSQL cuts the headline from it (ts_headline drops whatever
# looks like a tag, so escaping its output instead would lose words), so the only markup is ours.
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_WORDS = 40
# PostgreSQL's English and Spanish configurations with `unaccent` (declarations migration 0010).
CONFIGS = {ENGLISH: "rcm_english", SPANISH: "rcm_spanish"}
# More than a person types, far less than a database chokes on (SQLite's limit is about 1,000 conditions).
MAX_WORDS = 30
MAX_CHARACTERS = 200
BOTH = "both"


def _check_words(q: str) -> None:
    words = len(q.split())
    if words > MAX_WORDS:
        raise ValidationError(
            ngettext(
                "Search for at most %(limit)d words (this search has %(words)d).",
                "Search for at most %(limit)d words (this search has %(words)d).",
                words,
            )
            % {"limit": MAX_WORDS, "words": words},
            code="too_many_words",
        )


class WordsField(forms.CharField):
    """The words of a search, wherever one is asked for."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=MAX_CHARACTERS, validators=[_check_words], **kwargs)


LANGUAGE_LABEL = gettext_lazy("Search in")


class LanguageField(forms.ChoiceField):
    """Which texts a search looks in: "en", "es" or "both"; by default the reader's language."""

    def __init__(self, **kwargs) -> None:
        choices = [
            (ENGLISH, gettext_lazy("English texts")),
            (SPANISH, gettext_lazy("Spanish texts")),
            (BOTH, gettext_lazy("Texts in both languages")),
        ]
        kwargs["label"] = kwargs.get("label") or LANGUAGE_LABEL
        kwargs["required"] = False
        kwargs.setdefault("initial", reader_language)
        super().__init__(choices=choices, **kwargs)

    def bound_data(self, data, initial):
        # A form shows the language searched, the reader's when the address does not say.
        return data or initial

    def clean(self, value) -> str:
        return super().clean(value) or reader_language()


def languages_of(choice: str | None) -> tuple[str, ...]:
    """The languages of the texts a LanguageField's choice searches (the reader's when there is none)."""
    if choice == BOTH:
        return LANGUAGES
    return (choice if choice in LANGUAGES else reader_language(),)


class SearchForm(forms.Form):
    q = WordsField(required=False, label=gettext_lazy("Words"))
    language = LanguageField()


def full_text() -> bool:
    return connection.vendor == "postgresql"


# Unicode's combining diacritical marks, which NFD splits accents into.
_ACCENTS = dict.fromkeys(range(0x300, 0x370))


@functools.lru_cache(maxsize=256)
def _folded(text: str) -> str:
    # Called once per row and word by SQLite, on the same text again for each word of a search: the cache
    # answers those, and ASCII text (most English) needs only lowercasing.
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFD", text).translate(_ACCENTS).lower()


def _fold_or_none(text: str | None) -> str | None:
    return None if text is None else _folded(text)


def add_fold_function(sender, connection, **kwargs) -> None:
    """Give an SQLite connection `rcm_fold(text)`: the text lowercased and without accents.
    Connected to `connection_created` by rcm.base's AppConfig."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("rcm_fold", 1, _fold_or_none, deterministic=True)


class SearchWords(SearchQuery):
    """The user's words and their synonyms (rcm.lib.synonyms) as one tsquery, its SQL written once.

    A search names its tsquery in every query of a page (matches, counts, ranks, headlines), and Django
    compiles an OR of SearchQuerys anew each time, expression by expression: a tenth of a search page's
    time at 100,000 decisions (docs/search.md, "Measured"). The SQL is the same:
    websearch_to_tsquery(config, words) ORed over the expansions.
    """

    def __init__(self, q: str, language: str) -> None:
        super().__init__(q, config=CONFIGS[language], search_type="websearch")
        expansions = expand(q, language)
        self._sql = "(" + " || ".join(["websearch_to_tsquery(%s::regconfig, %s)"] * len(expansions)) + ")"
        self._params = [param for words in expansions for param in (CONFIGS[language], words)]

    def resolve_expression(self, *args, **kwargs) -> "SearchWords":
        return self  # refers to no column: nothing to resolve

    def as_sql(self, compiler, connection, function=None, template=None) -> tuple[str, list]:
        return self._sql, self._params


@functools.lru_cache(maxsize=64)
def search_query(q: str, language: str) -> SearchQuery:
    """The user's words in web-search syntax, with their synonyms, parsed as `language` ("en" or "es").

    Made once for the eleven times a search page names it: expanding the synonyms is a tenth of the
    page's Python (docs/search.md, "The search page, one request"). Shared, as nothing changes it.
    """
    return SearchWords(q, language)


def _search_query_in(q: str, languages: tuple[str, ...]) -> SearchQuery:
    combined = search_query(q, languages[0])
    for language in languages[1:]:
        combined |= search_query(q, language)
    return combined


def contains_words(field: str | Expression, word: str) -> Contains:
    """The condition, for the SQLite fallback, that `field` contains `word`, ignoring accents and case."""
    text = F(field) if isinstance(field, str) else field
    return Contains(Func(text, function="rcm_fold", output_field=TextField()), _folded(word))


_PUNCTUATION = ".,;:!?¿¡()[]"
# A phrase in quotes (to the end when the quote is not closed) after a minus or not, or a word.
_TERM = re.compile(r'(-?)"([^"]*)"?|([^\s"]+)')


def _terms(q: str) -> tuple[list[list[list[str]]], list[str]]:
    """What the fallback looks for in a search: the terms a text must contain, each a list of alternatives
    (`trafficking OR smuggling`: either will do, as websearch reads OR), each alternative a word or a
    phrase's words each on its own; and the words and phrases it must not (`-word`, `-"a phrase"`), as
    websearch leaves them out on PostgreSQL. A phrase left out is left out whole: `-"smuggling of migrants"`
    leaves out the texts saying so, not every text with "of"."""
    required: list[list[list[str]]] = []
    excluded: list[str] = []
    either = False  # the last term was OR: the next one is an alternative to the one before it
    for minus, phrase, token in _TERM.findall(q):
        if token:
            word = token.strip(_PUNCTUATION)
            if word.upper() == "OR" and not word.startswith("-"):
                either = bool(required)
                continue
            minus, phrase = ("-", word.lstrip("-")) if word.startswith("-") else ("", word)
        words = [word for word in (word.strip(_PUNCTUATION) for word in phrase.split()) if word]
        if minus and words:
            excluded.append(" ".join(words))
        # "or" in a phrase looked for is not required: PostgreSQL's configurations leave it out as too common.
        elif not minus and (words := [word for word in words if word.upper() != "OR"]):
            if either:
                required[-1].append(words)
            else:
                required.append([words])
        either = False
    return required, excluded


def _any_of(alternatives: list[list[str]], word_match: Callable[[str, str], Q], language: str) -> Q:
    """For the fallback: a text with every word of one of the alternatives (`trafficking OR smuggling`)."""
    return Q.create(
        [Q.create([word_match(word, language) for word in words]) for words in alternatives], connector=Q.OR
    )


def match_condition(
    q: str,
    languages: tuple[str, ...],
    full_text_match: Callable[[SearchQuery, str], Q],
    word_match: Callable[[str, str], Q],
) -> Q:
    """The condition that rows match `q`, which a WordsField has checked, in a text in one of `languages`:
    `full_text_match(query, language)` on PostgreSQL, else `word_match(word, language)` of each word of `q`
    (or of one of its expansions with synonyms) and not `word_match(term, language)` of each word or phrase
    it leaves out, with its synonyms (`-smuggling` also leaves out "tráfico ilícito" in Spanish texts)."""
    if len(q) > MAX_CHARACTERS or len(q.split()) > MAX_WORDS:
        raise ValueError("q has more words than a search may have: read it with a WordsField")
    condition = Q()
    for language in languages:
        if full_text():
            condition |= full_text_match(search_query(q, language), language)
            continue
        for words in expand(q, language):
            required, excluded = _terms(words)
            # Only words left out: the texts in this language without them (every text holds the empty word).
            required = required or [[[""]]]
            condition |= Q.create(
                [_any_of(alternatives, word_match, language) for alternatives in required]
                + [~word_match(term, language) for term in excluded],
                connector=Q.AND,
            )
    return condition


def matching(
    queryset: QuerySet, q: str, languages: tuple[str, ...] = LANGUAGES, *, text: str, language_field: str
) -> QuerySet:
    """Rows of `queryset` (of a model with a `search_vector`) whose `text`, in the language `language_field`
    says, matches `q`; in `languages` only."""
    return queryset.filter(
        match_condition(
            q,
            languages,
            lambda query, language: Q(**{language_field: language, "search_vector": query}),
            lambda word, language: Q(**{language_field: language}) & Q(contains_words(text, word)),
        )
    )


# A conference's search vector holds its English theme's words weighted A, its Spanish theme's B.
_THEME_WEIGHTS = {ENGLISH: "a", SPANISH: "b"}


def weighted_match(query: SearchQuery, weight: str) -> Q:
    """The condition that the words of a row's `search_vector` weighted `weight` ("a" to "d") match `query`.

    The whole vector first, which its index answers; then the weighted words, on those rows only.
    """
    words = Func(
        F("search_vector"), template=f"ts_filter(%(expressions)s, '{{{weight}}}')", output_field=SearchVectorField()
    )
    return Q(search_vector=query) & Q(SearchVectorExact(words, query))


def _theme_matches(query: SearchQuery, language: str) -> Q:
    return weighted_match(query, _THEME_WEIGHTS[language])


def matching_themes(queryset: QuerySet, q: str, languages: tuple[str, ...] = LANGUAGES) -> QuerySet:
    """Conferences whose theme in one of `languages` matches `q`."""
    return queryset.filter(
        match_condition(
            q, languages, _theme_matches, lambda word, language: Q(contains_words(f"theme_{language}", word))
        )
    )


def ranked(
    queryset: QuerySet, q: str, languages: tuple[str, ...] = LANGUAGES, vector: Expression | None = None
) -> QuerySet:
    """`queryset` annotated with how well each row matches `q` in `languages`: `rank`, higher is better (0 on
    SQLite).

    `vector` is the rows' search vector (`search_vector` by default). Ranking reads each row's whole
    vector: rank a page's worth of rows, not every match.
    """
    if full_text():
        return queryset.annotate(rank=SearchRank(vector or F("search_vector"), _search_query_in(q, languages)))
    return queryset.annotate(rank=Value(0.0))


def with_headlines(queryset: QuerySet, q: str, **texts: tuple[str | Expression, str]) -> QuerySet:
    """Annotate each row with a raw headline per name in `texts` (name=(field, language)); PostgreSQL only.

    Asked only for the rows of one page: a headline reads the whole text again.
    """
    annotations = {
        name: SearchHeadline(
            _escaped(field),
            search_query(q, language),
            config=CONFIGS[language],
            start_sel=MATCH_START,
            stop_sel=MATCH_END,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            short_word=2,
        )
        for name, (field, language) in texts.items()
    }
    return queryset.annotate(**annotations)


def _escaped(field: str | Expression) -> Replace:
    """The field's text with &, < and > written as entities, as HTML text content needs."""
    text = F(field) if isinstance(field, str) else field
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = Replace(text, Value(character), Value(entity))
    return text


def snippet(text: str, headline: str | None = None) -> SafeString:
    """A text's headline as safe HTML: the text escaped, only the matches in <mark>.

    Without a headline (SQLite, or no match in this text), the text's opening words.
    """
    if headline and MATCH_START in headline:
        # Escaped by the database already (_escaped); any angle bracket left would be a bug, so none passes.
        escaped = headline.replace("<", "&lt;").replace(">", "&gt;")
        return mark_safe(escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))  # noqa: S308
    plain = text.replace(MATCH_START, "").replace(MATCH_END, "")
    return escape(Truncator(plain).words(SNIPPET_WORDS))
