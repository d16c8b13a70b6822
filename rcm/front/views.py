"""The reading pages, each showing records of several apps: the home page, a conference, its texts (as
pages and PDFs) and its decisions, the records that texts name (states, organizations, bodies, external
documents), and the search; and what the site answers about itself (health, readiness, its error page
when the database is down)."""

import sys
import uuid
from urllib.parse import urlencode

from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from django.views import defaults, i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from decisions.models import Mention, Topic
from decisions.search import search_archive
from decisions.selectors import (
    decision_chain,
    decisions_for_reading,
    decisions_naming,
    links_to,
    mention_index,
    readable_decisions,
)
from declarations.access import readable_declarations
from declarations.models import Conference, Language, Paragraph, Participation
from declarations.selectors import (
    conferences_for_reading,
    get_conference_or_404,
    get_declaration_or_404,
    get_outcome_or_404,
    participations_by_role,
)
from followup.models import StatusChange
from followup.selectors import decisions_with_followup, name_conferences_waited_for
from rcm.base.models import Body, Country, ExternalDocument, Organization
from rcm.lib.citations import CONCLUSIONS, JOINT_COMMUNIQUE, RCGM, VICE_MINISTERIAL
from rcm.lib.converters import MeetingKey, OutcomeKey
from rcm.lib.languages import reader_language
from rcm.lib.outage import Outage
from rcm.lib.pagecache import cache_public_page
from rcm.lib.pdf import bad_paper, paper_from, pdf_response
from rcm.lib.search import SearchForm, full_text, languages_of

LATEST_DECLARATIONS = 5
# What the 503 page tells clients and crawlers: a database restart takes a few seconds.
RETRY_AFTER_SECONDS = 10
DATABASE = Outage("The database")
DECISIONS = gettext_lazy("decisions")


def home(request: HttpRequest) -> HttpResponse:
    texts = (
        readable_declarations(request.user)
        .select_related("conference__host_country", "conference__body", "outcome")
        .order_by(F("conference__start_date").desc(nulls_last=True), "-conference__number", "outcome", "language")[
            : 2 * LATEST_DECLARATIONS
        ]
    )
    latest = {}  # one card per document: its text in the reader's language where it has one
    for text in texts:
        if text.outcome_id not in latest or text.language == reader_language():
            latest[text.outcome_id] = text
    return render(
        request,
        "front/home.html",
        {
            "latest_declarations": list(latest.values())[:LATEST_DECLARATIONS],
            "conferences": conferences_for_reading(request.user).filter(body__slug=VICE_MINISTERIAL),
        },
    )


def _neighbours(conference: Conference) -> tuple[Conference | None, Conference | None]:
    """The meetings of the same body and kind before and after it: by number, or for meetings without
    one, by the day they opened."""
    same_kind = Conference.objects.filter(body=conference.body_id, kind=conference.kind).select_related("body")
    order = "number" if conference.is_numbered else "start_date"
    value = getattr(conference, order)
    previous = same_kind.filter(**{f"{order}__lt": value}).order_by(f"-{order}").first()
    following = same_kind.filter(**{f"{order}__gt": value}).order_by(order).first()
    return previous, following


@cache_public_page
def conference_detail(request: HttpRequest, key: MeetingKey) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    previous, following = _neighbours(conference)
    declarations = (
        readable_declarations(request.user)
        .filter(conference=conference)
        .select_related("conference__body", "outcome")
        .order_by("outcome__position", "language")
    )
    readable = readable_decisions(request.user)
    documents = _by_document(declarations)
    return render(
        request,
        "front/conference_detail.html",
        {
            "conference": conference,
            "previous": previous,
            "following": following,
            "participations": participations_by_role(conference),
            "declarations": declarations,
            "documents": documents,
            # From the documents this reader may read only: a draft's kind is not for every reader to know.
            "items_heading": _items_heading(document["grouper"] for document in documents),
            "decisions": readable.filter(conference=conference).select_related("conference__body", "outcome"),
            "referred_by": links_to(conference, readable, "conference__start_date", "number"),
        },
    )


# What the items of each kind of document are called, in a list's heading (declarations.models.ITEM_WORDS).
ITEMS_BY_KIND = {JOINT_COMMUNIQUE: gettext_lazy("agreements"), CONCLUSIONS: gettext_lazy("conclusions")}


def _items_heading(outcomes) -> str:
    """ "Decisions", "Conclusions", "Decisions and agreements": what a meeting's documents call their items."""
    words = [str(word) for word in dict.fromkeys(ITEMS_BY_KIND.get(outcome.kind, DECISIONS) for outcome in outcomes)]
    if not words:
        words = [str(DECISIONS)]
    if len(words) == 1:
        return capfirst(words[0])
    return capfirst(gettext("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]})


def _by_document(declarations) -> list[dict]:
    """The texts grouped by their document, as {% regroup %} would: [{"grouper": outcome, "list": texts}]."""
    documents: dict[int, dict] = {}
    for declaration in declarations:
        documents.setdefault(declaration.outcome_id, {"grouper": declaration.outcome, "list": []})["list"].append(
            declaration
        )
    return list(documents.values())


@cache_public_page
def declaration_detail(
    request: HttpRequest, key: MeetingKey, document: OutcomeKey, language: str | None = None
) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    outcome = get_outcome_or_404(conference, document)
    # With no language in the address, the text in the reader's language if there is one.
    declaration = get_declaration_or_404(outcome, language, request.user, preferred=reader_language())
    others = (
        readable_declarations(request.user)
        .filter(outcome=outcome)
        .filter(~Q(language=declaration.language))
        .values_list("language", flat=True)
    )
    other_languages = [Language(code) for code in dict.fromkeys(others)]
    return render(
        request,
        "front/declaration_detail.html",
        {
            "conference": conference,
            "declaration": declaration,
            "other_languages": other_languages,
            # The reader's language has no text of this document that they may read: the page says so.
            "only_in_other_language": declaration.language != reader_language()
            and reader_language() not in other_languages,
            "participations": participations_by_role(conference),
            "decisions": decisions_for_reading(request.user).filter(outcome=outcome),
        },
    )


def declaration_pdf(
    request: HttpRequest, key: MeetingKey, document: OutcomeKey, language: str | None = None
) -> HttpResponse:
    conference = get_conference_or_404(key, request.user)
    outcome = get_outcome_or_404(conference, document)
    declaration = get_declaration_or_404(outcome, language, request.user)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    return pdf_response(
        request,
        "front/pdf/declaration.html",
        {
            "conference": conference,
            "declaration": declaration,
            "decisions": decisions_for_reading(request.user).filter(outcome=outcome),
            "draft": not declaration.is_published,
            "paper": paper,
        },
        filename=f"{conference.file_stem}-{outcome.slug}-{declaration.language}.pdf",
    )


def briefing_pdf(request: HttpRequest, key: MeetingKey) -> HttpResponse:
    """The pack delegates take to a meeting: its declaration if there is one, what the previous
    conference decided and where that stands, and an index of the states and organizations named."""
    conference = get_conference_or_404(key, request.user)
    paper = paper_from(request)
    if paper is None:
        return bad_paper(request)
    try:
        declaration = get_declaration_or_404(get_outcome_or_404(conference, None), None, request.user)
    except Http404:
        declaration = None
    decisions = decisions_for_reading(request.user)
    previous = _previous_held(conference, decisions)
    this_decisions = list(decisions.filter(outcome=declaration.outcome)) if declaration else []
    previous_decisions = list(decisions.filter(conference=previous)) if previous else []
    rcgm_decisions = list(decisions.filter(conference__in=_rcgm_meetings_between(previous, conference)))
    sections = [
        name
        for name, present in (
            ("declaration", declaration),
            ("previous", True),
            ("rcgm", rcgm_decisions),
            ("index", True),
        )
        if present
    ]
    draft = declaration is not None and not declaration.is_published
    return pdf_response(
        request,
        "front/pdf/briefing.html",
        {
            "conference": conference,
            "declaration": declaration,
            "decisions": this_decisions,
            "previous": previous,
            "previous_decisions": previous_decisions,
            "rcgm_decisions": rcgm_decisions,
            "numbers": {name: number for number, name in enumerate(sections, start=1)},
            "index": mention_index([*this_decisions, *previous_decisions, *rcgm_decisions]),
            "draft": draft,
            "paper": paper,
        },
        filename=f"{conference.file_stem}-briefing.pdf",
    )


def _previous_held(conference: Conference, decisions) -> Conference | None:
    """The latest meeting of the same body and kind before `conference` that was held (it has a day, and that
    day has come) and whose decisions the reader may read: the one whose follow-up a briefing pack reports,
    not a later one the archive knows only as planned or whose texts are not in it."""
    order = "number" if conference.is_numbered else "start_date"
    return (
        Conference.objects.filter(
            body=conference.body_id,
            kind=conference.kind,
            start_date__lte=timezone.localdate(),
            pk__in=decisions.values("conference"),
            **{f"{order}__lt": getattr(conference, order)},
        )
        .select_related("body")
        .order_by(f"-{order}")
        .first()
    )


def _rcgm_meetings_between(previous: Conference | None, conference: Conference):
    """The RCGM's meetings since the previous conference opened, up to this one (or today, for one not held):
    the technical preparation of this conference."""
    meetings = Conference.objects.filter(body__slug=RCGM)
    if previous is not None and previous.start_date:
        meetings = meetings.filter(start_date__gt=previous.start_date)
    elif previous is not None:
        meetings = meetings.filter(start_date__year__gte=previous.year)
    until = conference.start_date or timezone.localdate()
    return meetings.filter(start_date__lte=until)


@cache_public_page
def decision_detail(
    request: HttpRequest, key: MeetingKey, number: int, document: OutcomeKey | None = None
) -> HttpResponse:
    """An item of a meeting's document: of its principal one without `document` (/conferences/17/decisions/5/),
    else of that document (/conferences/23/joint-communique/4/)."""
    conference = get_conference_or_404(key, request.user)
    outcome = get_outcome_or_404(conference, document)
    decision = (
        decisions_with_followup(decisions_for_reading(request.user))
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related(
                    *(f"mandate__mention__{field}" for field in Mention.actor_fields())
                ),
                to_attr="ordered_changes",
            ),
            Prefetch("topics", queryset=Topic.objects.order_by(f"name_{reader_language()}")),
        )
        .filter(outcome=outcome, number=number)
        .first()
    )
    if decision is None:
        raise Http404("No such decision")
    name_conferences_waited_for([decision])
    # One timeline of what happened: status changes and actions, newest first; a mandate's actions are
    # shown with the mandate.
    timeline = sorted(
        [(change.date, change, None) for change in decision.ordered_changes]
        + [(action.date, None, action) for action in decision.ordered_actions if action.mandate_id is None],
        key=lambda entry: entry[0],
        reverse=True,
    )
    readable = {
        d.language: d
        for d in readable_declarations(request.user)
        .filter(outcome=outcome)
        .select_related("conference__body", "outcome")
    }
    texts = [
        (language, label, decision.text_in(language), readable[language])
        for language, label in sorted(Language.choices, key=lambda choice: choice[0] != reader_language())
        if language in readable and decision.text_in(language)
    ]  # the reader's language first
    return render(
        request,
        "front/decision_detail.html",
        {
            "conference": conference,
            "decision": decision,
            "texts": texts,
            "permalink": request.build_absolute_uri(decision.get_absolute_url()),
            "timeline": timeline,
            "chain": decision_chain(decision, request.user),
        },
    )


def register_pdf(request: HttpRequest, key: MeetingKey) -> HttpResponse:
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
        "front/pdf/register.html",
        {
            "conference": conference,
            "decisions": list(decisions_for_reading(request.user).filter(conference=conference)),
            "draft": not any(declaration.is_published for declaration in declarations),
            "paper": paper,
        },
        filename=f"{conference.file_stem}-decisions.pdf",
    )


def state_list(request: HttpRequest) -> HttpResponse:
    countries = Country.objects.order_by("-is_member", f"name_{reader_language()}")
    return render(request, "front/state_list.html", {"countries": countries})


def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    if country.code != code:
        return redirect(country, permanent=True)
    participations = (
        Participation.objects.filter(country=country)
        .select_related("conference__body")
        .order_by("-conference__start_date", "-conference__number")
    )
    return render(
        request,
        "front/state_detail.html",
        {
            "country": country,
            "participations": participations,
            "hosted": country.hosted_conferences.select_related("body").order_by("-start_date", "-planned_year"),
            "bodies": country.bodies.all(),
            "named": decisions_naming(readable_decisions(request.user), country),
        },
    )


def organization_list(request: HttpRequest) -> HttpResponse:
    return render(request, "front/organization_list.html", {"organizations": Organization.objects.all()})


def organization_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    organization = Organization.objects.filter(acronym__iexact=acronym).first()
    if organization is None:
        raise Http404("No such organization")
    if organization.acronym != acronym:
        return redirect(organization, permanent=True)
    participations = (
        Participation.objects.filter(organization=organization)
        .select_related("conference__body")
        .order_by("-conference__start_date", "-conference__number")
    )
    return render(
        request,
        "front/organization_detail.html",
        {
            "organization": organization,
            "participations": participations,
            "named": decisions_naming(readable_decisions(request.user), organization),
        },
    )


def body_list(request: HttpRequest) -> HttpResponse:
    # By their name in the reader's language, which may be the English one where no Spanish name is recorded.
    bodies = sorted(Body.objects.all(), key=lambda body: body.name.casefold())
    return render(request, "front/body_list.html", {"bodies": bodies})


def body_detail(request: HttpRequest, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, slug=slug)
    return render(
        request,
        "front/body_detail.html",
        {
            "body": body,
            "members": body.members.all(),
            "meetings": conferences_for_reading(request.user).filter(body=body),
            "named": decisions_naming(readable_decisions(request.user), body),
        },
    )


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(ExternalDocument, slug=slug)
    links = links_to(document, readable_decisions(request.user), "-conference__start_date", "number")
    paragraphs = (
        Paragraph.objects.filter(documents=document, declaration__in=readable_declarations(request.user))
        .select_related("declaration__conference__body", "declaration__outcome")
        .order_by("-declaration__conference__start_date", "position")
    )
    return render(
        request, "front/document_detail.html", {"document": document, "links": links, "paragraphs": paragraphs}
    )


@cache_public_page(query=(*SearchForm.base_fields, "page"))
def search(request: HttpRequest) -> HttpResponse:
    """Full-text search of the published decisions and paragraphs and the conferences' themes."""
    form = SearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data["q"] if valid else ""
    language = form.cleaned_data.get("language") or reader_language()
    results = search_archive(q, request.GET.get("page"), languages_of(language)) if q else None
    return render(
        request,
        "front/search.html",
        {
            "form": form,
            "q": q,
            "language": language,
            "results": results,
            "query": urlencode({"q": q, "language": language}),
            "full_text": full_text(),
        },
        status=200 if valid else 400,
    )


# The language switch is a form in the header of every page, and a cached page is the same for every anonymous
# reader, so it cannot carry a reader's CSRF token. A forged request could only switch someone's interface
# language, which the switch on the next page switches back.
set_language = csrf_exempt(i18n.set_language)


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the application answers (it touches no database), and a
    benchmark's baseline of the cheapest Django response (bench/load.py)."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    """For monitoring, and for deciding that a server just started may take traffic: 200 when the
    database and both caches answer, 503 naming those that do not. Only their names: an error's own
    text can name hosts and accounts. Load balancers should route on /health/ instead: with the
    database down, every server is unready, and readers are better served the 503 page of the site
    (which still serves its cached pages) than a balancer's own error."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        failed.append("database")
    failed += [f"{alias} cache" for alias in ("pages", "pdf") if not _cache_answers(alias)]
    if failed:
        body = "".join(f"{name}: not answering\n" for name in failed)
        return HttpResponse(body, content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


def _cache_answers(alias: str) -> bool:
    """Whether what is written to the cache reads back: the Redis caches fail soft (a miss, never an
    error: rcm.lib.rediscache), so only a round trip tells."""
    cache = caches[alias]
    key = f"ready:{uuid.uuid4().hex}"  # every server's probes apart, when they share a Redis
    try:
        cache.set(key, key, timeout=10)
        answered = cache.get(key) == key
        cache.delete(key)
    except Exception:  # whatever the backend raises, it does not answer
        return False
    return answered


def server_error(request: HttpRequest) -> HttpResponse:
    """The page for an error on our side (handler500); when the error is that the database does not
    answer (down, restarting, a connection cut), a 503 saying the archive is briefly unavailable,
    which clients may retry.

    Rendered without the request, so with no context processor: the page must not query the database
    that just failed. Django's connection handling recovers by itself: a connection that failed is
    closed at the end of the request (its errors mark it), and a kept one is checked before it is
    reused (CONN_HEALTH_CHECKS), so the next request after the database is back connects anew.
    """
    error = sys.exc_info()[1]
    # The driver's own classes too: Django leaves some unwrapped (closing a server-side cursor, as a
    # form's choices are read, on a connection the server has just cut).
    driver = connection.Database
    if not isinstance(error, OperationalError | InterfaceError | driver.OperationalError | driver.InterfaceError):
        return defaults.server_error(request)
    DATABASE.failed(error)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Logged once a minute by DATABASE, not with a traceback on each request (django.utils.log.log_response).
    response._has_been_logged = True
    return response
