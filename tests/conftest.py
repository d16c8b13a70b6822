import pytest
from django.contrib.auth.models import User
from django.core.cache import caches

from rcm.access import SYSTEM, acting_as
from rcm.roles import ensure_roles
from rcm.seed import seed_load


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
    """Tests build their records as the seed does; each request acts as its own user (rcm.access),
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
