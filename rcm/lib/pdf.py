"""PDF responses: every PDF the site serves is rendered, cached and revalidated here."""

import hashlib
import logging
import time

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext, gettext_lazy

from rcm.lib.characters import printable

logger = logging.getLogger(__name__)

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
# Part of every cache key: change it when the renderer's settings change, so no stale PDF is served.
PDF_VERSION = "weasyprint-70/pdf-ua-1"
PDF_UNAVAILABLE = {
    "title": gettext_lazy("PDFs cannot be made on this server"),
    "message": gettext_lazy(
        "The Pango library that WeasyPrint needs is missing. On Debian or Ubuntu: "
        "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0. Every page can still be read here."
    ),
}


def paper_from(request: HttpRequest) -> str | None:
    """The paper asked for with ?paper=, A4 when none is; None for a size we do not print on."""
    return PAPER_SIZES.get(request.GET.get("paper", "a4").lower())


def bad_paper(request: HttpRequest) -> HttpResponse:
    message = gettext("This document can be printed on A4 (?paper=a4) or US Letter (?paper=letter) paper.")
    return render(request, "error.html", {"title": gettext("Unknown paper size"), "message": message}, status=400)


def pdf_response(request: HttpRequest, template: str, context: dict, *, filename: str) -> HttpResponse:
    """Render `template` to a PDF, or take it from the cache when the same HTML was rendered before.

    The cache key and the ETag are the hash of the HTML, so any change to what a PDF shows makes a new
    one, and a client that has this version gets 304 Not Modified.
    """
    base_url = request.build_absolute_uri("/")
    # A font has no glyph for a control character, and the one drawn instead broke the whole text layer
    # that screen readers and search read: a record stored before the input rule is printed without it.
    html = printable(render_to_string(template, context, request))
    digest = hashlib.sha256(f"{PDF_VERSION}\n{base_url}\n{html}".encode()).hexdigest()
    etag = f'"{digest}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        cache = caches["pdf"]
        pdf = cache.get(digest)
        if pdf is None:
            try:
                # Imported here so that a server without Pango, which WeasyPrint needs, still serves the pages.
                from rcm.lib.weasy import render_pdf
            except OSError:
                logger.exception("WeasyPrint cannot load its libraries")
                return render(request, "error.html", PDF_UNAVAILABLE, status=503)
            started = time.perf_counter()
            pdf = render_pdf(html, base_url)
            logger.info("Rendered %s in %.0f ms", filename, (time.perf_counter() - started) * 1000)
            cache.set(digest, pdf)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    # Revalidate every time (cheap, thanks to the ETag). What a signed-in reader gets may be a draft or a
    # circulated text: rcm.front.middleware makes it private, so shared caches keep only what the public gets.
    patch_cache_control(response, no_cache=True, public=True)
    return response
