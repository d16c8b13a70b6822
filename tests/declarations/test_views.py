import pytest
from django.utils import timezone

from declarations.models import Conference
from tests.factories import conference_with_declaration

UNKNOWN_CONFERENCES = [
    "/conferences/999/",
    "/conferences/abc/",
    "/conferences/0/",
    "/conferences/017/",
    "/conferences/99999999999999999999/",
    "/conferences/extraordinary/17/",
]


class TestHome:
    def test_it_works(self, client, seeded):
        response = client.get("/")
        assert response.status_code == 200
        assert b"Declaration of the XVII Regional Conference on Migration" in response.content

    def test_it_shows_the_timeline_newest_first(self, client, seeded):
        content = client.get("/").content.decode()
        content = content[content.index('<ol class="timeline">') :]
        names = ["<strong>XIX Regional", "<strong>XVIII Regional", "<strong>XVII Regional", "<strong>XVI Regional"]
        assert [content.index(name) for name in names] == sorted(content.index(name) for name in names)

    def test_it_hides_drafts(self, client, seeded):
        conference_with_declaration(20, status="draft")
        response = client.get("/")
        assert response.status_code == 200 and b"Declaration of the XVII Regional" in response.content
        assert b"Declaration of the XX Regional" not in response.content


class TestConferenceList:
    def test_it_works(self, client, seeded):
        response = client.get("/conferences/")
        assert response.status_code == 200
        assert b"XVIII Regional Conference on Migration" in response.content


class TestConferenceDetail:
    def test_it_works(self, client, seeded):
        response = client.get("/conferences/17/")
        content = response.content.decode()
        assert response.status_code == 200
        assert "“Security within the Framework of Human Rights and Mixed Migration Flows”" in content
        assert "Panama City" in content
        assert '<time datetime="2012-06-21">21</time>–<time datetime="2012-06-22">22 June 2012</time>' in content
        assert content.count('class="citation"') == 12

    def test_it_lists_participants_by_role(self, client, seeded):
        content = client.get("/conferences/17/").content.decode()
        assert 'Member states <span class="count">11</span>' in content
        assert "as representative of the South American Conference on Migration" in content

    def test_it_shows_a_conference_known_by_its_year_and_what_was_decided_about_it(self, client, seeded):
        content = client.get("/conferences/18/").content.decode()
        assert "2013, dates not recorded" in content
        assert "No decisions of this conference are published yet." in content
        assert "Referred to by" in content and "/conferences/17/decisions/10/" in content

    def test_it_links_the_previous_and_next_conference(self, client, seeded):
        content = client.get("/conferences/18/").content.decode()
        assert 'rel="prev" href="/conferences/17/"' in content
        assert 'rel="next" href="/conferences/19/"' in content

    def test_it_hides_the_decisions_of_a_draft(self, client, seeded):
        conference_with_declaration(20, status="draft")
        response = client.get("/conferences/20/")
        content = response.content.decode()
        assert response.status_code == 200 and "XX Regional Conference on Migration" in content
        assert "Decide item 1" not in content
        assert "/conferences/20/declaration/" not in content

    def test_it_shows_an_upcoming_conference(self, client, seeded):
        Conference.objects.create(number=40, planned_year=timezone.localdate().year + 1)
        content = client.get("/conferences/40/").content.decode()
        assert f"planned for {timezone.localdate().year + 1}" in content
        assert "This conference has not been held yet." in content

    def test_it_serves_extraordinary_conferences_at_their_own_address(self, client, seeded):
        Conference.objects.create(number=1, kind="extraordinary", planned_year=2013)
        response = client.get("/conferences/extraordinary/1/")
        assert b"I Extraordinary Regional Conference on Migration" in response.content

    @pytest.mark.parametrize("url", UNKNOWN_CONFERENCES)
    def test_it_handles_unknown_numbers(self, client, seeded, url):
        response = client.get(url)
        assert response.status_code == 404
        assert b'<nav aria-label="Main">' in response.content  # The site's layout, not a bare error.


class TestDeclarationDetail:
    def test_it_works(self, client, seeded):
        response = client.get("/conferences/17/declaration/")
        assert response.status_code == 200
        assert b'<html lang="en">' in response.content
        assert b"<title>Declaration of the XVII Regional Conference on Migration (2012)" in response.content
        assert b'href="/conferences/17/declaration.json"' in response.content

    def test_it_tells_the_adoption_from_the_day_it_was_put_online(self, client, seeded):
        content = client.get("/conferences/17/declaration/").content.decode()
        adopted = content.split("<dt>Adopted</dt><dd>")[1].split("</dd>")[0]
        assert "June 2012" in adopted
        online = content.split("<dt>In this archive</dt><dd>")[1].split("</dd>")[0]
        assert online.startswith("online since ") and "Published here" not in content

    def test_it_shows_every_paragraph_and_decision_with_an_anchor(self, client, seeded):
        content = client.get("/conferences/17/declaration/").content.decode()
        for number in range(1, 7):
            assert f'id="paragraph-{number}"' in content
        for number in range(1, 13):
            assert f'id="decision-{number}"' in content
        assert "Thank the government and the people of Panama for their hospitality" in content

    def test_it_names_the_eleven_states(self, client, seeded):
        content = client.get("/conferences/17/declaration/").content.decode()
        for name in [
            "Belize",
            "Canada",
            "Costa Rica",
            "Dominican Republic",
            "El Salvador",
            "Guatemala",
            "Honduras",
            "Mexico",
            "Nicaragua",
            "Panama",
            "United States of America",
        ]:
            assert f">{name}</a>" in content

    def test_it_shows_links_on_each_decision(self, client, seeded):
        content = client.get("/conferences/17/declaration/").content.decode()
        assert 'Amends <a href="/documents/santa-fe-document/">Santa Fe Document</a>' in content
        assert 'Refers to <a href="/conferences/18/">XVIII Regional Conference on Migration</a>' in content

    @pytest.mark.parametrize("url", ["/conferences/20/declaration/", "/conferences/20/declaration.json"])
    def test_it_hides_a_draft_in_every_format(self, client, reader, seeded, url):
        conference_with_declaration(20, status="draft")
        assert client.get(url).status_code == 404
        client.force_login(reader)
        assert client.get(url).status_code == 404

    def test_it_shows_a_draft_to_the_secretariat_with_a_banner(self, client, secretariat_user, seeded):
        conference_with_declaration(20, status="draft")
        client.force_login(secretariat_user)
        response = client.get("/conferences/20/declaration/")
        assert response.status_code == 200
        assert b"DRAFT: not published" in response.content

    def test_it_handles_a_conference_without_declaration(self, client, seeded):
        assert client.get("/conferences/18/declaration/").status_code == 404

    def test_it_handles_a_missing_language(self, client, seeded):
        assert client.get("/conferences/17/declaration/es/").status_code == 404
        assert client.get("/conferences/17/declaration/fr/").status_code == 404

    def test_it_serves_the_spanish_text_at_its_address(self, client, seeded):
        conference_with_declaration(20, language="es", title="XX CONFERENCIA REGIONAL SOBRE MIGRACIÓN")
        response = client.get("/conferences/20/declaration/es/")
        assert b'<article class="document" lang="es">' in response.content
        assert "XX CONFERENCIA REGIONAL SOBRE MIGRACIÓN" in response.content.decode()
        assert b'href="/conferences/20/declaration.es.json"' in response.content

    def test_it_escapes_what_editors_typed(self, client, seeded):
        conference_with_declaration(
            20, paragraphs=[{"verb": "Noted", "text": 'Noted <script>alert("x")</script> here.'}]
        )
        content = client.get("/conferences/20/declaration/").content.decode()
        assert "<script>alert" not in content
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


class TestDeclarationJson:
    def test_it_shows_a_draft_to_the_secretariat(self, client, secretariat_user, seeded):
        conference_with_declaration(20, status="draft")
        client.force_login(secretariat_user)
        assert client.get("/conferences/20/declaration.json").json()["status"] == "draft"

    def test_it_handles_unknown_numbers(self, client, seeded):
        assert client.get("/conferences/999/declaration.json").status_code == 404
        assert client.get("/conferences/18/declaration.json").status_code == 404

    def test_it_serves_each_language(self, client, seeded):
        conference_with_declaration(20, language="es")
        assert client.get("/conferences/20/declaration.es.json").json()["language"] == "es"
        assert client.get("/conferences/17/declaration.es.json").status_code == 404
