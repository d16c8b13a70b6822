"""Evidence in an S3-compatible bucket (EVIDENCE_S3_BUCKET): stored, served and refused as in the folder.

The bucket is on moto's S3 server, on this machine, spoken to over HTTP as to any S3-compatible store.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from decisions.models import Decision
from followup.models import FollowUpAction
from tests.factories import conference_with_declaration
from tests.services import closed_port, settings_from

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, decision: Decision, content: bytes):
    return client.post(
        reverse("staff_decision_followup", args=[decision.pk]),
        {
            "form": "action",
            "action-date": "2013-05-01",
            "action-description": "Minutes of the meeting",
            "action-done_by": "Technical Secretariat",
            "action-evidence_file": SimpleUploadedFile("Minutes 2013.pdf", content),
        },
    )


def test_a_document_goes_to_the_bucket_and_is_served_from_it(client, seeded, editor, bucket, tmp_path):
    client.force_login(editor)
    decision = Decision.objects.get(conference__number=17, number=5)
    _upload(client, decision, PDF)
    action = FollowUpAction.objects.get(decision=decision)
    assert bucket() == {action.evidence_file.name: PDF}
    assert not (tmp_path / "evidence").exists()
    client.logout()
    response = client.get(reverse("evidence", args=[decision.conference, 5, action.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="Minutes 2013.pdf"'


def test_a_draft_s_document_in_the_bucket_is_404_to_the_public(client, seeded, editor, bucket):
    declaration = conference_with_declaration(20, status="draft")
    client.force_login(editor)
    _upload(client, declaration.conference.decisions.get(number=1), PDF)
    client.logout()
    url = reverse("evidence", args=[declaration.conference, 1, FollowUpAction.objects.get().pk])
    assert client.get(url).status_code == 404


def test_a_bucket_out_of_reach_is_said_and_records_nothing(client, seeded, editor, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "moto")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "moto")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": settings_from(
            monkeypatch, EVIDENCE_S3_BUCKET="evidence", EVIDENCE_S3_ENDPOINT_URL=f"http://127.0.0.1:{closed_port()}"
        ).STORAGES["evidence"],
    }
    client.force_login(editor)
    response = _upload(client, Decision.objects.get(conference__number=17, number=5), PDF)
    assert "The document could not be stored, and nothing was recorded" in response.content.decode()
    assert not FollowUpAction.objects.exists()
