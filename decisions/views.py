from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render

from decisions import search
from decisions.filters import DECISIONS_NEWEST_FIRST, DecisionFilter
from decisions.models import Decision, Topic
from decisions.selectors import decisions_for_listing, listing_page, published_decisions
from rcm.lib.exports import csv_response, export_address, json_response
from rcm.lib.pagecache import cache_public_page
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
    page = listing_page(filterset.qs, published_decisions(), request.GET.get("page"), DECISIONS_PER_PAGE)
    words = filterset.form.cleaned_data.get("q")
    snippets = search_snippets(page.object_list, words, filterset.search_languages()) if words else {}
    return render(
        request,
        "decisions/decision_list.html",
        {"filter": filterset, "page": page, "snippets": snippets, "query": _query_without_page(request)},
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
    return render(
        request,
        "decisions/topic_detail.html",
        {
            "topic": topic,
            "count": decisions.count(),
            "decisions": decisions_for_listing(decisions)[:LATEST_OF_TOPIC],
        },
    )
