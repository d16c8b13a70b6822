"""With the caches in Redis (REDIS_URL), a Redis that is down or stops mid-request costs no reader a page:
pages are served uncached and PDFs rendered afresh, the outage is logged once a minute, and caching
resumes by itself, with no page from before the outage served stale."""

import logging
import socket

import pytest
from django.test.signals import template_rendered

from decisions.models import Decision
from followup.services import decision_mandates_save
from rcm.lib import rediscache
from tests.conftest import unused_port

DECISION = "/conferences/17/decisions/6/"
PAGES = [
    "/",
    "/conferences/17/",
    "/conferences/17/declaration/",
    DECISION,
    "/conferences/17/declaration.pdf",
    "/decisions/?topic=migrant-children",
    "/search/?q=children",
]


def _caches_in(settings, url: str, timeout: float = 1) -> None:
    """The PDF and page caches in the Redis at `url`, as rcm/settings.py puts them when REDIS_URL is set."""
    redis = {
        "BACKEND": "rcm.lib.rediscache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": timeout},
    }
    settings.CACHES = {
        **settings.CACHES,
        "pdf": {**redis, "KEY_PREFIX": "pdf"},
        "pages": {**redis, "KEY_PREFIX": "pages"},
    }


@pytest.fixture
def redis_down(settings) -> str:
    """The caches in a Redis where nothing listens; its address, with a password, as a REDIS_URL may hold."""
    port = unused_port()
    _caches_in(settings, f"redis://:s3cret-password@127.0.0.1:{port}/0")
    return f"127.0.0.1:{port}"


@pytest.fixture
def no_pause(monkeypatch):
    # The pause after a failure spares a hanging Redis's timeouts; here Redis comes back at once.
    monkeypatch.setattr(rediscache, "PAUSE_AFTER_FAILURE", 0)


@pytest.mark.parametrize("url", PAGES)
def test_with_redis_down_every_page_is_served(client, seeded, redis_down, url):
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # and again, rendered afresh


def test_the_outage_is_logged_once_without_the_password(client, seeded, redis_down, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(10):
            assert client.get(DECISION).status_code == 200
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Redis at {redis_down} does not answer (ConnectionError:")
    assert "s3cret" not in lines[0]


def test_redis_stopping_mid_request_costs_nothing(client, seeded, settings, redis_server):
    _caches_in(settings, redis_server.url)
    stopped = []

    def stop_redis(**kwargs):  # as the page is rendered: after its cache was read, before it is stored
        if not stopped:
            redis_server.stop()
            stopped.append(True)

    template_rendered.connect(stop_redis)
    try:
        page = client.get(DECISION)
        stopped.clear()
        pdf = client.get("/conferences/17/declaration.pdf")
    finally:
        template_rendered.disconnect(stop_redis)
        redis_server.start()
    assert page.status_code == 200 and b"RCM XVII/6" in page.content
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_caching_resumes_when_redis_is_back(
    client, seeded, settings, redis_server, no_pause, django_assert_num_queries
):
    _caches_in(settings, redis_server.url)
    redis_server.stop()
    assert client.get(DECISION).status_code == 200
    redis_server.start()
    first = client.get(DECISION)
    with django_assert_num_queries(0):
        second = client.get(DECISION)
    assert second.content == first.content


def test_an_edit_made_while_redis_is_down_shows_once_it_is_back(
    client, seeded, settings, redis_server, no_pause, django_capture_on_commit_callbacks
):
    _caches_in(settings, redis_server.url)
    assert b"Include experts on migrant children." not in client.get(DECISION).content  # now cached
    redis_server.stop()
    decision = Decision.objects.get(conference__number=17, number=6)
    decision.text_en = "Include experts on migrant children."
    with django_capture_on_commit_callbacks(execute=True):
        decision_mandates_save(decision=decision, revision=decision.revision, mandated=[], mentioned=[])
    assert b"Include experts on migrant children." in client.get(DECISION).content
    # Redis comes back with what it held: the version from before the edit, and the page stored under it.
    redis_server.start()
    assert b"Include experts on migrant children." in client.get(DECISION).content


def test_a_redis_that_hangs_is_asked_once_then_left_alone_a_moment(client, seeded, settings):
    # A server that takes connections and never answers, as a Redis that hangs does.
    with socket.socket() as hanging:
        hanging.bind(("127.0.0.1", 0))
        hanging.listen()
        _caches_in(settings, f"redis://127.0.0.1:{hanging.getsockname()[1]}/0", timeout=0.2)
        for _ in range(5):
            assert client.get(DECISION).status_code == 200
        hanging.setblocking(False)
        connections = 0
        while True:
            try:
                hanging.accept()[0].close()
            except BlockingIOError:
                break
            connections += 1
    # One operation timed out (on its connection, and on the one it retried with); the others, while
    # Redis pauses, did not wait for it.
    assert connections == 2


def test_signing_in_and_the_lockout_do_not_need_redis(client, editor, redis_down):
    signed_in = client.post("/accounts/login/", {"username": "editor", "password": "unused-in-tests-editor"})
    assert signed_in.status_code == 302
    assert b"Sign out" in client.get("/conferences/").content  # the session, in the database
    client.post("/accounts/logout/")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "editor", "password": "unused-in-tests-editor"})
    assert locked.status_code == 429
