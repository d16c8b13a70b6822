from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render

from declarations.access import published_paragraphs, readable_declarations
from declarations.filters import PARAGRAPHS_NEWEST_FIRST, ParagraphFilter
from declarations.models import Declaration, Paragraph
from declarations.selectors import conferences_for_reading
from rcm.base.models import Body
from rcm.lib.citations import VICE_MINISTERIAL
from rcm.lib.exports import csv_response, export_address, json_response


def conference_list(request: HttpRequest) -> HttpResponse:
    conferences = conferences_for_reading(request.user).filter(body__slug=VICE_MINISTERIAL)
    return render(request, "declarations/conference_list.html", {"conferences": conferences})


def circulated_list(request: HttpRequest) -> HttpResponse:
    """The texts circulated to delegates, newest change first: where a delegate lands after signing in.

    Everyone may open it: the public and accounts without a role read that drafts are circulated to
    delegates, and how to sign in, and no text (readable_declarations decides).
    """
    circulated = (
        readable_declarations(request.user)
        .filter(status=Declaration.Status.CIRCULATED)
        .select_related("conference__body", "conference__host_country", "outcome")
        .order_by("-updated_at")
    )
    return render(request, "declarations/circulated_list.html", {"circulated": circulated})


def meeting_list(request: HttpRequest) -> HttpResponse:
    """Every meeting of every RCM body in the archive, newest first, each fact with its source; ?body= one body's."""
    bodies = Body.objects.filter(meetings__isnull=False).distinct().order_by("name_en")
    meetings = conferences_for_reading(request.user).select_related("presidency_pro_tempore")
    chosen = next((body for body in bodies if body.slug == request.GET.get("body")), None)
    if chosen:
        meetings = meetings.filter(body=chosen)
    return render(request, "declarations/meeting_list.html", {"meetings": meetings, "bodies": bodies, "chosen": chosen})


PARAGRAPHS_PER_PAGE = 25
PARAGRAPH_EXPORT_FIELDS = ["citation", "url", "conference", "year", "language", "position", "text"]


def _filtered_paragraphs(request: HttpRequest) -> ParagraphFilter:
    paragraphs = (
        published_paragraphs()
        .select_related("declaration__conference__body", "declaration__outcome")
        .order_by(*PARAGRAPHS_NEWEST_FIRST)
    )
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
        "url": export_address(paragraph.get_absolute_url()),
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
