"""/search/ finds a published text's opening, chapeau and decisions' chapeau, as it finds its paragraphs, and
links to them on the text's page; never those of a draft. On SQLite and on PostgreSQL alike.

TEST DATA: the openings below are written for these tests; they are not the RCM's texts.
"""

import lxml.html
import pytest
from django.db import connection

from declarations.models import Declaration
from tests.factories import conference_with_declaration

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")


def _found(client, q: str, language: str = "en") -> list[tuple[str, str]]:
    """The (heading, address) of every opening or chapeau the search page shows."""
    results = client.get("/search/", {"q": q, "language": language}).context["results"]
    return [(match.heading, match.url) for group in results.page.object_list for match in group.top_parts]


def test_it_finds_the_xvii_by_its_opening_and_its_decisions_chapeau(client, seeded):
    assert _found(client, "Belize") == [("RCM XVII, opening", "/conferences/17/declaration/en/#opening")]
    assert _found(client, "Puebla") == [
        ("RCM XVII, chapeau of the decisions", "/conferences/17/declaration/en/#decisions-chapeau")
    ]


def test_it_counts_and_marks_them(client, seeded):
    content = client.get("/search/?q=Puebla").content.decode()
    assert "<strong>1</strong> opening or chapeau," in content
    assert "1 opening or chapeau</p>" in content


def test_each_part_must_have_all_the_words(client, seeded):
    assert _found(client, "Puebla Belize") == []
    assert [heading for heading, _url in _found(client, "Heads Delegation")] == [
        "RCM XVII, opening", "RCM XVII, chapeau", "RCM XVII, chapeau of the decisions"
    ]  # fmt: skip


def test_its_link_goes_to_a_place_on_the_page(client, seeded):
    for q in ("Belize", "Puebla", "Heads Delegation"):
        for _heading, url in _found(client, q):
            address, anchor = url.split("#")
            page = lxml.html.fromstring(client.get(address).content)
            assert q.split()[0] in page.get_element_by_id(anchor).text_content()


@pytest.mark.parametrize("status", ["draft", "circulated"])
def test_it_never_finds_an_unpublished_texts_opening(client, seeded, publisher, status):
    conference_with_declaration(21, status=status, opening="The meeting was held in Xylotown.")
    client.force_login(publisher)
    assert _found(client, "Xylotown") == []
    assert "Nothing published matches" in client.get("/search/?q=Xylotown").content.decode()


def test_it_never_finds_a_draft_translations_opening(client, seeded):
    conference_with_declaration(21, opening="The meeting was held in San Jose.")
    conference_with_declaration(21, status="draft", language="es", opening="La reunión se celebró en Xilópolis.")
    assert _found(client, "Xilopolis", "es") == _found(client, "Xilopolis", "both") == []


def test_it_finds_a_spanish_text_in_spanish_only(client, seeded):
    conference_with_declaration(22, language="es", opening="La reunión se celebró en Tegucigalpa.")
    assert _found(client, "Tegucigalpa", "es") == [("RCM XXII, opening", "/conferences/22/declaration/es/#opening")]
    assert _found(client, "Tegucigalpa", "en") == []


def test_it_finds_an_opening_as_corrected(client, seeded):
    declaration = conference_with_declaration(22, opening="The meeting was held in Xylotown.")
    declaration.opening = "The meeting was held in Zedburg."
    declaration.save()
    assert _found(client, "Xylotown") == []
    assert _found(client, "Zedburg") == [("RCM XXII, opening", "/conferences/22/declaration/en/#opening")]


@postgresql_only
def test_a_text_whose_language_is_corrected_is_parsed_in_its_new_language(client, seeded):
    declaration = conference_with_declaration(22, opening="La reunión se celebró en Tegucigalpa.")
    Declaration.objects.filter(pk=declaration.pk).update(language="es")
    # "celebrar" and "celebró" share their Spanish stem only.
    assert _found(client, "celebrar", "es") == [("RCM XXII, opening", "/conferences/22/declaration/es/#opening")]


def test_a_search_with_no_word_to_find_answers(client, seeded):
    # Every text matches "-zzz", the meetings without a number among them.
    assert client.get("/search/?q=-zzz").status_code == 200
