"""CSV and JSON downloads of a filtered list of decisions or paragraphs: the page's filters, streamed."""

import csv
import io
import json

from tests.factories import conference_with_decisions, conference_with_declaration


def _read(response) -> str:
    assert response.streaming, "exports are streamed, never built in memory"
    return b"".join(response.streaming_content).decode()


class TestDecisionExports:
    def test_csv_has_the_filtered_decisions(self, client, seeded):
        response = client.get("/decisions.csv?topic=migrant-children")
        rows = list(csv.DictReader(io.StringIO(_read(response))))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert [row["citation"] for row in rows] == ["RCM XVII/6"]
        assert rows[0]["topics"] == "consular-protection; migrant-children"
        assert rows[0]["url"] == "/conferences/17/decisions/6/"

    def test_json_has_the_filtered_decisions(self, client, seeded):
        conference_with_decisions(20, ["Protect unaccompanied minors."])
        data = json.loads(_read(client.get("/decisions.json?year_from=2015")))
        assert data == [
            {
                "citation": "RCM XX/1",
                "url": "/conferences/20/decisions/1/",
                "conference": "XX Regional Conference on Migration",
                "year": 2015,
                "number": 1,
                "status": "",
                "topics": [],
                "mandated": ["Technical Secretariat"],
                "mentioned": ["Panama", "UNHCR"],
                "text_en": "Protect unaccompanied minors.",
                "text_es": "",
            }
        ]

    def test_they_leave_out_drafts(self, client, seeded, publisher):
        conference_with_declaration(20, status="draft")
        client.force_login(publisher)
        assert "RCM XX/" not in _read(client.get("/decisions.csv"))
        assert len(json.loads(_read(client.get("/decisions.json")))) == 12

    def test_they_refuse_a_malformed_filter(self, client, seeded):
        assert client.get("/decisions.csv?year_to=later").status_code == 400
        assert client.get("/decisions.json?state=XX").status_code == 400


class TestParagraphExports:
    def test_csv_and_json_have_the_filtered_paragraphs(self, client, seeded):
        conference_with_declaration(20, status="draft")
        rows = list(csv.DictReader(io.StringIO(_read(client.get("/paragraphs.csv?q=trafficking")))))
        data = json.loads(_read(client.get("/paragraphs.json?q=trafficking")))
        assert [row["citation"] for row in rows] == [item["citation"] for item in data]
        assert rows and all(row["citation"].startswith("RCM XVII, paragraph ") for row in rows)
        assert all("trafficking" in item["text"].lower() for item in data)
