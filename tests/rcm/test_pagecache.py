"""Published pages are served from a cache to anonymous readers, and every edit makes them new."""

import pytest

from decisions.models import Decision
from decisions.services import decision_save
from declarations.models import Declaration
from declarations.services import declaration_unpublish

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
