from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from decisions.models import Link
from declarations.models import Conference
from declarations.schema import declaration_to_json
from declarations.selectors import (
    conferences_for_reading,
    decisions_for_reading,
    get_conference_or_404,
    get_declaration_or_404,
    participations_by_role,
)
from rcm.access import readable_decisions, readable_declarations
from rcm.converters import ConferenceKey

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
