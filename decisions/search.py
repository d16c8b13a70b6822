"""Searching decisions, and the search page's results (decisions, paragraphs and conference themes).

A decision's text in a language may be read only where that language's declaration may be
(declarations.access): its words are matched, ranked and cut into snippets in those languages only, from one
stored vector per language, so a draft translation is never found by its words nor shown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchVectorField
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, Func, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils.safestring import SafeString

from decisions.models import Decision, readable_flag, readable_text
from decisions.selectors import published_decisions
from declarations.access import published_paragraphs
from declarations.models import Conference, Paragraph
from rcm.lib.search import CONFIGS, MATCH_START, full_text, match_condition, matching, ranked, snippet, with_headlines


def _in_a_readable_language(condition: Callable[[str], Q]) -> Q:
    """`condition` on a decision's text in some language, where that text may be read (readable_in)."""
    return reduce(or_, (Q(**{readable_flag(language): True}) & condition(language) for language in CONFIGS))


def matching_decisions(decisions: QuerySet[Decision], q: str) -> QuerySet[Decision]:
    """Readable decisions (Decision.objects.readable_in) that match `q` in a text that may be read."""
    return decisions.filter(
        match_condition(
            q,
            lambda query: _in_a_readable_language(lambda language: Q(**{f"search_vector_{language}": query})),
            lambda word: _in_a_readable_language(lambda language: Q(**{f"text_{language}__icontains": word})),
        )
    )


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


def ranked_decisions(decisions: QuerySet[Decision], q: str) -> QuerySet[Decision]:
    """`ranked`, on the vectors of the texts that may be read."""
    return ranked(decisions, q, vector=_readable_vector() if full_text() else None)


def with_decision_headlines(decisions: QuerySet[Decision], q: str) -> QuerySet[Decision]:
    """Readable decisions with `headline_en` and `headline_es`, cut from the texts that may be read."""
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

    decisions = matching_decisions(published_decisions(), q)
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
    for conference in Conference.objects.filter(pk__in=shown).select_related("host_country", "body"):
        shown[conference.pk].conference = conference
    _add_top_decisions(shown, decisions, q)
    _add_top_paragraphs(shown, paragraphs, q)
    return SearchResults(
        decisions=sum(m.decisions for m in ordered),
        paragraphs=sum(m.paragraphs for m in ordered),
        themes=sum(m.theme for m in ordered),
        page=page,
    )


def _best_few(matches: QuerySet, q: str, conference_field: str, conference_ids, rank: Callable) -> list[int]:
    """The ids of the best-ranked few of `matches` (by `rank`) in each of these conferences."""
    best_first = Window(RowNumber(), partition_by=F(conference_field), order_by=[F("rank").desc(), F("pk").asc()])
    return list(
        rank(matches.filter(**{f"{conference_field}__in": conference_ids}), q)
        .annotate(place=best_first)
        .filter(place__lte=TOP_PER_CONFERENCE)
        .values_list("pk", flat=True)
    )


def _add_top_decisions(shown: dict[int, ConferenceMatches], decisions: QuerySet, q: str) -> None:
    ids = _best_few(decisions, q, "conference", list(shown), ranked_decisions)
    if not ids:
        return
    top = ranked_decisions(published_decisions().filter(pk__in=ids), q).select_related("conference__body", "outcome")
    if full_text():
        top = with_decision_headlines(top, q)
    for decision in top.order_by("-rank", "number"):
        shown[decision.conference_id].top_decisions.append((decision, decision_snippet(decision)))


def _add_top_paragraphs(shown: dict[int, ConferenceMatches], paragraphs: QuerySet, q: str) -> None:
    ids = _best_few(paragraphs, q, "declaration__conference", list(shown), ranked)
    if not ids:
        return
    top = ranked(published_paragraphs().filter(pk__in=ids), q).select_related(
        "declaration__conference__body", "declaration__outcome"
    )
    if full_text():
        top = with_headlines(top, q, headline_en=("text", "en"), headline_es=("text", "es"))
    for paragraph in top.order_by("-rank", "position"):
        headline = getattr(paragraph, f"headline_{paragraph.declaration.language}", None)
        shown[paragraph.declaration.conference_id].top_paragraphs.append((paragraph, snippet(paragraph.text, headline)))
