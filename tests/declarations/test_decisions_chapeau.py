"""The sentence that introduces a text's decisions ("..., the Vice-Ministers reached the following:"): its own
field, carried by every page, file and screen a text goes through."""

import importlib

import lxml.html
from django.apps import apps
from django.urls import reverse

from declarations.access import SYSTEM, acting_as
from declarations.models import Declaration, Paragraph
from rcm.interchange.schema import read_declaration_json
from rcm.interchange.services import declaration_import
from tests import pdf
from tests.factories import conference_with_declaration, declaration_document

XVII_SENTENCE = (
    "Reaffirming the principles established in the Puebla Process, based on recommendations of the Regional "
    "Consultation Group on Migration and the deliberations of the XVII RCM, the Vice-Ministers and Heads of "
    "Delegation reached the following:"
)
migration = importlib.import_module("declarations.migrations.0013_decisions_chapeau")


def _xvii() -> Declaration:
    return Declaration.objects.get(conference__number=17, conference__kind="ordinary", language="en")


class TestTheXvii:
    def test_the_sentence_is_its_field_not_a_paragraph(self, seeded):
        declaration = _xvii()
        assert declaration.decisions_chapeau == XVII_SENTENCE
        assert not declaration.paragraphs.filter(text__startswith="Reaffirming the principles").exists()

    def test_the_reading_page_shows_it_once_just_before_the_decisions(self, client, seeded):
        page = lxml.html.fromstring(client.get("/conferences/17/declaration/").content)
        article = page.xpath("//article[@class='document']")[0]
        assert article.text_content().count("reached the following:") == 1
        chapeau = article.xpath(".//p[contains(@class, 'decisions-chapeau')]")[0]
        assert chapeau.getprevious().get("class") == "paragraphs"
        assert chapeau.getnext().text_content() == "Decisions"

    def test_links_to_it_as_paragraph_7_still_land_on_it(self, client, seeded):
        # It was the XVII's ¶7 until migration 0013, and addresses cited then end in #paragraph-7.
        page = lxml.html.fromstring(client.get("/conferences/17/declaration/").content)
        assert page.get_element_by_id("paragraph-7").getparent().get("id") == "decisions-chapeau"

    def test_the_pdf_shows_it_once_just_before_the_decisions(self, client, seeded):
        content = pdf.text(pdf.read(client.get("/conferences/17/declaration.pdf")))
        assert content.count("reached the following:") == 1
        assert "Heads of Delegation reached the following: Decisions 1. Approve the budget" in content


class TestStaffTextPage:
    def test_an_editor_writes_it_and_readers_see_it(self, client, seeded, editor):
        declaration = conference_with_declaration(30, status="draft").conference.declarations.get()
        client.force_login(editor)
        url = reverse("staff_declaration_edit", args=[declaration.pk])
        form = lxml.html.fromstring(client.get(url).content).forms[-1]
        data = {name: value for name, value in form.form_values() if "__prefix__" not in name}
        data["decisions_chapeau"] = "The Vice-Ministers <b>agreed</b>:"
        assert client.post(url, data).status_code == 302
        declaration.refresh_from_db()
        assert declaration.decisions_chapeau == "The Vice-Ministers <b>agreed</b>:"
        page = client.get(declaration.get_absolute_url()).content.decode()
        assert "The Vice-Ministers &lt;b&gt;agreed&lt;/b&gt;:" in page

    def test_it_is_read_only_for_an_editor_on_a_published_text(self, client, seeded, editor):
        client.force_login(editor)
        page = lxml.html.fromstring(client.get(reverse("staff_declaration_edit", args=[_xvii().pk])).content)
        field = page.get_element_by_id("id_decisions_chapeau")
        assert field.get("disabled") is not None and field.text.strip() == XVII_SENTENCE


class TestJson:
    def test_the_export_carries_it(self, client, seeded):
        assert client.get("/conferences/17/declaration.json").json()["decisions_chapeau"] == XVII_SENTENCE

    def test_an_import_stores_it(self, seeded):
        document = declaration_document(31, 2, decisions_chapeau="The Vice-Ministers decided:")
        declaration = declaration_import(data=read_declaration_json(document), publish=False)
        assert declaration.decisions_chapeau == "The Vice-Ministers decided:"

    def test_a_document_without_it_has_none(self, seeded):
        declaration = declaration_import(data=read_declaration_json(declaration_document(32, 2)), publish=False)
        assert declaration.decisions_chapeau == ""


class TestTwoLanguages:
    def test_side_by_side_pairs_it(self, client, seeded, editor):
        english = conference_with_declaration(33, decisions_chapeau="They agreed on the following:")
        document = declaration_document(
            33, 3, language="es", title="Conferencia 33", decisions_chapeau="Acordaron lo siguiente:"
        )
        declaration_import(data=read_declaration_json(document), publish=True)
        url = reverse("declaration_side_by_side", args=[english.conference, english.outcome.slug])
        page = lxml.html.fromstring(client.get(url).content)
        cells = page.xpath(
            "//*[contains(@class, 'parallel-decisions_chapeau')]//p[contains(@class, 'decisions-chapeau')]"
        )
        assert [cell.text_content() for cell in cells] == [
            "They agreed on the following:",
            "Acordaron lo siguiente:",
        ]

    def test_the_translation_screen_fills_it(self, client, seeded, editor):
        english = conference_with_declaration(34, decisions_chapeau="They agreed on the following:")
        client.force_login(editor)
        url = reverse("staff_translation_edit", args=[english.outcome_id, "es"])
        page = lxml.html.fromstring(client.get(url).content)
        assert page.get_element_by_id("decisions_chapeau").xpath("th")[0].text_content() == ("Chapeau of the decisions")
        client.post(url, {"title": "Conferencia 34", "decisions_chapeau": "Acordaron lo siguiente:"})
        spanish = english.outcome.texts.get(language="es")
        assert spanish.decisions_chapeau == "Acordaron lo siguiente:"


class TestHistory:
    def test_a_change_shows_under_its_name(self, client, seeded, editor):
        declaration = conference_with_declaration(35, status="draft").conference.declarations.get()
        client.force_login(editor)
        url = reverse("staff_declaration_edit", args=[declaration.pk])
        form = lxml.html.fromstring(client.get(url).content).forms[-1]
        data = {name: value for name, value in form.form_values() if "__prefix__" not in name}
        client.post(url, {**data, "decisions_chapeau": "They agreed:"})
        history = client.get(reverse("staff_history", args=["declaration", declaration.pk])).content.decode()
        assert "chapeau of the decisions" in history.lower() and "They agreed:" in history


class TestMigration:
    def test_the_seeds_last_paragraph_moves_into_the_field_and_back(self, seeded):
        declaration = conference_with_declaration(36, status="draft").conference.declarations.get()
        with acting_as(SYSTEM):
            Paragraph.objects.create(declaration=declaration, position=4, verb="Reaffirming", text=XVII_SENTENCE)
            migration._paragraph_to_chapeau(apps, None)
            declaration.refresh_from_db()
            assert declaration.decisions_chapeau == XVII_SENTENCE
            assert declaration.paragraphs.count() == 3
            migration._chapeau_to_paragraph(apps, None)
            declaration.refresh_from_db()
        assert declaration.decisions_chapeau == ""
        assert declaration.paragraphs.order_by("position").last().text == XVII_SENTENCE

    def test_another_last_paragraph_stays_a_paragraph(self, seeded):
        declaration = conference_with_declaration(37, status="draft").conference.declarations.get()
        with acting_as(SYSTEM):
            migration._paragraph_to_chapeau(apps, None)
        assert declaration.paragraphs.count() == 3
