from decisions.models import Decision, Link
from tests.factories import conference_with_declaration


def _link(source: Decision, kind: str, target: Decision) -> Link:
    return Link.objects.create(source=source, kind=kind, target_decision=target)


def _decision(conference: int, number: int) -> Decision:
    return Decision.objects.get(conference__number=conference, conference__kind="ordinary", number=number)


class TestDecisionDetail:
    def test_it_works(self, client, seeded):
        response = client.get("/conferences/17/decisions/5/")
        content = response.content.decode()
        assert response.status_code == 200
        assert "<title>Decision RCM XVII/5" in content
        assert "Convene an Ad Hoc working group to prepare a regional proposal" in content
        assert "Ad Hoc Working Group on the Irregular Movement of Cuban Nationals" in content

    def test_it_gives_a_citation_and_a_permanent_address(self, client, seeded):
        content = client.get("/conferences/17/decisions/8/").content.decode()
        assert "http://testserver/conferences/17/decisions/8/" in content
        assert "31 July 2013" in content and "“until July 2013”" in content

    def test_it_shows_links_both_ways(self, client, seeded):
        conference_with_declaration(18)
        _link(_decision(18, 1), "follows_up_on", _decision(17, 2))
        later = client.get("/conferences/18/decisions/1/").content.decode()
        earlier = client.get("/conferences/17/decisions/2/").content.decode()
        assert "Follows up on" in later and 'href="/conferences/17/decisions/2/"' in later
        assert "Followed up by" in earlier and 'href="/conferences/18/decisions/1/"' in earlier

    def test_it_hides_links_from_drafts(self, client, seeded):
        conference_with_declaration(20, status="draft")
        _link(_decision(20, 1), "follows_up_on", _decision(17, 2))
        response = client.get("/conferences/17/decisions/2/")
        content = response.content.decode()
        assert response.status_code == 200 and "<title>Decision RCM XVII/2" in content
        assert "Followed up by" not in content
        assert "/conferences/20/" not in content

    def test_it_shows_links_from_drafts_to_the_secretariat(self, client, secretariat_user, seeded):
        conference_with_declaration(20, status="draft")
        _link(_decision(20, 1), "follows_up_on", _decision(17, 2))
        client.force_login(secretariat_user)
        assert b"Followed up by" in client.get("/conferences/17/decisions/2/").content

    def test_it_handles_unknown_numbers(self, client, seeded):
        assert client.get("/conferences/17/decisions/13/").status_code == 404
        assert client.get("/conferences/17/decisions/0/").status_code == 404
        assert client.get("/conferences/17/decisions/x/").status_code == 404
        assert client.get("/conferences/17/decisions/123456789012/").status_code == 404
        assert client.get("/conferences/999/decisions/1/").status_code == 404

    def test_it_hides_a_draft(self, client, reader, seeded):
        conference_with_declaration(20, status="draft")
        assert client.get("/conferences/20/decisions/1/").status_code == 404
        client.force_login(reader)
        assert client.get("/conferences/20/decisions/1/").status_code == 404

    def test_it_shows_script_as_text(self, client, seeded):
        Decision.objects.filter(conference__number=17, number=1).update(text_en='<script>alert("x")</script>')
        for url in ["/conferences/17/decisions/1/", "/conferences/17/declaration/", "/conferences/17/"]:
            response = client.get(url)
            content = response.content.decode()
            assert response.status_code == 200, url
            assert "<script>alert" not in content and "&lt;script&gt;alert" in content, url
        assert "<script>alert" in client.get("/conferences/17/declaration.json").json()["decisions"][0]["text"]
