"""Importing a meeting's text in the other language attaches it to the document it translates, aligned by
number, and the report says what does not align. Every text here is [Test data] written for these tests."""

import json
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from decisions.models import Decision
from declarations.models import Declaration, OutcomeDocument
from tests.declarations.bilingual import DECISIONS_ES, PARAGRAPHS_ES, english, imported, spanish


@pytest.fixture(autouse=True)
def _in_english():
    # The problems are sentences in the active language: a Spanish request earlier in this thread leaves it active.
    with translation.override("en"):
        yield


def _import(tmp_path, document: dict) -> str:
    path = tmp_path / "translation.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    err = StringIO()
    call_command("import_declaration", str(path), stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_the_command_attaches_a_translation_and_says_it_aligns(seeded, tmp_path):
    en = imported(english(30))
    report = _import(tmp_path, spanish(30, status="draft"))
    es = Declaration.objects.get(conference__number=30, language="es")
    assert es.outcome == en.outcome and OutcomeDocument.objects.filter(conference__number=30).count() == 1
    assert es.status == Declaration.Status.DRAFT
    assert [d.text_es for d in Decision.objects.filter(outcome=en.outcome).order_by("number")] == DECISIONS_ES
    assert "It aligns with the text in the other language, part by part." in report


def test_the_command_reports_what_does_not_align(seeded, tmp_path):
    # A draft: a decision in Spanish only adds an item to the document, which a published text refuses
    # to anyone but a publisher (declarations.access).
    en = imported(english(30, status="draft"))
    report = _import(
        tmp_path,
        spanish(
            30, status="draft", paragraphs=PARAGRAPHS_ES[:2], decisions=[(1, DECISIONS_ES[0]), (3, "[Test data] Tres.")]
        ),
    )
    assert Decision.objects.filter(outcome=en.outcome).count() == 3  # decision 3 is new, in Spanish only
    assert "It does not align with the text in the other language:" in report
    for problem in (
        "The two texts have different numbers of paragraphs: 3 in English, 2 in Spanish.",
        "Paragraph 3 is in the English text only.",
        "RCM XXX/2 has no Spanish text.",
        "RCM XXX/3 has no English text.",
    ):
        assert problem in report


def test_a_text_in_one_language_reports_no_alignment(seeded, tmp_path):
    report = _import(tmp_path, english(30, status="draft"))
    assert "imported" in report and "align" not in report


def test_the_staff_import_attaches_it_and_warns(client, seeded, editor):
    en = imported(english(30))
    client.force_login(editor)
    document = json.dumps(spanish(30, status="draft", paragraphs=PARAGRAPHS_ES[:2]), ensure_ascii=False)
    preview = client.post(
        "/staff/import/",
        {"encoding": "utf-8", "text": "", "file": SimpleUploadedFile("xxx-es.json", document.encode())},
    )
    signed = re.search(r'name="reading" value="([^"]+)"', preview.content.decode())[1]
    response = client.post("/staff/import/", {"confirm": "1", "reading": signed}, follow=True)
    es = Declaration.objects.get(conference__number=30, language="es")
    assert es.outcome == en.outcome
    assert response.redirect_chain[-1][0] == f"/staff/declarations/{es.pk}/"
    content = response.content.decode()
    assert "It does not align with the text in the other language:" in content
    assert "Paragraph 3 is in the English text only." in content


def test_sections_are_part_of_each_language_text(seeded, tmp_path):
    english_text = english(30)
    for decision in english_text["decisions"]:
        decision["section"] = "[Test data] Cooperation"
    en = imported(english_text)
    spanish_text = spanish(30, status="draft")
    for decision in spanish_text["decisions"]:
        decision["section"] = "[Test data] Cooperación"
    report = _import(tmp_path, spanish_text)  # the English text, published, is not changed
    assert "It aligns with the text in the other language, part by part." in report
    decision = Decision.objects.get(outcome=en.outcome, number=1)
    assert (decision.section_en, decision.section_es) == ("[Test data] Cooperation", "[Test data] Cooperación")
    assert Declaration.objects.get(pk=en.pk).corrected_at is None
