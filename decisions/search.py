"""Searching decisions, and the search page's results (decisions, paragraphs, the other parts of the texts
and conference themes).

A decision's text in a language may be read only where that language's declaration may be
(declarations.access): its words are matched, ranked and cut into snippets in those languages only, from one
stored vector per language, so a draft translation is never found by its words nor shown. Paragraphs and the
other parts of a text (TEXT_PARTS) are searched in published texts only.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVectorField
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, F, Func, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.safestring import SafeString

from decisions.models import Decision, readable_flag, readable_text
from decisions.selectors import UNREAD_VECTORS, published_decisions
from declarations.access import published_declarations, published_paragraphs
from declarations.models import Conference, Declaration, Paragraph
from rcm.lib.languages import LANGUAGES, reader_language
from rcm.lib.search import (
    MATCH_START,
    contains_words,
    full_text,
    match_condition,
    matching,
    matching_themes,
    ranked,
    snippet,
    weighted_match,
    with_headlines,
)


def _readable(language: str, condition: Q) -> Q:
    """`condition` on a decision's text in `language`, where that text may be read (readable_in)."""
    return Q(**{readable_flag(language): True}) & condition


def matching_decisions(
    decisions: QuerySet[Decision], q: str, languages: tuple[str, ...] = LANGUAGES
) -> QuerySet[Decision]:
    """Readable decisions (Decision.objects.readable_in) that match `q` in a text in one of `languages` that
    may be read."""
    return decisions.filter(
        match_condition(
            q,
            languages,
            lambda query, language: _readable(language, Q(**{f"search_vector_{language}": query})),
            lambda word, language: _readable(language, Q(contains_words(f"text_{language}", word))),
        )
    )


def _readable_vector(languages: tuple[str, ...]) -> Func:
    """A decision's stored vectors of `languages` whose texts may be read, as one."""
    empty = Value("", output_field=SearchVectorField())
    return Func(
        *(
            Case(When(**{readable_flag(language): True}, then=F(f"search_vector_{language}")), default=empty)
            for language in languages
        ),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )


def ranked_decisions(
    decisions: QuerySet[Decision], q: str, languages: tuple[str, ...] = LANGUAGES
) -> QuerySet[Decision]:
    """`ranked`, on the vectors of the texts in `languages` that may be read."""
    return ranked(decisions, q, languages, vector=_readable_vector(languages) if full_text() else None)


def with_decision_headlines(
    decisions: QuerySet[Decision], q: str, languages: tuple[str, ...] = LANGUAGES
) -> QuerySet[Decision]:
    """Readable decisions with `headline_en` and/or `headline_es` (those of `languages`), cut from the texts
    that may be read."""
    return with_headlines(
        decisions, q, **{f"headline_{language}": (readable_text(language), language) for language in languages}
    )


def decision_snippet(decision: Decision, languages: tuple[str, ...] = LANGUAGES) -> SafeString:
    """The snippet of its text in the first of `languages` whose text has the words (on PostgreSQL), else in
    the first of them it has a text in. (Texts that may not be read were blanked as the decision was read.)"""
    texts = [
        (text, getattr(decision, f"headline_{language}", None))
        for language in (*languages, *(other for other in LANGUAGES if other not in languages))
        if (text := getattr(decision, f"text_{language}"))
    ]
    for text, headline in texts:
        if MATCH_START in (headline or ""):
            return snippet(text, headline)
    return snippet(*texts[0]) if texts else snippet("")


@dataclass(frozen=True)
class TextPart:
    """A part of a text outside its paragraphs and decisions, found by its words on its own."""

    field: str  # of Declaration
    weight: str  # of its words in Declaration.search_vector (migration declarations 0015)
    anchor: str  # its id on the text's page


# In their order on the page.
TEXT_PARTS = (
    TextPart("opening", "a", "opening"),
    TextPart("chapeau", "b", "chapeau"),
    TextPart("decisions_chapeau", "c", "decisions-chapeau"),
)


@dataclass
class PartMatch:
    """A part of a published text that matches, with its snippet."""

    declaration: Declaration
    part: TextPart
    snippet: SafeString

    @property
    def heading(self) -> str:
        """ "RCM XVII, opening", "CRM XVII, párrafo de apertura": what the page calls it, in the reader's language."""
        declaration = self.declaration
        document = declaration.outcome.citation_in(reader_language(), conference=declaration.conference)
        return f"{document}, {Declaration._meta.get_field(self.part.field).verbose_name}"

    @property
    def url(self) -> str:
        return f"{self.declaration.get_language_url()}#{self.part.anchor}"


def _part_matches(q: str, languages: tuple[str, ...], part: TextPart) -> Q:
    """The condition that a text in one of `languages` has all the words of `q` in `part`."""
    return match_condition(
        q,
        languages,
        lambda query, language: Q(language=language) & weighted_match(query, part.weight),
        lambda word, language: Q(language=language) & Q(contains_words(part.field, word)),
    )


def matching_parts(q: str, languages: tuple[str, ...] = LANGUAGES) -> list[tuple[int, int, TextPart]]:
    """The parts of published texts that match `q` in one of `languages`: (text, conference, part), in one query."""
    conditions = {part: _part_matches(q, languages, part) for part in TEXT_PARTS}
    flags = {
        f"matches_{part.field}": ExpressionWrapper(condition, output_field=BooleanField())
        for part, condition in conditions.items()
    }
    rows = (
        published_declarations()
        .filter(Q.create(list(conditions.values()), connector=Q.OR))
        .annotate(**flags)
        .values_list("pk", "conference", *flags)
        .order_by()
    )
    return [
        (pk, conference_id, part)
        for pk, conference_id, *matched in rows
        for part, matches in zip(TEXT_PARTS, matched, strict=True)
        if matches
    ]


TOP_PER_CONFERENCE = 3
CONFERENCES_PER_PAGE = 10


@dataclass
class ConferenceMatches:
    """What matched in one conference: how many decisions, paragraphs and other parts of its texts, whether its
    theme, the best few."""

    conference_id: int
    decisions: int = 0
    paragraphs: int = 0
    parts: int = 0
    theme: bool = False
    sort_key: tuple = ()  # most matches first, then the newest conference
    conference: Conference | None = None
    top_decisions: list[tuple[Decision, SafeString]] = field(default_factory=list)
    top_paragraphs: list[tuple[Paragraph, SafeString]] = field(default_factory=list)
    top_parts: list[PartMatch] = field(default_factory=list)


@dataclass
class SearchResults:
    decisions: int
    paragraphs: int
    parts: int
    themes: int
    page: Page


def search_archive(q: str, page_number: str | None, languages: tuple[str, ...] = LANGUAGES) -> SearchResults:
    """Published decisions, paragraphs and other parts of texts (TEXT_PARTS), and conference themes matching `q`
    in a text in one of `languages`, grouped by conference.

    The conferences come with the most matches first, then the newest, a page at a time, each with its
    counts and its best-ranked few decisions and paragraphs and first few parts with snippets; in a fixed
    number of queries.
    """
    groups: dict[int, ConferenceMatches] = {}

    def group(conference_id: int) -> ConferenceMatches:
        # Not setdefault(), which would make a ConferenceMatches per call: a thousand conferences match
        # a common word.
        if conference_id not in groups:
            groups[conference_id] = ConferenceMatches(conference_id)
        return groups[conference_id]

    # Counted by the flags alone: a match is in a text that may be read, so readable_in's check that the
    # decision has one would only read every match again (docs/search.md, "Measured").
    counted = matching_decisions(Decision.objects.with_readable_flags(published_declarations()), q, languages)
    for conference_id, count in counted.values_list("conference").annotate(n=Count("pk")).order_by():
        group(conference_id).decisions = count
    decisions = matching_decisions(published_decisions(), q, languages)
    paragraphs = matching(published_paragraphs(), q, languages, text="text", language_field="declaration__language")
    for conference_id, count in paragraphs.values_list("declaration__conference").annotate(n=Count("pk")).order_by():
        group(conference_id).paragraphs = count
    parts = matching_parts(q, languages)
    for _text, conference_id, _part in parts:
        group(conference_id).parts += 1
    # Unordered here and below: the groups and the shown records are put in order in Python, and
    # Conference's order joins its body and sorts every row (docs/search.md, "The search page, one request").
    for pk in matching_themes(Conference.objects.order_by(), q, languages).values_list("pk", flat=True):
        group(pk).theme = True

    # Every conference's sort fields (a short list even at scale), then whole records for one page only.
    fields = ("pk", "start_date__year", "planned_year", "kind", "number")
    for pk, year, planned_year, kind, number in Conference.objects.order_by().values_list(*fields):
        if pk in groups:
            matches = groups[pk]
            count = matches.decisions + matches.paragraphs + matches.parts + matches.theme
            matches.sort_key = (-count, -(year or planned_year or 0), kind, -(number or 0))
    ordered = sorted(groups.values(), key=lambda matches: matches.sort_key)
    page = Paginator(ordered, CONFERENCES_PER_PAGE).get_page(page_number)
    shown = {matches.conference_id: matches for matches in page.object_list}
    for conference in Conference.objects.filter(pk__in=shown).select_related("host_country", "body").order_by():
        shown[conference.pk].conference = conference
    if shown:
        _add_top_decisions(shown, decisions, q, languages)
        _add_top_paragraphs(shown, paragraphs, q, languages)
        _add_top_parts(shown, parts, q, languages)
    return SearchResults(
        decisions=sum(m.decisions for m in ordered),
        paragraphs=sum(m.paragraphs for m in ordered),
        parts=len(parts),
        themes=sum(m.theme for m in ordered),
        page=page,
    )


def _best_few(matches: QuerySet, q: str, conference_field: str, conference_ids, rank: Callable) -> dict[int, float]:
    """The best-ranked few of `matches` (by `rank`) in each of these conferences: their ids and ranks.

    Ranked here only: the rows are then fetched by id, with their headlines, and put in order by these ranks.
    """
    best_first = Window(RowNumber(), partition_by=F(conference_field), order_by=[F("rank").desc(), F("pk").asc()])
    return dict(
        rank(matches.filter(**{f"{conference_field}__in": conference_ids}).order_by(), q)
        .annotate(place=best_first)
        .filter(place__lte=TOP_PER_CONFERENCE)
        .values_list("pk", "rank")
    )


def _add_top_decisions(shown: dict[int, ConferenceMatches], decisions: QuerySet, q: str, languages) -> None:
    ranks = _best_few(
        decisions, q, "conference", list(shown), lambda matches, q: ranked_decisions(matches, q, languages)
    )
    if not ranks:
        return
    top = published_decisions().filter(pk__in=ranks).select_related("conference__body", "outcome").order_by()
    top = top.defer(*UNREAD_VECTORS)
    if full_text():
        top = with_decision_headlines(top, q, languages)
    for decision in sorted(top, key=lambda decision: (-ranks[decision.pk], decision.number)):
        shown[decision.conference_id].top_decisions.append((decision, decision_snippet(decision, languages)))


def _add_top_paragraphs(shown: dict[int, ConferenceMatches], paragraphs: QuerySet, q: str, languages) -> None:
    ranks = _best_few(
        paragraphs, q, "declaration__conference", list(shown), lambda matches, q: ranked(matches, q, languages)
    )
    if not ranks:
        return
    top = (
        published_paragraphs()
        .filter(pk__in=ranks)
        .select_related("declaration__conference__body", "declaration__outcome")
        .order_by()
    )
    top = top.defer("search_vector", "declaration__conference__search_vector")
    if full_text():
        top = with_headlines(top, q, **{f"headline_{language}": ("text", language) for language in languages})
    for paragraph in sorted(top, key=lambda paragraph: (-ranks[paragraph.pk], paragraph.position)):
        headline = getattr(paragraph, f"headline_{paragraph.declaration.language}", None)
        shown[paragraph.declaration.conference_id].top_paragraphs.append((paragraph, snippet(paragraph.text, headline)))


def _add_top_parts(
    shown: dict[int, ConferenceMatches], parts: list[tuple[int, int, TextPart]], q: str, languages
) -> None:
    """The first few matching parts of each shown conference's texts, in the order of its documents and parts."""
    ids = {text for text, conference_id, _part in parts if conference_id in shown}
    if not ids:
        return
    texts = published_declarations().filter(pk__in=ids).select_related("conference__body", "outcome").order_by()
    texts = texts.defer("search_vector", "conference__search_vector")
    if full_text():
        headlines = {
            f"headline_{part.field}_{language}": (part.field, language) for part in TEXT_PARTS for language in languages
        }
        texts = with_headlines(texts, q, **headlines)
    by_id = {text.pk: text for text in texts}

    def place(match: tuple[int, int, TextPart]) -> tuple:
        text = by_id[match[0]]
        return text.outcome.position, text.language, TEXT_PARTS.index(match[2])

    for text_id, conference_id, part in sorted((m for m in parts if m[0] in by_id), key=place):
        matches = shown[conference_id]
        if len(matches.top_parts) < TOP_PER_CONFERENCE:
            text = by_id[text_id]
            headline = getattr(text, f"headline_{part.field}_{text.language}", None)
            matches.top_parts.append(PartMatch(text, part, snippet(getattr(text, part.field), headline)))
