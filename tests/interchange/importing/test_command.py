"""manage.py import_declaration: dry runs, imports, batches, and what it refuses."""

import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from decisions.models import Decision
from declarations.models import Conference, Declaration
from rcm.front.seed import SEEDS_DIR

TEXTS = Path(__file__).parent / "texts"
SHARED_SEED = SEEDS_DIR / "rcm-xvii-2012-declaration-en.txt"
SPANISH = TEXTS / "xix-managua-es.txt"


def _run(*args) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_declaration", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _counts() -> tuple[int, int, int]:
    return Conference.objects.count(), Declaration.objects.count(), Decision.objects.count()


def test_a_dry_run_prints_the_same_json_as_the_seeded_declaration(client, seeded):
    exported = client.get("/conferences/17/declaration.json").json()
    before = _counts()
    out, _ = _run(SHARED_SEED, "--dry-run", "--format", "json")
    read = json.loads(out)
    assert _counts() == before
    assert read["paragraphs"] == exported["paragraphs"]
    assert [(d["number"], d["text"]) for d in read["decisions"]] == [
        (d["number"], d["text"]) for d in exported["decisions"]
    ]
    for key in ("meeting", "title", "opening", "chapeau", "participants", "decisions_heading", "references"):
        assert read[key] == exported[key], key


def test_an_import_creates_a_draft_and_completes_the_planned_conference(seeded):
    _, err = _run(SPANISH)
    declaration = Declaration.objects.get(conference__number=19, language="es")
    assert declaration.status == Declaration.Status.DRAFT
    assert declaration.paragraphs.count() == 2
    assert declaration.conference.decisions.count() == 4
    assert declaration.conference.cities == ["Managua"]
    assert str(declaration.conference.start_date) == "2014-06-26"
    assert "imported" in err and "1 imported, 0 failed." in err
    # The XX is in the calendar: decision 4 refers to it.
    assert Decision.objects.get(conference__number=19, number=4).links_out.get().target_conference.number == 20


def test_a_link_to_a_meeting_not_in_the_archive_is_left_out_with_a_warning(seeded, tmp_path):
    ahead = tmp_path / "ahead.txt"
    ahead.write_text(SPANISH.read_text(encoding="utf-8").replace("XX Reunión", "XL Reunión"), encoding="utf-8")
    _, err = _run(ahead)
    assert "decision 4 refers to the XL Conference, which is not in the archive; no link made" in err


def test_importing_the_same_document_again_creates_nothing(seeded):
    # The XIX's theme in the archive (seeds/rcm-meetings.csv) is not this made-up text's: the text's stands.
    Conference.objects.filter(number=19).update(theme_es="")
    _run(SPANISH)
    before = _counts()
    _, err = _run(SPANISH)
    assert _counts() == before
    assert "is already in the archive, identical" in err
    assert "1 unchanged" in err


def test_a_changed_document_says_what_differs(seeded, tmp_path):
    _run(SPANISH)
    changed = tmp_path / "changed.txt"
    changed.write_text(SPANISH.read_text(encoding="utf-8").replace("año 2015", "año 2016"), encoding="utf-8")
    _, err = _run(changed)
    assert "Decision 1: text changed" in err
    assert "in the archive: Aprobar el presupuesto presentado por la Secretaría Técnica para el año 2015." in err
    assert "in the document: Aprobar el presupuesto presentado por la Secretaría Técnica para el año 2016." in err
    assert Decision.objects.get(conference__number=19, number=1).text_es.endswith("año 2015.")


def test_a_declaration_json_file_is_recreated_exactly(client, seeded, editor, tmp_path):
    document = client.get("/conferences/17/declaration.json").json()
    document["meeting"]["number"] = 30
    for decision in document["decisions"]:
        decision["citation"] = decision["citation"].replace("XVII", "XXX")
    path = tmp_path / "xxx.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    _run(path)
    client.force_login(editor)
    # Imports are drafts, whatever the file says: only a publisher publishes.
    assert client.get("/conferences/30/declaration.json").json() == {**document, "status": "draft"}


def test_a_folder_imports_the_good_files_and_lists_the_bad(seeded, tmp_path):
    (tmp_path / "a-good.txt").write_bytes(SPANISH.read_bytes())
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-binary.pdf").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "d-latin1.txt").write_bytes("Declaración\nXIX REUNIÓN\n".encode("latin-1"))
    (tmp_path / "e-nothing.txt").write_text(
        "Minutes of a meeting where the delegations talked at length about many things."
    )
    (tmp_path / "f-large.txt").write_bytes(b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(CommandError) as refused:
        _run(tmp_path)
    assert Declaration.objects.filter(conference__number=19).count() == 1
    message = str(refused.value)
    assert message.startswith("5 of 6 files could not be imported")
    assert f"{tmp_path}/b-empty.txt: the file is empty" in message
    assert f"{tmp_path}/c-binary.pdf: the file is binary, not text" in message
    assert f"{tmp_path}/d-latin1.txt: line 1: byte 0xf3 is not UTF-8" in message
    assert f"{tmp_path}/e-nothing.txt: lines 1-1: not an outcome document of the RCM" in message
    assert f"{tmp_path}/f-large.txt: the file is 5.0 MB, over the limit of 5 MB" in message


def test_a_cp1252_file_imports_when_its_encoding_is_given(seeded, tmp_path):
    path = tmp_path / "xix.txt"
    path.write_bytes(SPANISH.read_text(encoding="utf-8").encode("cp1252"))
    with pytest.raises(CommandError):
        _run(path)
    assert not Declaration.objects.filter(conference__number=19).exists()
    _run(path, "--encoding", "cp1252")
    assert Declaration.objects.get(conference__number=19).paragraphs.first().text.startswith("Reconocieron los avances")


def test_a_word_document_with_bullet_and_numbered_lists(seeded, tmp_path):
    document = docx.Document()
    lines = SPANISH.read_text(encoding="utf-8").split("\n")
    for line in lines:
        if line.startswith(("1. ", "2. ", "3. ", "4. ")):
            document.add_paragraph(line[3:], style="List Number")
        elif line.startswith(("Reconocieron", "Destacando")):
            document.add_paragraph(line, style="List Bullet")
        elif line:
            document.add_paragraph(line)
    path = tmp_path / "xix.docx"
    document.save(path)
    out, _ = _run(path, "--dry-run", "--format", "json")
    data = json.loads(out)
    assert [p["verb"] for p in data["paragraphs"]] == ["Reconocieron", "Destacando"]
    assert [d["number"] for d in data["decisions"]] == [1, 2, 3, 4]
    assert (
        data["decisions"][0]["text"] == "Aprobar el presupuesto presentado por la Secretaría Técnica para el año 2015."
    )


def test_a_pdf_is_read_by_its_text(seeded, tmp_path):
    from rcm.lib.weasy import render_pdf

    paragraphs = "".join(
        f"<p>{line}</p>" for line in SHARED_SEED.read_text(encoding="utf-8").split("\n") if line.strip()
    )
    path = tmp_path / "xvii.pdf"
    path.write_bytes(render_pdf(f"<html><body style='font-size:9pt'>{paragraphs}</body></html>", "/"))
    out, _ = _run(path, "--dry-run", "--format", "json")
    data = json.loads(out)
    assert data["meeting"]["number"] == 17
    assert len(data["paragraphs"]) == 6
    assert data["decisions_chapeau"].startswith("Reaffirming the principles established in the Puebla Process")
    assert [d["number"] for d in data["decisions"]] == list(range(1, 13))
    assert data["decisions"][7]["text"].startswith("Renew the contract of Mr. Oliver Francis Bush Espinosa")
