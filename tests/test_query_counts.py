"""Every page runs the same number of queries whether its conference has 12 decisions or 100 (no N+1)."""

import pytest

from tests.factories import conference_with_declaration

# Each conference's decisions all mandate the Technical Secretariat, mention Panama and UNHCR and refer to
# the Santa Fe Document, so the pages of those records grow with the number of decisions too. Decisions
# linked to other decisions add one query each way (the decisions at the other end, fetched through the
# read rule of declarations.access): these have none.
PAGES = {
    "/": 2,  # latest declarations; conferences, each marked with whether a declaration is readable
    "/conferences/": 1,  # conferences, marked likewise
    # conference; its documents; previous; next; declarations; participants; decisions; links to it
    "/conferences/20/": 8,
    # conference; its documents; declaration; its paragraphs; their documents; other languages;
    # participants; decisions; their mentions; their outgoing links; their incoming links
    "/conferences/20/declaration/": 11,
    "/conferences/20/declaration.json": 10,  # the same, but for the other languages
    # conference; its documents; decision; mentions; links out; links in; mandated mentions with their
    # mandates; the mandates' actions; actions; status changes; topics; declarations; its chain of links
    # (none here; a chain adds one query, whatever its length)
    "/conferences/20/decisions/1/": 13,
    # conference; its documents; decisions; their mandated mentions with their mandates; the mandates'
    # actions; their actions
    "/conferences/20/implementation/": 6,
    "/implementation/": 2,  # conferences; decisions' statuses
    "/states/": 1,
    "/states/PA/": 5,  # country; participations; conferences hosted; bodies; mentions
    "/organizations/": 1,
    "/organizations/UNHCR/": 3,  # organization; participations; mentions
    "/bodies/": 1,
    "/bodies/technical-secretariat/": 4,  # body; members; its meetings; mentions
    "/documents/santa-fe-document/": 3,  # document; links to it; paragraphs referring to it
    # the filter's choices: bodies that met, topics, states (the chosen one validated among them),
    # organizations, bodies; count; the page's decision ids; those decisions; their topics; their mentions
    "/decisions/?state=PA&year_from=2000&sort=citation": 10,
    # exports stream in chunks of 1000 rows, each chunk these queries
    "/decisions.csv?state=PA": 4,  # states (the chosen one validated); decisions; their topics; their mentions
    "/decisions.json": 3,  # decisions; their topics; their mentions
    "/feeds/decisions.atom?role=mandated": 1,
    "/feeds/declarations.atom": 1,
    "/paragraphs/?year_from=2000": 2,  # count; paragraphs with their declaration and conference
    "/paragraphs.csv": 1,
    "/topics/": 1,
    "/topics/meetings/": 6,  # topic; count; the newest ids; then, for rows not kept yet: decisions; topics; mentions
    # decisions, paragraphs, openings and chapeaus, and themes matching, by conference; every conference's
    # sort fields; the page's conferences; the best few decisions and paragraphs of each: their ids, then the
    # records (the openings and chapeaus shown add their records, here none)
    "/search/?q=item": 10,
}


@pytest.fixture(scope="module")
def decisions(request, records_across_tests):
    """Conference XX with this many decisions, made once for every page."""
    with records_across_tests(lambda: conference_with_declaration(20, decisions=request.param)):
        yield request.param


@pytest.mark.parametrize("decisions", [12, 100], indirect=True, scope="module")
@pytest.mark.parametrize("url", PAGES)
def test_queries_do_not_grow_with_decisions(client, seeded, django_assert_num_queries, url, decisions):
    with django_assert_num_queries(PAGES[url]):
        response = client.get(url)
        if response.streaming:  # exports read the database as they are sent
            b"".join(response.streaming_content)
    assert response.status_code == 200
