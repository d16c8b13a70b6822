import json
import logging

import pytest

from decisions.models import Decision
from rcm.front.seed import SEEDS_DIR
from tests import pdf
from tests.factories import conference_with_declaration

SEED_JSON = json.loads((SEEDS_DIR / "rcm-xvii-2012-declaration-en.json").read_text(encoding="utf-8"))
STATES = ["Belize", "Canada", "Costa Rica", "the Dominican Republic", "El Salvador", "Guatemala", "Honduras",
          "Mexico", "Nicaragua", "Panama", "the United States of America"]  # fmt: skip


@pytest.fixture
def declaration_pdf(client, seeded):
    return client.get("/conferences/17/declaration.pdf")


class TestDeclarationPdf:
    def test_it_carries_every_decision_and_state(self, declaration_pdf):
        content = pdf.text(pdf.read(declaration_pdf))
        for decision in SEED_JSON["decisions"]:
            opening = " ".join(decision["text"].split()[:5])
            assert f"{decision['number']}. {opening}" in content
        for state in STATES:
            assert state in content

    def test_it_renders_accents_and_typographic_quotes(self, declaration_pdf):
        content = pdf.text(pdf.read(declaration_pdf))
        assert "Pro Témpore´s" in content
        assert "“Panama Crisol de Razas”" in content

    def test_it_reads_as_an_official_document(self, declaration_pdf):
        content = pdf.text(pdf.read(declaration_pdf))
        assert content.startswith("XVII REGIONAL CONFERENCE ON MIGRATION (RCM)")
        assert "“Security within the Framework of Human Rights and Mixed Migration Flows”" in content
        assert "RCM XVII · Declaration" in content and "page 1 of 3" in content

    def test_it_has_metadata_pages_and_an_outline(self, declaration_pdf):
        reader = pdf.read(declaration_pdf)
        assert reader.metadata.title == "Declaration of the XVII Regional Conference on Migration (2012)"
        assert reader.metadata.author == "RCM Technical Secretariat"
        assert reader.metadata.creation_date is not None and reader.metadata.modification_date is not None
        assert len(reader.pages) == 3
        assert pdf.outline_titles(reader) == ["Declaration", "Decisions"] + [f"Decision {n}" for n in range(1, 13)]

    def test_it_is_tagged_for_screen_readers(self, declaration_pdf):
        catalog = pdf.read(declaration_pdf).trailer["/Root"]
        assert catalog["/Lang"] == "en"
        assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean object)
        assert "/StructTreeRoot" in catalog

    def test_it_embeds_the_projects_font(self, declaration_pdf):
        fonts = {
            str(font.get_object()["/BaseFont"])
            for page in pdf.read(declaration_pdf).pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts and all("Source-Serif-4" in name for name in fonts)

    def test_it_is_named_for_the_conference(self, declaration_pdf):
        assert declaration_pdf["Content-Disposition"] == 'inline; filename="RCM-XVII-2012-declaration-en.pdf"'

    def test_it_prints_on_a4_or_letter(self, client, declaration_pdf):
        a4 = pdf.read(declaration_pdf).pages[0].mediabox
        letter = pdf.read(client.get("/conferences/17/declaration.pdf?paper=letter")).pages[0].mediabox
        assert (round(a4.width), round(a4.height)) == (595, 842)
        assert (round(letter.width), round(letter.height)) == (612, 792)

    def test_it_refuses_an_unknown_paper(self, client, seeded):
        response = client.get("/conferences/17/declaration.pdf?paper=a3")
        assert response.status_code == 400
        assert b"A4 (?paper=a4) or US Letter (?paper=letter)" in response.content

    def test_it_hides_a_draft(self, client, reader, seeded):
        conference_with_declaration(20, status="draft")
        assert client.get("/conferences/20/declaration.pdf").status_code == 404
        client.force_login(reader)
        assert client.get("/conferences/20/declaration.pdf").status_code == 404

    def test_it_marks_a_draft_for_the_secretariat(self, client, secretariat_user, seeded):
        conference_with_declaration(20, status="draft")
        client.force_login(secretariat_user)
        response = client.get("/conferences/20/declaration.pdf")
        reader = pdf.read(response)
        assert "DRAFT" in pdf.text(reader)
        assert reader.metadata.title.endswith(", DRAFT")
        assert "private" in response["Cache-Control"]

    def test_delegates_get_a_circulated_text_marked_and_kept_private(self, client, delegate, seeded):
        declaration = conference_with_declaration(20, status="draft")
        declaration.status = "circulated"
        declaration.save()
        client.force_login(delegate)
        response = client.get("/conferences/20/declaration.pdf")
        assert "DRAFT" in pdf.text(pdf.read(response))
        assert "private" in response["Cache-Control"]

    def test_a_published_text_has_no_draft_mark(self, declaration_pdf):
        assert "DRAFT" not in pdf.text(pdf.read(declaration_pdf))
        assert "public" in declaration_pdf["Cache-Control"]

    def test_it_handles_unknown_numbers(self, client, seeded):
        assert client.get("/conferences/999/declaration.pdf").status_code == 404
        assert client.get("/conferences/18/declaration.pdf").status_code == 404
        assert client.get("/conferences/17/declaration.es.pdf").status_code == 404

    def test_it_shows_typed_markup_as_text(self, client, seeded):
        Decision.objects.filter(conference__number=17, number=1).update(text_en="Approve <b>this</b> & that.")
        assert "Approve <b>this</b> & that." in pdf.text(pdf.read(client.get("/conferences/17/declaration.pdf")))


class TestCache:
    def test_a_repeat_request_renders_nothing(self, client, seeded, caplog):
        with caplog.at_level(logging.INFO, logger="rcm.lib.pdf"):
            first = client.get("/conferences/17/declaration.pdf")
            second = client.get("/conferences/17/declaration.pdf")
        assert [record.message.split(" in ")[0] for record in caplog.records if record.name == "rcm.lib.pdf"] == [
            "Rendered RCM-XVII-2012-declaration-en.pdf"
        ]
        assert second.content == first.content and second["ETag"] == first["ETag"]

    def test_it_answers_not_modified_to_a_client_that_has_it(self, client, seeded):
        etag = client.get("/conferences/17/declaration.pdf")["ETag"]
        response = client.get("/conferences/17/declaration.pdf", headers={"If-None-Match": etag})
        assert response.status_code == 304 and response.content == b""

    def test_an_edit_makes_a_new_pdf(self, client, seeded):
        etag = client.get("/conferences/17/declaration.pdf")["ETag"]
        Decision.objects.filter(conference__number=17, number=12).update(text_en="Thank Panama.")
        response = client.get("/conferences/17/declaration.pdf", headers={"If-None-Match": etag})
        assert response.status_code == 200 and response["ETag"] != etag
        assert "12. Thank Panama." in pdf.text(pdf.read(response))

    def test_each_paper_size_is_its_own_pdf(self, client, seeded):
        a4 = client.get("/conferences/17/declaration.pdf")["ETag"]
        assert client.get("/conferences/17/declaration.pdf?paper=letter")["ETag"] != a4
