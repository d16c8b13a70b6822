"""/staff/import/: upload or paste, check the preview, confirm to create a draft."""

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile

from declarations.models import Declaration, Paragraph
from tests.factories import declaration_document

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


def test_the_staff_screens_name_no_command_and_offer_no_test_data(client, seeded, editor):
    client.force_login(editor)
    pages = [client.get(url).content.decode() for url in ("/staff/import/", "/staff/conferences/new/", "/staff/")]
    assert "ask the site’s administrator" in pages[0]
    for page in pages:
        assert "manage.py" not in page and "--meeting" not in page
        assert "Synthetic" not in page and "test data" not in page


def test_a_pasted_text_is_previewed_and_nothing_is_written(client, seeded, editor):
    client.force_login(editor)
    response = _preview(client, text=SPANISH)
    page = response.content.decode()
    assert response.status_code == 200
    assert "declaration of the XIX Conference (Spanish)" in page
    assert "Migración y Desarrollo: Un compromiso compartido" in page
    assert "Reconocieron los avances" in page and "ACORDARON:" in page
    assert "Follows up on RCM XVII/5".lower() in page.lower()
    assert "<dd>31 December 2014 (“hasta diciembre de 2014”)</dd>" in page
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
    # The sentence leading into the decisions is read as the field the archive holds it in, shown once.
    differences = re.search(r'<ul class="differences">(.*?)</ul>', page, re.S).group(1)
    assert "is no longer mandated" in differences  # a plain text does not say whom its decisions mandate
    assert "Paragraph" not in differences and "chapeau" not in differences.lower()
    assert page.count("Heads of Delegation reached the following:") == 1


def test_a_text_already_stored_is_said_as_information_not_as_an_error(client, seeded, editor):
    client.force_login(editor)
    text = (Path(__file__).parents[3] / "seeds" / "rcm-xvii-2012-declaration-en.txt").read_text(encoding="utf-8")
    page = lxml.html.fromstring(_preview(client, text=text).content)
    [box] = page.xpath("//main//*[.//strong[starts-with(., 'This text is already in the archive')]][@role][1]")
    assert box.get("class").split()[0] == "note" and box.get("role") == "note"
    assert not page.xpath("//main//*[contains(@class, 'errorbox') or @role='alert']")


def test_the_differences_from_the_stored_text_are_said_in_words_and_shown_whole(client, seeded, editor):
    client.force_login(editor)
    client.post("/staff/import/", {"confirm": "1", "reading": _signed(_preview(client, text=SPANISH))})
    changed = SPANISH.replace(
        "3. Encargar a la Secretaría Técnica preparar", "3. Encargar a los países miembros preparar"
    )
    changed = changed.replace("los avances alcanzados", "los importantes avances <b>alcanzados</b>")
    page = _preview(client, text=changed).content.decode()
    differences = page.split('class="differences"')[1].split("</ul>")[0]
    # Numbered as the page numbers them, actors by name, no schema paths or codes.
    assert "<strong>Decision 3:</strong> Technical Secretariat is no longer mandated" in differences
    assert "<strong>Paragraph 1:</strong> text changed" in differences
    assert "decisions[" not in differences and "technical-secretariat" not in differences
    # Each version whole, the changed words marked, the document's markup shown as text.
    assert "Reconocieron los <ins>importantes</ins> avances <ins>&lt;b&gt;alcanzados&lt;/b&gt;</ins> por" in differences
    assert "Reconocieron los avances <del>alcanzados</del> por" in differences
    assert "migrantes no acompañados.</dd>" in differences


def test_the_differences_are_in_spanish_for_a_spanish_reader(client, seeded, editor):
    client.force_login(editor)
    client.post("/staff/import/", {"confirm": "1", "reading": _signed(_preview(client, text=SPANISH))})
    changed = SPANISH.replace(
        "3. Encargar a la Secretaría Técnica preparar", "3. Encargar a los países miembros preparar"
    )
    page = client.post(
        "/staff/import/?lang=es", {"encoding": "utf-8", "text": changed}, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "<strong>Decisión 3:</strong> Secretaría Técnica ya no tiene mandato" in page


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
            "not an outcome document of the RCM",
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


def test_vertical_tabs_and_page_breaks_are_read_as_line_breaks_with_a_warning(client, seeded, editor):
    client.force_login(editor)
    # A page break between the paragraphs, and Word's manual line break inside decision 1.
    text = SPANISH.replace("\n\nDestacando", "\n\x0c\nDestacando").replace(
        "Aprobar el presupuesto presentado", "Aprobar el presupuesto\x0bpresentado"
    )
    preview = _preview(client, file=SimpleUploadedFile("xix.txt", text.encode()))
    page = preview.content.decode()
    assert "line 9: a page break (U+000C) was read as a line break" in page
    assert "line 14: a vertical tab (U+000B) was read as a line break" in page
    client.post("/staff/import/", {"confirm": "1", "reading": _signed(preview)})
    declaration = Declaration.objects.get(conference__number=19, language="es")
    assert declaration.paragraphs.count() == 2
    assert (
        declaration.conference.decisions.get(number=1).text_es
        == "Aprobar el presupuesto presentado por la Secretaría Técnica para el año 2015."
    )


def test_the_importers_warnings_look_like_warnings_not_like_success(client, seeded, editor):
    client.force_login(editor)
    preview = _preview(client, text=SPANISH.replace("XX Reunión", "XL Reunión"))
    page = client.post("/staff/import/", {"confirm": "1", "reading": _signed(preview)}, follow=True).content.decode()
    assert (
        '<li class="warning"><span class="message-kind">Warning:</span>'
        "decision 4 refers to the XL Conference, which is not in the archive; no link made" in page
    )
    assert '<li class="success">Created the declaration of the XIX Conference (Spanish) as a draft' in page


def test_control_characters_are_refused_with_their_place(client, seeded, editor):
    client.force_login(editor)
    document = declaration_document(30, 1)
    document["decisions"][0]["text"] = "Decide\x01 now."
    word = docx.Document()
    word.add_paragraph("MARKER")
    with io.BytesIO() as saved:
        word.save(saved)
        word_file = _with_document_xml(saved.getvalue(), b"MARKER", b"Decide\x0b now.")
    cases = [
        (
            {"text": SPANISH.replace("2. Dar seguimiento", "2. Dar seguimiento\x01")},
            "This cannot be imported: line 14 contains a control character (U+0001) at character 19, "
            "after “2. Dar seguimiento”; remove it.",
        ),
        (
            {"file": SimpleUploadedFile("xxx.json", json.dumps(document).encode())},
            "This cannot be imported: decisions[0].text: contains a control character (U+0001) at character 7, "
            "after “Decide”; remove it.",
        ),
        (
            {"file": SimpleUploadedFile("x.docx", word_file)},
            "This cannot be imported: the Word document cannot be read",
        ),
    ]
    for data, message in cases:
        response = _preview(client, **data)
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert not Declaration.objects.filter(conference__number__in=[19, 30]).exists()


def _with_document_xml(content: bytes, old: bytes, new: bytes) -> bytes:
    """The Word file with `old` replaced by `new` in its text, as no Word would write it."""
    with zipfile.ZipFile(io.BytesIO(content)) as source, io.BytesIO() as changed:
        with zipfile.ZipFile(changed, "w") as target:
            for item in source.infolist():
                data = source.read(item.filename)
                target.writestr(item, data.replace(old, new) if item.filename == "word/document.xml" else data)
        return changed.getvalue()


def test_the_preview_speaks_the_readers_language(client, seeded, editor):
    """Needs the Spanish catalogue (locale/es)."""
    client.force_login(editor)
    response = client.post("/staff/import/", {"encoding": "utf-8", "text": SPANISH}, HTTP_ACCEPT_LANGUAGE="es-MX")
    page = response.content.decode()
    assert "Revise lo que se leyó" in page
    assert "Crear este borrador" in page
    assert '<time datetime="2014-06-27">27 de junio de 2014</time>' in page  # the days as Spanish writes them
