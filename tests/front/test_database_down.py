"""With the database down or restarting, readers are told the archive is briefly unavailable (503, in the
site's layout), and the site recovers by itself once the database answers again."""

import logging
from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connection, connections
from django.db.utils import load_backend

from rcm.front import views
from rcm.lib.outage import Outage


@pytest.fixture
def client(client):
    # As a server does: an error becomes its page, instead of failing the test.
    client.raise_request_exception = False
    return client


@pytest.fixture
def outage(monkeypatch) -> Outage:
    """The database's outage as this process has seen it, from no failure: the log says it once a minute."""
    fresh = Outage("The database")
    monkeypatch.setattr(views, "DATABASE", fresh)
    return fresh


def test_readers_get_the_unavailable_page(client, database_down, outage):
    with database_down():
        response = client.get("/conferences/")
    assert response.status_code == 503
    assert b"The archive is briefly unavailable" in response.content
    assert response["Retry-After"] == "10"


def test_it_is_in_the_site_layout_and_never_cached(client, database_down, outage):
    with database_down():
        response = client.get("/decisions/")
    assert b'<link rel="stylesheet" href="/static/css/site.css">' in response.content
    assert b'<a href="/conferences/">Conferences</a>' in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_reader_gets_it_too(client, reader, database_down, outage):
    client.force_login(reader)
    with database_down():
        response = client.get("/conferences/17/")  # the session is read from the database
    assert response.status_code == 503
    assert b"Sign out" not in response.content


def test_a_save_is_answered_unavailable(client, editor, database_down, outage):
    client.force_login(editor)
    with database_down():
        response = client.post("/staff/conferences/new/", {"number": "30"})
    assert response.status_code == 503


def test_cached_pages_are_still_served(client, seeded, database_down, outage):
    first = client.get("/conferences/17/declaration/")
    with database_down():
        again = client.get("/conferences/17/declaration/")
    assert again.status_code == 200
    assert again.content == first.content


def test_the_outage_is_logged_once_not_per_request(client, database_down, outage, caplog):
    with database_down(), caplog.at_level(logging.WARNING):
        for _ in range(5):
            assert client.get("/states/").status_code == 503
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 1, lines
    assert lines[0].startswith("The database does not answer (OperationalError:")
    assert outage.failures == 5


def test_the_site_answers_again_when_the_database_is_back(client, seeded, database_down, outage):
    with database_down():
        assert client.get("/states/").status_code == 503
    assert client.get("/states/").status_code == 200


class KeptConnection:
    """The site's connection to the test database as a server keeps it from one request to the next, and
    checks it before reusing it (CONN_MAX_AGE, CONN_HEALTH_CHECKS); a second one, beside the test's own."""

    def __init__(self, test_connection) -> None:
        self.test_connection = test_connection
        kept = {**test_connection.settings_dict, "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
        self.wrapper = load_backend(kept["ENGINE"]).DatabaseWrapper(kept)

    def backend(self) -> int:
        return self.wrapper.connection.info.backend_pid

    def cut(self) -> None:
        """What a PostgreSQL restart does to every connection: the server ends it."""
        with self.test_connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [self.backend()])  # waits until it has
            assert cursor.fetchone()[0], "the server did not end the connection"


@pytest.fixture
def kept_connection(seeded, django_db_blocker) -> Iterator[KeptConnection]:
    if connection.vendor != "postgresql":
        pytest.skip("cuts a connection from the server's side, with PostgreSQL's pg_terminate_backend")
    test_connection = connections[DEFAULT_DB_ALIAS]
    kept = KeptConnection(test_connection)
    connections[DEFAULT_DB_ALIAS] = kept.wrapper
    with django_db_blocker.unblock():
        yield kept
    kept.wrapper.close()
    connections[DEFAULT_DB_ALIAS] = test_connection


def _request(client, url: str) -> int:
    """A request as the server makes it: Django's handler checks the connections as each request starts
    and ends, which the test client leaves out."""
    close_old_connections()
    status = client.get(url).status_code
    close_old_connections()
    return status


def test_a_kept_connection_that_the_server_ended_is_replaced(client, kept_connection, outage):
    assert _request(client, "/states/") == 200
    before = kept_connection.backend()
    kept_connection.cut()
    assert _request(client, "/states/") == 200
    assert kept_connection.backend() != before


def test_a_connection_cut_during_a_request_is_not_reused(client, kept_connection, outage):
    assert _request(client, "/states/") == 200
    assert client.get("/states/").status_code == 200  # a request that has checked its connection...
    kept_connection.cut()
    assert client.get("/states/").status_code == 503  # ...and meets the restart after that
    assert _request(client, "/states/") == 200


def test_the_drivers_own_errors_count_too(rf, outage):
    # Django passes some on unwrapped: closing a server-side cursor on a connection the server cut.
    try:
        raise connection.Database.OperationalError("server closed the connection unexpectedly")
    except connection.Database.OperationalError:
        response = views.server_error(rf.get("/decisions/"))
    assert response.status_code == 503


def test_other_errors_keep_the_500_page(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(rf.get("/decisions/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
