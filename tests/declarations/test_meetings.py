"""Meetings of every RCM body, each with its documents: their pages, addresses, citations, links and lists."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from decisions.models import Decision
from declarations.models import Conference, OutcomeDocument
from rcm.base.models import Body
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from tests import pdf
from tests.factories import declaration_document

RCGM_DAY = "2012-11-14"


def _rcgm_conclusions(**changes) -> dict:
    """The conclusions of the RCGM meeting held in San José from 14 to 15 November 2012, in English."""
    document = declaration_document(
        0,
        2,
        schema="rcm-declaration/2",
        meeting={
            "body": "rcgm", "kind": "ordinary", "number": None, "mode": "in_person", "theme": "",
            "cities": ["San José"], "host_country": "CR", "start_date": RCGM_DAY, "end_date": "2012-11-15",
        },
        kind="conclusions",
        title="CONCLUSIONS AND RECOMMENDATIONS OF THE RCGM",
        decisions_heading="Conclusions",
    )  # fmt: skip
    del document["conference"]
    document["decisions"] = [
        {"number": 1, "text": "Follow up on decision RCM XVII/5 through the ad hoc group.",
         "links": [{"kind": "follows_up_on", "decision": "RCM XVII/5"}]},
        {"number": 2, "text": "Recommend that the Vice-Ministers approve the budget for 2013."},
    ]  # fmt: skip
    document.update(changes)
    return document


@pytest.fixture
def rcgm_meeting(seeded) -> Conference:
    declaration_import(data=read_declaration_json(_rcgm_conclusions()), publish=True)
    return Conference.objects.get(body__slug="rcgm", start_date=RCGM_DAY)


def test_an_rcgm_meeting_and_its_conclusions_have_their_own_addresses_and_citations(client, rcgm_meeting):
    meeting = client.get("/bodies/rcgm/meetings/2012-11-14/")
    assert meeting.status_code == 200
    page = meeting.content.decode()
    assert "Regional Consultation Group on Migration meeting of 14 November 2012" in page
    assert 'href="/bodies/rcgm/meetings/2012-11-14/conclusions/en/"' in page  # a text's link names its language
    assert "RCGM 2012-11-14/1" in page
    text = client.get("/bodies/rcgm/meetings/2012-11-14/conclusions/")
    # The citation written in the conclusions links to the decision it cites.
    assert text.status_code == 200 and (
        'Follow up on decision <a href="/conferences/17/decisions/5/">RCM XVII/5</a>' in text.content.decode()
    )
    conclusion = client.get("/bodies/rcgm/meetings/2012-11-14/decisions/1/")
    assert conclusion.status_code == 200 and "RCGM 2012-11-14/1" in conclusion.content.decode()
    data = client.get("/bodies/rcgm/meetings/2012-11-14/conclusions.json").json()
    assert data["meeting"]["body"] == "rcgm" and data["meeting"]["start_date"] == RCGM_DAY
    assert [d["citation"] for d in data["decisions"]] == ["RCGM 2012-11-14/1", "RCGM 2012-11-14/2"]
    assert client.get("/bodies/rcgm/meetings/2012-11-14/conclusions.pdf")["Content-Type"] == "application/pdf"
    # A day with no meeting, or that is no day, is not found.
    assert client.get("/bodies/rcgm/meetings/2012-11-15/").status_code == 404
    assert client.get("/bodies/rcgm/meetings/2012-13-45/").status_code == 404


def test_a_conclusion_follows_up_on_a_conference_decision_and_both_are_found_with_one_filter(client, rcgm_meeting):
    xvii_5 = client.get("/conferences/17/decisions/5/").content.decode()
    assert 'href="/bodies/rcgm/meetings/2012-11-14/decisions/1/"' in xvii_5  # followed up by the conclusion
    listed = client.get("/decisions/?year_from=2012&year_to=2012&sort=citation").content.decode()
    assert _cited(listed) == [f"RCM XVII/{n}" for n in range(1, 13)] + ["RCGM 2012-11-14/1", "RCGM 2012-11-14/2"]
    followed_up = client.get("/decisions/?linked=follows_up_on").content.decode()
    assert _cited(followed_up) == ["RCM XVII/5"]
    assert _cited(client.get("/decisions/?adopted_by=rcgm").content.decode()) == [
        "RCGM 2012-11-14/1",
        "RCGM 2012-11-14/2",
    ]
    assert _cited(client.get("/decisions/?document=conclusions&q=budget").content.decode()) == ["RCGM 2012-11-14/2"]


def _cited(page: str) -> list[str]:
    """The citations a list of decisions shows, in its order."""
    return re.findall(r'<a class="citation" href="[^"]+">([^<]+)</a>', page)


def test_the_meetings_page_shows_every_body_s_meetings_with_their_sources(client, rcgm_meeting):
    rcgm_meeting.sources = "https://example.org/rcgm-2012\nReport of the Technical Secretariat, 2012"
    rcgm_meeting.save()
    page = client.get("/meetings/").content.decode()
    assert "XVII Regional Conference on Migration" in page
    assert "Regional Consultation Group on Migration meeting of 14 November 2012" in page
    assert 'href="https://example.org/rcgm-2012"' in page and "Report of the Technical Secretariat, 2012" in page
    rcgm = client.get("/meetings/?body=rcgm").content.decode()
    assert "14 November 2012" in rcgm and "XVII Regional Conference" not in rcgm
    body = client.get("/bodies/rcgm/").content.decode()
    assert "Its meetings" in body and 'href="/bodies/rcgm/meetings/2012-11-14/"' in body
    # The conferences list and the home page's timeline stay the conferences'.
    assert "14 November 2012" not in client.get("/conferences/").content.decode()


def test_a_meeting_adopts_several_documents_each_with_its_items(client, seeded):
    communique = _rcgm_conclusions(
        meeting={"body": "vice-ministerial", "kind": "ordinary", "number": 17}, kind="joint_communique",
        title="JOINT COMMUNIQUÉ", decisions_heading="Agreements",
    )  # fmt: skip
    communique["decisions"] = [
        {"number": 1, "section": "Protection", "text": "Strengthen consular protection."},
        {"number": 2, "section": "Migration and development", "text": "Exchange good practices."},
    ]
    declaration_import(data=read_declaration_json(communique), publish=True)
    page = client.get("/conferences/17/").content.decode()
    assert 'href="/conferences/17/declaration/en/"' in page and 'href="/conferences/17/joint-communique/en/"' in page
    assert "RCM XVII/12" in page and "RCM XVII JC/2" in page
    agreement = client.get("/conferences/17/joint-communique/2/")
    assert agreement.status_code == 200 and "Exchange good practices." in agreement.content.decode()
    exported = client.get("/conferences/17/joint-communique.json").json()
    assert [(d["section"], d["citation"]) for d in exported["decisions"]] == [
        ("Protection", "RCM XVII JC/1"),
        ("Migration and development", "RCM XVII JC/2"),
    ]
    # The declaration's decisions keep their numbers, citations and addresses.
    assert client.get("/conferences/17/decisions/1/").content.decode().count("Approve the budget") >= 1
    assert Decision.objects.get(conference__number=17, outcome__position=1, number=1).citation == "RCM XVII/1"


def test_the_briefing_pack_includes_the_rcgm_conclusions_since_the_previous_conference(client, rcgm_meeting):
    xviii = Conference.objects.get(number=18)
    xviii.start_date = xviii.end_date = datetime.date(2013, 6, 27)
    xviii.save()
    text = pdf.text(pdf.read(client.get("/conferences/18/briefing.pdf")))
    assert "Conclusions of the Regional Consultation Group on Migration since then" in text
    assert "RCGM 2012-11-14/1" in text


def _import(*args) -> str:
    err = StringIO()
    call_command("import_declaration", *map(str, args), stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_a_document_that_names_no_meeting_is_placed_with_meeting(seeded, tmp_path):
    unplaced = _rcgm_conclusions()
    del unplaced["meeting"]
    path = tmp_path / "conclusions.json"
    path.write_text(json.dumps(unplaced), encoding="utf-8")
    with pytest.raises(CommandError, match="This looks like conclusions, but it does not say"):
        _import(path)
    rcgm = Body.objects.get(slug="rcgm")
    day = datetime.date(2013, 3, 5)
    Conference.objects.create(body=rcgm, start_date=day, end_date=day, cities=["Managua"])
    with pytest.raises(CommandError, match="--meeting: there is no meeting at /bodies/rcgm/meetings/2013-03-06/"):
        _import(path, "--meeting", "bodies/rcgm/meetings/2013-03-06")
    with pytest.raises(CommandError, match="--meeting: 'XVII' is not a meeting's address"):
        _import(path, "--meeting", "XVII")
    assert "imported" in _import(path, "--meeting", "https://rcm.example.org/bodies/rcgm/meetings/2013-03-05/")
    outcome = OutcomeDocument.objects.get(conference__body=rcgm, conference__start_date=day)
    assert outcome.kind == "conclusions" and outcome.decisions.count() == 2
    assert outcome.decisions.get(number=1).citation == "RCGM 2013-03-05/1"


def test_the_import_page_lets_the_editor_choose_the_meeting(client, editor, seeded):
    rcgm = Body.objects.get(slug="rcgm")
    day = datetime.date(2013, 3, 5)
    meeting = Conference.objects.create(body=rcgm, start_date=day, end_date=day)
    unplaced = _rcgm_conclusions()
    del unplaced["meeting"]
    client.force_login(editor)
    refused = client.post("/staff/import/", {"text": json.dumps(unplaced), "encoding": "utf-8"})
    assert "This looks like conclusions, but it does not say which meeting" in refused.content.decode()
    assert "choose the meeting in the list below" in refused.content.decode()
    assert "--meeting" not in refused.content.decode()
    preview = client.post("/staff/import/", {"text": json.dumps(unplaced), "encoding": "utf-8", "meeting": meeting.pk})
    page = preview.content.decode()
    assert "Check what was read" in page and 'href="/bodies/rcgm/meetings/2013-03-05/"' in page
    signed = preview.context["signed"]
    created = client.post("/staff/import/", {"confirm": "1", "reading": signed})
    assert created.status_code == 302
    assert meeting.outcomes.get().decisions.count() == 2
