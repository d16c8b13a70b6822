"""/paragraphs/: the paragraphs of every published declaration, filtered."""

from tests.factories import conference_with_declaration


def test_it_lists_published_paragraphs(client, seeded):
    conference_with_declaration(20, status="draft")
    response = client.get("/paragraphs/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 6  # the XVII declaration's, not the draft's
    assert b'href="/conferences/17/declaration/en/#paragraph-1"' in response.content


def test_it_filters_by_words_and_years(client, seeded):
    conference_with_declaration(20)
    assert client.get("/paragraphs/?year_from=2015").context["page"].paginator.count == 3
    found = client.get("/paragraphs/?q=Protocol").context["page"].object_list
    assert found and all("Protocol" in paragraph.text for paragraph in found)


def test_it_refuses_a_malformed_filter(client, seeded):
    assert client.get("/paragraphs/?language=fr").status_code == 400


def test_it_says_when_valid_filters_find_nothing(client, seeded):
    response = client.get("/paragraphs/?year_from=2030")
    content = response.content.decode()
    assert response.status_code == 200
    assert "No published paragraph matches these filters." in content
    assert "not valid" not in content
