from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from decisions.models import Link
from declarations.models import Conference
from declarations.schema import declaration_to_json
from declarations.selectors import (
    conferences_for_reading,
    decisions_for_reading,
    get_conference_or_404,
    get_declaration_or_404,
    mention_index,
    participations_by_role,
)
from rcm.access import readable_decisions, readable_declarations
from rcm.converters import ConferenceKey
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


def conference_detail(request: HttpRequest, key: ConferenceKey) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    previous, following = _neighbours(conference)
    declarations = readable_declarations(request.user).filter(conference=conference).select_related("conference")
    referred_by = (
        Link.objects.filter(target_conference=conference, source__in=readable_decisions(request.user))
        .select_related("source__conference")
        .order_by("source__conference__start_date", "source__number")
    )
    return render(
        request,
        "declarations/conference_detail.html",
        {
            "conference": conference,
            "previous": previous,
            "following": following,
            "participations": participations_by_role(conference),
            "declarations": declarations,
            "decisions": readable_decisions(request.user).filter(conference=conference).select_related("conference"),
            "referred_by": referred_by,
        },
    )


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
        private=request.user.is_authenticated,
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
        private=request.user.is_authenticated,
    )
