import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import redis
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.utils import load_backend
from django.test import override_settings
from django.utils import translation
from pytest_django.fixtures import validate_django_db
from pytest_django.plugin import blocking_manager_key
from redis.backoff import NoBackoff
from redis.retry import Retry

from declarations.access import SYSTEM, acting_as
from declarations.roles import ensure_roles
from rcm.front.seed import seed_load
from rcm.lib.pagecache import WATCHED_APPS
from tests.browser import browser, live_archive  # noqa: F401 (the browser tests' fixtures)
from tests.services import settings_from


@pytest.fixture(scope="session", autouse=True)
def _files_outside_the_checkout(tmp_path_factory):
    """The PDF and page caches and the evidence in a folder of the test session, never the checkout's var/:
    here, and in any process a test starts (rcm/settings.py reads the same variables)."""
    root = tmp_path_factory.mktemp("var")
    folders = {"PDF_CACHE_DIR": "cache/pdf", "PAGE_CACHE_DIR": "cache/pages", "EVIDENCE_ROOT": "evidence"}
    folders = {name: str(root / folder) for name, folder in folders.items()}
    cache_settings = {
        **django_settings.CACHES,
        "pdf": {**django_settings.CACHES["pdf"], "LOCATION": folders["PDF_CACHE_DIR"]},
        "pages": {**django_settings.CACHES["pages"], "LOCATION": folders["PAGE_CACHE_DIR"]},
    }
    with (
        pytest.MonkeyPatch.context() as environment,
        override_settings(CACHES=cache_settings, EVIDENCE_ROOT=folders["EVIDENCE_ROOT"]),
    ):
        for name, folder in folders.items():
            environment.setenv(name, folder)
        yield


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    # Django's default hasher takes a good part of a second per password, by design; the tests make
    # accounts by the hundred and check passwords, not the hasher's cost.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production storage needs `collectstatic`'s manifest; the tests render pages without building it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _page_cache_per_test(settings):
    # Each test starts with no cached page or part of one, in memory, so that no test reads another's pages.
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    yield
    caches["pages"].clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _no_pdf_prerendering(settings):
    # Most tests write inside a transaction that a thread rendering PDFs could not see, and would pay for
    # renders they never read: tests/front/test_prerender.py turns it on where it is tested.
    settings.PRERENDER_PDFS = False


@pytest.fixture(autouse=True)
def _pdf_cache_per_test():
    # Each test starts with no rendered PDF: the session's seed makes the same HTML, and so the same
    # cache key, in every test. Emptied before the test, so that a test may set a cache of its own that
    # outlives it (tests/test_canary.py).
    caches["pdf"].clear()


@pytest.fixture(autouse=True)
def _english_outside_requests(monkeypatch):
    """Each test starts in English: a request in Spanish leaves its language active in the thread
    (LocaleMiddleware activates it and nothing deactivates it), which would turn the messages of the
    code a later test calls outside any request Spanish; and commands speak the shell's language
    (rcm.lib.commands), which is the tester's."""
    monkeypatch.setenv("LANGUAGE", "en")
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _tests_write_as_the_system():
    """Tests build their records as the seed does; each request acts as its own user (declarations.access),
    and a test of the write gate says who acts."""
    with acting_as(SYSTEM):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The seed, loaded once into the test database (of each xdist worker): every test that uses the
    database sees it, and its changes are rolled back after it."""
    with django_db_blocker.unblock():
        seed_load()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (transactional_db, live_server, django_db(transaction=True)) has the database
    emptied as its fixtures are torn down: the seed is loaded again after them, for the tests that follow.
    After the last test the test database is gone, and the settings name the real one again."""
    yield
    if nextitem is None:
        return
    marker = item.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(item.fixturenames) or (marker and validate_django_db(marker)[0]):
        with item.config.stash[blocking_manager_key].unblock():
            seed_load()


@pytest.fixture
def seeded(db):
    """The database as `make run` leaves it: reference data and the published XVII declaration (loaded
    once for the session, by django_db_setup: a test that asks for it says that it reads it)."""


@pytest.fixture(scope="session")
def records_across_tests(django_db_setup, django_db_blocker):
    """For a fixture wider than a test, whose records several tests read and none should make again:
    `with records_across_tests(make) as made:` calls `make()` once, as the system, inside a transaction;
    the tests run inside it, each in a savepoint rolled back after it, and the whole is rolled back at
    the end of the block."""

    @contextmanager
    def kept(make: Callable) -> Iterator:
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with acting_as(SYSTEM):
                    made = make()
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
        try:
            yield made
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return kept


@pytest.fixture
def empty_db(db):
    """A database with nothing of the archive in it, for a test that builds its own reference data or
    counts records: the seed is deleted inside the test's transaction, and is back after it."""
    tables = [
        model._meta.db_table
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    # Plain SQL: the models' signals would record the deletions in the history and ask the write gate.
    # Foreign keys are deferred, and checked as the test ends, when every one of these tables is empty.
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table names)


def _user_with_role(name: str, role: str | None) -> User:
    user = User.objects.create_user(name, password=f"unused-in-tests-{name}")
    if role:
        user.groups.add(ensure_roles()[role])
    return user


@pytest.fixture
def secretariat_user(db) -> User:
    """An editor of the Secretariat: reads drafts, edits what is not published."""
    return _user_with_role("editor", "editor")


@pytest.fixture
def editor(secretariat_user) -> User:
    return secretariat_user


@pytest.fixture
def publisher(db) -> User:
    return _user_with_role("publisher", "publisher")


@pytest.fixture
def delegate(db) -> User:
    return _user_with_role("delegate", "delegate")


@pytest.fixture
def reader(db) -> User:
    """A signed-in account without any role: reads what the public reads."""
    return _user_with_role("reader", None)


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server on this machine (tests/services.py)."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """A new bucket as the evidence storage, as EVIDENCE_S3_* make it, the folder EVIDENCE_ROOT left unused;
    its value lists the bucket: {key: content}."""
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "moto")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "moto")
    name = f"evidence-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=name)
    probe = settings_from(
        monkeypatch, EVIDENCE_S3_BUCKET=name, EVIDENCE_S3_ENDPOINT_URL=s3_endpoint, EVIDENCE_S3_REGION="us-east-1"
    )
    settings.STORAGES = {**settings.STORAGES, "evidence": probe.STORAGES["evidence"]}
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    objects = s3.list_objects_v2
    return lambda: {
        item["Key"]: s3.get_object(Bucket=name, Key=item["Key"])["Body"].read()
        for item in objects(Bucket=name).get("Contents", [])
    }


def unused_port() -> int:
    """A port on 127.0.0.1 where nothing listens (nothing else takes it in the moment a test needs it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_down(django_db_blocker) -> Callable[[], AbstractContextManager]:
    """`with database_down():` the site's database does not answer. The default connection is, for the
    block, a real one to a PostgreSQL port where nothing listens, or to a SQLite file in a folder that
    does not exist; the test's own connection, its transaction and its data are left as they were."""

    @contextmanager
    def down() -> Iterator[None]:
        real = connections[DEFAULT_DB_ALIAS]
        unreachable = {**real.settings_dict}
        if real.vendor == "sqlite":
            unreachable["NAME"] = "/nonexistent/rcm.sqlite3"
        else:
            unreachable.update(HOST="127.0.0.1", PORT=str(unused_port()))
        connections[DEFAULT_DB_ALIAS] = load_backend(real.settings_dict["ENGINE"]).DatabaseWrapper(unreachable)
        try:
            with django_db_blocker.unblock():
                yield
        finally:
            connections[DEFAULT_DB_ALIAS].close()
            connections[DEFAULT_DB_ALIAS] = real

    return down


REDIS_SERVER = shutil.which("redis-server")


class RedisServer:
    """A redis-server of a test's own, on a free port, that the test stops and starts again. Stopping
    saves its data, which the next start loads: a Redis that comes back with what it held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = unused_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None
        # No retries: redis-py's default retries with backoff for seconds, and this client must see at once
        # whether Redis answers.
        self.client = redis.Redis.from_url(self.url, retry=Retry(NoBackoff(), 0))

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.folder),
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.client.shutdown(save=True)
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    if REDIS_SERVER is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the Redis tests: apt-get install redis-server")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
