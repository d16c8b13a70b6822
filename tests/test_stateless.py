"""With REDIS_URL and an evidence bucket, an app server keeps nothing on its own disk (docs/storage.md):
pages, PDFs, sign-ins and uploads leave no file behind, so any server can answer any request."""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.models import Decision
from followup.models import FollowUpAction
from tests.services import REDIS_URL, redis_answers, settings_from

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _files_under(folders: list[Path]) -> dict[Path, float]:
    return {path: path.stat().st_mtime for folder in folders for path in folder.rglob("*") if path.is_file()}


@pytest.mark.skipif(not os.environ.get("CI") and not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_pages_pdfs_sign_ins_and_uploads_write_no_file(client, seeded, editor, bucket, settings, monkeypatch, tmp_path):
    settings.CACHES = settings_from(monkeypatch, REDIS_URL=REDIS_URL).CACHES
    # Django spools an upload over 2.5 MB to the temporary folder while it arrives, and deletes it after.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "spool")
    (tmp_path / "spool").mkdir()
    folders = [
        tmp_path / "spool",
        Path(settings.EVIDENCE_ROOT),
        django_settings.BASE_DIR / "var",
        *(Path(os.environ[name]) for name in ("PDF_CACHE_DIR", "PAGE_CACHE_DIR", "EVIDENCE_ROOT")),
    ]
    before = _files_under(folders)

    for _ in range(2):  # rendered, then from the page cache
        assert client.get("/conferences/17/declaration/").status_code == 200
    assert client.get("/conferences/17/declaration.pdf").status_code == 200
    assert client.post(reverse("login"), {"username": "editor", "password": "wrong"}).status_code == 200
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    client.post(
        reverse("staff_decision_followup", args=[decision.pk]),
        {
            "form": "action",
            "action-date": "2013-05-01",
            "action-description": "Minutes of the meeting",
            "action-done_by": "Technical Secretariat",
            "action-evidence_file": SimpleUploadedFile("Minutes.pdf", PDF + b"0" * 3 * 1024 * 1024),
        },
    )
    action = FollowUpAction.objects.get()
    response = client.get(reverse("evidence", args=[decision.conference, 5, action.pk]))
    assert b"".join(response.streaming_content).startswith(PDF)

    assert list(bucket()) == [action.evidence_file.name]
    assert _files_under(folders) == before
