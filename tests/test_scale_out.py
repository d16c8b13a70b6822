"""Two app servers over one PostgreSQL database, one Redis and one evidence folder, as production runs
them behind a load balancer (docs/deploy.md): whatever is done through one is seen through the other
at once. Each server is a gunicorn started with deploy/gunicorn.conf.py and production settings, and
driven over HTTP as a browser would, forms and CSRF tokens included.

PostgreSQL only: two servers cannot share the in-memory SQLite database the tests run on.
"""

import io
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
import redis
from django.conf import global_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from pypdf import PdfReader

from decisions.models import Decision
from declarations.roles import ensure_roles
from rcm.front.seed import seed_load
from tests.http_client import Response, WebClient, form

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the scale-out test needs PostgreSQL (DATABASE_URL=postgres://...): two servers cannot share the "
        "in-memory SQLite test database",
    ),
    # pytest-django makes the test database only for tests that ask for one. What the servers read is
    # committed by a_and_b, outside the transaction each test runs in.
    pytest.mark.django_db,
]

ROOT = Path(__file__).resolve().parent.parent
# A Redis database of this test's own on the machine's Redis, which CI runs (.ci/run); it is emptied first.
REDIS_URL = "redis://127.0.0.1:6379/14"
PASSWORD = "Scale-out-2026-password"
DECLARATION = "/conferences/17/declaration/"
DECLARATION_PDF = "/conferences/17/declaration.pdf"
DECISION_5 = "/conferences/17/decisions/5/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not running at 127.0.0.1:6379: CI must start it (.ci/run)", pytrace=False)
        pytest.skip("the scale-out test needs Redis at 127.0.0.1:6379")
    return client


def _database_url() -> str:
    database = connection.settings_dict  # the test database, once django_db_setup has made it
    user, password = (urllib.parse.quote(database[key] or "", safe="") for key in ("USER", "PASSWORD"))
    return (
        f"postgres://{user}:{password}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/{database['NAME']}"
    )


def _wait_for(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while server.poll() is None and time.monotonic() < deadline:
        try:
            if WebClient(timeout=2).get(url).status == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.2)
    pytest.fail(f"the server at {url} did not start:\n{log.read_text()}", pytrace=False)


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """The base URLs of two gunicorn servers, A and B, sharing the test database, Redis and an evidence folder."""
    _redis()
    folder = tmp_path_factory.mktemp("scale-out")
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "EVIDENCE_ROOT": str(folder / "evidence"),
        "STATIC_ROOT": str(folder / "static"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    # Production's static storage needs collectstatic's manifest. The admin's files, which none of these
    # pages links, would take most of its time.
    collectstatic = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0", "--ignore", "admin"]
    subprocess.run(collectstatic, cwd=ROOT, env=environment, check=True)
    started = []
    for name in ("a", "b"):
        port, log = _free_port(), folder / f"server-{name}.log"
        command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "rcm.wsgi",
                   "--bind", f"127.0.0.1:{port}", "--workers", "2"]  # fmt: skip
        with log.open("w") as output:
            server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        started.append((f"http://127.0.0.1:{port}", server, log))
    try:
        for base, server, log in started:
            _wait_for(f"{base}/health/", server, log)
        yield tuple(base for base, _, _ in started)
    finally:
        for _, server, _ in started:
            server.terminate()
        for _, server, _ in started:
            server.wait(timeout=30)


@pytest.fixture(scope="module")
def a_and_b(servers, django_db_blocker):
    """Servers A and B, and the id of decision XVII/5, over the seed and three accounts, committed for
    the servers to read them: ana (editor), pat (publisher) and dee (delegate), their passwords hashed as
    the servers check them; and an empty Redis. After the module the database is emptied and seeded
    again, as tests/conftest.py does after any test that commits."""
    _redis().flushdb()
    with django_db_blocker.unblock():
        with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):  # not the tests' quick one
            roles = ensure_roles()
            for name, role in (("ana", "editor"), ("pat", "publisher"), ("dee", "delegate")):
                User.objects.create_user(name, password=PASSWORD).groups.add(roles[role])
        decision_5 = Decision.objects.get(conference__number=17, number=5).pk
        yield (*servers, decision_5)
        call_command("flush", "--no-input", verbosity=0)
        seed_load()


def _pdf_text(response: Response) -> str:
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body)).pages)


def test_an_edit_through_one_server_is_read_at_once_through_the_other(a_and_b):
    a, b, decision_5 = a_and_b
    publisher, word = WebClient(), f"sx{secrets.token_hex(3)}"
    assert publisher.sign_in(a, "pat", PASSWORD).status == 302
    edit = f"{a}/staff/decisions/{decision_5}/"
    fields = form(publisher.get(edit).text, "text_en")
    reader, before = WebClient(), fields["text_en"][0]
    for _ in range(2):  # the second time from the shared caches
        assert before in reader.get(b + DECLARATION).text
        assert before.split()[-1] in _pdf_text(reader.get(b + DECLARATION_PDF))
    assert _redis().keys("pages:*") and _redis().keys("pdf:*")

    fields["text_en"] = [f"{before} Corrected as {word}."]
    assert publisher.post(edit, fields).status == 302

    assert f"Corrected as {word}." in reader.get(b + DECLARATION).text
    assert f"Corrected as {word}." in reader.get(b + DECISION_5).text
    assert word in _pdf_text(reader.get(b + DECLARATION_PDF))


def test_a_session_opened_through_one_server_is_valid_on_the_other(a_and_b):
    a, b, _ = a_and_b
    editor = WebClient()
    assert editor.sign_in(a, "ana", PASSWORD).status == 302
    dashboard = editor.get(f"{b}/staff/")
    assert dashboard.status == 200 and 'title="Change your password">ana</a>' in dashboard.text


def test_a_lockout_earned_through_one_server_holds_on_the_other(a_and_b):
    a, b, _ = a_and_b
    guesser = WebClient()
    answers = [guesser.sign_in(a, "dee", f"wrong-{attempt}").status for attempt in range(5)]
    assert answers == [200, 200, 200, 200, 429]  # the form again with an error, then the lockout
    locked = guesser.sign_in(b, "dee", PASSWORD)  # the right password, too late
    assert locked.status == 429 and "Too many attempts" in locked.text
    assert guesser.get(f"{b}/staff/").status == 302  # not signed in: sent to sign in


def test_evidence_uploaded_through_one_server_downloads_from_the_other(a_and_b):
    a, b, decision_5 = a_and_b
    editor = WebClient()
    assert editor.sign_in(a, "ana", PASSWORD).status == 302
    followup = f"{a}/staff/decisions/{decision_5}/follow-up/"
    fields = form(editor.get(followup).text, "action-description")
    fields.update({"action-date": ["2013-03-01"], "action-description": ["Workshop held"],
                   "action-done_by": ["Technical Secretariat"]})  # fmt: skip
    document = b"%PDF-1.4\n% the workshop's report\n" + secrets.token_bytes(64 * 1024)
    saved = editor.post(followup, fields, files={"action-evidence_file": ("report.pdf", document)})
    assert saved.status == 302, saved.text

    page = WebClient().get(b + DECISION_5).text  # the public, on the other server
    link = page.split('">report.pdf</a>')[0].rsplit('<a href="', 1)[1]
    download = WebClient().get(b + link)
    assert download.status == 200 and download.body == document
