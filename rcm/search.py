"""Text search over decisions, paragraphs and conference themes, the same for every list, export and feed.

On PostgreSQL: the stored, GIN-indexed search vectors (kept by triggers, see the migrations) matched
with `websearch_to_tsquery` in both English and Spanish, so quotes, OR and -word work and each text
is stemmed in its own language; results are ranked and get highlighted snippets. On SQLite (`make
run`), a plain case-insensitive substring match of the words, unranked, with a plain snippet.

The words (`q`) reach a query only through `WordsField`, the field of every list's filter and of
/search/: at most MAX_WORDS words and MAX_CHARACTERS characters, or the form is invalid and the
page, export or feed answers 400 with the reason before anything is sent. On SQLite each word is
a condition of its own, and 1,200 of them made an expression too deep for the database: a 500 for
pages, and for a streamed CSV or JSON a 200 that stopped half-way. `matching` refuses more words
than that, so that a view which forgets the field fails loudly in its tests.

A decision's text in a language may be read only where that language's declaration may be
(rcm.access): its words are matched, ranked and cut into snippets in those languages only, from one
stored vector per language, so a draft translation is never found by its words nor shown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, Expression, F, Func, Q, QuerySet, Value, When, Window
from django.db.models.functions import Replace, RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from decisions.models import Decision, readable_flag, readable_text
from declarations.models import Conference, Paragraph
from rcm.access import published_decisions, published_paragraphs

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
        raise ValidationError(f"Search for at most {MAX_WORDS} words (this search has {words}).", code="too_many_words")


class WordsField(forms.CharField):
    """The words of a search, wherever one is asked for."""

    def __init__(self, **kwargs) -> None:
        super().__init__(max_length=MAX_CHARACTERS, validators=[_check_words], **kwargs)


class SearchForm(forms.Form):
    q = WordsField(required=False, label="Words")


def full_text() -> bool:
    return connection.vendor == "postgresql"


def search_query(q: str) -> SearchQuery:
    """The user's words in web-search syntax, matched as English or as Spanish."""
    return SearchQuery(q, config="english", search_type="websearch") | SearchQuery(
        q, config="spanish", search_type="websearch"
    )


def _in_a_readable_language(condition: Callable[[str], Q]) -> Q:
    """`condition` on a decision's text in some language, where that text may be read (readable_in)."""
    return reduce(or_, (Q(**{readable_flag(language): True}) & condition(language) for language in CONFIGS))


def matching(queryset: QuerySet, q: str, *text_fields: str) -> QuerySet:
    """Rows of `queryset` that match `q`, which a WordsField has checked; decisions (rcm.access's) in the
    texts that may be read only."""
    if len(q) > MAX_CHARACTERS or len(q.split()) > MAX_WORDS:
        raise ValueError("q has more words than a search may have: read it with a WordsField")
    decisions = queryset.model is Decision
    if full_text():
        if decisions:
            query = search_query(q)
            return queryset.filter(_in_a_readable_language(lambda language: Q(**{f"search_vector_{language}": query})))
        return queryset.filter(search_vector=search_query(q))
    words = q.replace('"', " ").split()
    condition = Q()
    for word in words:
        if word.startswith("-") or word.upper() == "OR":
            continue
        if decisions:
            condition &= _in_a_readable_language(lambda language, w=word: Q(**{f"text_{language}__icontains": w}))
        else:
            condition &= Q.create([(f"{field}__icontains", word) for field in text_fields], connector=Q.OR)
    return queryset.filter(condition)


def _readable_vector() -> Func:
    """A decision's stored vectors of the languages that may be read, as one."""
    empty = Value("", output_field=SearchVectorField())
    return Func(
        *(
            Case(When(**{readable_flag(language): True}, then=F(f"search_vector_{language}")), default=empty)
            for language in CONFIGS
        ),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )


def ranked(queryset: QuerySet, q: str) -> QuerySet:
    """`queryset` annotated with how well each row matches `q`: `rank`, higher is better (0 on SQLite).

    Ranking reads each row's whole vector: rank a page's worth of rows, not every match.
    """
    if full_text():
        vector = _readable_vector() if queryset.model is Decision else F("search_vector")
        return queryset.annotate(rank=SearchRank(vector, search_query(q)))
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


def with_decision_headlines(decisions: QuerySet[Decision], q: str) -> QuerySet[Decision]:
    """Readable decisions (rcm.access) with `headline_en` and `headline_es`, cut from the texts that may be read."""
    return with_headlines(
        decisions, q, headline_en=(readable_text("en"), "en"), headline_es=(readable_text("es"), "es")
    )


def decision_snippet(decision: Decision) -> SafeString:
    """Its English text's snippet, or its Spanish text's when only that one has the words or it has no English."""
    headline_en, headline_es = getattr(decision, "headline_en", None), getattr(decision, "headline_es", None)
    only_spanish_matches = MATCH_START in (headline_es or "") and MATCH_START not in (headline_en or "")
    if decision.text_en and not (decision.text_es and only_spanish_matches):
        return snippet(decision.text_en, headline_en)
    return snippet(decision.text_es, headline_es)


TOP_PER_CONFERENCE = 3
CONFERENCES_PER_PAGE = 10


@dataclass
class ConferenceMatches:
    """What matched in one conference: how many decisions and paragraphs, whether its theme, the best few."""

    conference_id: int
    decisions: int = 0
    paragraphs: int = 0
    theme: bool = False
    sort_key: tuple = ()  # most matches first, then the newest conference
    conference: Conference | None = None
    top_decisions: list[tuple[Decision, SafeString]] = field(default_factory=list)
    top_paragraphs: list[tuple[Paragraph, SafeString]] = field(default_factory=list)


@dataclass
class SearchResults:
    decisions: int
    paragraphs: int
    themes: int
    page: Page


def search_archive(q: str, page_number: str | None) -> SearchResults:
    """Published decisions and paragraphs and conference themes matching `q`, grouped by conference.

    The conferences come with the most matches first, then the newest, a page at a time, each with its
    counts and its best-ranked few decisions and paragraphs with snippets; in a fixed number of queries.
    """
    groups: dict[int, ConferenceMatches] = {}

    def group(conference_id: int) -> ConferenceMatches:
        return groups.setdefault(conference_id, ConferenceMatches(conference_id))

    decisions = matching(published_decisions(), q, "text_en", "text_es")
    for conference_id, count in decisions.values_list("conference").annotate(n=Count("pk")).order_by():
        group(conference_id).decisions = count
    paragraphs = matching(published_paragraphs(), q, "text")
    for conference_id, count in paragraphs.values_list("declaration__conference").annotate(n=Count("pk")).order_by():
        group(conference_id).paragraphs = count
    for pk in matching(Conference.objects.all(), q, "theme_en", "theme_es").values_list("pk", flat=True):
        group(pk).theme = True

    # Every conference's sort fields (a short list even at scale), then whole records for one page only.
    fields = ("pk", "start_date__year", "planned_year", "kind", "number")
    for pk, year, planned_year, kind, number in Conference.objects.values_list(*fields):
        if pk in groups:
            matches = groups[pk]
            count = matches.decisions + matches.paragraphs + matches.theme
            matches.sort_key = (-count, -(year or planned_year or 0), kind, -number)
    ordered = sorted(groups.values(), key=lambda matches: matches.sort_key)
    page = Paginator(ordered, CONFERENCES_PER_PAGE).get_page(page_number)
    shown = {matches.conference_id: matches for matches in page.object_list}
    for conference in Conference.objects.filter(pk__in=shown).select_related("host_country"):
        shown[conference.pk].conference = conference
    _add_top_decisions(shown, decisions, q)
    _add_top_paragraphs(shown, paragraphs, q)
    return SearchResults(
        decisions=sum(m.decisions for m in ordered),
        paragraphs=sum(m.paragraphs for m in ordered),
        themes=sum(m.theme for m in ordered),
        page=page,
    )


def _best_few(matches: QuerySet, q: str, conference_field: str, conference_ids) -> list[int]:
    """The ids of the best-ranked few of `matches` in each of these conferences."""
    best_first = Window(RowNumber(), partition_by=F(conference_field), order_by=[F("rank").desc(), F("pk").asc()])
    return list(
        ranked(matches.filter(**{f"{conference_field}__in": conference_ids}), q)
        .annotate(place=best_first)
        .filter(place__lte=TOP_PER_CONFERENCE)
        .values_list("pk", flat=True)
    )


def _add_top_decisions(shown: dict[int, ConferenceMatches], decisions: QuerySet, q: str) -> None:
    ids = _best_few(decisions, q, "conference", list(shown))
    if not ids:
        return
    top = ranked(published_decisions().filter(pk__in=ids), q).select_related("conference")
    if full_text():
        top = with_decision_headlines(top, q)
    for decision in top.order_by("-rank", "number"):
        shown[decision.conference_id].top_decisions.append((decision, decision_snippet(decision)))


def _add_top_paragraphs(shown: dict[int, ConferenceMatches], paragraphs: QuerySet, q: str) -> None:
    ids = _best_few(paragraphs, q, "declaration__conference", list(shown))
    if not ids:
        return
    top = ranked(published_paragraphs().filter(pk__in=ids), q).select_related("declaration__conference")
    if full_text():
        top = with_headlines(top, q, headline_en=("text", "en"), headline_es=("text", "es"))
    for paragraph in top.order_by("-rank", "position"):
        headline = getattr(paragraph, f"headline_{paragraph.declaration.language}", None)
        shown[paragraph.declaration.conference_id].top_paragraphs.append((paragraph, snippet(paragraph.text, headline)))
