import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import override_settings

from declarations.access import SYSTEM, acting_as
from declarations.roles import ensure_roles
from rcm.front.seed import seed_load


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


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production storage needs `collectstatic`'s manifest; the tests render pages without building it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _page_cache_per_test(settings):
    # Each test starts with no cached page, in memory, so that no test reads another's pages.
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    yield
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _tests_write_as_the_system():
    """Tests build their records as the seed does; each request acts as its own user (declarations.access),
    and a test of the write gate says who acts."""
    with acting_as(SYSTEM):
        yield


@pytest.fixture
def seeded(db):
    """The database as `make run` leaves it: reference data and the published XVII declaration."""
    seed_load()


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
