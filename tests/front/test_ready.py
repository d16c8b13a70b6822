"""/ready/: whether the database and both caches answer, for monitoring; never cached, naming only what fails."""

import pytest

from tests.conftest import unused_port


@pytest.fixture
def pages_cache_down(settings):
    """The page cache in a Redis where nothing listens, behind a password, as a REDIS_URL may be."""
    redis = f"redis://:s3cret-password@127.0.0.1:{unused_port()}/0"
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "rcm.lib.rediscache.RedisCache", "LOCATION": redis}}


def test_it_works(client, db):
    response = client.get("/ready/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_it_names_the_database_when_it_does_not_answer(client, database_down):
    with database_down():
        response = client.get("/ready/")
    assert response.status_code == 503
    assert response.content == b"database: not answering\n"
    assert "no-store" in response["Cache-Control"]


def test_it_names_a_cache_that_does_not_answer_and_nothing_of_its_address(client, db, pages_cache_down):
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.content == b"pages cache: not answering\n"


def test_it_names_everything_that_fails(client, database_down, pages_cache_down):
    with database_down():
        response = client.get("/ready/")
    assert response.content == b"database: not answering\npages cache: not answering\n"
