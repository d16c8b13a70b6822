"""A decision's page shows each of its mandates once: who must act, by when, the status and the actions."""

import datetime

import lxml.html

from decisions.models import Decision
from followup.models import FollowUpAction, Mandate
from tests.factories import conference_with_declaration, planned_conference


def test_it_shows_the_mandate_once_with_its_deadline_and_status(client, seeded):
    page = lxml.html.fromstring(client.get("/conferences/17/decisions/8/").content)
    secretariat = page.xpath("//main//a[@href='/bodies/technical-secretariat/']")
    assert len(secretariat) == 1
    row = secretariat[0].getparent().getparent()
    text = " ".join(row.text_content().split())
    assert "31 July 2013 (“until July 2013”)" in text and "Pending" in text


def test_it_shows_a_mandates_actions_with_it(client, seeded):
    decision = Decision.objects.get(conference__number=17, number=8)
    FollowUpAction.objects.create(
        decision=decision,
        mandate=Mandate.objects.get(mention__decision=decision),
        date=datetime.date(2013, 7, 1),
        description="Contract signed",
        done_by="Technical Secretariat",
    )
    page = lxml.html.fromstring(client.get("/conferences/17/decisions/8/").content)
    assert page.xpath("string(//tr[@class='mandate'])").count("Contract signed") == 1
    assert page.text_content().count("Contract signed") == 1


def test_it_says_when_a_decision_mandates_no_one(client, seeded):
    content = client.get("/conferences/17/decisions/1/").content.decode()
    assert "The decision mandates no one." in content and "No mandate is recorded" not in content


def _by_when(content: bytes) -> str:
    page = lxml.html.fromstring(content)
    return " ".join(page.xpath("string(//tr[@class='mandate']/td[@data-label='By when'])").split())


def test_it_names_the_next_conference_a_mandate_waits_for(client, seeded):
    page = lxml.html.fromstring(client.get("/conferences/17/decisions/2/").content)
    by_when = page.xpath("//tr[@class='mandate']/td[@data-label='By when']")[0]
    assert " ".join(by_when.text_content().split()) == "the next conference, XVIII (2013)"
    assert by_when.xpath("a/@href") == ["/conferences/18/"]


def test_it_says_the_next_conference_while_the_archive_lacks_it(client, db):
    conference_with_declaration(40, decisions=1)
    Mandate.objects.filter(mention__decision__conference__number=40).update(due_by_next_conference=True)
    assert _by_when(client.get("/conferences/40/decisions/1/").content) == "the next conference"
    planned_conference(41, 2036)
    assert _by_when(client.get("/conferences/40/decisions/1/").content) == "the next conference, XLI (2036)"
