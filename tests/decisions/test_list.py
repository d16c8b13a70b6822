"""/decisions/: every published decision, filtered by the query string."""

import re

import pytest

from decisions.models import Decision, Link, Mention, Topic
from rcm.base.models import Country
from tests.factories import (
    DECISION_30_TEXTS,
    conference_with_decisions,
    conference_with_declaration,
    published_in_both_languages,
)


def _citations(response) -> list[str]:
    """The citations of the decisions listed, in their order on the page."""
    return re.findall(r'<a class="citation" href="[^"]*">([^<]*)</a>', response.content.decode())


@pytest.fixture
def archive(seeded):
    """XVII (2012, seeded), XX (2020) with three decisions, a draft XXI (2021)."""
    conference_with_decisions(20, ["Protect unaccompanied minors.", "Approve the budget.", "Thank Panama."])
    conference_with_declaration(21, status="draft")


class TestDecisionList:
    def test_it_lists_every_published_decision_newest_first(self, client, archive):
        response = client.get("/decisions/")
        assert response.status_code == 200
        assert response.context["page"].paginator.count == 15
        assert _citations(response)[:4] == ["RCM XX/1", "RCM XX/2", "RCM XX/3", "RCM XVII/1"]

    def test_it_never_lists_a_draft(self, client, archive, delegate):
        client.force_login(delegate)
        assert not [c for c in _citations(client.get("/decisions/?sort=citation&page=1")) if "XXI" in c]
        assert b"RCM XXI/" not in client.get("/decisions/?conference_from=21").content

    def test_it_filters_by_topic(self, client, archive):
        assert _citations(client.get("/decisions/?topic=migrant-children")) == ["RCM XVII/6"]

    def test_it_filters_by_state_and_role(self, client, archive):
        # XVII/5 mandates a working group of eight states; Honduras is mandated directly by none.
        Mention.objects.create(decision=Decision.objects.get(conference__number=20, number=2),
                               role=Mention.Role.MANDATED, country=Country.objects.get(code="HN"))  # fmt: skip
        assert _citations(client.get("/decisions/?state=HN&role=mandated")) == ["RCM XX/2"]
        assert "RCM XVII/2" in _citations(client.get("/decisions/?state=HN&role=mentioned"))

    def test_it_filters_by_body_and_organization(self, client, archive):
        assert _citations(client.get("/decisions/?body=technical-secretariat&year_from=2015")) == [
            "RCM XX/1", "RCM XX/2", "RCM XX/3"
        ]  # fmt: skip
        assert "RCM XVII/9" in _citations(client.get("/decisions/?organization=SEGIB"))

    def test_it_combines_conference_and_year_ranges(self, client, archive):
        assert len(_citations(client.get("/decisions/?conference_from=17&conference_to=17"))) == 12
        assert _citations(client.get("/decisions/?year_from=2013&year_to=2020&sort=citation")) == [
            "RCM XX/1", "RCM XX/2", "RCM XX/3"
        ]  # fmt: skip

    def test_it_filters_by_links_from_published_decisions_only(self, client, archive):
        xvii_2 = Decision.objects.get(conference__number=17, number=2)
        Link.objects.create(source=Decision.objects.get(conference__number=20, number=1), kind="follows_up_on",
                            target_decision=xvii_2)  # fmt: skip
        Link.objects.create(source=Decision.objects.get(conference__number=21, number=1), kind="supersedes",
                            target_decision=xvii_2)  # fmt: skip
        assert _citations(client.get("/decisions/?linked=follows_up_on")) == ["RCM XVII/2"]
        assert _citations(client.get("/decisions/?linked=supersedes")) == []

    def test_it_finds_words(self, client, archive):
        assert set(_citations(client.get("/decisions/?q=budget"))) == {"RCM XX/2", "RCM XVII/1"}
        # With its synonym: XVII/10 names "Women and Children".
        assert set(_citations(client.get("/decisions/?q=minors"))) == {"RCM XX/1", "RCM XVII/6", "RCM XVII/10"}

    def test_it_sorts_by_citation(self, client, archive):
        assert _citations(client.get("/decisions/?sort=citation"))[:2] == ["RCM XVII/1", "RCM XVII/2"]

    def test_it_pages_and_keeps_the_filters_in_the_links(self, client, seeded):
        conference_with_declaration(20, decisions=30)
        content = client.get("/decisions/?year_from=2015&page=1").content.decode()
        assert "Page 1 of 2" in content
        assert 'href="?year_from=2015&amp;page=2"' in content

    def test_it_refuses_a_malformed_filter(self, client, archive):
        assert client.get("/decisions/?year_from=soon").status_code == 400
        assert client.get("/decisions/?topic=no-such-topic").status_code == 400
        assert "Some filters are not valid" in client.get("/decisions/?year_from=soon").content.decode()

    def test_it_says_when_valid_filters_find_nothing(self, client, archive):
        response = client.get("/decisions/?year_from=2030")
        content = response.content.decode()
        assert response.status_code == 200
        assert "<strong>0</strong> decisions" in content
        assert "No published decision matches these filters." in content
        assert "not valid" not in content

    def test_it_offers_the_same_filters_as_downloads_and_a_feed(self, client, archive):
        content = client.get("/decisions/?topic=meetings").content.decode()
        assert 'href="/decisions.csv?topic=meetings"' in content
        assert 'href="/feeds/decisions.atom?topic=meetings"' in content


class TestTopics:
    def test_the_list_counts_published_decisions(self, client, archive):
        Decision.objects.get(conference__number=21, number=1).topics.add(Topic.objects.get(slug="meetings"))
        content = client.get("/topics/").content.decode()
        assert 'href="/topics/meetings/">Meetings of the RCM</a>' in content
        assert '<span class="count">3</span>' in content

    def test_a_topic_page_lists_its_decisions(self, client, archive):
        content = client.get("/topics/migrant-children/").content.decode()
        assert "Niñez migrante y menores no acompañados" in content
        assert "RCM XVII/6" in content and "RCM XVII/5" not in content

    def test_it_handles_unknown_topics(self, client, archive):
        assert client.get("/topics/nothing/").status_code == 404


def test_state_pages_link_to_the_decisions_that_mandate_them(client, seeded):
    content = client.get("/states/PA/").content.decode()
    assert 'href="/decisions/?state=PA&amp;role=mandated"' in content


def test_each_reader_reads_a_decision_in_their_language_where_both_are_published(client, seeded, publisher):
    published_in_both_languages(client, publisher)
    row = re.compile(r'<p class="result-text" lang="(\w+)">([^<]*)</p>')
    for language, text in DECISION_30_TEXTS.items():
        page = client.get("/decisions/?conference_from=30", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert row.search(page).groups() == (language, text)


def test_no_two_filters_have_the_same_name_in_either_language(client, seeded):
    for language in ("en", "es"):
        page = client.get("/decisions/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        labels = re.findall(r"<label for=\"id_\w+\">([^<]*)</label>", page)
        assert len(labels) == len(set(labels)) == 16, labels
