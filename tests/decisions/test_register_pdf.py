from tests import pdf
from tests.factories import conference_with_declaration


def test_it_lists_every_decision(client, seeded):
    response = client.get("/conferences/17/decisions.pdf")
    content = pdf.text(pdf.read(response))
    assert content.startswith("Register of decisions XVII Regional Conference on Migration, Panama City · 12 decisions")
    for number in range(1, 13):
        assert f"RCM XVII/{number} " in content
    assert "31 Jul 2013" in content
    assert response["Content-Disposition"] == 'inline; filename="RCM-XVII-2012-decisions.pdf"'


def test_it_holds_a_hundred_decisions(client, seeded):
    conference_with_declaration(20, decisions=100)
    reader = pdf.read(client.get("/conferences/20/decisions.pdf?paper=letter"))
    content = pdf.text(reader)
    assert "RCM XX/1 " in content and "RCM XX/100 " in content
    assert len(reader.pages) > 3
    assert round(reader.pages[0].mediabox.width) == 612


def test_it_hides_a_draft(client, reader, seeded):
    conference_with_declaration(20, status="draft")
    assert client.get("/conferences/20/decisions.pdf").status_code == 404
    client.force_login(reader)
    assert client.get("/conferences/20/decisions.pdf").status_code == 404


def test_it_marks_a_draft_for_the_secretariat(client, secretariat_user, seeded):
    conference_with_declaration(20, status="draft")
    client.force_login(secretariat_user)
    assert "DRAFT" in pdf.text(pdf.read(client.get("/conferences/20/decisions.pdf")))


def test_it_handles_unknown_numbers(client, seeded):
    assert client.get("/conferences/999/decisions.pdf").status_code == 404
    assert client.get("/conferences/18/decisions.pdf").status_code == 404
