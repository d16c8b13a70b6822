import pytest
from django.contrib.auth.models import Permission, User

from rcm.seed import seed_load


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Production storage needs `collectstatic`'s manifest; the tests render pages without building it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seeded(db):
    """The database as `make run` leaves it: reference data and the published XVII declaration."""
    seed_load()


@pytest.fixture
def secretariat_user(db) -> User:
    """Staff allowed to read drafts."""
    user = User.objects.create_user("editor", password="unused-in-tests-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_declaration"))
    return user


@pytest.fixture
def reader(db) -> User:
    """A signed-in account without any staff right: reads what the public reads."""
    return User.objects.create_user("reader", password="unused-in-tests-2")
