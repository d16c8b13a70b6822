from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from decisions.selectors import links_to
from declarations.filters import PARAGRAPHS_NEWEST_FIRST, ParagraphFilter
from declarations.models import Conference, Paragraph
from declarations.schema import declaration_to_json
from declarations.selectors import (
    conferences_for_reading,
    decisions_for_reading,
    get_conference_or_404,
    get_declaration_or_404,
    mention_index,
    participations_by_role,
)
from rcm.access import published_paragraphs, readable_decisions, readable_declarations
from rcm.converters import ConferenceKey
from rcm.exports import csv_response, json_response
from rcm.pagecache import cache_public_page
from rcm.pdf import bad_paper, paper_from, pdf_response

LATEST_DECLARATIONS = 5


def home(request: HttpRequest) -> HttpResponse:
    latest = (
        readable_declarations(request.user)
        .select_related("conference__host_country")
        .order_by(F("conference__start_date").desc(nulls_last=True), "-conference__number", "language")[
            :LATEST_DECLARATIONS
        ]
    )
    return render(
        request,
        "declarations/home.html",
        {"latest_declarations": latest, "conferences": conferences_for_reading(request.user)},
    )


def conference_list(request: HttpRequest) -> HttpResponse:
    return render(request, "declarations/conference_list.html", {"conferences": conferences_for_reading(request.user)})


def _neighbours(conference: Conference) -> tuple[Conference | None, Conference | None]:
    same_kind = Conference.objects.filter(kind=conference.kind)
    previous = same_kind.filter(number__lt=conference.number).order_by("-number").first()
    following = same_kind.filter(number__gt=conference.number).order_by("number").first()
    return previous, following


@cache_public_page
def conference_detail(request: HttpRequest, key: ConferenceKey) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    previous, following = _neighbours(conference)
    declarations = readable_declarations(request.user).filter(conference=conference).select_related("conference")
    readable = readable_decisions(request.user)
    return render(
        request,
        "declarations/conference_detail.html",
        {
            "conference": conference,
            "previous": previous,
            "following": following,
            "participations": participations_by_role(conference),
            "declarations": declarations,
            "decisions": readable.filter(conference=conference).select_related("conference"),
            "referred_by": links_to(conference, readable, "conference__start_date", "number"),
        },
    )


@cache_public_page
def declaration_detail(request: HttpRequest, key: ConferenceKey, language: str | None = None) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    declaration = get_declaration_or_404(conference, language, request.user)
    other_languages = (
        readable_declarations(request.user)
        .filter(conference=conference)
        .filter(~Q(language=declaration.language))
        .values_list("language", flat=True)
    )
    return render(
        request,
        "declarations/declaration_detail.html",
        {
            "conference": conference,
            "declaration": declaration,
            "other_languages": other_languages,
            "participations": participations_by_role(conference),
            "decisions": decisions_for_reading(request.user).filter(conference=conference),
        },
    )


def declaration_json(request: HttpRequest, key: ConferenceKey, language: str | None = None) -> JsonResponse:
    conference = get_conference_or_404(key, request.user)
    declaration = get_declaration_or_404(conference, language, request.user)
    data = declaration_to_json(
        declaration,
        participations_by_role(conference),
        list(decisions_for_reading(request.user).filter(conference=conference)),
    )
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


def declaration_pdf(request: HttpRequest, key: ConferenceKey, language: str | None = None) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    declaration = get_declaration_or_404(conference, language, request.user)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    kind = declaration.kind.replace("_", "-")
    return pdf_response(
        request,
        "declarations/pdf/declaration.html",
        {
            "conference": conference,
            "declaration": declaration,
            "decisions": decisions_for_reading(request.user).filter(conference=conference),
            "draft": not declaration.is_published,
            "paper": paper,
        },
        filename=f"{conference.file_stem}-{kind}-{declaration.language}.pdf",
    )


def briefing_pdf(request: HttpRequest, key: ConferenceKey) -> HttpResponse:
    """The pack delegates take to a meeting: its declaration if there is one, what the previous
    conference decided and where that stands, and an index of the states and organizations named."""
    conference = get_conference_or_404(key, request.user)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    try:
        declaration = get_declaration_or_404(conference, None, request.user)
    except Http404:
        declaration = None
    previous, _ = _neighbours(conference)
    decisions = decisions_for_reading(request.user)
    this_decisions = list(decisions.filter(conference=conference)) if declaration else []
    previous_decisions = list(decisions.filter(conference=previous)) if previous else []
    draft = declaration is not None and not declaration.is_published
    return pdf_response(
        request,
        "declarations/pdf/briefing.html",
        {
            "conference": conference,
            "declaration": declaration,
            "decisions": this_decisions,
            "previous": previous,
            "previous_decisions": previous_decisions,
            "index": mention_index([*this_decisions, *previous_decisions]),
            "draft": draft,
            "paper": paper,
        },
        filename=f"{conference.file_stem}-briefing.pdf",
    )


PARAGRAPHS_PER_PAGE = 25
PARAGRAPH_EXPORT_FIELDS = ["citation", "url", "conference", "year", "language", "position", "text"]


def _filtered_paragraphs(request: HttpRequest) -> ParagraphFilter:
    paragraphs = published_paragraphs().select_related("declaration__conference").order_by(*PARAGRAPHS_NEWEST_FIRST)
    return ParagraphFilter(request.GET, queryset=paragraphs, request=request)


def paragraph_list(request: HttpRequest) -> HttpResponse:
    """The paragraphs of every published declaration, filtered like the decisions."""
    filterset = _filtered_paragraphs(request)
    if not filterset.is_valid():
        return render(request, "declarations/paragraph_list.html", {"filter": filterset, "page": None}, status=400)
    page = Paginator(filterset.qs, PARAGRAPHS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "declarations/paragraph_list.html", {"filter": filterset, "page": page, "query": query.urlencode()}
    )


def _paragraph_row(paragraph: Paragraph) -> dict:
    conference = paragraph.declaration.conference
    return {
        "citation": str(paragraph),
        "url": f"{paragraph.declaration.get_absolute_url()}#{paragraph.anchor}",
        "conference": conference.name,
        "year": conference.year,
        "language": paragraph.declaration.language,
        "position": paragraph.position,
        "text": paragraph.text,
    }


def paragraph_list_csv(request: HttpRequest) -> HttpResponse:
    filterset = _filtered_paragraphs(request)
    if not filterset.is_valid():
        return HttpResponseBadRequest(filterset.errors_text(), content_type="text/plain; charset=utf-8")
    return csv_response(filterset.qs, _paragraph_row, PARAGRAPH_EXPORT_FIELDS, "rcm-paragraphs")


def paragraph_list_json(request: HttpRequest) -> HttpResponse:
    filterset = _filtered_paragraphs(request)
    if not filterset.is_valid():
        return JsonResponse({"error": filterset.errors_text()}, status=400)
    return json_response(filterset.qs, _paragraph_row, "rcm-paragraphs")
