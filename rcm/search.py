"""Text search over decisions, paragraphs and conference themes, the same for every list, export and feed.

On PostgreSQL: the stored, GIN-indexed search vectors (kept by triggers, see the migrations) matched
with `websearch_to_tsquery` in both English and Spanish, so quotes, OR and -word work and each text
is stemmed in its own language; results are ranked and get highlighted snippets. On SQLite (`make
run`), a plain case-insensitive substring match of the words, unranked, with a plain snippet.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet, Value, Window
from django.db.models.functions import RowNumber
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from decisions.models import Decision
from declarations.models import Conference, Paragraph
from rcm.access import published_decisions, published_paragraphs

# Characters that never occur in a text, put around each match by PostgreSQL, then turned into <mark>
# tags once the rest has been escaped: the snippet's only markup is ours.
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_WORDS = 40
CONFIGS = {"en": "english", "es": "spanish"}


def full_text() -> bool:
    return connection.vendor == "postgresql"


def search_query(q: str) -> SearchQuery:
    """The user's words in web-search syntax, matched as English or as Spanish."""
    return SearchQuery(q, config="english", search_type="websearch") | SearchQuery(
        q, config="spanish", search_type="websearch"
    )


def matching(queryset: QuerySet, q: str, *text_fields: str) -> QuerySet:
    """Rows of `queryset` that match `q`, annotated with `rank` (0 on SQLite)."""
    if full_text():
        query = search_query(q)
        return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    words = q.replace('"', " ").split()
    condition = Q()
    for word in words:
        if word.startswith("-") or word.upper() == "OR":
            continue
        condition &= Q.create([(f"{field}__icontains", word) for field in text_fields], connector=Q.OR)
    return queryset.filter(condition).annotate(rank=Value(0.0))


def with_headlines(queryset: QuerySet, q: str, **texts: tuple[str, str]) -> QuerySet:
    """Annotate each row with a raw headline per name in `texts` (name=(field, language)); PostgreSQL only.

    Asked only for the rows of one page: a headline reads the whole text again.
    """
    annotations = {
        name: SearchHeadline(
            field,
            SearchQuery(q, config=CONFIGS[language], search_type="websearch"),
            config=CONFIGS[language],
            start_sel=MATCH_START,
            stop_sel=MATCH_END,
            max_words=SNIPPET_WORDS,
            min_words=SNIPPET_WORDS // 2,
            short_word=2,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        for name, (field, language) in texts.items()
    }
    return queryset.annotate(**annotations)


def snippet(text: str, headline: str | None = None) -> SafeString:
    """A text's headline as safe HTML: the text escaped, only the matches in <mark>.

    Without a headline (SQLite, or no match in this text), the text's opening words.
    """
    if headline and MATCH_START in headline:
        marked = escape(headline).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
        return mark_safe(marked)  # noqa: S308 -- escaped just above; the only tags are ours
    plain = text.replace(MATCH_START, "").replace(MATCH_END, "")
    return escape(Truncator(plain).words(SNIPPET_WORDS))


TOP_PER_CONFERENCE = 3
CONFERENCES_PER_PAGE = 10


@dataclass
class ConferenceMatches:
    """What matched in one conference: how many decisions and paragraphs, whether its theme, the best few."""

    conference_id: int
    best: float = 0.0
    decisions: int = 0
    paragraphs: int = 0
    theme: bool = False
    conference: Conference | None = None
    top_decisions: list[tuple[Decision, SafeString]] = field(default_factory=list)
    top_paragraphs: list[tuple[Paragraph, SafeString]] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        return (-self.best, -(self.conference.year or 0), self.conference.kind, -self.conference.number)


@dataclass
class SearchResults:
    decisions: int
    paragraphs: int
    themes: int
    page: Page


def search_archive(q: str, page_number: str | None) -> SearchResults:
    """Published decisions and paragraphs and conference themes matching `q`, grouped by conference.

    The conferences come best match first (on SQLite, newest first), a page at a time, each with its
    counts and its best few decisions and paragraphs with snippets; in a fixed number of queries.
    """
    groups: dict[int, ConferenceMatches] = {}

    def group(conference_id: int, rank: float) -> ConferenceMatches:
        matches = groups.setdefault(conference_id, ConferenceMatches(conference_id))
        matches.best = max(matches.best, rank or 0.0)
        return matches

    decisions = matching(published_decisions(), q, "text_en", "text_es")
    for row in decisions.values("conference").annotate(n=Count("pk"), best=Max("rank")).order_by():
        group(row["conference"], row["best"]).decisions = row["n"]
    paragraphs = matching(published_paragraphs(), q, "text")
    for row in paragraphs.values("declaration__conference").annotate(n=Count("pk"), best=Max("rank")).order_by():
        group(row["declaration__conference"], row["best"]).paragraphs = row["n"]
    for pk, rank in matching(Conference.objects.all(), q, "theme_en", "theme_es").values_list("pk", "rank"):
        group(pk, rank).theme = True

    for conference in Conference.objects.filter(pk__in=groups).select_related("host_country"):
        groups[conference.pk].conference = conference
    ordered = sorted(groups.values(), key=lambda matches: matches.sort_key)
    page = Paginator(ordered, CONFERENCES_PER_PAGE).get_page(page_number)
    shown = {matches.conference_id: matches for matches in page.object_list}
    _add_top_decisions(shown, decisions, q)
    _add_top_paragraphs(shown, paragraphs, q)
    return SearchResults(
        decisions=sum(m.decisions for m in ordered),
        paragraphs=sum(m.paragraphs for m in ordered),
        themes=sum(m.theme for m in ordered),
        page=page,
    )


def _best_few(matches: QuerySet, conference_field: str, conference_ids) -> list[int]:
    """The ids of the best-ranked few of `matches` in each of these conferences."""
    best_first = Window(RowNumber(), partition_by=F(conference_field), order_by=[F("rank").desc(), F("pk").asc()])
    return list(
        matches.filter(**{f"{conference_field}__in": conference_ids})
        .annotate(place=best_first)
        .filter(place__lte=TOP_PER_CONFERENCE)
        .values_list("pk", flat=True)
    )


def _add_top_decisions(shown: dict[int, ConferenceMatches], decisions: QuerySet, q: str) -> None:
    ids = _best_few(decisions, "conference", list(shown))
    if not ids:
        return
    top = matching(Decision.objects.filter(pk__in=ids), q, "text_en", "text_es").select_related("conference")
    if full_text():
        top = with_headlines(top, q, headline_en=("text_en", "en"), headline_es=("text_es", "es"))
    for decision in top.order_by("-rank", "number"):
        english = snippet(decision.text_en, getattr(decision, "headline_en", None)) if decision.text_en else ""
        if "<mark>" not in english and decision.text_es:
            text = snippet(decision.text_es, getattr(decision, "headline_es", None))
        else:
            text = english
        shown[decision.conference_id].top_decisions.append((decision, text))


def _add_top_paragraphs(shown: dict[int, ConferenceMatches], paragraphs: QuerySet, q: str) -> None:
    ids = _best_few(paragraphs, "declaration__conference", list(shown))
    if not ids:
        return
    top = matching(Paragraph.objects.filter(pk__in=ids), q, "text").select_related("declaration__conference")
    if full_text():
        top = with_headlines(top, q, headline_en=("text", "en"), headline_es=("text", "es"))
    for paragraph in top.order_by("-rank", "position"):
        headline = getattr(paragraph, f"headline_{paragraph.declaration.language}", None)
        shown[paragraph.declaration.conference_id].top_paragraphs.append((paragraph, snippet(paragraph.text, headline)))
