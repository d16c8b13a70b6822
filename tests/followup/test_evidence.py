"""Evidence documents: checked by content, stored outside the static files, served to allowed readers."""

import io
import re
import resource
import signal
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from decisions.models import Decision
from followup.models import FollowUpAction
from tests.factories import conference_with_declaration

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    return tmp_path / "evidence"


def _files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _action_form(upload: SimpleUploadedFile) -> dict:
    return {
        "form": "action",
        "action-date": "2013-05-01",
        "action-description": "Minutes of the meeting",
        "action-done_by": "Technical Secretariat",
        "action-evidence_file": upload,
    }


def _upload(client, decision: Decision, upload: SimpleUploadedFile):
    return client.post(reverse("staff_decision_followup", args=[decision.pk]), _action_form(upload))


def test_a_pdf_is_stored_outside_static_and_served_to_readers(client, seeded, editor, evidence_root):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    _upload(client, decision, SimpleUploadedFile("Minutes 2013.pdf", PDF, content_type="application/pdf"))
    action = FollowUpAction.objects.get(decision=decision)
    stored = _files(evidence_root)
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    client.logout()
    response = client.get(reverse("evidence", args=[decision.conference, 5, action.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # reading it to the end closes the file
    assert response["Content-Disposition"] == 'attachment; filename="Minutes 2013.pdf"'
    assert client.get(f"/static/{stored[0].name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not a PDF, DOCX or ODT document"),
        ("notes.docx", PDF, "named as DOCX but its content is PDF"),
        ("empty.pdf", b"", "empty"),
        ("page.pdf", b"<html><body>".ljust(200) + PDF, "does not begin with “%PDF-” as a PDF document does"),
    ],
)
def test_a_refused_upload_leaves_nothing(client, seeded, editor, evidence_root, name, content, message):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    response = _upload(client, decision, SimpleUploadedFile(name, content))
    assert message in response.content.decode()
    assert not FollowUpAction.objects.exists()
    assert _files(evidence_root) == []


def test_a_file_over_20_mb_is_refused(client, seeded, editor, evidence_root):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    big = io.BytesIO()
    big.write(PDF)
    big.write(b"0" * (20 * 1024 * 1024))
    response = _upload(client, decision, SimpleUploadedFile("big.pdf", big.getvalue()))
    assert "larger than the limit of 20 MB" in response.content.decode()
    assert not FollowUpAction.objects.exists() and _files(evidence_root) == []


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Minutes.pdf", PDF, "application/pdf"),
        ("Informe.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("Acta.odt", _odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_each_kind_is_served_with_its_own_content_type(client, seeded, editor, name, content, content_type):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    _upload(client, decision, SimpleUploadedFile(name, content, content_type="application/octet-stream"))
    response = client.get(reverse("evidence", args=[decision.conference, 5, FollowUpAction.objects.get().pk]))
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_two_uploads_of_one_name_are_kept_apart_under_names_of_our_own(client, seeded, editor, evidence_root):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    for content in (PDF, PDF + b"%second\n"):
        _upload(client, decision, SimpleUploadedFile("../../etc/Minutes.pdf", content))
    stored = _files(evidence_root)
    assert sorted(path.read_bytes() for path in stored) == [PDF, PDF + b"%second\n"]
    names = [path.relative_to(evidence_root).as_posix() for path in stored]
    assert len(set(names)) == 2
    for name in names:
        assert re.fullmatch(r"\d{4}/[0-9a-f]{16}-minutes\.pdf", name), name


def test_evidence_of_a_draft_is_404_to_the_public(client, seeded, editor):
    declaration = conference_with_declaration(20, status="draft")
    decision = declaration.conference.decisions.get(number=1)
    client.force_login(editor)
    _upload(client, decision, SimpleUploadedFile("m.pdf", PDF))
    action = FollowUpAction.objects.get()
    url = reverse("evidence", args=[declaration.conference, 1, action.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert set(response["Cache-Control"].split(", ")) == {"no-cache", "private"}
    client.logout()
    assert client.get(url).status_code == 404


def test_a_document_stored_before_the_storage_setting_is_still_served(client, seeded, evidence_root):
    """Rows keep the name of their file inside the evidence folder, which STORAGES["evidence"] still is."""
    (evidence_root / "2013").mkdir(parents=True)
    (evidence_root / "2013" / "0123456789abcdef-minutes.pdf").write_bytes(PDF)
    decision = Decision.objects.get(conference__number=17, number=5)
    action = FollowUpAction.objects.create(
        decision=decision, date="2013-05-01", description="Minutes", done_by="Technical Secretariat",
        evidence_file="2013/0123456789abcdef-minutes.pdf", evidence_name="Minutes.pdf",
    )  # fmt: skip
    response = client.get(reverse("evidence", args=[decision.conference, 5, action.pk]))
    assert b"".join(response.streaming_content) == PDF


@pytest.fixture
def disk_full_after_64_kb():
    """Writes past 64 KB fail in this process as on a full disk (EFBIG instead of ENOSPC), during the test."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    ignored = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel stops the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    yield
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    signal.signal(signal.SIGXFSZ, ignored)


def test_a_store_that_fails_half_way_leaves_nothing(client, seeded, editor, evidence_root, disk_full_after_64_kb):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    response = _upload(client, decision, SimpleUploadedFile("Minutes.pdf", PDF + b"0" * 1024 * 1024))
    assert "The document could not be stored, and nothing was recorded" in response.content.decode()
    assert not FollowUpAction.objects.exists()
    assert _files(evidence_root) == []  # neither under its name nor half-written under another


def _post_cut_short(client, url: str, data: dict, *, keep: float):
    """A POST whose client went away after sending `keep` of its body: the server reads fewer bytes than
    its Content-Length announced, then the end of the stream."""
    body = encode_multipart(BOUNDARY, data)
    sent = io.BytesIO(body[: int(len(body) * keep)])
    return client.generic(
        "POST", url, CONTENT_TYPE=MULTIPART_CONTENT, CONTENT_LENGTH=str(len(body)), **{"wsgi.input": sent}
    )


@pytest.mark.parametrize("keep", [0.5, 0.9999])
def test_an_upload_cut_short_leaves_nothing(client, seeded, editor, evidence_root, settings, tmp_path, keep):
    # Over 2.5 MB, the upload is spooled to a temporary file while it arrives: that goes too.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    upload = SimpleUploadedFile("Minutes.pdf", PDF + b"0" * 3 * 1024 * 1024)
    response = _post_cut_short(
        client, reverse("staff_decision_followup", args=[decision.pk]), _action_form(upload), keep=keep
    )
    assert response.status_code == 400
    assert not FollowUpAction.objects.exists()
    assert _files(evidence_root) == [] and _files(tmp_path / "uploads") == []
