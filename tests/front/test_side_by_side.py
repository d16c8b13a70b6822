"""The side-by-side page and PDF of a document held in both languages, and the declaration page in the
reader's language. Every text here is [Test data] written for these tests."""

from django.conf import settings
from django.test import Client

from tests import pdf
from tests.declarations.bilingual import DECISIONS_ES, PARAGRAPHS_ES, bilingual, english, imported, spanish

PAGE = "/conferences/30/declaration/side-by-side/"
PDF = "/conferences/30/declaration/side-by-side.pdf"


def spanish_reader() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="es-MX")


class TestSideBySidePage:
    def test_it_aligns_both_texts_row_by_row(self, client, seeded):
        bilingual(30)
        response = client.get(PAGE)
        assert response.status_code == 200
        content = response.content.decode()
        assert content.count('class="parallel-row parallel-paragraph"') == 3
        english_at = content.index("Recognized [Test data] the first English paragraph.")
        spanish_at = content.index("Reconocieron [Test data] el primer párrafo en español.")
        second_at = content.index("Reafirmando [Test data] el segundo párrafo en español.")
        assert english_at < spanish_at < second_at  # paired: paragraph 1 in both before paragraph 2
        assert '<div class="parallel-cell" lang="en">' in content and '<div class="parallel-cell" lang="es">' in content
        assert DECISIONS_ES[1] in content and "[Test data] English decision two." in content
        assert 'href="/conferences/30/declaration/side-by-side.pdf"' in content
        assert "do not align" not in content

    def test_it_stacks_pairs_on_a_phone(self, client, seeded):
        bilingual(30)
        assert 'class="parallel-row parallel-paragraph"' in client.get(PAGE).content.decode()
        stylesheet = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
        phone = stylesheet[stylesheet.index("@media (max-width: 40rem) {\n  .parallel-row") :]
        assert ".parallel-row { grid-template-columns: 1fr;" in phone

    def test_the_reader_language_comes_first(self, seeded):
        bilingual(30)
        content = spanish_reader().get(PAGE).content.decode()
        assert content.index(PARAGRAPHS_ES[0]) < content.index("Recognized [Test data] the first English paragraph.")

    def test_it_notes_what_does_not_align(self, client, seeded):
        imported(english(30))
        imported(spanish(30, paragraphs=PARAGRAPHS_ES[:2], decisions=[DECISIONS_ES[0]]))
        content = client.get(PAGE).content.decode()
        assert "The two language versions do not align:" in content
        assert "Paragraph 3 is in the English text only." in content
        assert "RCM XXX/2 has no Spanish text." in content
        assert "Paragraph 3 is not in this text." in content

    def test_a_draft_is_not_shown_to_the_public(self, client, seeded, secretariat_user, delegate):
        bilingual(30, es_status="draft")
        assert client.get(PAGE).status_code == 404
        assert client.get(PDF).status_code == 404
        assert PARAGRAPHS_ES[0] not in client.get("/conferences/30/declaration/").content.decode()
        assert "Read side by side" not in client.get("/conferences/30/declaration/").content.decode()
        client.force_login(delegate)
        assert client.get(PAGE).status_code == 404
        client.force_login(secretariat_user)
        response = client.get(PAGE)
        assert response.status_code == 200 and b"DRAFT" in response.content
        assert PARAGRAPHS_ES[0] in response.content.decode()

    def test_a_document_in_one_language_has_none(self, client, seeded):
        assert client.get("/conferences/17/declaration/side-by-side/").status_code == 404


class TestSideBySidePdf:
    def test_it_is_a_pdf_of_both_texts(self, client, seeded):
        bilingual(30)
        reader = pdf.read(client.get(PDF))
        content = pdf.text(reader)
        assert "Recognized [Test data] the first English paragraph." in content
        assert "Reconocieron [Test data] el primer párrafo en español." in content
        assert "[Test data] Decisión dos en español." in content
        assert "English" in content and "Español" in content
        assert reader.metadata.title == "Declaration of the XXX Regional Conference on Migration in English and Spanish"

    def test_it_prints_on_letter_paper_and_refuses_others(self, client, seeded):
        bilingual(30)
        page = pdf.read(client.get(PDF + "?paper=letter")).pages[0]
        assert round(float(page.mediabox.width)) == 612
        assert client.get(PDF + "?paper=a3").status_code == 400

    def test_a_draft_is_marked(self, client, seeded, secretariat_user):
        bilingual(30, es_status="draft")
        client.force_login(secretariat_user)
        assert "DRAFT" in pdf.text(pdf.read(client.get(PDF)))


class TestDeclarationInTheReaderLanguage:
    def test_each_reader_gets_their_language(self, client, seeded):
        bilingual(30)
        english_page = client.get("/conferences/30/declaration/").content.decode()
        assert '<article class="document" lang="en">' in english_page
        spanish_page = spanish_reader().get("/conferences/30/declaration/").content.decode()
        assert '<article class="document" lang="es">' in spanish_page
        assert "exists only in" not in spanish_page and "existe solo" not in spanish_page
        # An address that names a language keeps it.
        named = spanish_reader().get("/conferences/30/declaration/en/").content.decode()
        assert '<article class="document" lang="en">' in named

    def test_it_links_to_the_side_by_side_page(self, client, seeded):
        bilingual(30)
        content = client.get("/conferences/30/declaration/").content.decode()
        assert '<a href="/conferences/30/declaration/side-by-side/">Read side by side</a>' in content

    def test_a_text_in_the_other_language_only_says_so(self, client, seeded):
        content = spanish_reader().get("/conferences/17/declaration/").content.decode()
        assert '<article class="document" lang="en">' in content
        assert 'class="note only-in-other-language"' in content
        assert "Read side by side" not in content and "Leer en paralelo" not in content
        imported(spanish(30))
        content = client.get("/conferences/30/declaration/").content.decode()
        assert '<article class="document" lang="es">' in content
        assert "This text exists only in Spanish." in content


# Needs the Spanish catalogue with this branch's messages (/work/notes/po/parallel.po)
class TestInSpanish:
    def test_the_link_and_the_note_are_in_spanish(self, seeded):
        bilingual(30)
        content = spanish_reader().get("/conferences/30/declaration/").content.decode()
        assert '<a href="/conferences/30/declaration/side-by-side/">Leer en paralelo</a>' in content
        content = spanish_reader().get("/conferences/17/declaration/").content.decode()
        assert "Este texto existe solo en inglés." in content

    def test_the_page_is_in_spanish(self, seeded):
        imported(english(30))
        imported(spanish(30, paragraphs=PARAGRAPHS_ES[:2]))
        content = spanish_reader().get(PAGE).content.decode()
        assert "Las dos versiones lingüísticas no coinciden:" in content
        assert "El párrafo 3 figura solo en el texto en inglés." in content
