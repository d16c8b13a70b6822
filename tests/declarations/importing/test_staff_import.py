"""/staff/import/: upload or paste, check the preview, confirm to create a draft."""

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from declarations.models import Declaration, Paragraph

TEXTS = Path(__file__).parent / "texts"
SPANISH = (TEXTS / "xix-managua-es.txt").read_text(encoding="utf-8")
EXTRAORDINARY = (TEXTS / "first-extraordinary-en.txt").read_text(encoding="utf-8")


def _preview(client, **data):
    return client.post("/staff/import/", {"encoding": "utf-8", "text": "", **data})


def _signed(response) -> str:
    return re.search(r'name="reading" value="([^"]+)"', response.content.decode())[1]


def test_it_shows_the_form(client, seeded, editor):
    client.force_login(editor)
    response = client.get("/staff/import/")
    assert b'enctype="multipart/form-data"' in response.content
    assert b"csrfmiddlewaretoken" in response.content


def test_a_pasted_text_is_previewed_and_nothing_is_written(client, seeded, editor):
    client.force_login(editor)
    response = _preview(client, text=SPANISH)
    page = response.content.decode()
    assert response.status_code == 200
    assert "declaration of the XIX Conference (Spanish)" in page
    assert "Migración y Desarrollo: Un compromiso compartido" in page
    assert "Reconocieron los avances" in page and "ACORDARON:" in page
    assert "Follows up on RCM XVII/5".lower() in page.lower()
    assert not Declaration.objects.filter(conference__number=19).exists()


def test_confirming_creates_the_draft_and_opens_it(client, seeded, editor):
    client.force_login(editor)
    preview = _preview(client, file=SimpleUploadedFile("xix.txt", SPANISH.encode()))
    response = client.post("/staff/import/", {"confirm": "1", "reading": _signed(preview)}, follow=True)
    declaration = Declaration.objects.get(conference__number=19, language="es")
    assert response.redirect_chain[-1][0] == f"/staff/declarations/{declaration.pk}/"
    assert declaration.status == Declaration.Status.DRAFT
    assert "Created the declaration of the XIX Conference (Spanish) as a draft" in response.content.decode()


def test_every_imported_paragraph_has_its_history(client, seeded, editor):
    client.force_login(editor)
    preview = _preview(client, text=SPANISH)
    client.post("/staff/import/", {"confirm": "1", "reading": _signed(preview)})
    paragraphs = Declaration.objects.get(conference__number=19, language="es").paragraphs.all()
    histories = Paragraph.history.filter(id__in=[p.pk for p in paragraphs], history_type="+")
    assert len(paragraphs) > 0
    assert sorted(h.id for h in histories) == sorted(p.pk for p in paragraphs)
    assert {h.history_user for h in histories} == {editor}


def test_unknown_states_are_flagged(client, seeded, editor):
    client.force_login(editor)
    page = _preview(client, text=EXTRAORDINARY).content.decode()
    assert "Not in the archive (1)" in page
    assert "Cuba is not among the archive&#x27;s states" in page
    assert "follows the last decision and was left out" in page


def test_a_text_already_stored_is_shown_with_its_differences_and_cannot_be_created_again(client, seeded, editor):
    client.force_login(editor)
    text = (Path(__file__).parents[3] / "seeds" / "rcm-xvii-2012-declaration-en.txt").read_text(encoding="utf-8")
    page = _preview(client, text=text).content.decode()
    assert "This text is already in the archive" in page
    assert 'name="confirm"' not in page


def test_an_altered_preview_creates_nothing(client, seeded, editor):
    client.force_login(editor)
    signed = _signed(_preview(client, text=SPANISH))
    response = client.post("/staff/import/", {"confirm": "1", "reading": signed[:-2] + "xx"}, follow=True)
    assert "That preview has expired or was altered" in response.content.decode()
    assert not Declaration.objects.filter(conference__number=19).exists()


def test_bad_input_is_refused_with_a_message(client, seeded, editor):
    client.force_login(editor)
    cases = [
        ({"file": SimpleUploadedFile("x.txt", b"")}, "The submitted file is empty."),
        ({"file": SimpleUploadedFile("x.txt", "año".encode("latin-1"))}, "line 1: byte 0xf1 is not UTF-8"),
        (
            {"text": "Nothing here names a conference at all, not even once, in any way whatsoever."},
            "no conference number",
        ),
        ({"text": SPANISH, "file": SimpleUploadedFile("x.txt", b"x")}, "Choose a file or paste a text, not both."),
        ({}, "Choose a file or paste a text, not both."),
    ]
    for data, message in cases:
        response = _preview(client, **data)
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert not Declaration.objects.filter(conference__number=19).exists()


def test_text_in_the_document_is_shown_as_text(client, seeded, editor):
    client.force_login(editor)
    page = _preview(
        client, text=SPANISH.replace("Reconocieron los avances", "Reconocieron <script>alert(1)</script> los avances")
    )
    assert b"<script>alert(1)</script>" not in page.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content
