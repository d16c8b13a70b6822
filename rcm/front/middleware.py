"""Middleware of the project: whole request bodies only, who acts in a request, and what a response to a
signed-in reader says to caches."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from declarations.access import acting_as


class _WholeBody:
    """A request body that raises, instead of ending quietly, when fewer bytes come than its Content-Length.

    A WSGI server's input reads like a file: a read returns less than it was asked for only at the end.
    """

    def __init__(self, stream, length: int) -> None:
        self._stream = stream
        self._missing = length

    def read(self, size: int | None = -1, /) -> bytes:
        asked = self._missing if size is None or size < 0 else min(size, self._missing)
        data = self._stream.read(size)
        self._count(data, ended=len(data) < asked)
        return data

    def readline(self, size: int | None = -1, /) -> bytes:
        asked = self._missing if size is None or size < 0 else min(size, self._missing)
        line = self._stream.readline(size)
        self._count(line, ended=len(line) < asked and not line.endswith(b"\n"))
        return line

    def close(self) -> None:
        self._stream.close()

    def _count(self, data: bytes, *, ended: bool) -> None:
        self._missing -= len(data)
        if ended:
            raise UnreadablePostError(f"the request body ended {self._missing} bytes before its Content-Length")


class WholeBodyMiddleware:
    """Refuses a request whose body ends before its Content-Length: a client gone away mid-upload.

    Django's parser keeps whatever arrived: a form cut short has the fields before the cut and none
    after, and a file cut short is left out. Either could be saved: an action without the document its
    author attached, a paragraph with half its text. So the form is read here, before any view, and a
    body that ends early is a 400 and writes nothing, not even the temporary file of an upload.
    Django stops reading at the Content-Length, so a body can only be short, never long.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: no body
        if length > 0:
            request._stream = _WholeBody(request._stream, length)
            try:
                request.POST  # noqa: B018 (reads a form's fields and files now; another body when a view reads it)
            except UnreadablePostError as error:
                # A file being received is closed, which deletes one spooled to disk (over 2.5 MB) now,
                # not when the error is collected. Django's parser does the same when an upload stops.
                for handler in request.upload_handlers:
                    if getattr(handler, "file", None) is not None:
                        handler.file.close()
                raise BadRequest(f"Incomplete request: {error}") from error
        return self.get_response(request)


class ActingUserMiddleware:
    """Every write of a request is made by its user (the write gate, declarations.access): no view forgets it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(request.user):
            return self.get_response(request)


class PrivateWhenSignedInMiddleware:
    """Marks every response to a signed-in request `Cache-Control: private`.

    What a signed-in reader gets may be a draft, a circulated text, a staff page or their own name in
    the header, so no shared cache (a proxy, a CDN) may keep it for anyone else. Deciding it here, for
    every response, means that no view can forget it. A view's own directives (no-cache, no-store)
    are kept; a `public` is replaced. Reading request.user marks the session as read, so Django's
    session middleware also adds `Vary: Cookie`: the same address answers the public differently.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


class ReaderLanguageMiddleware(LocaleMiddleware):
    """The interface language of a request: `?lang=es` or `?lang=en` when the address names one, else as
    Django's LocaleMiddleware chooses (the language cookie set by the switch in every page's header, then
    Accept-Language, then English).

    Addresses are the same in both languages (docs/languages.md), so that a decision has one address
    whoever cites it; `?lang=` lets a link open in a given language without changing the reader's own
    choice, which only the switch does.
    """

    def process_request(self, request: HttpRequest) -> None:
        asked = request.GET.get("lang", "")
        if asked in dict(settings.LANGUAGES):
            translation.activate(asked)
            request.LANGUAGE_CODE = asked
        else:
            super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        # The same address answers in the language of the reader's cookie: no shared cache may serve one
        # reader's language to another (LocaleMiddleware adds Accept-Language already).
        patch_vary_headers(response, ("Cookie",))
        return response
