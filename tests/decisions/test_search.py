"""/search/: published decisions, paragraphs and themes, grouped by conference.

Full text (ranking, phrases, Spanish stemming, highlighted snippets) is PostgreSQL's; on SQLite the
fallback finds texts containing every word, or either of two joined by OR, and none left out by -word.
"""

import pytest
from django.db import connection

from decisions.models import Decision
from declarations.access import published_declarations
from declarations.models import Conference
from rcm.lib import search
from tests.factories import conference_with_decisions, conference_with_declaration

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search needs PostgreSQL")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the fallback for SQLite only")


def _groups(response) -> dict[str, list[str]]:
    """Each conference shown, with the citations of the decisions and paragraphs shown in it."""
    return {
        group.conference.numeral: [d.citation for d, _ in group.top_decisions]
        + [str(p) for p, _ in group.top_paragraphs]
        for group in response.context["results"].page.object_list
    }


@pytest.fixture
def archive(seeded):
    conference_with_decisions(
        20,
        ["Protect unaccompanied migrant children at borders.", "Approve the budget of the <Secretariat>.",
         "Study the return of children, but not smuggling."],
    )  # fmt: skip
    Conference.objects.filter(number=20).update(theme_en="Children on the move")
    conference_with_decisions(21, ["Protect unaccompanied children in the draft."], status="draft")


def test_it_shows_a_form_without_words(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_it_groups_matches_by_conference_with_counts(client, archive):
    response = client.get("/search/?q=unaccompanied")
    results = response.context["results"]
    groups = {group.conference.numeral: group for group in results.page.object_list}
    assert set(groups) == {"XX"}
    assert (groups["XX"].decisions, groups["XX"].paragraphs) == (1, 0)
    assert results.decisions == 1
    assert b"1</strong> decision," in response.content


def test_it_never_finds_drafts(client, archive, publisher):
    client.force_login(publisher)
    content = client.get("/search/?q=draft").content.decode()
    assert "RCM XXI/" not in content
    assert "Nothing published matches" in content


def test_it_escapes_texts(client, archive):
    content = client.get("/search/?q=budget").content.decode()
    assert "&lt;Secretariat&gt;" in content and "<Secretariat>" not in content


def test_it_searches_paragraphs_and_themes(client, archive):
    response = client.get("/search/?q=Crisol")
    assert _groups(response)["XVII"][0].startswith("RCM XVII, paragraph")
    groups = {g.conference.numeral: g for g in client.get("/search/?q=move").context["results"].page.object_list}
    assert groups["XX"].theme


def test_it_never_finds_a_draft_translation_of_a_published_text(client, archive):
    spanish = ["Proteger a los menores.", "Aprobar el presupuesto de la Secretaría.", "Estudiar el retorno."]
    conference_with_decisions(20, spanish, status="draft", language="es")
    assert "Nothing published matches" in client.get("/search/?q=presupuesto").content.decode()
    response = client.get("/search/?q=budget")
    assert _groups(response)["XX"] == ["RCM XX/2"]
    assert "presupuesto" not in response.content.decode()


def test_decisions_counted_by_their_flags_are_never_fetched(archive):
    # The search counts matches this way, without readable_in's blanking of the texts that may not be read.
    counted = Decision.objects.with_readable_flags(published_declarations())
    assert counted.filter(conference__number=20, text_en_readable=True).count() == 3
    assert counted.filter(conference__number=21, text_en_readable=True).count() == 0  # a draft
    with pytest.raises(TypeError):
        list(counted)
    with pytest.raises(TypeError):
        counted.values_list("text_en")


@sqlite_only
def test_the_fallback_finds_texts_with_every_word(client, archive):
    assert _groups(client.get("/search/?q=children+borders")) == {"XX": ["RCM XX/1"]}


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("budget OR borders", {"RCM XX/1", "RCM XX/2"}),
        ("protect budget OR borders", {"RCM XX/1"}),
        ('"the budget" OR return', {"RCM XX/2", "RCM XX/3"}),
        ("budget OR borders -unaccompanied", {"RCM XX/2"}),
        ("OR budget OR", {"RCM XX/2"}),
    ],
)
def test_or_finds_either_term_on_both_databases(client, archive, q, found):
    assert set(_groups(client.get("/search/", {"q": q}))["XX"]) == found


@postgresql_only
class TestFullText:
    def test_it_ranks_and_highlights(self, client, archive):
        response = client.get("/search/?q=children")
        xx = _groups(response)["XX"]
        assert set(xx) == {"RCM XX/1", "RCM XX/3"}
        assert "<mark>children</mark>" in response.content.decode()

    def test_it_understands_phrases_or_and_minus(self, client, archive):
        assert _groups(client.get('/search/?q="migrant+children"'))["XX"] == ["RCM XX/1"]
        # (XVII/6, on the migration of minors, is found too: minors and children are synonyms.)
        assert _groups(client.get("/search/?q=children+-smuggling"))["XX"] == ["RCM XX/1"]

    def test_it_stems_english_and_spanish(self, client, archive):
        spanish = ["Proteger a los menores no acompañados.", "Proteger a los niños migrantes.", "Estudiar el retorno."]
        conference_with_decisions(20, spanish, language="es")
        assert "RCM XX/1" in _groups(client.get("/search/?q=protecting"))["XX"]
        assert "RCM XX/2" in _groups(client.get("/search/?q=migrante&language=es"))["XX"]

    def test_snippets_mark_only_the_matches(self, client, seeded):
        conference_with_declaration(22)
        Decision.objects.filter(conference__number=22, number=1).update(text_en="Close <b>borders</b> & children")
        content = client.get("/search/?q=borders").content.decode()
        assert "Close &lt;b&gt;<mark>borders</mark>&lt;/b&gt; &amp; children" in content


SEARCHES = [
    "/search/",
    "/decisions/",
    "/decisions.csv",
    "/decisions.json",
    "/feeds/decisions.atom",
    "/paragraphs/",
    "/paragraphs.csv",
    "/paragraphs.json",
]


@pytest.mark.parametrize("url", SEARCHES)
def test_too_many_words_are_refused_before_anything_is_sent(client, seeded, url):
    words = " ".join(f"migrant{number}" for number in range(1200))
    response = client.get(url, {"q": words})
    assert response.status_code == 400
    assert not response.streaming  # never a 200 that stops half-way
    assert f"at most {search.MAX_WORDS} words" in response.content.decode()


@pytest.mark.parametrize("url", SEARCHES)
def test_too_long_a_search_is_refused(client, seeded, url):
    response = client.get(url, {"q": "m" * (search.MAX_CHARACTERS + 1)})
    assert response.status_code == 400
    assert f"at most {search.MAX_CHARACTERS} characters" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "word", "found"),
    [
        ("/search/", "budget", "RCM XVII/1"),
        ("/decisions/", "budget", "RCM XVII/1"),
        ("/decisions.csv", "budget", "RCM XVII/1"),
        ("/decisions.json", "budget", "RCM XVII/1"),
        ("/feeds/decisions.atom", "budget", "RCM XVII/1"),
        ("/paragraphs/", "regularization", "RCM XVII, paragraph 2"),
        ("/paragraphs.csv", "regularization", "RCM XVII, paragraph 2"),
        ("/paragraphs.json", "regularization", "RCM XVII, paragraph 2"),
    ],
)
def test_the_most_words_allowed_are_searched(client, seeded, url, word, found):
    words = " ".join([word, *(f"-q{number}" for number in range(search.MAX_WORDS - 1))])
    response = client.get(url, {"q": words})
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert found in content.decode()
