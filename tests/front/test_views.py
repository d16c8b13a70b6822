from decisions.models import Mention
from rcm.base.models import Country
from tests.factories import conference_with_declaration


class TestStateList:
    def test_it_works(self, client, seeded):
        content = client.get("/states/").content.decode()
        assert content.index("Member states") < content.index("Belize") < content.index("Other countries")
        assert content.index("Other countries") < content.index("Brazil")


class TestStateDetail:
    def test_it_works(self, client, seeded):
        content = client.get("/states/PA/").content.decode()
        assert "<title>Panama" in content
        assert "RCM member state" in content
        assert 'href="/conferences/17/"' in content  # host and participant

    def test_it_lists_the_decisions_that_mandate_or_mention_it(self, client, seeded):
        content = client.get("/states/PA/").content.decode()
        assert "RCM XVII/5" in content and "RCM XVII/12" in content
        assert "RCM XVII/1<" not in content

    def test_it_redirects_to_the_upper_case_code(self, client, seeded):
        response = client.get("/states/pa/")
        assert response.status_code == 301
        assert response["Location"] == "/states/PA/"

    def test_it_handles_unknown_codes(self, client, seeded):
        for url in ["/states/zz/", "/states/ZZ/", "/states/PAN/", "/states/%20/"]:
            assert client.get(url).status_code == 404, url

    def test_it_hides_drafts(self, client, seeded):
        conference_with_declaration(20, status="draft")
        response = client.get("/states/PA/")
        assert response.status_code == 200 and b"RCM XVII/5" in response.content
        assert b"RCM XX/1" not in response.content


class TestOrganizationPages:
    def test_list_works(self, client, seeded):
        assert b"International Organization for Migration" in client.get("/organizations/").content

    def test_detail_works(self, client, seeded):
        content = client.get("/organizations/IOM/").content.decode()
        assert "International Organization for Migration" in content
        assert "observer organization" in content
        assert "RCM XVII/9" in content

    def test_it_redirects_to_the_canonical_acronym(self, client, seeded):
        response = client.get("/organizations/iom/")
        assert response.status_code == 301 and response["Location"] == "/organizations/IOM/"

    def test_it_handles_unknown_acronyms(self, client, seeded):
        assert client.get("/organizations/XYZ/").status_code == 404


class TestBodyPages:
    def test_list_works(self, client, seeded):
        assert b"Technical Secretariat" in client.get("/bodies/").content

    def test_detail_shows_members_and_mandates(self, client, seeded):
        content = client.get("/bodies/ad-hoc-cuban-nationals-2012/").content.decode()
        assert "Composed of" in content and ">Dominican Republic</a>" in content
        assert "RCM XVII/5" in content

    def test_it_handles_unknown_slugs(self, client, seeded):
        assert client.get("/bodies/nothing/").status_code == 404


class TestDocumentDetail:
    def test_it_works(self, client, seeded):
        content = client.get("/documents/santa-fe-document/").content.decode()
        assert "RCM XVII/4" in content and "amends it" in content

    def test_it_lists_paragraphs_that_refer_to_it(self, client, seeded):
        assert b"paragraph 5" in client.get("/documents/untoc/").content

    def test_it_handles_unknown_slugs(self, client, seeded):
        assert client.get("/documents/nothing/").status_code == 404


def test_mentions_use_the_seeded_codes(seeded):
    brazil = Country.objects.get(code="BR")
    assert Mention.objects.filter(country=brazil, decision__number=9).exists()
