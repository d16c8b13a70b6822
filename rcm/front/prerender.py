"""Published PDFs rendered as soon as their meeting's records change, so that the first reader after a change
is served a PDF as fast as a cached one.

A PDF is cached under the hash of its HTML (rcm.lib.pdf): a change to what it shows makes a new one, rendered
when it is first asked for, which takes the reader a second or more for a long declaration. Instead, a staff
request that writes a meeting's records (publishing a text, saving its paragraphs or decisions, a link, a
mandate...) has, once it has answered, that meeting's public PDFs asked for in a thread of the same process:
each published text's PDF, the register of its decisions and its briefing pack, on A4, in both interface
languages, as an anonymous reader asks for them, through the whole middleware stack. What did not change is
a cache hit and costs only its HTML. Letter paper, drafts and circulated texts are still rendered on first
request: they are read by few.

In a thread rather than a task queue: the work is a few renders a minute at most, and the process that served
the edit is there to do it; a worker stopped mid-render (a restart, gunicorn's max_requests) only leaves the
next reader to render it, as before. Writes outside a request (the importer's command, a restore) have no
host to render for: their PDFs are rendered on first request. Settings: PRERENDER_PDFS (on by default; the
test suite turns it off but where it tests it, since most tests write in transactions no thread can see).
"""

import functools
import io
import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from decisions.models import Decision
from declarations.models import Conference, Declaration, Language

logger = logging.getLogger(__name__)

THREAD_NAME = "pdf-prerender"
# What a request wrote: the meetings, and the texts and decisions whose meeting is looked up once, at the end.
_written = threading.local()


def _record_written(sender, instance, **kwargs) -> None:
    meetings = getattr(_written, "meetings", None)
    if meetings is None:
        return  # not inside a request (a command, a migration) or inside the renders themselves
    if isinstance(instance, Conference):
        meetings.add(instance.pk)
    elif (conference := getattr(instance, "conference_id", None)) is not None:
        meetings.add(conference)
    elif (declaration := getattr(instance, "declaration_id", None)) is not None:
        _written.declarations.add(declaration)
    elif (decision := getattr(instance, "decision_id", None) or getattr(instance, "source_id", None)) is not None:
        _written.decisions.add(decision)


def watch_writes() -> None:
    """Connected once, from the app's ready()."""
    for signal in (post_save, post_delete):
        signal.connect(_record_written, dispatch_uid=f"prerender-{signal is post_save}")


def _meetings_written() -> set[int]:
    meetings = set(_written.meetings)
    meetings |= set(Declaration.objects.filter(pk__in=_written.declarations).values_list("conference_id", flat=True))
    meetings |= set(Decision.objects.filter(pk__in=_written.decisions).values_list("conference_id", flat=True))
    return meetings


def public_pdfs(conference: Conference) -> list[str]:
    """The addresses of a meeting's PDFs that anyone may read: none until one of its texts is published."""
    published = list(conference.declarations.filter(status=Declaration.Status.PUBLISHED).select_related("outcome"))
    if not published:
        return []
    return [
        *(declaration.get_pdf_url() for declaration in published),
        reverse("register_pdf", args=[conference]),
        reverse("briefing_pdf", args=[conference]),
    ]


def _as_anonymous_reader(request: HttpRequest) -> dict:
    """The WSGI environment of an anonymous request for the same site: its host and scheme are part of a PDF
    (its permanent addresses, the base of its files), as a proxy in front of it forwards them."""
    forwarded = ["HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT"]
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded.append(settings.SECURE_PROXY_SSL_HEADER[0])
    environ = {name: request.META[name] for name in forwarded if name in request.META}
    return {**environ, "wsgi.url_scheme": request.META.get("wsgi.url_scheme", "http"), "REMOTE_ADDR": "127.0.0.1"}


@functools.cache
def _handler() -> WSGIHandler:
    """The whole site as a WSGI application, made once per process: loading its middleware has a cost."""
    return WSGIHandler()


def render_public_pdfs(meetings: set[int], environ: dict) -> None:
    """Ask for each meeting's public PDFs, as an anonymous reader of each interface language would."""
    handler = _handler()
    for conference in Conference.objects.filter(pk__in=meetings).select_related("body"):
        for path in public_pdfs(conference):
            for language in Language.values:
                request = {
                    **environ,
                    "REQUEST_METHOD": "GET",
                    "PATH_INFO": path,
                    "QUERY_STRING": "",
                    "HTTP_ACCEPT_LANGUAGE": language,
                    "wsgi.input": io.BytesIO(),
                    "wsgi.errors": io.StringIO(),
                }
                response = handler(request, lambda status, headers: None)
                response.close()
                if response.status_code != 200:
                    logger.warning("Pre-rendering %s in %s answered %s", path, language, response.status_code)


def _render_in_background(meetings: set[int], environ: dict) -> None:
    try:
        render_public_pdfs(meetings, environ)
    except Exception:
        # A reader asking for the PDF renders it as before; this only lost the head start.
        logger.exception("Could not pre-render the PDFs of meetings %s", sorted(meetings))
    finally:
        connections.close_all()  # this thread's own, kept open by CONN_MAX_AGE, would outlive it


class PrerenderPdfsMiddleware:
    """After a request that wrote a meeting's records and succeeded, renders its public PDFs in a thread."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD", "OPTIONS") or not settings.PRERENDER_PDFS:
            return self.get_response(request)
        _written.meetings, _written.declarations, _written.decisions = set(), set(), set()
        try:
            response = self.get_response(request)
            meetings = _meetings_written() if response.status_code < 400 else set()
        finally:
            _written.meetings = None
        if meetings:
            thread = threading.Thread(
                target=_render_in_background,
                args=(meetings, _as_anonymous_reader(request)),
                name=THREAD_NAME,
                daemon=True,
            )
            thread.start()
        return response
