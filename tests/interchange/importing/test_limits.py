"""What a file may cost to read and to import: past a limit it is refused with a one-line reason, on
the staff page and by the command (the other files of a batch still imported), and nothing is written.

The hostile files are built in memory: a few kilobytes that unpack to tens of megabytes.
"""

import copy
import io
import json
import re
import struct
import zipfile
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from decisions.models import Decision
from declarations.models import MAX_PARAGRAPHS, Conference, Declaration
from rcm.front.seed import SEEDS_DIR
from rcm.interchange.importing.sources import MAX_PDF_PAGES, MAX_TEXT_CHARACTERS, MAX_WORD_ELEMENTS
from rcm.interchange.schema import MAX_DECISIONS, MAX_NAMES

TEXTS = Path(__file__).parent / "texts"
SPANISH = TEXTS / "xix-managua-es.txt"
SEEDED_JSON = json.loads((SEEDS_DIR / "rcm-xvii-2012-declaration-en.json").read_text(encoding="utf-8"))
_MB = 1024 * 1024


def _word_file(body: bytes, declared_size: int | None = None) -> bytes:
    """A .docx whose document.xml body is `body`; with `declared_size`, its zip directory lies about it."""
    blank = io.BytesIO()
    docx.Document().save(blank)
    out = io.BytesIO()
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + body + tail
            target.writestr(member.filename, data)
    content = bytearray(out.getvalue())
    if declared_size is not None:
        name = b"word/document.xml"
        for marker, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
            position = content.find(marker)
            while position != -1:
                if content[position + name_at : position + name_at + len(name)] == name:
                    struct.pack_into("<I", content, position + size_at, declared_size)
                position = content.find(marker, position + 1)
    return bytes(content)


def _word_bomb(megabytes: int) -> bytes:
    paragraph = b"<w:p><w:r><w:t>Recognized the importance of the region.</w:t></w:r></w:p>"
    return _word_file(paragraph * (megabytes * _MB // len(paragraph) + 1))


def _pdf(pages: int = 1, content: bytes = b"") -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    if content:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        stream = DecodedStreamObject()
        stream.set_data(content)
        writer.pages[0][NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        writer.pages[0][NameObject("/Contents")] = writer._add_object(stream.flate_encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _json(**changes) -> bytes:
    document = copy.deepcopy(SEEDED_JSON)
    document["conference"]["number"] = 40
    document.update(changes)
    return json.dumps(document).encode()


def _records() -> tuple[int, int, int]:
    return Conference.objects.count(), Declaration.objects.count(), Decision.objects.count()


def _refused_on_the_staff_page(client, name: str, content: bytes) -> str:
    before = _records()
    response = client.post("/staff/import/", {"encoding": "utf-8", "file": SimpleUploadedFile(name, content)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This cannot be imported:" in page
    assert _records() == before
    return page


def _refused_by_the_command(tmp_path, name: str, content: bytes) -> str:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "xix.txt").write_bytes(SPANISH.read_bytes())
    with pytest.raises(CommandError) as refused:
        call_command("import_declaration", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert Declaration.objects.filter(conference__number=19).count() == 1  # the good file still imported
    message = str(refused.value)
    assert message.startswith("1 of 2 files could not be imported")
    return message


# 20 MB of text and python-docx's template around it
WORD_BOMB = re.compile(r"the Word file expands to 20\.\d MB, over the limit of 20 MB")


def test_a_word_bomb_is_refused_on_the_staff_page(client, seeded, editor):
    client.force_login(editor)
    content = _word_bomb(20)
    assert len(content) < 200 * 1024
    assert WORD_BOMB.search(_refused_on_the_staff_page(client, "bomb.docx", content))


def test_a_word_bomb_is_refused_by_the_command(seeded, tmp_path):
    message = _refused_by_the_command(tmp_path, "bomb.docx", _word_bomb(20))
    assert re.search(f"bomb.docx: {WORD_BOMB.pattern}", message)


def test_a_word_file_with_one_huge_part_is_refused(client, seeded, editor):
    client.force_login(editor)
    page = _refused_on_the_staff_page(client, "part.docx", _word_bomb(6))
    assert "has a part (word/document.xml) that expands to 6.1 MB, over the limit of 5 MB for one part" in page


def test_a_word_file_that_understates_its_size_is_refused_unread(client, seeded, editor):
    client.force_login(editor)
    lying = _word_file(b"<w:p><w:r><w:t>" + b"a" * (20 * _MB) + b"</w:t></w:r></w:p>", declared_size=1000)
    page = _refused_on_the_staff_page(client, "lying.docx", lying)
    assert "the Word document cannot be read (Bad CRC-32" in page


def test_a_word_file_of_countless_tiny_paragraphs_is_refused(client, seeded, editor):
    client.force_login(editor)
    page = _refused_on_the_staff_page(client, "tiny.docx", _word_file(b"<w:p/>" * (MAX_WORD_ELEMENTS + 1)))
    assert f"over the limit of {MAX_WORD_ELEMENTS:,}: save it as plain text" in page


def test_a_pdf_stream_bomb_is_refused(seeded, tmp_path):
    line = b"BT /F1 12 Tf 72 720 Td (Recognized the importance of migration) Tj ET\n"
    bomb = _pdf(content=line * (30 * _MB // len(line)))
    assert len(bomb) < 200 * 1024
    message = _refused_by_the_command(tmp_path, "bomb.pdf", bomb)
    assert "bomb.pdf: the PDF has a part too large to read safely (Limit reached while decompressing" in message


def test_a_pdf_of_too_many_pages_is_refused(client, seeded, editor):
    client.force_login(editor)
    page = _refused_on_the_staff_page(client, "pages.pdf", _pdf(pages=MAX_PDF_PAGES + 1))
    assert f"the PDF has {MAX_PDF_PAGES + 1} pages, over the limit of {MAX_PDF_PAGES}" in page


def test_a_text_too_long_is_refused_on_the_staff_page(client, seeded, editor):
    client.force_login(editor)
    text = SPANISH.read_text(encoding="utf-8") + " Y" * MAX_TEXT_CHARACTERS
    page = _refused_on_the_staff_page(client, "long.txt", text.encode())
    assert f"characters long, over the limit of {MAX_TEXT_CHARACTERS:,}" in page


def test_a_long_one_line_text_is_refused_by_the_command(seeded, tmp_path):
    one_line = " ".join(SPANISH.read_text(encoding="utf-8").split())
    text = (one_line + " ") * (4_900_000 // len(one_line))
    message = _refused_by_the_command(tmp_path, "one-line.txt", text.encode())
    assert f"one-line.txt: the text is {len(text):,} characters long, over the limit of" in message


def test_a_json_with_too_many_decisions_is_refused(client, seeded, editor):
    client.force_login(editor)
    decisions = [{"number": number, "text": f"Decide {number}."} for number in range(1, MAX_DECISIONS + 2)]
    page = _refused_on_the_staff_page(client, "many.json", _json(decisions=decisions))
    assert f"decisions: a document has at most {MAX_DECISIONS} decisions; this one has {MAX_DECISIONS + 1}" in page


def test_a_json_naming_too_many_states_is_refused(seeded, tmp_path):
    states = [f"{chr(65 + number // 26)}{chr(65 + number % 26)}" for number in range(50)]
    decisions = [
        {"number": number, "text": f"Decide {number}.", "mentioned": {"states": states}}
        for number in range(1, MAX_NAMES // len(states) + 2)
    ]
    message = _refused_by_the_command(tmp_path, "names.json", _json(decisions=decisions))
    assert f"names.json: decisions: a document has at most {MAX_NAMES:,} names and links" in message


def test_a_text_with_too_many_paragraphs_is_refused(client, seeded, editor):
    client.force_login(editor)
    lines = SPANISH.read_text(encoding="utf-8").split("\n")
    start = next(index for index, line in enumerate(lines) if line.startswith("Reconocieron"))
    paragraphs = [f"Reconocieron el punto {number}." for number in range(MAX_PARAGRAPHS + 1)]
    text = "\n\n".join([*lines[:start], *paragraphs, *lines[start + 1 :]])
    page = _refused_on_the_staff_page(client, "paragraphs.txt", text.encode())
    assert f"paragraphs: a document has at most {MAX_PARAGRAPHS} paragraphs; this one has" in page
