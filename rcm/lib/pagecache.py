"""Published pages kept whole for readers who are not signed in, and dropped on every edit.

PublicPageCacheMiddleware, near the top of settings.MIDDLEWARE, stores the pages of the views marked
cache_public_page and answers them, headers and all, before sessions, CSRF, authentication and the
rest of the stack run: a reader with no session or messages cookie needs none of them.

A page is stored under the current "pages version" and its address. Any write to a record of the
archive (a conference, text, decision, link, mandate, country... in any of this project's apps, from
a staff screen, the admin, the seed or a restore) gives the version a new random value, so every
stored page is out of date at once and is rendered again on its next request. The cache is shared
by the worker processes (files in var/cache/pages, or PAGE_CACHE_DIR), so an edit made through one
is seen by all.

The version changes through model signals: this is cache bookkeeping, not business logic, and
signals are the one hook that every way of writing a record passes through. Writes that bypass
signals (bulk_create, QuerySet.update) call pages_changed() themselves. A transaction that writes a
thousand records (an import) changes the version when it starts writing and once more at commit,
not twice per record: each change is a file written in the shared folder.

What a page is stored under, and what is not stored at all:
- The scheme and host it was asked for, as well as its path. A decision page shows its permanent
  address in full, to be cited, so the page depends on the host. Django checks the host against
  ALLOWED_HOSTS before any view runs (an unknown name is a 400), but that check ignores the port, so
  "127.0.0.1:1337" passes where "127.0.0.1" is allowed: keyed on the path alone, one such request put
  its address in the page everyone was served after. Keyed on the host, a page is only ever served
  to requests for the same host.
- The interface language (the page's words and names), as well as its address.
- Its query string, as it was asked for, on the pages that read one: the list of decisions and the
  search (cache_public_page(query=...)), whose address holds the filters or the words, so that a
  search shared around a conference is rendered once for its hundred readers. Such a page is kept only
  when every parameter is one its view reads and the page is a 200 (a filter that does not validate is
  a 400), so "?x=1" is never another copy of a page. Other pages read no parameter and are never kept
  with one. The words of a search can be anything: PAGE_CACHE_ENTRIES (files) or Redis's maxmemory
  (least recently used first) bounds what is kept, and a flood of new searches only makes searches
  uncached again, as they were before.

In Redis (REDIS_URL), the cache may not answer (rcm.lib.rediscache): pages are then served uncached.
An edit made meanwhile cannot change the version, and Redis may come back with the old version and the
pages stored under it (it was only unreachable, or restarted with its data). So a process that has seen
a cache operation fail changes the version before it next reads it, on its first request once Redis
answers: the process that saved the edit saw its own change fail, and every process that served a
request during the outage saw the outage. One that served none (an idle worker) may serve a page from
before the outage until one of those has served its next request.
"""

import hashlib
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import wraps

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from rcm.lib import rediscache

VERSION_KEY = "pages-version"
# The apps whose records the cached pages show: each one watches itself (watch_archive, from its ready()).
WATCHED_APPS: list[str] = []

# Whether this thread has read the pages version since it last changed it (see _record_changed).
_reading = threading.local()
# The count of failed cache operations (rcm.lib.rediscache) when this process last changed the version.
_changed_after_failures = 0


def _cache():
    return caches["pages"]


def pages_version() -> str | None:
    """The version pages are stored under now; None when the cache does not answer."""
    if rediscache.failures() != _changed_after_failures:
        pages_changed()  # writes may have been lost since this process last changed it
    _reading.since_change = True
    version = _cache().get(VERSION_KEY)
    if version is None:
        _cache().add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = _cache().get(VERSION_KEY)
    return version


def pages_changed() -> None:
    global _changed_after_failures
    if hasattr(_request, "version"):
        _request.version = None  # read again by the parts of the page this request renders next
    failures = rediscache.failures()
    _cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    if rediscache.failures() == failures:  # it reached the cache
        _changed_after_failures = failures


def _record_changed(sender, **kwargs) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        pages_changed()  # committed already
        return
    # Now, so that this process never serves the old page (needed again only if it has read a page
    # since); and once the transaction commits, so that a page another process rendered meanwhile from
    # the old data is not kept either (once is enough: Django drops the callback if the transaction,
    # or the savepoint it was registered in, rolls back).
    if getattr(_reading, "since_change", True):
        pages_changed()
        _reading.since_change = False
    if not any(callback is pages_changed for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(pages_changed)


def watch_archive(app_config: AppConfig) -> None:
    """Connect every model of an app of the archive (called once, from its AppConfig.ready)."""
    WATCHED_APPS.append(app_config.label)
    for model in app_config.get_models():
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"pages-{model._meta.label}-save")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"pages-{model._meta.label}-delete")
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(_record_changed, sender=m2m.remote_field.through, dispatch_uid=f"pages-{m2m}-m2m")
    # A release changes templates, not only records: `manage.py migrate`, which every deployment (and
    # `make setup`) runs, starts a new version too, so no page of the previous release is served after it.
    post_migrate.connect(_released, sender=app_config, dispatch_uid=f"pages-{app_config.label}-migrate")


def _released(**kwargs) -> None:
    pages_changed()


def _anonymous(request: HttpRequest) -> bool:
    """Not signed in and no message waiting, as the cookies say: the page is the one everybody gets.
    Decided on the cookies alone, before the session is read, so that a cached page costs no query."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def cache_public_page(view=None, *, query: Iterable[str] = ()):
    """Marks `view`'s page as one that PublicPageCacheMiddleware may keep for anonymous readers; with
    `query`, the names of the parameters that choose what it shows, kept for each query string of them.

    @cache_public_page, or @cache_public_page(query=("q", "page")).
    """
    parameters = frozenset(query)

    def mark(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            request.public_page = True
            request.public_query = parameters
            return view(request, *args, **kwargs)

        return wrapped

    return mark if view is None else mark(view)


# The pages version as the parts of the page this thread is rendering read it: once per request, not once per
# part (a list's form has sixteen fields, each a lookup), and the same for every part of one page. Set only
# between request_started and request_finished: outside a request (a command, a thread), read every time.
_request = threading.local()


@receiver(request_started)
def _request_started(**kwargs) -> None:
    _request.version = None


@receiver(request_finished)
def _request_finished(**kwargs) -> None:
    _request.__dict__.pop("version", None)


def _request_version() -> str | None:
    if not hasattr(_request, "version"):
        return pages_version()
    if _request.version is None:
        _request.version = pages_version()
    return _request.version


def cached_fragments(kind: str, keys: Sequence, render: Callable[[list], dict]) -> list:
    """The parts of public pages named by `keys` (a decision's row of a list, by its id), in their order:
    those this process has kept, and the others from `render(missing keys)`, which returns them by key.
    A key that `render` leaves out is left out.

    A row is the same on every list that shows it (each filter of the decisions, a topic's page), so a
    reader of a filter nobody has asked for yet still gets most of its rows made already (docs/search.md,
    "The filter page, one request"). Kept in this process's memory (CACHES["fragments"], bounded) under
    the pages version and the interface language: an edit anywhere makes every kept part unreachable at
    once, as it does the pages, on every app server. Without a version (the cache does not answer), each
    is rendered.
    """
    version = _request_version()
    if version is None:
        rendered = render(list(keys))
        return [rendered[key] for key in keys if key in rendered]
    prefix = f"{kind}:{version}:{translation.get_language()}:"
    kept = caches["fragments"].get_many([f"{prefix}{key}" for key in keys])
    missing = [key for key in keys if f"{prefix}{key}" not in kept]
    if missing:
        rendered = render(missing)
        caches["fragments"].set_many({f"{prefix}{key}": fragment for key, fragment in rendered.items()})
        kept.update({f"{prefix}{key}": fragment for key, fragment in rendered.items()})
    return [kept[f"{prefix}{key}"] for key in keys if f"{prefix}{key}" in kept]


# This process's own copies of the pages it served last, under the same keys: a hit then reads only the
# pages version from the shared cache, not the page (a file to read and decompress, or a Redis round
# trip). The key holds the version, so an edit anywhere makes every copy unreachable at once, as in the
# shared cache; a copy lives no longer than the shared cache's timeout, and the oldest goes first.
LOCAL_PAGES = 100
_local: dict[str, tuple[float, tuple]] = {}
_local_lock = threading.Lock()


def _local_get(key: str) -> tuple | None:
    entry = _local.get(key)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def _local_set(key: str, stored: tuple) -> None:
    timeout = _cache().default_timeout
    expires = time.monotonic() + timeout if timeout is not None else float("inf")
    with _local_lock:
        _local.pop(key, None)
        while len(_local) >= LOCAL_PAGES:
            del _local[next(iter(_local))]
        _local[key] = (expires, stored)


class PublicPageCacheMiddleware:
    """Answers an anonymous reader's GET of a stored page before the rest of the middleware runs.

    Sessions, CSRF, authentication, messages and the rest do nothing for such a reader that the stored
    page does not already hold, so the stored response is answered as the whole stack answered it: the
    content and every header (Content-Type, Content-Language, Vary, Cache-Control, the CSP and the other
    security headers). A page is stored on its way out, here and only here, when its view was marked
    (cache_public_page), it is a 200 to an anonymous GET, and the response sets no cookie (a CSRF or a
    session cookie would make it one reader's page). The interface language is the one the rest of the
    stack chooses without a query string (the language cookie, then Accept-Language); a response in
    another language is not stored under it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key, language = self._key(request)
        if key is None:
            return self.get_response(request)
        stored = _local_get(key)
        if stored is None:
            stored = _cache().get(key)
            if stored is not None:
                _local_set(key, stored)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            return response
        response = self.get_response(request)
        if (
            getattr(request, "public_page", False)
            and request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and set(request.GET) <= request.public_query
            and response.get("Content-Language") == language
            and getattr(request, "user", None) is not None
            and not request.user.is_authenticated
        ):
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            _cache().set(key, (response.content, headers))
            _local_set(key, (response.content, headers))
        return response

    @staticmethod
    def _key(request: HttpRequest) -> tuple[str | None, str]:
        """The page's key and language; no key for a request that is not served from the cache."""
        if request.method not in ("GET", "HEAD") or not _anonymous(request):
            return None, ""
        try:
            host = request.get_host()
        except DisallowedHost:
            return None, ""  # the rest of the stack answers 400
        version = pages_version()
        if version is None:
            return None, ""
        # The same address in each interface language (rcm.lib.languages): one page per language.
        language = translation.get_language_from_request(request)
        query = request.META.get("QUERY_STRING", "")
        address = hashlib.sha256(f"{language} {request.scheme}://{host}{request.path}?{query}".encode()).hexdigest()
        return f"response:{version}:{address}", language
