"""Middleware of the project: who acts in a request, and what a response to a signed-in reader says to caches."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from declarations.access import acting_as


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
