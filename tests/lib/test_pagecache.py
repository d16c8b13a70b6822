"""Published pages are served from a cache to anonymous readers, and every edit makes them new."""

from unittest import mock

import pytest
from django.core.cache import caches

from decisions.models import Decision
from decisions.services import decision_save
from declarations.models import Declaration
from declarations.services import declaration_unpublish
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from rcm.lib import pagecache
from rcm.lib.pagecache import pages_changed, pages_version
from tests.factories import conference_with_declaration, declaration_document

PAGES = ["/conferences/17/declaration/", "/conferences/17/decisions/6/", "/conferences/17/"]


@pytest.mark.parametrize("url", PAGES)
def test_a_second_request_reads_no_database(client, seeded, django_assert_num_queries, url):
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert "default-src 'none'" in second["Content-Security-Policy"]


def test_an_edit_shows_at_once(client, seeded, django_capture_on_commit_callbacks):
    client.get("/conferences/17/decisions/6/")
    client.get("/conferences/17/declaration/")
    decision = Decision.objects.get(conference__number=17, number=6)
    decision.text_en = "Include experts on migrant children."
    with django_capture_on_commit_callbacks(execute=True):
        decision_save(decision=decision, revision=decision.revision, mandated={}, mentioned={})
    assert b"Include experts on migrant children." in client.get("/conferences/17/decisions/6/").content
    assert b"Include experts on migrant children." in client.get("/conferences/17/declaration/").content


def test_unpublishing_hides_the_cached_page(client, seeded):
    assert client.get("/conferences/17/declaration/").status_code == 200
    declaration = Declaration.objects.get()
    declaration_unpublish(declaration=declaration, revision=declaration.revision, reason="A typo in the title")
    assert client.get("/conferences/17/declaration/").status_code == 404


def test_signed_in_readers_get_fresh_pages(client, seeded, secretariat_user, django_assert_max_num_queries):
    client.get("/conferences/17/decisions/6/")
    client.force_login(secretariat_user)
    response = client.get("/conferences/17/decisions/6/")
    assert b"Sign out" in response.content


def test_each_host_gets_its_own_addresses(client, seeded, settings):
    # Host headers are checked against ALLOWED_HOSTS, which ignores the port: a visitor may send any port.
    settings.ALLOWED_HOSTS = ["rcm.example.org", "127.0.0.1"]
    conference_with_declaration(20)
    poisoner = client.get("/conferences/20/decisions/1/", HTTP_HOST="127.0.0.1:1337").content.decode()
    reader = client.get("/conferences/20/decisions/1/", HTTP_HOST="rcm.example.org").content.decode()
    again = client.get("/conferences/20/decisions/1/", HTTP_HOST="127.0.0.1:1337").content.decode()
    assert "http://127.0.0.1:1337/conferences/20/decisions/1/" in poisoner
    assert "http://rcm.example.org/conferences/20/decisions/1/" in reader
    assert "1337" not in reader
    assert "rcm.example.org" not in again


def test_a_host_not_allowed_is_refused_before_the_cache(client, seeded):
    conference_with_declaration(20)
    assert client.get("/conferences/20/decisions/1/", HTTP_HOST="evil.example.com").status_code == 400
    assert "evil.example.com" not in client.get("/conferences/20/decisions/1/").content.decode()


def test_query_strings_do_not_fill_the_cache(client, seeded):
    conference_with_declaration(20)
    client.get("/conferences/20/")
    entries = len(caches["pages"]._cache)
    for number in range(50):
        assert client.get(f"/conferences/20/?x={number}").status_code == 200
    assert len(caches["pages"]._cache) == entries


def test_a_query_string_is_still_served_the_current_page(client, seeded):
    declaration = conference_with_declaration(20)
    assert client.get("/conferences/20/declaration/?utm_source=mail").status_code == 200
    declaration_unpublish(declaration=declaration, revision=declaration.revision, reason="A typo in the title")
    assert client.get("/conferences/20/declaration/?utm_source=mail").status_code == 404


def test_an_import_changes_the_pages_version_once_and_again_at_commit(db, django_capture_on_commit_callbacks):
    document = declaration_document(20, decisions=10, participants={}, references=[])
    document["conference"]["host_country"] = None
    for decision in document["decisions"]:
        decision.update(mandated={}, mentioned={}, links=[])
    versions = []
    pages_version()  # a page was read: the next write must change the version at once
    counting = mock.patch.object(pagecache, "pages_changed", side_effect=lambda: versions.append(pages_changed()))
    with counting, django_capture_on_commit_callbacks(execute=True):
        declaration_import(data=read_declaration_json(document), publish=True)
    # Some fifty records and their history rows; each change of version is a file written in the shared folder.
    assert len(versions) == 2


def test_a_release_serves_no_page_of_the_previous_one(client, seeded):
    """Every deployment runs migrate: a template changed by the release must not wait for a record to change."""
    from django.core.management.sql import emit_post_migrate_signal

    client.get("/conferences/17/")
    before = pages_version()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert pages_version() != before
