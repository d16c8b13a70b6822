"""Search in both languages: each text in its own language, accents and case ignored, the reader's language by
default, and the RCM's synonyms; on SQLite and on PostgreSQL alike (docs/search.md).

TEST DATA: the decisions below, in English and in Spanish, are written for these tests; they are not the
RCM's texts.
"""

import pytest
from django.db import connection
from django.test import Client

from decisions.models import Decision
from rcm.lib.synonyms import expand
from tests.factories import conference_with_decisions

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="text search configurations")

# Test data: an English-only conference (XXV) and a Spanish-only one (XXVI).
ENGLISH = [
    "Protect unaccompanied children at the borders of the region.",
    "Strengthen cooperation against trafficking in persons.",
    "Study regular migration pathways.",
    "Thank the Technical Secretariat in San Jose for its report.",
]
SPANISH = [
    "Proteger a las niñas, niños y adolescentes no acompañados en las fronteras de la región.",
    "Fortalecer la cooperación contra la trata de personas.",
    "Estudiar vías regulares de migración.",
    "Agradecer a la Secretaría Técnica su informe.",
]


@pytest.fixture
def archive(seeded):
    conference_with_decisions(25, ENGLISH)
    conference_with_decisions(26, SPANISH, language="es")


@pytest.fixture
def spanish_client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="es-MX")


def _found(response) -> set[tuple[int, int]]:
    """(conference, decision) numbers of the decisions /search/ shows."""
    assert response.status_code == 200
    return {
        (decision.conference.number, decision.number)
        for group in response.context["results"].page.object_list
        for decision, _snippet in group.top_decisions
    }


def _listed(response) -> set[tuple[int, int]]:
    """(conference, decision) numbers of the decisions the decision list shows."""
    assert response.status_code == 200
    listed = Decision.objects.filter(pk__in=response.context["page"].object_list)
    return {(decision.conference.number, decision.number) for decision in listed}


def test_a_spanish_reader_finds_children_without_the_other_words(spanish_client, archive):
    assert _found(spanish_client.get("/search/", {"q": "niños no acompañados"})) == {(26, 1)}


def test_it_ignores_accents_in_the_words(spanish_client, archive):
    assert _found(spanish_client.get("/search/", {"q": "migracion"})) == {(26, 3)}


def test_it_ignores_accents_in_the_text(client, archive):
    assert (25, 4) in _found(client.get("/search/", {"q": "San José"}))


def test_it_ignores_accents_and_case_together(spanish_client, archive):
    assert _found(spanish_client.get("/search/", {"q": "Secretaria Tecnica"})) == {(26, 4)}


def test_it_searches_the_readers_language_by_default(client, spanish_client, archive):
    assert _found(spanish_client.get("/search/", {"q": "migración"})) == {(26, 3)}
    english = _found(client.get("/search/", {"q": "migration"}))
    assert (25, 3) in english and (26, 3) not in english


def test_it_searches_the_language_asked_for(spanish_client, archive):
    found = _found(spanish_client.get("/search/", {"q": "regular", "language": "en"}))
    assert (25, 3) in found and (26, 3) not in found


def test_it_searches_both_languages(client, archive):
    found = _found(client.get("/search/", {"q": "fronteras borders", "language": "both"}))
    assert found == set()  # every word in one text: no text has both
    assert {(25, 2), (26, 2)} <= _found(client.get("/search/", {"q": "trafficking", "language": "both"}))


def test_it_finds_synonyms(client, spanish_client, archive):
    assert (25, 1) in _found(client.get("/search/", {"q": "unaccompanied minors"}))
    assert (26, 1) in _found(spanish_client.get("/search/", {"q": "menores no acompañados"}))
    assert (25, 2) in _found(client.get("/search/", {"q": "human trafficking"}))


# Test data: the ways the texts name unaccompanied children, English (XXVII) and Spanish (XXVIII).
UNACCOMPANIED_ENGLISH = [
    "Protect unaccompanied migrant children and adolescents in transit.",
    "Assist unaccompanied adolescents returned to their countries of origin.",
    "Study labour migration in the region.",
]
UNACCOMPANIED_SPANISH = [
    "Proteger a las niñas, niños y adolescentes migrantes no acompañados en tránsito.",
    "Atender a las niñas no acompañadas retornadas a sus países de origen.",
    "Estudiar la migración laboral en la región.",
]


@pytest.mark.parametrize(
    "words",
    ["unaccompanied minors", "unaccompanied children", "menores no acompañados", "niñas no acompañadas"],
)
def test_unaccompanied_minors_are_found_however_the_text_names_them(client, seeded, words):
    conference_with_decisions(27, UNACCOMPANIED_ENGLISH)
    conference_with_decisions(28, UNACCOMPANIED_SPANISH, language="es")
    assert _found(client.get("/search/", {"q": words, "language": "en"})) == {(27, 1), (27, 2)}
    assert _found(client.get("/search/", {"q": words, "language": "es"})) == {(28, 1), (28, 2)}
    assert _listed(client.get("/decisions/", {"q": words, "language": "both"})) == {(27, 1), (27, 2), (28, 1), (28, 2)}


def test_it_finds_the_other_languages_term(client, archive):
    assert (25, 2) in _found(client.get("/search/", {"q": "trata", "language": "en"}))
    assert (26, 2) in _found(client.get("/search/", {"q": "trafficking", "language": "es"}))


def test_the_form_offers_the_languages_with_the_readers_chosen(spanish_client, archive):
    content = spanish_client.get("/search/", {"q": "migracion"}).content.decode()
    assert 'id="search-q"' in content and 'class="search-form"' in content
    assert '<option value="es" selected>' in content
    assert '<option value="both">' in content


def test_a_page_link_keeps_the_language(client, archive):
    response = client.get("/search/", {"q": "migration", "language": "both"})
    assert "language=both" in response.context["query"]


def test_the_decision_list_searches_the_readers_language(client, spanish_client, archive):
    assert _listed(spanish_client.get("/decisions/", {"q": "migracion"})) == {(26, 3)}
    assert _listed(spanish_client.get("/decisions/", {"q": "Secretaria Tecnica", "language": "en"})) == set()
    both = _listed(client.get("/decisions/", {"q": "trafficking", "language": "both"}))
    assert {(25, 2), (26, 2)} <= both


def test_a_language_that_is_not_offered_is_refused(client, archive):
    assert client.get("/search/", {"q": "migration", "language": "fr"}).status_code == 400


@postgresql_only
def test_each_text_is_parsed_in_its_languages_configuration_without_accents(archive):
    decision = Decision.objects.get(conference__number=26, number=3)
    spanish = Decision.objects.filter(pk=decision.pk).values_list("search_vector_es", flat=True).get()
    assert "'migracion'" in spanish  # unaccented, as rcm_spanish keeps it
    assert "'estudi'" in spanish  # stemmed in Spanish ("estudiar")
    english = Decision.objects.filter(conference__number=25, number=1).values_list("search_vector_en", flat=True)
    assert "'protect'" in english.get()  # stemmed in English


@postgresql_only
def test_it_stems_each_language_in_its_own(client, spanish_client, archive):
    assert (25, 1) in _found(client.get("/search/", {"q": "protecting"}))
    assert (26, 1) in _found(spanish_client.get("/search/", {"q": "frontera"}))


def test_the_expansion_keeps_the_words_and_adds_each_synonym():
    assert expand("unaccompanied minors", "en")[:2] == ["unaccompanied minors", '"unaccompanied children"']
    assert '"menores no acompañados"' in expand("niños no acompañados", "es")  # one term, as a phrase
    assert expand("children -trafficking", "es")[0].count("-") >= 2  # left out with its synonyms
    # A phrase left out: one search, leaving out the phrase with each synonym in place of its term.
    assert expand('-"migrant smuggling"', "en") == ['-"migrant smuggling" -"smuggling of migrants" -"smuggling"']


def test_the_decision_lists_form_shows_the_language_searched(spanish_client, archive):
    content = spanish_client.get("/decisions/").content.decode()
    assert '<option value="es" selected>' in content
    assert "invalid name" not in content
    assert '<option value="both" selected>' in spanish_client.get("/decisions/", {"language": "both"}).content.decode()


# Test data: decisions on migrants, English (XXX) and Spanish (XXXI); the second of each on smuggling, the third
# on children, each in words of its language.
MIGRANTS_ENGLISH = [
    "Protect migrants in transit.",
    "Combat the smuggling of migrants.",
    "Assist migrants and their children.",
]
MIGRANTS_SPANISH = [
    "Proteger a los migrantes en tránsito.",
    "Combatir el tráfico ilícito de migrantes.",
    "Atender a los migrantes y a sus niños.",
]


@pytest.mark.parametrize(
    ("words", "language", "found"),
    [
        ("migrants -smuggling", "en", {(30, 1), (30, 3)}),
        ("migrantes -smuggling", "es", {(31, 1), (31, 3)}),  # "tráfico ilícito de migrantes" is smuggling
        ("migrants -minors", "en", {(30, 1), (30, 2)}),  # children are minors
        ("migrantes -minors", "es", {(31, 1), (31, 2)}),  # and niños
        ('migrants -"migrant smuggling"', "en", {(30, 1), (30, 3)}),  # a phrase, with its synonyms
    ],
)
def test_a_word_left_out_leaves_out_its_synonyms(client, seeded, words, language, found):
    # The same on SQLite as on PostgreSQL: a word left out is never looked for instead.
    conference_with_decisions(30, MIGRANTS_ENGLISH)
    conference_with_decisions(31, MIGRANTS_SPANISH, language="es")
    assert _listed(client.get("/decisions/", {"q": words, "language": language, "conference_from": 30})) == found
    searched = _found(client.get("/search/", {"q": words, "language": language}))
    assert {(conference, number) for conference, number in searched if conference >= 30} == found


def test_only_words_left_out_find_the_other_texts_of_that_language(client, seeded):
    conference_with_decisions(30, MIGRANTS_ENGLISH)
    conference_with_decisions(31, MIGRANTS_SPANISH, language="es")
    query = {"q": "-smuggling", "language": "es", "conference_from": 30}
    assert _listed(client.get("/decisions/", query)) == {(31, 1), (31, 3)}
