from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from decisions import search
from decisions.filters import DECISIONS_NEWEST_FIRST, DecisionFilter
from decisions.models import Decision, Topic
from decisions.selectors import decisions_for_listing, listed_by_id, page_of_ids, published_decisions
from rcm.lib.exports import csv_response, export_address, json_response
from rcm.lib.pagecache import cache_public_page, cached_fragments
from rcm.lib.search import full_text

DECISIONS_PER_PAGE = 25


def _filtered_decisions(request: HttpRequest) -> DecisionFilter:
    return DecisionFilter(
        request.GET, queryset=published_decisions().order_by(*DECISIONS_NEWEST_FIRST), request=request
    )


@cache_public_page(query=(*DecisionFilter.base_filters, "page"))
def decision_list(request: HttpRequest) -> HttpResponse:
    """Every published decision, filtered by the query string, so a search can be shared by its address."""
    filterset = _filtered_decisions(request)
    if not filterset.is_valid():
        return render(request, "decisions/decision_list.html", {"filter": filterset, "page": None}, status=400)
    page = page_of_ids(filterset.qs, request.GET.get("page"), DECISIONS_PER_PAGE)
    rows = decision_rows(page.object_list, filterset.form.cleaned_data.get("q"), filterset.search_languages())
    return render(
        request,
        "decisions/decision_list.html",
        {"filter": filterset, "page": page, "rows": rows, "query": _query_without_page(request)},
    )


DECISION_ROW = "decisions/_decision_row.html"


def decision_rows(ids: list[int], words: str = "", languages: tuple[str, ...] = ()) -> list[str]:
    """The rows of a list of published decisions, in the order of `ids`, each with its text's beginning or,
    for search `words`, the passage that matches them.

    Without words a row is the same on every list that shows it (the filters, a topic's page), so it is
    rendered once and kept until the next edit (cached_fragments); with words, each search marks its own.
    """
    if words:
        decisions = listed_by_id(published_decisions(), ids)
        snippets = search_snippets(decisions, words, languages)
        return [render_to_string(DECISION_ROW, {"decision": d, "snippet": snippets[d.pk]}) for d in decisions]
    return cached_fragments(
        "decision-row",
        ids,
        lambda missing: {
            decision.pk: render_to_string(DECISION_ROW, {"decision": decision})
            for decision in listed_by_id(published_decisions(), missing)
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def search_snippets(decisions, words: str, languages: tuple[str, ...]) -> dict[int, str]:
    """Each decision's text in one of `languages` with the words marked, for one page of results (one query
    on PostgreSQL)."""
    decisions = list(decisions)
    if full_text():
        names = [f"headline_{language}" for language in languages]
        headlines = search.with_decision_headlines(
            published_decisions().filter(pk__in=[d.pk for d in decisions]), words, languages
        ).values_list("pk", *names)
        by_decision = {pk: values for pk, *values in headlines}
        for decision in decisions:
            for name, headline in zip(names, by_decision[decision.pk], strict=True):
                setattr(decision, name, headline)
    return {decision.pk: search.decision_snippet(decision, languages) for decision in decisions}


DECISION_EXPORT_FIELDS = [
    "citation", "url", "conference", "year", "number", "status",
    "topics", "mandated", "mentioned", "text_en", "text_es",
]  # fmt: skip


def _decision_row(decision: Decision) -> dict:
    return {
        "citation": decision.citation,
        "url": export_address(decision.get_absolute_url()),
        "conference": decision.conference.name,
        "year": decision.conference.year,
        "number": decision.number,
        "status": decision.status,
        "topics": [topic.slug for topic in decision.topics.all()],
        "mandated": [str(mention.actor) for mention in decision.mandated_mentions],
        "mentioned": [str(mention.actor) for mention in decision.mentioned_mentions],
        "text_en": decision.text_en,
        "text_es": decision.text_es,
    }


def decision_list_csv(request: HttpRequest) -> HttpResponse:
    filterset = _filtered_decisions(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(filterset.errors_text(), content_type="text/plain; charset=utf-8")
    return csv_response(decisions_for_listing(filterset.qs), _decision_row, DECISION_EXPORT_FIELDS, "rcm-decisions")


def decision_list_json(request: HttpRequest) -> HttpResponse:
    filterset = _filtered_decisions(request)
    if not filterset.is_valid():
        return JsonResponse({"error": filterset.errors_text()}, status=400)
    return json_response(decisions_for_listing(filterset.qs), _decision_row, "rcm-decisions")


def topic_list(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.annotate(
        published=Count("decisions", filter=Q(decisions__in=published_decisions()))
    ).order_by("name_en")
    return render(request, "decisions/topic_list.html", {"topics": topics})


LATEST_OF_TOPIC = 20


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    decisions = published_decisions().filter(topics=topic).order_by(*DECISIONS_NEWEST_FIRST)
    latest = list(decisions.values_list("pk", flat=True)[:LATEST_OF_TOPIC])
    return render(
        request,
        "decisions/topic_detail.html",
        {"topic": topic, "count": decisions.count(), "rows": decision_rows(latest)},
    )
