"""Published pages are served from a cache to anonymous readers, and every edit makes them new."""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import path

from decisions.models import Decision, Topic
from declarations.models import Declaration
from declarations.services import declaration_unpublish
from followup.services import decision_mandates_save
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from rcm.lib import pagecache
from rcm.lib.pagecache import cache_public_page, pages_changed, pages_version
from tests.factories import conference_with_declaration, declaration_document

PAGES = ["/conferences/17/declaration/", "/conferences/17/decisions/6/", "/conferences/17/"]

# Tiny views of our own (@pytest.mark.urls(__name__)): how often the view itself ran.
calls: list[str] = []


@cache_public_page
def counted(request):
    calls.append(request.get_full_path())
    return HttpResponse("A public page")


@cache_public_page
def with_cookie(request):
    calls.append(request.get_full_path())
    response = HttpResponse("A page that sets a cookie")
    response.set_cookie("seen", "yes")
    return response


@cache_public_page(query=("q", "page"))
def reads_a_query(request):
    calls.append(request.get_full_path())
    if request.GET.get("q") == "invalid":
        return HttpResponse("Not words one can search for", status=400)
    return HttpResponse(f"Found {request.GET.get('q')}")


def not_marked(request):
    calls.append(request.get_full_path())
    return HttpResponse("A page of its own")


urlpatterns = [
    path("counted/", counted),
    path("with-cookie/", with_cookie),
    path("reads-a-query/", reads_a_query),
    path("not-marked/", not_marked),
]


@pytest.fixture
def counting():
    calls.clear()
    yield calls
    calls.clear()


@pytest.mark.urls(__name__)
def test_a_stored_page_is_answered_without_running_the_view(client, db, counting):
    assert client.get("/counted/").content == b"A public page"
    assert client.get("/counted/").content == b"A public page"
    assert client.head("/counted/").status_code == 200
    assert counting == ["/counted/"]


@pytest.mark.urls(__name__)
def test_a_view_not_marked_is_never_stored(client, db, counting):
    client.get("/not-marked/")
    client.get("/not-marked/")
    assert counting == ["/not-marked/", "/not-marked/"]


@pytest.mark.urls(__name__)
def test_a_page_that_sets_a_cookie_is_never_stored(client, db, counting):
    assert client.get("/with-cookie/").cookies["seen"].value == "yes"
    assert client.get("/with-cookie/").cookies["seen"].value == "yes"
    assert counting == ["/with-cookie/", "/with-cookie/"]


@pytest.mark.urls(__name__)
def test_a_page_that_reads_no_parameter_is_not_kept_with_one(client, db, counting):
    client.get("/counted/")
    client.get("/counted/?x=1")
    client.get("/counted/?x=1")
    assert counting == ["/counted/", "/counted/?x=1", "/counted/?x=1"]


@pytest.mark.urls(__name__)
def test_a_page_that_reads_a_query_is_kept_for_each_query_of_its_parameters(client, db, counting):
    assert client.get("/reads-a-query/?q=children").content == b"Found children"
    assert client.get("/reads-a-query/?q=children").content == b"Found children"
    assert client.get("/reads-a-query/?q=children&page=2").content == b"Found children"
    assert client.get("/reads-a-query/?q=children&page=2").content == b"Found children"
    assert client.get("/reads-a-query/?q=minors").content == b"Found minors"
    assert counting == ["/reads-a-query/?q=children", "/reads-a-query/?q=children&page=2", "/reads-a-query/?q=minors"]


@pytest.mark.urls(__name__)
def test_a_parameter_the_page_does_not_read_or_an_error_is_never_kept(client, db, counting):
    client.get("/reads-a-query/?q=children&utm_source=mail")
    client.get("/reads-a-query/?q=children&utm_source=mail")
    assert client.get("/reads-a-query/?q=invalid").status_code == 400
    assert client.get("/reads-a-query/?q=invalid").status_code == 400
    assert len(counting) == 4


@pytest.mark.urls(__name__)
def test_a_signed_in_reader_is_never_answered_from_the_cache(client, db, secretariat_user, counting):
    client.get("/counted/")
    client.force_login(secretariat_user)
    assert client.get("/counted/")["Cache-Control"] == "private"
    client.logout()
    client.cookies["messages"] = "a message waiting"
    client.get("/counted/")
    assert counting == ["/counted/", "/counted/", "/counted/"]


@pytest.mark.urls(__name__)
def test_each_language_gets_its_own_page(client, db, counting):
    assert client.get("/counted/")["Content-Language"] == "en"
    assert client.get("/counted/", HTTP_ACCEPT_LANGUAGE="es-MX")["Content-Language"] == "es"
    assert client.get("/counted/", HTTP_ACCEPT_LANGUAGE="es-MX")["Content-Language"] == "es"
    client.cookies["django_language"] = "es"
    assert client.get("/counted/")["Content-Language"] == "es"
    assert client.get("/counted/?lang=en")["Content-Language"] == "en"
    assert client.get("/counted/?lang=en")["Content-Language"] == "en"
    del client.cookies["django_language"]
    assert client.get("/counted/")["Content-Language"] == "en"
    assert counting == ["/counted/", "/counted/", "/counted/?lang=en", "/counted/?lang=en"]


@pytest.mark.parametrize("accept", ["en", "es-MX"])
@pytest.mark.parametrize("url", PAGES)
def test_a_stored_page_has_the_headers_of_a_fresh_one(client, seeded, url, accept):
    fresh = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
    stored = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
    assert stored.content == fresh.content
    assert dict(stored.headers) == dict(fresh.headers)
    assert stored["Content-Language"] == accept[:2]
    for header in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert stored[header] == fresh[header]
    assert "Accept-Language" in stored["Vary"] and "Cookie" in stored["Vary"]
    assert not stored.cookies


def test_spanish_and_english_readers_get_their_own_pages(client, seeded):
    english = client.get("/conferences/17/decisions/6/").content
    spanish = client.get("/conferences/17/decisions/6/", HTTP_ACCEPT_LANGUAGE="es-MX").content
    assert spanish != english
    assert client.get("/conferences/17/decisions/6/", HTTP_ACCEPT_LANGUAGE="es-MX").content == spanish
    assert client.get("/conferences/17/decisions/6/").content == english


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
        decision_mandates_save(decision=decision, revision=decision.revision, mandated=[], mentioned=[])
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


# Both find XVII/6, which mandates the Consular Protection Liaison Officers Network.
FILTERED = "/decisions/?topic=migrant-children&role=mandated"
SEARCH = "/search/?q=migration+experts"


@pytest.mark.parametrize("url", [FILTERED, SEARCH])
def test_a_filter_or_a_search_asked_again_reads_no_database(client, seeded, django_assert_num_queries, url):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content


@pytest.mark.parametrize("url", [FILTERED, SEARCH])
def test_an_edit_shows_at_once_in_a_filter_and_a_search(client, seeded, url, django_capture_on_commit_callbacks):
    client.get(url)
    decision = Decision.objects.get(conference__number=17, number=6)
    decision.text_en = "Include government migration experts, and a word changed since the page was first asked for."
    network = decision.mentions.get().actor
    with django_capture_on_commit_callbacks(execute=True):
        decision_mandates_save(decision=decision, revision=decision.revision, mandated=[network], mentioned=[])
    assert b"a word changed since" in client.get(url).content


def test_a_filter_that_does_not_validate_is_answered_anew(client, seeded):
    assert client.get("/decisions/?year_from=last").status_code == 400
    again = client.get("/decisions/?year_from=last")
    assert again.status_code == 400
    # Its template rendered again: a page answered from the cache renders none.
    assert again.context is not None and again.context["page"] is None


# The parts many pages share (cached_fragments): a decision's row of a list, a filter's select. Asked by a
# signed-in reader, whose pages are never kept whole, so that each request renders its page from its parts.


def test_a_decision_row_changes_on_every_list_at_the_next_request_after_an_edit(client, seeded, secretariat_user):
    client.force_login(secretariat_user)
    for url in ("/decisions/", "/topics/migrant-children/"):
        assert b"Include experts on migrant children." not in client.get(url).content
    decision = Decision.objects.get(conference__number=17, number=6)
    decision.text_en = "Include experts on migrant children."
    decision_mandates_save(decision=decision, revision=decision.revision, mandated=[], mentioned=[])
    for url in ("/decisions/", "/topics/migrant-children/"):
        assert b"Include experts on migrant children." in client.get(url).content


def test_a_row_is_kept_in_each_language(client, seeded, secretariat_user):
    client.force_login(secretariat_user)
    english = client.get("/decisions/?topic=migrant-children", HTTP_ACCEPT_LANGUAGE="en")
    spanish = client.get("/decisions/?topic=migrant-children", HTTP_ACCEPT_LANGUAGE="es")
    assert "Mandates:" in english.content.decode()
    assert "Encomienda a:" in spanish.content.decode()
    assert "Mandates:" not in spanish.content.decode()


def test_a_renamed_topic_shows_at_once_in_the_filters_options(client, seeded, secretariat_user):
    client.force_login(secretariat_user)
    assert "Migrant children and unaccompanied minors</option>" in client.get("/decisions/").content.decode()
    topic = Topic.objects.get(slug="migrant-children")
    topic.name_en = "Children on the move"
    topic.save()
    page = client.get("/decisions/").content.decode()
    assert "Children on the move</option>" in page
    assert "Migrant children and unaccompanied minors</option>" not in page


def test_selects_of_the_same_name_in_two_lists_keep_their_own_options(client, seeded, secretariat_user):
    # Both lists have a "sort" select with one choice, "citation", under another label.
    client.force_login(secretariat_user)
    assert '<option value="citation">by citation</option>' in client.get("/decisions/").content.decode()
    assert '<option value="citation">oldest first</option>' in client.get("/paragraphs/").content.decode()


def test_the_chosen_option_is_selected_whatever_was_kept_before(client, seeded, secretariat_user):
    client.force_login(secretariat_user)
    client.get("/decisions/?state=MX")
    page = client.get("/decisions/?state=HN").content.decode()
    assert '<option value="HN" selected>' in page
    assert '<option value="MX" selected>' not in page


def test_a_filter_nobody_asked_for_reads_only_its_count_and_ids_when_its_rows_are_kept(
    client, seeded, django_assert_num_queries
):
    first = client.get("/decisions/?state=PA")
    # Another address, so not a page kept whole: the same decisions, their rows rendered for the first.
    with django_assert_num_queries(3):  # states (the chosen one validated among them); count; the page's ids
        second = client.get("/decisions/?state=PA&year_from=2000")
    rows = re.compile(r'<ol class="results plain">.*</ol>', re.DOTALL)
    assert rows.search(second.content.decode()).group() == rows.search(first.content.decode()).group()


def test_a_page_reads_the_pages_version_once_for_all_its_parts(client, seeded, secretariat_user):
    client.force_login(secretariat_user)
    client.get("/decisions/?state=PA")
    with mock.patch.object(pagecache, "pages_version", wraps=pagecache.pages_version) as read:
        client.get("/decisions/?state=PA&year_from=2000")
    assert read.call_count == 1  # for every field of the form and every row
