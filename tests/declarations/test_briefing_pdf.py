import re

import pytest

from tests import pdf
from tests.factories import conference_with_declaration, planned_conference


@pytest.fixture
def briefing_xviii(client, seeded):
    """The pack for the XVIII conference, which has no declaration yet: the XVII's decisions are the previous."""
    return client.get("/conferences/18/briefing.pdf")


def test_it_has_a_cover_and_contents_with_page_numbers(briefing_xviii):
    reader = pdf.read(briefing_xviii)
    cover, contents = (" ".join(page.extract_text().split()) for page in reader.pages[:2])
    assert "Briefing pack" in cover and "XVIII Regional Conference on Migration" in cover
    assert re.search(r"1\. Follow-up of the decisions of the XVII Regional Conference on Migration \.+ 3 ", contents)
    assert re.search(r"2\. Index of states and organizations \.+ 5 ", contents)
    assert "Index of states and organizations" in reader.pages[4].extract_text()


def test_it_lists_the_previous_conferences_decisions_with_their_links(briefing_xviii):
    content = pdf.text(pdf.read(briefing_xviii))
    for number in range(1, 13):
        assert f"RCM XVII/{number} " in content
    assert "Amends Santa Fe Document" in content
    assert "Refers to XVIII Regional Conference on Migration" in content


def test_it_indexes_the_states_and_organizations_named(briefing_xviii):
    content = pdf.text(pdf.read(briefing_xviii))
    assert "Costa Rica (CR) RCM XVII/5, RCM XVII/10" in content
    assert "UNHCR: Office of the United Nations High Commissioner for Refugees RCM XVII/9" in content


def test_it_includes_the_conferences_own_declaration(client, seeded):
    reader = pdf.read(client.get("/conferences/17/briefing.pdf"))
    content = pdf.text(reader)
    assert "1. Declaration of the XVII Regional Conference on Migration" in content
    # The XVI is in the calendar (seeds/rcm-meetings.csv), its text is not in the archive.
    assert "The archive holds no published decision of an earlier conference." in content
    assert "Decision 12" in pdf.outline_titles(reader)


def test_it_leaves_out_drafts(client, seeded):
    conference_with_declaration(40, status="draft")
    planned_conference(41, 2041)
    content = pdf.text(pdf.read(client.get("/conferences/41/briefing.pdf")))
    assert "Decide item" not in content


def test_it_handles_unknown_numbers(client, seeded):
    assert client.get("/conferences/999/briefing.pdf").status_code == 404
    assert client.get("/conferences/18/briefing.pdf?paper=legal").status_code == 400


def test_it_follows_up_the_previous_conference_that_was_held_with_published_decisions(client, seeded):
    # The XVIII to the XXIV are in the calendar, without texts: the XXV's pack follows up the XVII.
    content = pdf.text(pdf.read(client.get("/conferences/25/briefing.pdf")))
    assert "Follow-up of the decisions of the XVII Regional Conference on Migration" in content
    assert "RCM XVII/5 " in content and "holds no published decision" not in content
