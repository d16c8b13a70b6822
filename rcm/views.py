"""Pages of the records that texts name: states, organizations, bodies and external documents."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from decisions.selectors import decisions_naming, links_to
from declarations.models import Paragraph, Participation
from rcm.access import readable_decisions, readable_declarations
from rcm.models import Body, Country, ExternalDocument, Organization
from rcm.search import SearchForm, full_text, search_archive


def state_list(request: HttpRequest) -> HttpResponse:
    countries = Country.objects.order_by("-is_member", "name_en")
    return render(request, "rcm/state_list.html", {"countries": countries})


def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    if country.code != code:
        return redirect(country, permanent=True)
    participations = (
        Participation.objects.filter(country=country)
        .select_related("conference")
        .order_by("-conference__start_date", "-conference__number")
    )
    return render(
        request,
        "rcm/state_detail.html",
        {
            "country": country,
            "participations": participations,
            "hosted": country.hosted_conferences.order_by("-start_date", "-planned_year"),
            "bodies": country.bodies.all(),
            "named": decisions_naming(readable_decisions(request.user), country=country),
        },
    )


def organization_list(request: HttpRequest) -> HttpResponse:
    return render(request, "rcm/organization_list.html", {"organizations": Organization.objects.all()})


def organization_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    organization = Organization.objects.filter(acronym__iexact=acronym).first()
    if organization is None:
        raise Http404("No such organization")
    if organization.acronym != acronym:
        return redirect(organization, permanent=True)
    participations = (
        Participation.objects.filter(organization=organization)
        .select_related("conference")
        .order_by("-conference__start_date", "-conference__number")
    )
    return render(
        request,
        "rcm/organization_detail.html",
        {
            "organization": organization,
            "participations": participations,
            "named": decisions_naming(readable_decisions(request.user), organization=organization),
        },
    )


def body_list(request: HttpRequest) -> HttpResponse:
    return render(request, "rcm/body_list.html", {"bodies": Body.objects.all()})


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    return render(
        request,
        "rcm/body_detail.html",
        {
            "body": body,
            "members": body.members.all(),
            "named": decisions_naming(readable_decisions(request.user), body=body),
        },
    )


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(ExternalDocument, slug=slug)
    links = links_to(document, readable_decisions(request.user), "-conference__start_date", "number")
    paragraphs = (
        Paragraph.objects.filter(documents=document, declaration__in=readable_declarations(request.user))
        .select_related("declaration__conference")
        .order_by("-declaration__conference__start_date", "position")
    )
    return render(request, "rcm/document_detail.html", {"document": document, "links": links, "paragraphs": paragraphs})


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search of the published decisions and paragraphs and the conferences' themes."""
    form = SearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data["q"] if valid else ""
    results = search_archive(q, request.GET.get("page")) if q else None
    return render(
        request,
        "rcm/search.html",
        {"form": form, "q": q, "results": results, "query": urlencode({"q": q}), "full_text": full_text()},
        status=200 if valid else 400,
    )


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the application answers (it touches no database), and a
    benchmark's baseline of the cheapest Django response (bench/load.py)."""
    return HttpResponse("ok\n", content_type="text/plain")
