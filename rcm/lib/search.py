"""Text search, the same for every list, export, feed and the search page.

On PostgreSQL: the stored, GIN-indexed search vectors (kept by triggers, see the migrations) matched
with `websearch_to_tsquery` in both English and Spanish, so quotes, OR and -word work and each text
is stemmed in its own language; results are ranked and get highlighted snippets. On SQLite (`make
run`), a plain case-insensitive substring match of the words, unranked, with a plain snippet.

The words (`q`) reach a query only through `WordsField`, the field of every list's filter and of
/search/: at most MAX_WORDS words and MAX_CHARACTERS characters, or the form is invalid and the
page, export or feed answers 400 with the reason before anything is sent. On SQLite each word is
a condition of its own, and 1,200 of them made an expression too deep for the database: a 500 for
pages, and for a streamed CSV or JSON a 200 that stopped half-way. `match_condition` refuses more words
than that, so that a view which forgets the field fails loudly in its tests.

Decisions are searched in the languages their reader may read (decisions.search).
"""

from collections.abc import Callable

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Expression, F, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy, ngettext

# Characters that never occur in a text, put around each match by PostgreSQL, then turned into <mark>
# tags; the text is escaped before PostgreSQL cuts the headline from it (ts_headline drops whatever
# looks like a tag, so escaping its output instead would lose words), so the only markup is ours.
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_WORDS = 40
CONFIGS = {"en": "english", "es": "spanish"}
# More than a person types, far less than a database chokes on (SQLite's limit is about 1,000 conditions).
MAX_WORDS = 30
MAX_CHARACTERS = 200


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


class SearchForm(forms.Form):
    q = WordsField(required=False, label=gettext_lazy("Words"))


def full_text() -> bool:
    return connection.vendor == "postgresql"


def search_query(q: str) -> SearchQuery:
    """The user's words in web-search syntax, matched as English or as Spanish."""
    return SearchQuery(q, config="english", search_type="websearch") | SearchQuery(
        q, config="spanish", search_type="websearch"
    )


def match_condition(q: str, full_text_match: Callable[[SearchQuery], Q], word_match: Callable[[str], Q]) -> Q:
    """The condition that rows match `q`, which a WordsField has checked: `full_text_match` of the query on
    PostgreSQL, else `word_match` of each word."""
    if len(q) > MAX_CHARACTERS or len(q.split()) > MAX_WORDS:
        raise ValueError("q has more words than a search may have: read it with a WordsField")
    if full_text():
        return full_text_match(search_query(q))
    condition = Q()
    for word in q.replace('"', " ").split():
        if word.startswith("-") or word.upper() == "OR":
            continue
        condition &= word_match(word)
    return condition


def matching(queryset: QuerySet, q: str, *text_fields: str) -> QuerySet:
    """Rows of `queryset` (of a model with a `search_vector`) that match `q` in one of `text_fields`."""
    return queryset.filter(
        match_condition(
            q,
            lambda query: Q(search_vector=query),
            lambda word: Q.create([(f"{field}__icontains", word) for field in text_fields], connector=Q.OR),
        )
    )


def ranked(queryset: QuerySet, q: str, vector: Expression | None = None) -> QuerySet:
    """`queryset` annotated with how well each row matches `q`: `rank`, higher is better (0 on SQLite).

    `vector` is the rows' search vector (`search_vector` by default). Ranking reads each row's whole
    vector: rank a page's worth of rows, not every match.
    """
    if full_text():
        return queryset.annotate(rank=SearchRank(vector or F("search_vector"), search_query(q)))
    return queryset.annotate(rank=Value(0.0))


def with_headlines(queryset: QuerySet, q: str, **texts: tuple[str | Expression, str]) -> QuerySet:
    """Annotate each row with a raw headline per name in `texts` (name=(field, language)); PostgreSQL only.

    Asked only for the rows of one page: a headline reads the whole text again.
    """
    annotations = {
        name: SearchHeadline(
            _escaped(field),
            SearchQuery(q, config=CONFIGS[language], search_type="websearch"),
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
