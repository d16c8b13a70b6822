from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render

from decisions.filters import DECISIONS_NEWEST_FIRST, DecisionFilter
from decisions.models import Decision, Mention, Topic
from decisions.selectors import decision_chain, decisions_for_listing
from declarations.models import Language
from declarations.selectors import decisions_for_reading, get_conference_or_404
from followup.models import StatusChange
from followup.selectors import decisions_with_followup
from rcm import search
from rcm.access import published_decisions, readable_declarations
from rcm.converters import ConferenceKey
from rcm.exports import csv_response, json_response
from rcm.pagecache import cache_public_page
from rcm.pdf import bad_paper, paper_from, pdf_response


@cache_public_page
def decision_detail(request: HttpRequest, key: ConferenceKey, number: int) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    decision = (
        decisions_with_followup(decisions_for_reading(request.user))
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related(
                    "mandate__country", "mandate__body", "mandate__organization"
                ),
                to_attr="ordered_changes",
            ),
            Prefetch("topics", queryset=Topic.objects.order_by("name_en")),
        )
        .filter(conference=conference, number=number)
        .first()
    )
    if decision is None:
        raise Http404("No such decision")
    # One timeline of what happened: status changes and actions, newest first.
    timeline = sorted(
        [(change.date, change, None) for change in decision.ordered_changes]
        + [(action.date, None, action) for action in decision.ordered_actions],
        key=lambda entry: entry[0],
        reverse=True,
    )
    readable = {
        d.language: d
        for d in readable_declarations(request.user).filter(conference=conference).select_related("conference")
    }
    texts = [
        (language, label, decision.text_in(language), readable[language])
        for language, label in Language.choices
        if language in readable and decision.text_in(language)
    ]
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "conference": conference,
            "decision": decision,
            "texts": texts,
            "permalink": request.build_absolute_uri(decision.get_absolute_url()),
            "timeline": timeline,
            "chain": decision_chain(decision, request.user),
        },
    )


def register_pdf(request: HttpRequest, key: ConferenceKey) -> HttpResponse:
    """A conference's decisions as a PDF table."""
    conference = get_conference_or_404(key, request.user)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    declarations = list(readable_declarations(request.user).filter(conference=conference))
    if not declarations:
        raise Http404("No declaration to read")
    return pdf_response(
        request,
        "decisions/pdf/register.html",
        {
            "conference": conference,
            "decisions": list(decisions_for_reading(request.user).filter(conference=conference)),
            "draft": not any(declaration.is_published for declaration in declarations),
            "paper": paper,
        },
        filename=f"{conference.file_stem}-decisions.pdf",
    )


DECISIONS_PER_PAGE = 25


def _filtered_decisions(request: HttpRequest) -> DecisionFilter:
    return DecisionFilter(
        request.GET, queryset=published_decisions().order_by(*DECISIONS_NEWEST_FIRST), request=request
    )


def decision_list(request: HttpRequest) -> HttpResponse:
    """Every published decision, filtered by the query string, so a search can be shared by its address."""
    filterset = _filtered_decisions(request)
    if not filterset.is_valid():
        return render(request, "decisions/decision_list.html", {"filter": filterset, "page": None}, status=400)
    page = Paginator(decisions_for_listing(filterset.qs), DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    words = filterset.form.cleaned_data.get("q")
    snippets = search_snippets(page.object_list, words) if words else {}
    return render(
        request,
        "decisions/decision_list.html",
        {"filter": filterset, "page": page, "snippets": snippets, "query": _query_without_page(request)},
    )


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def search_snippets(decisions, words: str) -> dict[int, str]:
    """Each decision's text with the words marked, for one page of results (one query on PostgreSQL)."""
    decisions = list(decisions)
    if search.full_text():
        headlines = search.with_decision_headlines(
            published_decisions().filter(pk__in=[d.pk for d in decisions]), words
        ).values_list("pk", "headline_en", "headline_es")
        by_decision = {pk: (english, spanish) for pk, english, spanish in headlines}
        for decision in decisions:
            decision.headline_en, decision.headline_es = by_decision[decision.pk]
    return {decision.pk: search.decision_snippet(decision) for decision in decisions}


DECISION_EXPORT_FIELDS = [
    "citation", "url", "conference", "year", "number", "status",
    "topics", "mandated", "mentioned", "text_en", "text_es",
]  # fmt: skip


def _decision_row(decision: Decision) -> dict:
    return {
        "citation": decision.citation,
        "url": decision.get_absolute_url(),
        "conference": decision.conference.name,
        "year": decision.conference.year,
        "number": decision.number,
        "status": decision.status,
        "topics": [topic.slug for topic in decision.topics.all()],
        "mandated": [str(m.actor) for m in decision.ordered_mentions if m.role == Mention.Role.MANDATED],
        "mentioned": [str(m.actor) for m in decision.ordered_mentions if m.role == Mention.Role.MENTIONED],
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
