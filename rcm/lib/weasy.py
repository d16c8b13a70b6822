"""WeasyPrint, behind a URL fetcher that reaches only this project's static files.

WeasyPrint fetches what a document refers to (stylesheets, fonts, images). The fetcher here serves
only the static files under the document's own base URL and `data:` URLs, and refuses every other
scheme, host and path, redirects included, so nothing in a document can make the server read its
files or reach its network.
"""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"  # tagged and accessible: structure, language and title for screen readers


class RefusedURL(ValueError):
    pass


class StaticFilesFetcher(URLFetcher):
    """Fetches `data:` URLs and the project's static files under `base_url`, and nothing else."""

    def __init__(self, base_url: str) -> None:
        super().__init__(allowed_protocols=["data", "http", "https"], allow_redirects=False)
        parts = urlsplit(base_url)
        self._origin = (parts.scheme, parts.netloc)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)  # decoded in memory by urllib, no I/O
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin or not parts.path.startswith(settings.STATIC_URL):
            raise RefusedURL(f"Refused to fetch {url!r}: a PDF may use only this site's static files")
        relative = PurePosixPath(unquote(parts.path.removeprefix(settings.STATIC_URL)))
        if relative.is_absolute() or ".." in relative.parts:
            raise RefusedURL(f"Refused to fetch {url!r}: not a static file")
        path = finders.find(str(relative))
        if path is None:
            raise RefusedURL(f"Refused to fetch {url!r}: no such static file")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as file:
            return URLFetcherResponse(url, file.read(), {"Content-Type": content_type})


def render_pdf(html: str, base_url: str) -> bytes:
    """The PDF of a complete HTML document; relative URLs in it resolve against `base_url`."""
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url))
    return document.write_pdf(pdf_variant=PDF_VARIANT)
